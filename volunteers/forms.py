"""Forms of the public volunteer pages and the staff portal; the rules live in volunteers.services."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organizations.choices import RegionLevel
from organizations.forms import RegionChoiceField
from organizations.models import Region
from people.identifiers import DocumentType
from redcross.portal.views import ScopedFormMixin
from volunteers.choices import EvaluationGrade, ExitKind, Skill, Tier
from volunteers.models import Activity, Team


class DistrictChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


def home_districts():
    return Region.objects.filter(level=RegionLevel.DISTRICT, is_home_city=True).order_by("code")


class IdentityFields(forms.Form):
    document_type = forms.ChoiceField(label=_("document type"), choices=DocumentType.choices,
                                      initial=DocumentType.RESIDENT_ID)
    document_number = forms.CharField(label=_("document number"), max_length=32,
                                      widget=forms.TextInput(attrs={"autocomplete": "off"}))
    mobile = forms.CharField(label=_("mobile"), max_length=20,
                             widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}))


class ApplicationForm(IdentityFields):
    """The public application; documents, phones and age are checked once, in volunteer_apply()."""

    full_name = forms.CharField(label=_("full name"), max_length=100)
    field_order = ["full_name", "document_type", "document_number", "mobile"]
    region = DistrictChoiceField(label=_("preferred district"), queryset=Region.objects.none(),
                                 empty_label=_("Choose a district"))
    tier = forms.ChoiceField(label=_("volunteer tier"), choices=Tier.choices, initial=Tier.COMMUNITY,
                             widget=forms.RadioSelect)
    skills = forms.MultipleChoiceField(label=_("skills"), choices=Skill.choices, required=False,
                                       widget=forms.CheckboxSelectMultiple)
    qualifications = forms.CharField(label=_("professional qualifications"), max_length=255, required=False,
                                     help_text=_("e.g. registered nurse, certificate number"))
    availability = forms.CharField(label=_("availability"), max_length=255, required=False,
                                   help_text=_("e.g. weekends, weekday evenings"))
    guardian_name = forms.CharField(label=_("guardian's name (applicants under 18)"), max_length=100,
                                    required=False)
    guardian_consent = forms.BooleanField(label=_("My guardian agrees to my application"), required=False)
    consent = forms.BooleanField(
        label=_("I agree that the Red Cross Society uses my personal data to manage my volunteer service, "
                "record my hours and contact me; it is not published without my consent."),
        required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = home_districts()


class StatusLookupForm(IdentityFields):
    pass


class CertificateVerifyForm(forms.Form):
    number = forms.CharField(label=_("certificate number"), max_length=32)


class CheckInForm(forms.Form):
    number = forms.CharField(label=_("volunteer number"), max_length=20)
    mobile = forms.CharField(label=_("mobile"), max_length=20,
                             widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}))


# --- staff portal ----------------------------------------------------------------------------

class DeclineForm(forms.Form):
    reason = forms.CharField(label=_("reason for declining"), max_length=255)


class ExitForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind of exit"), choices=ExitKind.choices)
    reason = forms.CharField(label=_("reason"), max_length=255)
    exited_on = forms.DateField(label=_("exit date"), initial=timezone.localdate,
                                widget=forms.DateInput(attrs={"type": "date"}))
    interview_notes = forms.CharField(label=_("exit interview notes"), required=False, widget=forms.Textarea(
        attrs={"rows": 2}))
    equipment_returned = forms.BooleanField(label=_("equipment returned"), required=False)


class InsuranceForm(forms.Form):
    insurer = forms.CharField(label=_("insurer"), max_length=100)
    policy_number = forms.CharField(label=_("policy number"), max_length=64)
    starts_on = forms.DateField(label=_("cover from"), widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(label=_("cover until"), widget=forms.DateInput(attrs={"type": "date"}))


class CommendationForm(forms.Form):
    title = forms.CharField(label=_("commendation or award"), max_length=200)
    awarded_by = forms.CharField(label=_("awarded by"), max_length=200)
    awarded_on = forms.DateField(label=_("awarded on"), widget=forms.DateInput(attrs={"type": "date"}))
    may_publish = forms.BooleanField(label=_("the volunteer agreed to publication"), required=False)


class EvaluationForm(forms.Form):
    period = forms.CharField(label=_("period"), max_length=20, help_text=_("e.g. 2025 or 2025-H1"))
    grade = forms.ChoiceField(label=_("grade"), choices=EvaluationGrade.choices)
    comments = forms.CharField(label=_("comments"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class TeamJoinForm(ScopedFormMixin, forms.Form):
    team = forms.ModelChoiceField(label=_("team"), queryset=Team.objects.filter(is_active=True))


class ActivityForm(ScopedFormMixin, forms.ModelForm):
    region = RegionChoiceField(queryset=Region.objects.order_by("code"), label=_("region"))

    class Meta:
        model = Activity
        fields = ["title", "kind", "organization", "region", "place", "starts_at", "ends_at", "capacity",
                  "required_skills", "is_risky", "description"]
        widgets = {
            "starts_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "ends_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["required_skills"] = forms.MultipleChoiceField(
            label=_("required skills"), choices=Skill.choices, required=False, widget=forms.CheckboxSelectMultiple)

    def _post_clean(self):
        # Model validation runs once, in activity_create().
        pass


class SignUpAddForm(forms.Form):
    number = forms.CharField(label=_("volunteer number"), max_length=20)


class RecordHoursForm(forms.Form):
    hours = forms.DecimalField(label=_("hours actually served"), max_digits=5, decimal_places=2, min_value=0,
                               help_text=_("Travel time is not service time."))
    content = forms.CharField(label=_("content of service"), max_length=255)


class CorrectionForm(forms.Form):
    hours_change = forms.DecimalField(label=_("change in hours"), max_digits=6, decimal_places=2,
                                      help_text=_("Negative to reduce, e.g. -1.5"))
    reason = forms.CharField(label=_("reason for the correction"), max_length=255)


class CorrectionAskForm(forms.Form):
    message = forms.CharField(label=_("what is wrong"), max_length=500,
                              widget=forms.TextInput(attrs={"placeholder": _("e.g. I served 4 hours, not 2")}))


class CorrectionAnswerForm(forms.Form):
    hours_change = forms.DecimalField(label=_("change in hours"), max_digits=6, decimal_places=2, required=False,
                                      help_text=_("Leave empty to decline the request."))
    answer = forms.CharField(label=_("answer"), max_length=255)
