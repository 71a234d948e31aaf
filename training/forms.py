from django import forms
from django.utils.translation import gettext_lazy as _

from organizations.forms import RegionChoiceField
from organizations.models import Organization, Region
from people.forms import PersonForm
from people.identifiers import DocumentType
from redcross.portal.views import ScopedFormMixin
from training.choices import SevenAbility
from training.models import Assessment, Instructor, TrainingBase, TrainingSession, TrainingTarget

DATE = forms.DateInput(attrs={"type": "date"})
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class ServiceValidatedForm(forms.ModelForm):
    def _post_clean(self):
        # Model validation runs once, in the service.
        pass


class InstructorChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.person.masked_name} · {obj.get_tier_display()} · {obj.organization.name}"


class SessionForm(ScopedFormMixin, ServiceValidatedForm):
    instructors = InstructorChoiceField(queryset=Instructor.objects.filter(is_active=True)
                                        .select_related("person", "organization"), label=_("instructors"),
                                        widget=forms.SelectMultiple(attrs={"size": 6}))

    class Meta:
        model = TrainingSession
        fields = ["course", "base", "title", "starts_at", "ends_at", "capacity", "audience", "unit", "is_public",
                  "instructors", "notes"]
        widgets = {"starts_at": DATETIME, "ends_at": DATETIME, "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = self.fields["course"].queryset.filter(is_active=True)
        self.fields["base"].queryset = self.fields["base"].queryset.filter(is_active=True)
        self.fields["unit"].queryset = self.fields["unit"].queryset.filter(kind="member_unit", is_active=True)


class TrainingBaseForm(ScopedFormMixin, ServiceValidatedForm):
    region = RegionChoiceField(queryset=Region.objects.exclude(level="community").order_by("code"),
                               label=_("region"))

    class Meta:
        model = TrainingBase
        fields = ["name", "organization", "region", "level", "address", "capacity", "manikins", "aeds", "is_active"]


class InstructorForm(PersonForm):
    """The person goes through the people registry; an existing person is found by the document."""

    organization = forms.ModelChoiceField(queryset=Organization.objects.filter(is_active=True), label=_("organisation"))
    tier = forms.ChoiceField(label=_("tier"), choices=Instructor._meta.get_field("tier").choices)
    qualification = forms.CharField(label=_("qualification"), max_length=200)
    qualification_number = forms.CharField(label=_("qualification certificate number"), max_length=64,
                                           required=False)
    qualified_until = forms.DateField(label=_("qualification valid until"), widget=DATE)

    def __init__(self, *args, instance=None, **kwargs):
        super().__init__(*args, **kwargs)  # a new instructor only: no person to prefill


class StaffEnrolForm(PersonForm):
    """Staff enrol one person on a session; the person goes through the people registry."""

    group_name = forms.CharField(label=_("group (class, enterprise)"), max_length=100, required=False)


class AssessmentForm(ScopedFormMixin, ServiceValidatedForm):
    region = RegionChoiceField(queryset=Region.objects.filter(level="district").order_by("code"),
                               label=_("district"))

    class Meta:
        model = Assessment
        fields = ["year", "region", "base", "assessor", "method_score", "approach_score", "quality_score",
                  "findings", "assessed_on"]
        widgets = {"assessed_on": DATE, "findings": forms.Textarea(attrs={"rows": 4})}


class TrainingTargetForm(ScopedFormMixin, forms.ModelForm):
    region = RegionChoiceField(queryset=Region.objects.exclude(level="community").order_by("code"),
                               label=_("region"))

    class Meta:
        model = TrainingTarget
        fields = ["audience", "region", "unit", "year", "target_count", "population"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = self.fields["unit"].queryset.filter(kind="member_unit", is_active=True)
        # A scenic-area staff target takes its count from the institutions register's headcount.
        self.fields["target_count"].required = False
        self.fields["target_count"].help_text = _("Leave empty for scenic-area staff: the count is the scenic "
                                                  "area's staff headcount on the institutions register.")


class ResultForm(forms.Form):
    attended = forms.BooleanField(label=_("attended"), required=False)
    exam_score = forms.DecimalField(label=_("exam score"), required=False, min_value=0, max_value=100,
                                    decimal_places=1)
    skills_passed = forms.NullBooleanField(label=_("skills test passed"), required=False)


class PublicBookingForm(forms.Form):
    full_name = forms.CharField(label=_("full name"), max_length=100)
    document_type = forms.ChoiceField(label=_("document type"), choices=DocumentType.choices)
    document_number = forms.CharField(label=_("document number"), max_length=32)
    mobile = forms.CharField(label=_("mobile"), max_length=20)
    region = RegionChoiceField(queryset=Region.objects.filter(level="district", is_home_city=True).order_by("code"),
                               label=_("district of residence"))
    consent = forms.BooleanField(label=_("I agree that the Red Cross keeps these details to run the course and "
                                         "issue my certificate."), required=False)


class BookingLookupForm(forms.Form):
    document_type = forms.ChoiceField(label=_("document type"), choices=DocumentType.choices)
    document_number = forms.CharField(label=_("document number"), max_length=32)
    mobile = forms.CharField(label=_("mobile"), max_length=20)


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(label=_("rating (1–5)"), coerce=int, widget=forms.RadioSelect,
                                    choices=[(n, "★" * n) for n in range(5, 0, -1)])
    comment = forms.CharField(label=_("comment"), required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 4}))


class CourseAbilitiesForm(forms.Form):
    abilities = forms.MultipleChoiceField(label=_("abilities built (七种能力)"), choices=SevenAbility.choices,
                                          required=False)


class VerifyForm(forms.Form):
    number = forms.CharField(label=_("certificate number"), max_length=20)
