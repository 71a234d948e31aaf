"""Configuration only: scope, filters and N+1 prevention come from the base viewsets, rules from services."""

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import api_view
from rest_framework.response import Response

from emergency import selectors, services
from emergency.api import serializers as s
from emergency.filtersets import (
    AlertFilterSet,
    AlertNoticeFilterSet,
    DeploymentFilterSet,
    DrillFilterSet,
    EquipmentFilterSet,
    IncidentFilterSet,
    MutualAidFilterSet,
    PlanFilterSet,
    SituationReportFilterSet,
    StockLotFilterSet,
    StockMinimumFilterSet,
    StockMovementFilterSet,
    StockRequestFilterSet,
    TeamFilterSet,
    TeamMemberFilterSet,
    TeamRequirementFilterSet,
    WarehouseFilterSet,
)
from emergency.models import (
    Alert,
    AlertNotice,
    Deployment,
    Drill,
    Equipment,
    Incident,
    Item,
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
    TeamStandard,
    Warehouse,
)
from redcross.api.permissions import StaffModelPermissions
from redcross.api.viewsets import (
    IdempotentCreateMixin,
    RowListMixin,
    ScopedCreateListRetrieveUpdateViewSet,
    ScopedReadOnlyViewSet,
    ServiceWriteMixin,
    service_action,
)

WRITE = ["get", "post", "patch", "head", "options"]
CREATE = ["get", "post", "head", "options"]


class TeamStandardViewSet(ServiceWriteMixin, RowListMixin, viewsets.ModelViewSet):
    """The standard per team type: the same for the whole city; only the city changes it."""

    queryset = TeamStandard.objects.all()
    serializer_class = s.TeamStandardSerializer
    ordering_fields = ["id", "team_type"]
    http_method_names = WRITE
    write_services = {"create": services.standard_save, "update": services.standard_save}
    service_object_name = "standard"


class TeamRequirementViewSet(ScopedCreateListRetrieveUpdateViewSet):
    """The requirement matrix: which districts must have teams of which types; only the city sets it."""

    queryset = TeamRequirement.objects.all()
    serializer_class = s.TeamRequirementSerializer
    filterset_class = TeamRequirementFilterSet
    ordering_fields = ["id", "region"]
    http_method_names = CREATE
    write_services = {"create": services.requirement_set}


class TeamViewSet(ScopedCreateListRetrieveUpdateViewSet):
    """Response teams with their computed readiness; partner agencies read them (no member names)."""

    queryset = Team.objects.all()
    serializer_class = s.TeamSerializer
    filterset_class = TeamFilterSet
    ordering_fields = ["id", "name", "founded_on"]
    http_method_names = WRITE
    write_services = {"create": services.team_save, "update": services.team_save}


class TeamMemberViewSet(ScopedCreateListRetrieveUpdateViewSet):
    """Team members: registered volunteers with a role; joining and leaving recompute readiness."""

    queryset = TeamMember.objects.all()
    serializer_class = s.TeamMemberSerializer
    filterset_class = TeamMemberFilterSet
    ordering_fields = ["id", "joined_on"]
    http_method_names = CREATE
    write_services = {"create": services.member_add}

    @service_action(services.member_leave, answer=s.TeamMemberSerializer,
                    arguments=lambda obj, request: {"member": obj})
    def leave(self, request, pk=None):
        """The member leaves the team today; the team's readiness is recomputed."""


class EquipmentViewSet(ScopedCreateListRetrieveUpdateViewSet):
    """A team's equipment with its condition and next inspection."""

    queryset = Equipment.objects.all()
    serializer_class = s.EquipmentSerializer
    filterset_class = EquipmentFilterSet
    ordering_fields = ["id", "next_inspection_on"]
    http_method_names = WRITE
    write_services = {"create": services.equipment_save, "update": services.equipment_save}


class DrillViewSet(ScopedCreateListRetrieveUpdateViewSet):
    """Drills; each participant's hours become confirmed service hours."""

    queryset = Drill.objects.prefetch_related("participants")
    serializer_class = s.DrillSerializer
    filterset_class = DrillFilterSet
    ordering_fields = ["id", "held_on"]
    http_method_names = CREATE
    write_services = {"create": services.drill_record}


class WarehouseViewSet(ScopedCreateListRetrieveUpdateViewSet):
    """Relief-stock warehouses; POST …/issue/ issues an item from one."""

    queryset = Warehouse.objects.all()
    serializer_class = s.WarehouseSerializer
    filterset_class = WarehouseFilterSet
    ordering_fields = ["id", "name"]
    http_method_names = WRITE
    write_services = {"create": services.warehouse_save, "update": services.warehouse_save}

    @service_action(services.stock_issue, body=s.StockIssueSerializer, answer=s.StockMovementListSerializer)
    def issue(self, request, pk=None):
        """Issue an item, earliest expiry first; expired lots are never issued. Answers the movements written."""


class ItemViewSet(ServiceWriteMixin, RowListMixin, viewsets.ModelViewSet):
    """The city's catalogue of relief items."""

    queryset = Item.objects.all()
    serializer_class = s.ItemSerializer
    ordering_fields = ["id", "code"]
    http_method_names = WRITE
    write_services = {"create": services.item_save, "update": services.item_save}


class StockLotViewSet(IdempotentCreateMixin, ScopedCreateListRetrieveUpdateViewSet):
    """Lots; a create receives goods into stock (`Idempotency-Key` honoured), actions transfer and adjust."""

    queryset = StockLot.objects.all()
    serializer_class = s.StockLotSerializer
    filterset_class = StockLotFilterSet
    ordering_fields = ["id", "expires_on"]
    http_method_names = CREATE
    write_services = {"create": services.stock_receive}

    @service_action(services.stock_transfer, body=s.TransferSerializer, answer=s.StockLotSerializer,
                    arguments=lambda obj, request: {"lot": obj}, status_code=status.HTTP_201_CREATED)
    def transfer(self, request, pk=None):
        """Move part of the lot to another warehouse: answers the new lot there."""

    @service_action(services.stock_adjust, body=s.AdjustSerializer, answer=s.StockMovementSerializer,
                    arguments=lambda obj, request: {"lot": obj})
    def adjust(self, request, pk=None):
        """Correct the lot's quantity with a reason (an adjustment movement in the ledger)."""


class StockMovementViewSet(ScopedReadOnlyViewSet):
    """The ledger, read-only: movements are written by the stock services and never changed."""

    queryset = StockMovement.objects.all()
    serializer_class = s.StockMovementSerializer
    filterset_class = StockMovementFilterSet
    ordering_fields = ["id", "created_at"]


class StockMinimumViewSet(ScopedCreateListRetrieveUpdateViewSet):
    """Minimum levels per warehouse and item: below them, the stock page and reminders say so."""

    queryset = StockMinimum.objects.all()
    serializer_class = s.StockMinimumSerializer
    filterset_class = StockMinimumFilterSet
    ordering_fields = ["id"]
    http_method_names = CREATE
    write_services = {"create": services.minimum_set}


class PlanViewSet(ScopedCreateListRetrieveUpdateViewSet):
    queryset = Plan.objects.prefetch_related("steps")
    serializer_class = s.PlanSerializer
    filterset_class = PlanFilterSet
    ordering_fields = ["id", "version"]
    http_method_names = WRITE
    write_services = {"create": services.plan_save, "update": services.plan_save}


class AlertViewSet(ScopedCreateListRetrieveUpdateViewSet):
    """Warnings from partner agencies: a retry with the same source and source id is stored once (200)."""

    queryset = Alert.objects.prefetch_related("regions", "notices__organization")
    serializer_class = s.AlertSerializer
    filterset_class = AlertFilterSet
    ordering_fields = ["id", "posted_at", "valid_until"]
    http_method_names = CREATE
    write_services = {"create": services.alert_post}

    def create(self, request, *args, **kwargs):
        # The service answers (alert, created): a retry is not an error, it answers 200 with the stored alert.
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        alert, created = self.write_service("create")(actor=request.user, **serializer.validated_data)
        alert = Alert.objects.prefetch_related("regions", "notices__organization").get(pk=alert.pk)
        return Response(s.AlertSerializer(alert, context={"request": request}).data,
                        status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)


class AlertNoticeViewSet(ScopedReadOnlyViewSet):
    """Alerts as sent to each organisation: unacknowledged first; POST …/acknowledge/ records the time."""

    queryset = AlertNotice.objects.all()
    serializer_class = s.AlertNoticeSerializer
    filterset_class = AlertNoticeFilterSet
    ordering_fields = ["id", "notified_at"]

    @service_action(services.alert_acknowledge, answer=s.AlertNoticeSerializer,
                    permission="emergency.change_alertnotice", arguments=lambda obj, request: {"notice": obj})
    def acknowledge(self, request, pk=None):
        """The organisation acknowledges the alert; the time is recorded once."""


class IncidentViewSet(ScopedCreateListRetrieveUpdateViewSet):
    """Incidents: opening one from a plan creates its checklist; partner agencies read them."""

    queryset = Incident.objects.prefetch_related("regions", "tasks")
    serializer_class = s.IncidentSerializer
    filterset_class = IncidentFilterSet
    ordering_fields = ["id", "opened_at"]
    http_method_names = CREATE
    write_services = {"create": services.incident_open}

    @service_action(services.incident_advance, body=s.AdvanceSerializer, answer=s.IncidentSerializer,
                    permission="emergency.change_incident")
    def advance(self, request, pk=None):
        """Monitoring → responding → recovery → closed; closing needs the after-action review."""


class SituationReportViewSet(ScopedCreateListRetrieveUpdateViewSet):
    """Situation reports of an open incident: affected, injured, dead, displaced, needs and actions."""

    queryset = SituationReport.objects.all()
    serializer_class = s.SituationReportSerializer
    filterset_class = SituationReportFilterSet
    ordering_fields = ["id", "reported_at"]
    http_method_names = CREATE
    write_services = {"create": services.sitrep_file}


class DeploymentViewSet(ScopedCreateListRetrieveUpdateViewSet):
    """Deployments requested → approved → on site → returned; no minors, no uninsured volunteers."""

    queryset = Deployment.objects.prefetch_related("volunteers")
    serializer_class = s.DeploymentSerializer
    filterset_class = DeploymentFilterSet
    ordering_fields = ["id", "requested_at"]
    http_method_names = CREATE
    write_services = {"create": services.deployment_request}

    @service_action(services.deployment_advance, body=s.DeploymentAdvanceSerializer, answer=s.DeploymentSerializer)
    def advance(self, request, pk=None):
        """Requested → approved → on site → returned."""


class StockRequestViewSet(ScopedCreateListRetrieveUpdateViewSet):
    """Stock an incident asks for; POST …/dispatch/ sends it from a warehouse."""

    queryset = StockRequest.objects.all()
    serializer_class = s.StockRequestSerializer
    filterset_class = StockRequestFilterSet
    ordering_fields = ["id", "requested_at"]
    http_method_names = CREATE
    write_services = {"create": services.stock_request_create}

    @service_action(services.stock_request_dispatch, body=s.DispatchSerializer, answer=s.StockRequestSerializer,
                    arguments=lambda obj, request: {"stock_request": obj}, url_path="dispatch")
    def dispatch_stock(self, request, pk=None):
        """Dispatch the requested stock from a warehouse, earliest expiry first."""


class MutualAidViewSet(ScopedCreateListRetrieveUpdateViewSet):
    """Requests between societies; both the requester and the asked society see them."""

    queryset = MutualAid.objects.all()
    serializer_class = s.MutualAidSerializer
    filterset_class = MutualAidFilterSet
    ordering_fields = ["id", "requested_at"]
    http_method_names = CREATE
    write_services = {"create": services.aid_request}

    @service_action(services.aid_advance, body=s.AidAdvanceSerializer, answer=s.MutualAidSerializer,
                    arguments=lambda obj, request: {"aid": obj})
    def advance(self, request, pk=None):
        """Offer, answer, send and return: the request's steps between societies."""


class TeamReadPermission(StaffModelPermissions):
    def has_permission(self, request, view):
        return bool(request.user and request.user.is_authenticated and request.user.has_perm(view.required_perm))


@extend_schema(responses=inline_serializer("ReadinessMatrix", {
    "district": serializers.CharField(), "name": serializers.CharField(),
    "types": serializers.DictField(child=serializers.DictField())}, many=True))
@api_view(["GET"])
def readiness_matrix(request):
    """District × six types: teams green / amber / red and whether the district must have the type."""
    rows = selectors.readiness_matrix(user=request.user)
    return Response([{"district": r["region"].code, "name": r["region"].name,
                      "types": {c["team_type"]: {k: c[k] for k in ("required", "green", "amber", "red", "colour")}
                                for c in r["cells"]}} for r in rows])


readiness_matrix.cls.permission_classes = [TeamReadPermission]
readiness_matrix.cls.required_perm = "emergency.view_team"


@extend_schema(responses=inline_serializer("StockTotal", {
    "item": serializers.CharField(), "name": serializers.CharField(), "unit": serializers.CharField(),
    "usable": serializers.DecimalField(max_digits=14, decimal_places=2),
    "expired": serializers.DecimalField(max_digits=14, decimal_places=2), "lots": serializers.IntegerField()},
    many=True))
@api_view(["GET"])
def stock_totals(request):
    """Usable and expired quantity per relief item in the caller's area: no batches, no names."""
    rows = selectors.stock_totals(user=request.user)
    return Response([{**r, "usable": f"{r['usable']:.2f}", "expired": f"{r['expired']:.2f}"} for r in rows])


stock_totals.cls.permission_classes = [TeamReadPermission]
stock_totals.cls.required_perm = "emergency.view_stocklot"
