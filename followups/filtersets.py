import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from followups.choices import (
    OPEN_STATUSES,
    BulletinStatus,
    IssueCategory,
    IssueStatus,
    PartyKind,
    PlanPeriod,
    PlanStatus,
    VisitMethod,
)
from followups.models import Bulletin, Issue, PlanItem, Visit, VisitPlan, VisitTarget
from organizations.filters import RegionPrefixFilter


class VisitTargetFilterSet(django_filters.FilterSet):
    region = RegionPrefixFilter(label=_("Region (code, includes subtree)"))
    year = django_filters.NumberFilter(label=_("Year"))
    party_kind = django_filters.ChoiceFilter(choices=PartyKind.choices, label=_("Kind of party"))

    class Meta:
        model = VisitTarget
        fields = ["region", "year", "party_kind"]


class VisitPlanFilterSet(django_filters.FilterSet):
    region = RegionPrefixFilter(label=_("Region (code, includes subtree)"))
    year = django_filters.NumberFilter(label=_("Year"))
    period = django_filters.ChoiceFilter(choices=PlanPeriod.choices, label=_("Period"))
    status = django_filters.ChoiceFilter(choices=PlanStatus.choices, label=_("Status"))

    class Meta:
        model = VisitPlan
        fields = ["region", "year", "period", "status"]


class PlanItemFilterSet(django_filters.FilterSet):
    region = RegionPrefixFilter(label=_("Region (code, includes subtree)"))
    plan = django_filters.NumberFilter(field_name="plan", label=_("Plan (id)"))
    party_kind = django_filters.ChoiceFilter(choices=PartyKind.choices, label=_("Kind of party"))
    state = django_filters.ChoiceFilter(choices=[("due", _("Due")), ("overdue", _("Overdue")),
                                                 ("visited", _("Visited"))], method="in_state", label=_("State"))
    mine = django_filters.BooleanFilter(method="assigned_to_me", label=_("Assigned to me"))

    class Meta:
        model = PlanItem
        fields = ["region", "plan", "party_kind", "state"]

    def in_state(self, queryset, name, value):
        today = timezone.localdate()
        return {"due": queryset.filter(visit__isnull=True, due_on__gte=today),
                "overdue": queryset.filter(visit__isnull=True, due_on__lt=today),
                "visited": queryset.filter(visit__isnull=False)}[value]

    def assigned_to_me(self, queryset, name, value):
        user = getattr(self.request, "user", None)
        if value and user is not None:
            return queryset.filter(visitor_id=user.pk)
        return queryset


class VisitFilterSet(django_filters.FilterSet):
    region = RegionPrefixFilter(label=_("Region (code, includes subtree)"))
    party_kind = django_filters.ChoiceFilter(choices=PartyKind.choices, label=_("Kind of party"))
    method = django_filters.ChoiceFilter(choices=VisitMethod.choices, label=_("Visit method"))
    visited_after = django_filters.DateFilter(field_name="visited_on", lookup_expr="gte", label=_("Visited from"))
    visited_before = django_filters.DateFilter(field_name="visited_on", lookup_expr="lte", label=_("Visited until"))
    volunteer = django_filters.NumberFilter(field_name="volunteer", label=_("Volunteer (id)"))
    donor = django_filters.NumberFilter(field_name="donor", label=_("Donor (id)"))
    member_unit = django_filters.NumberFilter(field_name="member_unit", label=_("Member unit (id)"))
    aid_case = django_filters.NumberFilter(field_name="aid_case", label=_("Aid case (id)"))

    class Meta:
        model = Visit
        fields = ["region", "party_kind", "method", "volunteer", "donor", "member_unit", "aid_case"]


class IssueFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Problem or department"))
    region = RegionPrefixFilter(label=_("Region (code, includes subtree)"))
    status = django_filters.ChoiceFilter(choices=IssueStatus.choices, label=_("Status"))
    category = django_filters.ChoiceFilter(choices=IssueCategory.choices, label=_("Category"))
    overdue = django_filters.BooleanFilter(method="is_overdue", label=_("Overdue"))
    escalated = django_filters.BooleanFilter(field_name="escalated_at", lookup_expr="isnull", exclude=True,
                                             label=_("Escalated to the city"))

    class Meta:
        model = Issue
        fields = ["q", "region", "status", "category", "overdue", "escalated"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(title__icontains=value) | Q(department__icontains=value))

    def is_overdue(self, queryset, name, value):
        overdue = Q(status__in=OPEN_STATUSES, due_on__lt=timezone.localdate())
        if value is None:
            return queryset
        return queryset.filter(overdue) if value else queryset.exclude(overdue)


class BulletinFilterSet(django_filters.FilterSet):
    region = RegionPrefixFilter(label=_("Region (code, includes subtree)"))
    year = django_filters.NumberFilter(label=_("Year"))
    status = django_filters.ChoiceFilter(choices=BulletinStatus.choices, label=_("Status"))

    class Meta:
        model = Bulletin
        fields = ["region", "year", "status"]
