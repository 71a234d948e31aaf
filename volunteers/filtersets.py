import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from organizations.filters import RegionPrefixFilter
from redcross.scoping import scope_queryset
from volunteers.choices import (
    ActivityKind,
    RecordKind,
    RecordStatus,
    SignUpStatus,
    Skill,
    TeamKind,
    Tier,
    VolunteerStatus,
)
from volunteers.models import Activity, ServiceRecord, SignUp, Team, Volunteer


def _teams_in_scope(request):
    if request is None:
        return Team.objects.none()
    return scope_queryset(Team.objects.filter(is_active=True), request.user)


class VolunteerFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Name or number"))
    region = RegionPrefixFilter(label=_("Region (code, includes subtree)"))
    tier = django_filters.ChoiceFilter(choices=Tier.choices, label=_("Tier"))
    status = django_filters.ChoiceFilter(choices=VolunteerStatus.choices, label=_("Status"))
    skill = django_filters.ChoiceFilter(choices=Skill.choices, method="has_skill", label=_("Skill"))
    team = django_filters.ModelChoiceFilter(field_name="teams", queryset=_teams_in_scope, label=_("Team"))
    stars = django_filters.NumberFilter(label=_("Stars"))
    min_stars = django_filters.NumberFilter(field_name="stars", lookup_expr="gte", label=_("At least stars"))
    active = django_filters.BooleanFilter(method="by_activity", label=_("Active volunteer"))

    class Meta:
        model = Volunteer
        fields = ["q", "region", "tier", "status", "skill", "team", "stars", "active"]

    def by_activity(self, queryset, name, value):
        from volunteers.selectors import with_activity

        return with_activity(queryset).filter(is_active=value)

    def search(self, queryset, name, value):
        return queryset.filter(Q(number=value) | Q(person__full_name__icontains=value))

    def has_skill(self, queryset, name, value):
        return queryset.filter(skills__contains=[value])


class TeamFilterSet(django_filters.FilterSet):
    region = RegionPrefixFilter(label=_("Region (code, includes subtree)"))
    kind = django_filters.ChoiceFilter(choices=TeamKind.choices, label=_("Kind"))

    class Meta:
        model = Team
        fields = ["region", "kind", "is_active"]


class ActivityFilterSet(django_filters.FilterSet):
    region = RegionPrefixFilter(label=_("Region (code, includes subtree)"))
    kind = django_filters.ChoiceFilter(choices=ActivityKind.choices, label=_("Kind"))
    starts_after = django_filters.DateTimeFilter(field_name="starts_at", lookup_expr="gte", label=_("Starts from"),
                                                 widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    starts_before = django_filters.DateTimeFilter(field_name="starts_at", lookup_expr="lte", label=_("Starts until"),
                                                  widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))

    class Meta:
        model = Activity
        fields = ["region", "kind", "is_risky"]


class SignUpFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=SignUpStatus.choices, label=_("Status"))

    class Meta:
        model = SignUp
        fields = ["activity", "volunteer", "status"]


class ServiceRecordFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=RecordStatus.choices, label=_("Status"))
    kind = django_filters.ChoiceFilter(choices=RecordKind.choices, label=_("Kind"))
    served_after = django_filters.DateFilter(field_name="served_on", lookup_expr="gte", label=_("Served from"),
                                             widget=forms.DateInput(attrs={"type": "date"}))
    served_before = django_filters.DateFilter(field_name="served_on", lookup_expr="lte", label=_("Served until"),
                                              widget=forms.DateInput(attrs={"type": "date"}))

    class Meta:
        model = ServiceRecord
        fields = ["volunteer", "activity", "status", "kind"]
