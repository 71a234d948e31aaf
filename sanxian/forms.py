from django import forms
from django.utils.translation import gettext_lazy as _

from organizations.forms import RegionChoiceField
from organizations.models import Organization, Region
from people.forms import PersonForm, RevealForm  # noqa: F401 - RevealForm is used by the detail pages
from redcross.portal.views import ScopedFormMixin
from sanxian.choices import CareKind, PledgeChannel, PledgeKind, StemCellEventKind
from sanxian.models import BloodDrive, CareEvent, DonationPledge

# The volunteer activity a drive links to, named by the foreign key (no import of the volunteers app).
Activity = BloodDrive._meta.get_field("activity").related_model

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ServiceValidatedForm(forms.ModelForm):
    def _post_clean(self):
        # Model validation runs once, in the service.
        pass


class ActivityChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.starts_at:%Y-%m-%d} {obj.title}"


class DriveForm(ScopedFormMixin, ServiceValidatedForm):
    region = RegionChoiceField(queryset=Region.objects.exclude(level__in=["city", "community"]).order_by("code"),
                               label=_("region"))
    activity = ActivityChoiceField(queryset=Activity.objects.order_by("-starts_at"), required=False,
                                   label=_("volunteer activity that staffed it"))

    class Meta:
        model = BloodDrive
        fields = ["held_on", "place", "region", "blood_centre", "organization", "activity", "donors_registered",
                  "units_collected", "notes"]
        widgets = {"held_on": DATE, "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = self.fields["organization"].queryset.filter(is_active=True)
        self.fields["organization"].required = False
        self.fields["blood_centre"].initial = "成都市血液中心"


class StemCellRegisterForm(PersonForm):
    """At a drive: the donor through the people registry, the day of sampling and the registry's own consent."""

    sampled_on = forms.DateField(label=_("sampled on"), widget=DATE)
    consent = forms.BooleanField(label=_("The donor agrees separately to the registry's use of their health data "
                                         "(sampling, typing and matching)"), required=False)


class StemCellEventForm(forms.Form):
    kind = forms.ChoiceField(label=_("event"), choices=StemCellEventKind.choices)
    occurred_on = forms.DateField(label=_("date"), widget=DATE)
    hospital = forms.CharField(label=_("hospital"), max_length=200, required=False)
    notes = forms.CharField(label=_("notes"), max_length=2000, required=False)


class PledgeForm(PersonForm):
    kinds = forms.MultipleChoiceField(label=_("pledged"), choices=PledgeKind.choices,
                                      widget=forms.CheckboxSelectMultiple)
    channel = forms.ChoiceField(label=_("registration channel"), choices=PledgeChannel.choices)
    registered_on = forms.DateField(label=_("registered on"), widget=DATE)
    witness_name = forms.CharField(label=_("witness or family member informed"), max_length=100)
    witness_relation = forms.CharField(label=_("relation"), max_length=32, required=False)
    consent = forms.BooleanField(label=_("The person agrees separately to the use of their data for the pledge"),
                                 required=False)


class WithdrawForm(forms.Form):
    withdrawn_on = forms.DateField(label=_("withdrawn on"), widget=DATE)


class RealiseForm(forms.Form):
    realised_on = forms.DateField(label=_("realised on"), widget=DATE)
    donated = forms.MultipleChoiceField(label=_("donated"), choices=PledgeKind.choices,
                                        widget=forms.CheckboxSelectMultiple)
    hospital = forms.CharField(label=_("hospital"), max_length=200, required=False)
    notes = forms.CharField(label=_("notes"), max_length=2000, required=False)


class MemorialForm(forms.Form):
    display_name = forms.CharField(label=_("name shown"), max_length=50)
    tribute = forms.CharField(label=_("words of remembrance"), max_length=300, required=False)
    family_member = forms.CharField(label=_("family member who consented"), max_length=100)
    consent = forms.BooleanField(label=_("The family agrees to the name being published on the memorial wall"),
                                 required=False)


class PledgeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return str(obj)


class CareEventForm(ScopedFormMixin, ServiceValidatedForm):
    region = RegionChoiceField(queryset=Region.objects.exclude(level__in=["city", "community"]).order_by("code"),
                               label=_("region"), required=False)
    pledge = PledgeChoiceField(queryset=DonationPledge.objects.filter(status="realised").select_related("person"),
                               required=False, label=_("donor (realised pledge)"))
    kind = forms.ChoiceField(label=_("kind"), choices=CareKind.choices)

    class Meta:
        model = CareEvent
        fields = ["kind", "occurred_on", "title", "region", "organization", "pledge", "families", "notes"]
        widgets = {"occurred_on": DATE, "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.none() if self.user is None else \
            self.fields["organization"].queryset.filter(is_active=True)
        self.fields["organization"].required = False
