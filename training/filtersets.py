from datetime import timedelta

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organizations.filters import RegionPrefixFilter
from training.choices import (
    Audience,
    BaseLevel,
    CertificateState,
    CourseKind,
    EnrolmentChannel,
    EnrolmentStatus,
    InstructorTier,
    Outcome,
    SessionStatus,
)
from training.models import (
    Assessment,
    Certificate,
    Course,
    Enrolment,
    Instructor,
    TrainingBase,
    TrainingSession,
    TrainingTarget,
)


class CourseFilterSet(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=CourseKind.choices, label=_("Kind"))

    class Meta:
        model = Course
        fields = ["kind", "is_active"]


class TrainingBaseFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label=_("Name"))
    region = RegionPrefixFilter(label=_("Region (code, includes subtree)"))
    level = django_filters.ChoiceFilter(choices=BaseLevel.choices, label=_("Level"))

    class Meta:
        model = TrainingBase
        fields = ["q", "region", "level", "is_active"]


class InstructorFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Name or qualification number"))
    region = RegionPrefixFilter(label=_("Region (code, includes subtree)"))
    tier = django_filters.ChoiceFilter(choices=InstructorTier.choices, label=_("Tier"))
    qualified_before = django_filters.DateFilter(field_name="qualified_until", lookup_expr="lt",
                                                 label=_("Qualification ends before"))

    class Meta:
        model = Instructor
        fields = ["q", "region", "tier", "is_active"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(qualification_number=value) | Q(person__full_name__icontains=value))


class TrainingSessionFilterSet(django_filters.FilterSet):
    region = RegionPrefixFilter(label=_("Region (code, includes subtree)"))
    course = django_filters.ModelChoiceFilter(queryset=Course.objects.all(), label=_("Course"))
    kind = django_filters.ChoiceFilter(field_name="course__kind", choices=CourseKind.choices, label=_("Course kind"))
    audience = django_filters.ChoiceFilter(choices=Audience.choices, label=_("Audience"))
    status = django_filters.ChoiceFilter(choices=SessionStatus.choices, label=_("Status"))
    base = django_filters.NumberFilter(field_name="base", label=_("Training base (id)"))
    starts_after = django_filters.DateFilter(field_name="starts_at", lookup_expr="date__gte", label=_("Starts from"))
    starts_before = django_filters.DateFilter(field_name="starts_at", lookup_expr="date__lte", label=_("Starts until"))

    class Meta:
        model = TrainingSession
        fields = ["region", "course", "kind", "audience", "status", "is_public", "base"]


class EnrolmentFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Trainee name or group"))
    session = django_filters.NumberFilter(field_name="session", label=_("Session (id)"))
    status = django_filters.ChoiceFilter(choices=EnrolmentStatus.choices, label=_("Status"))
    outcome = django_filters.ChoiceFilter(choices=Outcome.choices, label=_("Outcome"))
    channel = django_filters.ChoiceFilter(choices=EnrolmentChannel.choices, label=_("Channel"))
    region = RegionPrefixFilter(label=_("Region (code, includes subtree)"))

    class Meta:
        model = Enrolment
        fields = ["q", "session", "status", "outcome", "channel", "region"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(group_name__icontains=value) | Q(person__full_name__icontains=value))


class CertificateFilterSet(django_filters.FilterSet):
    number = django_filters.CharFilter(label=_("Certificate number"))
    person = django_filters.NumberFilter(field_name="person", label=_("Holder (id)"))
    region = RegionPrefixFilter(label=_("Region (code, includes subtree)"))
    course = django_filters.ModelChoiceFilter(queryset=Course.objects.all(), label=_("Course"))
    state = django_filters.ChoiceFilter(choices=CertificateState.choices, method="in_state", label=_("State"))
    expires_within = django_filters.NumberFilter(method="expiring", label=_("Expires within (days)"),
                                                 min_value=0, max_value=3650)
    expires_after = django_filters.DateFilter(field_name="expires_on", lookup_expr="gte", label=_("Valid until from"))
    expires_before = django_filters.DateFilter(field_name="expires_on", lookup_expr="lte", label=_("Valid until up to"))

    class Meta:
        model = Certificate
        fields = ["number", "region", "course", "state", "expires_within", "person"]

    def in_state(self, queryset, name, value):
        from django.conf import settings

        today = timezone.localdate()
        soon = today + timedelta(days=max(settings.REDCROSS["TRAINING_CERTIFICATE_REMINDER_DAYS"]))
        current = queryset.filter(renewed_by__isnull=True)
        return {
            CertificateState.RENEWED: queryset.filter(renewed_by__isnull=False),
            CertificateState.EXPIRED: current.filter(expires_on__lt=today),
            CertificateState.EXPIRING: current.filter(expires_on__gte=today, expires_on__lte=soon),
            CertificateState.VALID: current.filter(expires_on__gt=soon),
        }[value]

    def expiring(self, queryset, name, value):
        today = timezone.localdate()
        return queryset.filter(renewed_by__isnull=True, expires_on__gte=today,
                               expires_on__lte=today + timedelta(days=int(value)))


class AssessmentFilterSet(django_filters.FilterSet):
    region = RegionPrefixFilter(label=_("Region (code, includes subtree)"))
    year = django_filters.NumberFilter(label=_("Year"))
    base = django_filters.NumberFilter(field_name="base", label=_("Training base (id)"))

    class Meta:
        model = Assessment
        fields = ["region", "year", "base"]


class TrainingTargetFilterSet(django_filters.FilterSet):
    region = RegionPrefixFilter(label=_("Region (code, includes subtree)"))
    audience = django_filters.ChoiceFilter(choices=Audience.choices, label=_("Audience"))
    year = django_filters.NumberFilter(label=_("Year"))

    class Meta:
        model = TrainingTarget
        fields = ["region", "audience", "year"]
