"""Portal forms of the grassroots models; model validation runs once, in the service."""

from django import forms
from django.utils.translation import gettext_lazy as _

from organizations.choices import CentreStatus
from organizations.forms import RegionChoiceField
from organizations.models import Region
from organizations.models_grassroots import (
    AedInspection,
    AedStation,
    Centre,
    CentreInspection,
    Institution,
    PartnerSite,
    TownWorkOverride,
)
from redcross.portal.views import ScopedFormMixin

DATE = forms.DateInput(attrs={"type": "date"})


class ServiceModelForm(ScopedFormMixin, forms.ModelForm):
    def _post_clean(self):
        # The service validates the model once, with the actor's scope.
        pass


class CentreForm(ServiceModelForm):
    region = RegionChoiceField(queryset=Region.objects.filter(level__in=("town", "community")).order_by("code"),
                               label=_("region"))

    class Meta:
        model = Centre
        fields = ["name", "host_kind", "region", "host", "scenic_grade", "batch", "address", "latitude", "longitude",
                  "shelter_capacity", "premises_area", "aeds", "has_supplies", "has_signage", "has_evacuation_map"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["host"].queryset = self.fields["host"].queryset.filter(
            kind__in=("town_organization", "service_centre", "work_station", "member_unit"), is_active=True)


class CentreAdvanceForm(forms.Form):
    status = forms.ChoiceField(label=_("status"), choices=CentreStatus.choices)


class CentreStaffForm(forms.Form):
    certificate_number = forms.CharField(label=_("first-aid certificate number"), max_length=20)
    duty = forms.CharField(label=_("duty"), max_length=100, required=False)


class CentreInspectionForm(ServiceModelForm):
    next_due_on = forms.DateField(label=_("next inspection due"), required=False, widget=DATE,
                                  help_text=_("Empty: the usual interval after this inspection."))

    class Meta:
        model = CentreInspection
        fields = ["inspected_on", "inspector", "passed", "findings", "next_due_on"]
        widgets = {"inspected_on": DATE}


class InstitutionForm(ServiceModelForm):
    region = RegionChoiceField(queryset=Region.objects.exclude(level="city").order_by("code"), label=_("region"))

    class Meta:
        model = Institution
        fields = ["name", "kind", "school_stage", "scenic_grade", "region", "credit_code", "headcount", "address",
                  "member_unit", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member_unit"].queryset = self.fields["member_unit"].queryset.exclude(
            kind__in=("city_society", "district_society", "partner_society"))


class AedStationForm(ServiceModelForm):
    region = RegionChoiceField(queryset=Region.objects.filter(level__in=("town", "community")).order_by("code"),
                               label=_("region"))

    class Meta:
        model = AedStation
        fields = ["name", "region", "address", "host_unit", "institution", "device_model", "serial_number",
                  "installed_on", "status", "opening_hours", "latitude", "longitude"]
        widgets = {"installed_on": DATE}


class AedInspectionForm(ServiceModelForm):
    next_due_on = forms.DateField(label=_("next inspection due"), required=False, widget=DATE,
                                  help_text=_("Empty: the usual interval after this inspection."))

    class Meta:
        model = AedInspection
        fields = ["inspected_on", "inspector", "working", "battery_ok", "pads_expire_on", "findings", "next_due_on"]
        widgets = {"inspected_on": DATE, "pads_expire_on": DATE}


class PartnerSiteForm(ServiceModelForm):
    region = RegionChoiceField(queryset=Region.objects.exclude(level="city").order_by("code"), label=_("region"))

    class Meta:
        model = PartnerSite
        fields = ["name", "kind", "region", "agency", "agreement_number", "agreement_signed_on", "services",
                  "is_active"]
        widgets = {"agreement_signed_on": DATE}


class TownWorkOverrideForm(ServiceModelForm):
    region = RegionChoiceField(queryset=Region.objects.filter(level="town").order_by("code"), label=_("town"))

    class Meta:
        model = TownWorkOverride
        fields = ["region", "has_work", "reason"]


