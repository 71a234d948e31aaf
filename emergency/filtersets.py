"""FilterSets shared by the portal and the API."""

from datetime import timedelta

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from emergency.choices import (
    AidKind,
    AidStatus,
    AlertColour,
    Condition,
    DeploymentStatus,
    HazardClass,
    IncidentStatus,
    MemberRole,
    MovementKind,
    Readiness,
    ResponseLevel,
    Standby,
    StockRequestStatus,
    TeamLevel,
    TeamType,
)
from emergency.models import (
    Alert,
    AlertNotice,
    Deployment,
    Drill,
    Equipment,
    Incident,
    MutualAid,
    Plan,
    SituationReport,
    StockLot,
    StockMinimum,
    StockMovement,
    StockRequest,
    Team,
    TeamMember,
    TeamRequirement,
    Warehouse,
)
from organizations.filters import RegionPrefixFilter


class TeamRequirementFilterSet(django_filters.FilterSet):
    region = RegionPrefixFilter(label=_("Region (code, includes subtree)"))
    team_type = django_filters.ChoiceFilter(choices=TeamType.choices, label=_("Team type"))

    class Meta:
        model = TeamRequirement
        fields = ["region", "team_type"]


class TeamFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label=_("Name"))
    region = RegionPrefixFilter(label=_("Region (code, includes subtree)"))
    team_type = django_filters.ChoiceFilter(choices=TeamType.choices, label=_("Team type"))
    level = django_filters.ChoiceFilter(choices=TeamLevel.choices, label=_("Level"))
    standby = django_filters.ChoiceFilter(choices=Standby.choices, label=_("Standby status"))
    readiness = django_filters.ChoiceFilter(choices=Readiness.choices, label=_("Readiness"))

    class Meta:
        model = Team
        fields = ["q", "region", "team_type", "level", "standby", "readiness", "is_active"]


class TeamMemberFilterSet(django_filters.FilterSet):
    team = django_filters.NumberFilter(field_name="team_id", label=_("Team (ID)"))
    region = RegionPrefixFilter(label=_("Region (code, includes subtree)"))
    role = django_filters.ChoiceFilter(choices=MemberRole.choices, label=_("Role"))
    current = django_filters.BooleanFilter(field_name="left_on", lookup_expr="isnull", label=_("Current members"))

    class Meta:
        model = TeamMember
        fields = ["team", "region", "role", "current"]


class EquipmentFilterSet(django_filters.FilterSet):
    team = django_filters.NumberFilter(field_name="team_id", label=_("Team (ID)"))
    condition = django_filters.ChoiceFilter(choices=Condition.choices, label=_("Condition"))
    inspection_before = django_filters.DateFilter(field_name="next_inspection_on", lookup_expr="lt",
                                                  label=_("Inspection due before"))

    class Meta:
        model = Equipment
        fields = ["team", "condition", "inspection_before"]


class DrillFilterSet(django_filters.FilterSet):
    team = django_filters.NumberFilter(field_name="team_id", label=_("Team (ID)"))
    held_after = django_filters.DateFilter(field_name="held_on", lookup_expr="gte", label=_("Held on or after"))

    class Meta:
        model = Drill
        fields = ["team", "held_after"]


class WarehouseFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label=_("Name"))
    region = RegionPrefixFilter(label=_("Region (code, includes subtree)"))

    class Meta:
        model = Warehouse
        fields = ["q", "region", "is_active"]


class StockLotFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Item or batch"))
    warehouse = django_filters.NumberFilter(field_name="warehouse_id", label=_("Warehouse (ID)"))
    region = RegionPrefixFilter(label=_("Region (code, includes subtree)"))
    expires_within = django_filters.NumberFilter(method="expiring", label=_("Expires within (days)"))
    in_stock = django_filters.BooleanFilter(method="filter_in_stock", label=_("In stock"))

    class Meta:
        model = StockLot
        fields = ["q", "warehouse", "region", "expires_within", "in_stock"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(item__name__icontains=value) | Q(batch__icontains=value)) if value else queryset

    def expiring(self, queryset, name, value):
        if value is None or value < 0 or value > 36500:
            return queryset
        return queryset.filter(quantity__gt=0, expires_on__isnull=False,
                               expires_on__lte=timezone.localdate() + timedelta(days=int(value)))

    def filter_in_stock(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(quantity__gt=0) if value else queryset.filter(quantity=0)


class StockMovementFilterSet(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=MovementKind.choices, label=_("Kind"))
    lot = django_filters.NumberFilter(field_name="lot_id", label=_("Lot (ID)"))
    warehouse = django_filters.NumberFilter(field_name="lot__warehouse_id", label=_("Warehouse (ID)"))

    class Meta:
        model = StockMovement
        fields = ["kind", "lot", "warehouse"]


class StockMinimumFilterSet(django_filters.FilterSet):
    warehouse = django_filters.NumberFilter(field_name="warehouse_id", label=_("Warehouse (ID)"))

    class Meta:
        model = StockMinimum
        fields = ["warehouse"]


class PlanFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Title or hazard"))
    hazard_class = django_filters.ChoiceFilter(choices=HazardClass.choices, label=_("Hazard class"))
    level = django_filters.ChoiceFilter(choices=ResponseLevel.choices, label=_("Response level"))
    region = RegionPrefixFilter(label=_("Region (code, includes subtree)"))

    class Meta:
        model = Plan
        fields = ["q", "hazard_class", "level", "region", "is_active"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(title__icontains=value) | Q(hazard__icontains=value)) if value else queryset


class AlertFilterSet(django_filters.FilterSet):
    colour = django_filters.ChoiceFilter(choices=AlertColour.choices, label=_("Colour level"))
    hazard_class = django_filters.ChoiceFilter(choices=HazardClass.choices, label=_("Hazard class"))
    source = django_filters.CharFilter(lookup_expr="icontains", label=_("Source agency"))
    current = django_filters.BooleanFilter(method="filter_current", label=_("Valid now"))

    class Meta:
        model = Alert
        fields = ["colour", "hazard_class", "source", "current"]

    def filter_current(self, queryset, name, value):
        if value is None:
            return queryset
        now = timezone.now()
        valid = Q(valid_from__lte=now, valid_until__gte=now)
        return queryset.filter(valid) if value else queryset.exclude(valid)


class AlertNoticeFilterSet(django_filters.FilterSet):
    acknowledged = django_filters.BooleanFilter(field_name="acknowledged_at", lookup_expr="isnull", exclude=True,
                                                label=_("Acknowledged"))
    alert = django_filters.NumberFilter(field_name="alert_id", label=_("Alert (ID)"))

    class Meta:
        model = AlertNotice
        fields = ["acknowledged", "alert"]


class IncidentFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="title", lookup_expr="icontains", label=_("Title"))
    status = django_filters.ChoiceFilter(choices=IncidentStatus.choices, label=_("Status"))
    hazard_class = django_filters.ChoiceFilter(choices=HazardClass.choices, label=_("Hazard class"))
    level = django_filters.ChoiceFilter(choices=ResponseLevel.choices, label=_("Response level"))
    region = RegionPrefixFilter(label=_("Region (code, includes subtree)"))

    class Meta:
        model = Incident
        fields = ["q", "status", "hazard_class", "level", "region"]


class SituationReportFilterSet(django_filters.FilterSet):
    incident = django_filters.NumberFilter(field_name="incident_id", label=_("Incident (ID)"))

    class Meta:
        model = SituationReport
        fields = ["incident"]


class DeploymentFilterSet(django_filters.FilterSet):
    incident = django_filters.NumberFilter(field_name="incident_id", label=_("Incident (ID)"))
    team = django_filters.NumberFilter(field_name="team_id", label=_("Team (ID)"))
    status = django_filters.ChoiceFilter(choices=DeploymentStatus.choices, label=_("Status"))

    class Meta:
        model = Deployment
        fields = ["incident", "team", "status"]


class StockRequestFilterSet(django_filters.FilterSet):
    incident = django_filters.NumberFilter(field_name="incident_id", label=_("Incident (ID)"))
    status = django_filters.ChoiceFilter(choices=StockRequestStatus.choices, label=_("Status"))

    class Meta:
        model = StockRequest
        fields = ["incident", "status"]


class MutualAidFilterSet(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=AidKind.choices, label=_("Asks for"))
    status = django_filters.ChoiceFilter(choices=AidStatus.choices, label=_("Status"))

    class Meta:
        model = MutualAid
        fields = ["kind", "status"]
