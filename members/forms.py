from django import forms
from django.utils.translation import gettext_lazy as _

from members.choices import ContributionKind, MemberKind, PaymentMethod
from organizations.forms import RegionChoiceField
from organizations.models import Organization, Region
from people.identifiers import DocumentType
from redcross.portal.views import ScopedFormMixin

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MemberForm(ScopedFormMixin, forms.Form):
    """A person (individual member) or a member unit with its contact person; people go through the registry."""

    kind = forms.ChoiceField(label=_("member kind"), choices=MemberKind.choices)
    society = forms.ModelChoiceField(queryset=Organization.objects.filter(
        kind__in=["city_society", "district_society", "town_organization"], is_active=True).order_by("region_id"),
        label=_("society"))
    unit = forms.ModelChoiceField(queryset=Organization.objects.filter(kind="member_unit", is_active=True)
                                  .order_by("name"), required=False, label=_("member unit"))
    organization = forms.ModelChoiceField(queryset=Organization.objects.filter(is_active=True).exclude(
        kind="partner_society").order_by("region_id", "name"), required=False, label=_("belongs to"),
        help_text=_("The Red Cross organisation or member unit the member belongs to."))
    joined_on = forms.DateField(label=_("joined on"), widget=DATE)
    full_name = forms.CharField(label=_("full name (the member, or the unit's contact person)"), max_length=100)
    document_type = forms.ChoiceField(label=_("document type"), choices=DocumentType.choices)
    document_number = forms.CharField(label=_("document number"), max_length=32)
    mobile = forms.CharField(label=_("mobile"), max_length=20, required=False)
    region = RegionChoiceField(queryset=Region.objects.order_by("code"), label=_("region of residence"))

    def __init__(self, *args, instance=None, **kwargs):
        super().__init__(*args, **kwargs)


class DuesPaymentForm(forms.Form):
    year = forms.IntegerField(label=_("dues year"), min_value=1990, max_value=2999)
    paid_on = forms.DateField(label=_("paid on"), widget=DATE)
    method = forms.ChoiceField(label=_("payment method"), choices=PaymentMethod.choices)
    amount = forms.DecimalField(label=_("amount (yuan)"), max_digits=10, decimal_places=2, required=False,
                                help_text=_("Empty: the year's rate."))
    reference = forms.CharField(label=_("reference"), max_length=64, required=False)


class ContributionForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"), choices=ContributionKind.choices)
    contributed_on = forms.DateField(label=_("date"), widget=DATE)
    amount = forms.DecimalField(label=_("value (yuan)"), max_digits=12, decimal_places=2, required=False)
    people = forms.IntegerField(label=_("people"), min_value=1, required=False)
    description = forms.CharField(label=_("description"), max_length=255)
