from django import forms
from django.utils.translation import gettext_lazy as _

from organizations.forms import RegionChoiceField
from organizations.models import Region
from people.identifiers import DocumentType
from redcross.portal.views import ScopedFormMixin


class PersonForm(ScopedFormMixin, forms.Form):
    """Validation of documents and phones happens once, in people.services."""

    full_name = forms.CharField(label=_("full name"), max_length=100)
    document_type = forms.ChoiceField(label=_("document type"), choices=DocumentType.choices)
    document_number = forms.CharField(label=_("document number"), max_length=32)
    mobile = forms.CharField(label=_("mobile"), max_length=20, required=False)
    region = RegionChoiceField(queryset=Region.objects.order_by("code"), label=_("region of residence"))

    def __init__(self, *args, instance=None, **kwargs):
        if instance is not None and instance.pk:
            kwargs.setdefault("initial", {}).update(
                full_name=instance.full_name, document_type=instance.document_type, region=instance.region_id
            )
        super().__init__(*args, **kwargs)
        if instance is not None and instance.pk:
            self.fields["document_number"].required = False
            self.fields["document_number"].help_text = _("Leave empty to keep %(masked)s.") % {
                "masked": instance.document_number_masked}
            self.fields["mobile"].help_text = _("Leave empty to keep %(masked)s.") % {
                "masked": instance.mobile_masked or "—"}


class RevealForm(forms.Form):
    reason = forms.CharField(label=_("reason"), max_length=255)
