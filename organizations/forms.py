from django import forms
from django.utils.translation import gettext_lazy as _

from organizations.models import Organization, Region
from redcross.portal.views import ScopedFormMixin
from redcross.widgets import LongSelect


class RegionChoiceField(forms.ModelChoiceField):
    widget = LongSelect  # every region of the city: 3,348 options

    def label_from_instance(self, obj):
        return f"{obj.code} {obj.name}"


class OrganizationForm(ScopedFormMixin, forms.ModelForm):
    region = RegionChoiceField(queryset=Region.objects.order_by("code"), label=_("region"))

    class Meta:
        model = Organization
        fields = [
            "name",
            "kind",
            "unit_type",
            "region",
            "parent",
            "credit_code",
            "established_on",
            "has_premises",
            "premises_address",
            "premises_area",
            "has_regular_work",
            "head_name",
            "contact_person",
            "contact_phone",
            "is_active",
        ]
        widgets = {"established_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = self.fields["parent"].queryset.exclude(kind="member_unit")

    def _post_clean(self):
        # Model validation runs once, in the service (organization_create/update).
        pass


class RegionZoneForm(ScopedFormMixin, forms.ModelForm):
    class Meta:
        model = Region
        fields = ["zone"]
