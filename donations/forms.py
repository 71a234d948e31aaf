import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from donations.choices import AidCategory, BeneficiaryKind, Channel, DonationKind, DonorKind
from donations.models import AidCase, Donor, Fund
from organizations.forms import RegionChoiceField
from organizations.models import Organization, Region
from people.identifiers import DocumentType
from people.models import Person
from redcross.portal.views import ScopedFormMixin

DATE = forms.DateInput(attrs={"type": "date"})


class FundChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.code} · {obj.name}"


class PledgeFundField(FundChoiceField):
    """The public pledge's fund: its choices from the queryset (the open funds), the fund submitted from the open
    funds as this process last read them (selectors.open_fund_recent: at most a second ago, not one read per
    pledge). For the public pledge only: the lookup ignores the queryset, so a staff form, whose queryset is scoped
    or takes closed funds too, keeps FundChoiceField."""

    def to_python(self, value):
        from django.core.exceptions import ValidationError

        from donations.selectors import open_fund_recent

        if value in self.empty_values:
            return None
        fund = open_fund_recent(value.pk if isinstance(value, Fund) else value)
        if fund is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice",
                                  params={"value": value})
        return fund


class ServiceForm(ScopedFormMixin, forms.Form):
    """A portal form whose values go to a service; it ignores the `instance` the generic create view passes."""

    def __init__(self, *args, instance=None, **kwargs):
        super().__init__(*args, **kwargs)


class PledgeForm(forms.Form):
    """The public online donation form; `key` makes a double click or a resent form one pledge."""

    key = forms.CharField(widget=forms.HiddenInput, max_length=64)
    # With its organisation: the pledge records the gift to it without another query.
    fund = PledgeFundField(queryset=Fund.objects.filter(status="open").select_related("organization")
                           .order_by("kind", "code"), label=_("Give to"), empty_label=None)
    amount = forms.CharField(label=_("Amount (yuan)"), max_length=20)
    donor_kind = forms.ChoiceField(label=_("I give as"), choices=DonorKind.choices, initial=DonorKind.INDIVIDUAL)
    name = forms.CharField(label=_("Name or organisation"), max_length=200, required=False)
    credit_code = forms.CharField(label=_("Unified social credit code (organisations)"), max_length=32,
                                  required=False)
    mobile = forms.CharField(label=_("Mobile"), max_length=20,
                             help_text=_("Only to look up your gift; never published."))
    publish_name = forms.BooleanField(label=_("Publish my name in the donor list"), required=False)
    is_anonymous = forms.BooleanField(label=_("Give anonymously"), required=False)
    receipt_declined = forms.BooleanField(label=_("I do not need a receipt"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("key", uuid.uuid4().hex)
            if "fund" not in self.initial:  # the undesignated general fund unless the donor chose a project
                general = self.fields["fund"].queryset.filter(kind="general").first()
                if general is not None:
                    self.initial["fund"] = general.pk
        self.fields["amount"].widget.attrs.update({"inputmode": "decimal", "class": "num", "placeholder": "200.00"})
        self.fields["mobile"].widget.attrs.update({"inputmode": "tel", "autocomplete": "tel"})

    def clean(self):
        """The service's checks run on the first submit too, so every error shows at once."""
        from django.core.exceptions import ValidationError

        from donations.services import pledge_validate

        data = super().clean()
        try:
            pledge_validate(fund=data.get("fund"),
                            amount=self.data.get("amount", ""), name=data.get("name", ""),
                            mobile=self.data.get("mobile", ""), publish_name=data.get("publish_name", False),
                            is_anonymous=data.get("is_anonymous", False),
                            donor_kind=data.get("donor_kind") or DonorKind.INDIVIDUAL,
                            credit_code=data.get("credit_code", ""))
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                if field in self.fields and field not in self.errors:
                    self.add_error(field, messages)
        return data


class PledgeLookupForm(forms.Form):
    reference_code = forms.CharField(label=_("Reference code"), max_length=16,
                                     help_text=_("The eight characters shown after your pledge."))
    mobile = forms.CharField(label=_("Mobile"), max_length=20)


class LookupForm(forms.Form):
    receipt_number = forms.CharField(label=_("Receipt number"), max_length=20)
    mobile = forms.CharField(label=_("Donor's mobile"), max_length=20,
                             help_text=_("The mobile number given with the gift."))


class DonorForm(ServiceForm):
    kind = forms.ChoiceField(label=_("kind of donor"), choices=DonorKind.choices)
    name = forms.CharField(label=_("name"), max_length=200)
    credit_code = forms.CharField(label=_("unified social credit code"), max_length=32, required=False)
    is_caring_enterprise = forms.BooleanField(label=_("caring enterprise (爱心企业)"), required=False)
    publish_name = forms.BooleanField(label=_("the donor agreed to publication of the name"), required=False)
    mobile = forms.CharField(label=_("mobile"), max_length=20, required=False)
    document_type = forms.ChoiceField(label=_("document type"), choices=DocumentType.choices, required=False)
    document_number = forms.CharField(label=_("document number"), max_length=32, required=False,
                                      help_text=_("Individuals only: links the donor to the people registry."))
    region = RegionChoiceField(queryset=Region.objects.filter(level="community").order_by("code"), required=False,
                               label=_("region of residence"))


class FundForm(ScopedFormMixin, forms.ModelForm):
    community = RegionChoiceField(queryset=Region.objects.filter(level="community").order_by("code"), required=False,
                                  label=_("community"))

    class Meta:
        model = Fund
        fields = ["code", "name", "kind", "purpose", "organization", "community", "budget", "starts_on", "ends_on",
                  "management_cost_rate"]
        widgets = {"starts_on": DATE, "ends_on": DATE, "purpose": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = self.fields["organization"].queryset.filter(
            kind__in=["city_society", "district_society"])

    def _post_clean(self):
        pass  # validated once, in donations.services.fund_create


class DonationForm(ServiceForm):
    fund = FundChoiceField(queryset=Fund.objects.filter(status="open").order_by("kind", "code"),
                           label=_("designated to"))
    donor = forms.ModelChoiceField(queryset=Donor.objects.order_by("name"), required=False, label=_("donor"))
    is_anonymous = forms.BooleanField(label=_("anonymous"), required=False)
    kind = forms.ChoiceField(label=_("kind of property"), choices=DonationKind.choices)
    channel = forms.ChoiceField(label=_("channel"), choices=Channel.choices)
    amount = forms.CharField(label=_("amount (yuan)"), max_length=20,
                             help_text=_("For goods: their valuation."))
    goods_description = forms.CharField(label=_("goods"), max_length=200, required=False)
    goods_quantity = forms.CharField(label=_("quantity"), max_length=20, required=False)
    goods_unit = forms.CharField(label=_("unit"), max_length=16, required=False)
    receipt_declined = forms.BooleanField(label=_("the donor declined a receipt"), required=False)
    note = forms.CharField(label=_("note"), max_length=255, required=False)


class DisbursementForm(ServiceForm):
    fund = FundChoiceField(queryset=Fund.objects.order_by("kind", "code"), label=_("fund or project"))
    beneficiary_kind = forms.ChoiceField(label=_("beneficiary"), choices=BeneficiaryKind.choices)
    aid_case = forms.ModelChoiceField(queryset=AidCase.objects.select_related("person"), required=False,
                                      label=_("aid case"))
    beneficiary_organization = forms.ModelChoiceField(queryset=Organization.objects.order_by("name"),
                                                      required=False, label=_("beneficiary organisation"))
    beneficiary_name = forms.CharField(label=_("beneficiary (as published)"), max_length=200, required=False)
    purpose = forms.CharField(label=_("purpose"), max_length=255)
    amount = forms.CharField(label=_("amount (yuan)"), max_length=20)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["beneficiary_organization"].queryset = self.fields["beneficiary_organization"].queryset.exclude(
            kind__in=["work_station", "service_centre"])


class AidCaseForm(ServiceForm):
    person = forms.ModelChoiceField(queryset=Person.objects.select_related("region"), label=_("person helped"))
    category = forms.ChoiceField(label=_("category"), choices=AidCategory.choices)
    situation = forms.CharField(label=_("situation"), widget=forms.Textarea(attrs={"rows": 4}),
                                help_text=_("Sensitive: stored encrypted, shown only on a logged request."))
    assistance = forms.CharField(label=_("assistance given"), max_length=255)
    opened_on = forms.DateField(label=_("opened on"), widget=DATE)


class ConfirmForm(forms.Form):
    received_on = forms.DateField(label=_("received on"), widget=DATE)
    bank_reference = forms.CharField(label=_("bank statement reference"), max_length=64, required=False)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("reason"), max_length=255)


class PayForm(forms.Form):
    payment_reference = forms.CharField(label=_("payment reference"), max_length=64)



class StatementForm(forms.Form):
    file = forms.FileField(label=_("Bank statement file"),
                           help_text=_("CSV or Excel exactly as the online bank exports it (.csv, .xlsx, .xls)."))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx", ".xls")):
            raise forms.ValidationError(_("Upload a CSV or Excel file (.csv, .xlsx, .xls)."))
        if upload.size > 10 * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than 10 MB; export one month at a time."))
        return upload


class MatchForm(forms.Form):
    reference_code = forms.CharField(label=_("Reference code"), max_length=16)
