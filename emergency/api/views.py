"""Configuration only: scope, filters and N+1 prevention come from the base viewsets, rules from services."""

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action, api_view
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
    ScopedCreateListRetrieveUpdateViewSet,
    ScopedReadOnlyViewSet,
)

WRITE = ["get", "post", "patch", "head", "options"]
CREATE = ["get", "post", "head", "options"]


def _user(view):
    return view.request.user


class ServiceWrites:
    """perform_create / perform_update call the app's services with the caller as actor."""

    create_service = None
    update_service = None
    instance_argument = None

    def perform_create(self, serializer):
        serializer.instance = type(self).create_service(actor=_user(self), **serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = type(self).update_service(
            actor=_user(self), **{self.instance_argument: serializer.instance}, **serializer.validated_data)


class TeamStandardViewSet(ServiceWrites, viewsets.ModelViewSet):
    """The standard per team type: the same for the whole city; only the city changes it."""

    queryset = TeamStandard.objects.all()
    serializer_class = s.TeamStandardSerializer
    ordering_fields = ["id", "team_type"]
    http_method_names = WRITE
    create_service = staticmethod(services.standard_save)
    update_service = staticmethod(services.standard_save)
    instance_argument = "standard"


class TeamRequirementViewSet(ScopedCreateListRetrieveUpdateViewSet):
    queryset = TeamRequirement.objects.all()
    serializer_class = s.TeamRequirementSerializer
    filterset_class = TeamRequirementFilterSet
    ordering_fields = ["id", "region"]
    http_method_names = CREATE

    def perform_create(self, serializer):
        serializer.instance = services.requirement_set(actor=_user(self), **serializer.validated_data)


class TeamViewSet(ServiceWrites, ScopedCreateListRetrieveUpdateViewSet):
    """Response teams with their computed readiness; partner agencies read them (no member names)."""

    queryset = Team.objects.all()
    serializer_class = s.TeamSerializer
    filterset_class = TeamFilterSet
    ordering_fields = ["id", "name", "founded_on"]
    http_method_names = WRITE
    create_service = staticmethod(services.team_save)
    update_service = staticmethod(services.team_save)
    instance_argument = "team"


class TeamMemberViewSet(ScopedCreateListRetrieveUpdateViewSet):
    queryset = TeamMember.objects.all()
    serializer_class = s.TeamMemberSerializer
    filterset_class = TeamMemberFilterSet
    ordering_fields = ["id", "joined_on"]
    http_method_names = CREATE

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = services.member_add(actor=_user(self), team=data["team"], volunteer=data["volunteer"],
                                                  role=data.get("role", "member"), joined_on=data.get("joined_on"))

    @extend_schema(request=None, responses=s.TeamMemberSerializer)
    @action(detail=True, methods=["post"])
    def leave(self, request, pk=None):
        member = services.member_leave(actor=request.user, member=self.get_object())
        return Response(s.TeamMemberSerializer(member, context={"request": request}).data)


class EquipmentViewSet(ServiceWrites, ScopedCreateListRetrieveUpdateViewSet):
    queryset = Equipment.objects.all()
    serializer_class = s.EquipmentSerializer
    filterset_class = EquipmentFilterSet
    ordering_fields = ["id", "next_inspection_on"]
    http_method_names = WRITE
    create_service = staticmethod(services.equipment_save)
    update_service = staticmethod(services.equipment_save)
    instance_argument = "equipment"


class DrillViewSet(ServiceWrites, ScopedCreateListRetrieveUpdateViewSet):
    """Drills; each participant's hours become confirmed service hours."""

    queryset = Drill.objects.prefetch_related("participants")
    serializer_class = s.DrillSerializer
    filterset_class = DrillFilterSet
    ordering_fields = ["id", "held_on"]
    http_method_names = CREATE
    create_service = staticmethod(services.drill_record)


class WarehouseViewSet(ServiceWrites, ScopedCreateListRetrieveUpdateViewSet):
    queryset = Warehouse.objects.all()
    serializer_class = s.WarehouseSerializer
    filterset_class = WarehouseFilterSet
    ordering_fields = ["id", "name"]
    http_method_names = WRITE
    create_service = staticmethod(services.warehouse_save)
    update_service = staticmethod(services.warehouse_save)
    instance_argument = "warehouse"

    @extend_schema(request=s.IssueSerializer, responses=s.StockMovementSerializer(many=True))
    @action(detail=True, methods=["post"])
    def issue(self, request, pk=None):
        """Issue an item, earliest expiry first; expired lots are never issued."""
        body = s.IssueSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        movements = services.stock_issue(actor=request.user, warehouse=self.get_object(), **body.validated_data)
        return Response(s.StockMovementSerializer(movements, many=True, context={"request": request}).data)


class ItemViewSet(ServiceWrites, viewsets.ModelViewSet):
    """The city's catalogue of relief items."""

    queryset = Item.objects.all()
    serializer_class = s.ItemSerializer
    ordering_fields = ["id", "code"]
    http_method_names = WRITE
    create_service = staticmethod(services.item_save)
    update_service = staticmethod(services.item_save)
    instance_argument = "item"


class StockLotViewSet(IdempotentCreateMixin, ScopedCreateListRetrieveUpdateViewSet):
    """Lots; a create receives goods into stock (`Idempotency-Key` honoured), actions transfer and adjust."""

    queryset = StockLot.objects.all()
    serializer_class = s.StockLotSerializer
    filterset_class = StockLotFilterSet
    ordering_fields = ["id", "expires_on"]
    http_method_names = CREATE

    def perform_create(self, serializer):
        serializer.instance = services.stock_receive(actor=_user(self), **serializer.validated_data)

    @extend_schema(request=s.TransferSerializer, responses=s.StockLotSerializer)
    @action(detail=True, methods=["post"])
    def transfer(self, request, pk=None):
        body = s.TransferSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        lot = services.stock_transfer(actor=request.user, lot=self.get_object(), **body.validated_data)
        return Response(s.StockLotSerializer(lot, context={"request": request}).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.AdjustSerializer, responses=s.StockMovementSerializer)
    @action(detail=True, methods=["post"])
    def adjust(self, request, pk=None):
        body = s.AdjustSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        movement = services.stock_adjust(actor=request.user, lot=self.get_object(), **body.validated_data)
        return Response(s.StockMovementSerializer(movement, context={"request": request}).data)


class StockMovementViewSet(ScopedReadOnlyViewSet):
    """The ledger, read-only: movements are written by the stock services and never changed."""

    queryset = StockMovement.objects.all()
    serializer_class = s.StockMovementSerializer
    filterset_class = StockMovementFilterSet
    ordering_fields = ["id", "created_at"]


class StockMinimumViewSet(ScopedCreateListRetrieveUpdateViewSet):
    queryset = StockMinimum.objects.all()
    serializer_class = s.StockMinimumSerializer
    filterset_class = StockMinimumFilterSet
    ordering_fields = ["id"]
    http_method_names = CREATE

    def perform_create(self, serializer):
        serializer.instance = services.minimum_set(actor=_user(self), **serializer.validated_data)


class PlanViewSet(ScopedCreateListRetrieveUpdateViewSet):
    queryset = Plan.objects.prefetch_related("steps")
    serializer_class = s.PlanSerializer
    filterset_class = PlanFilterSet
    ordering_fields = ["id", "version"]
    http_method_names = WRITE

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        steps = data.pop("steps", [])
        serializer.instance = services.plan_save(actor=_user(self), steps=steps, **data)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        steps = data.pop("steps", None)
        serializer.instance = services.plan_save(actor=_user(self), plan=serializer.instance, steps=steps, **data)


class AlertViewSet(ScopedCreateListRetrieveUpdateViewSet):
    """Warnings from partner agencies: a retry with the same source and source id is stored once (200)."""

    queryset = Alert.objects.prefetch_related("regions", "notices__organization")
    serializer_class = s.AlertSerializer
    filterset_class = AlertFilterSet
    ordering_fields = ["id", "posted_at", "valid_until"]
    http_method_names = CREATE

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        alert, created = services.alert_post(actor=request.user, **serializer.validated_data)
        alert = self.get_queryset().model.objects.prefetch_related("regions", "notices__organization").get(
            pk=alert.pk)
        return Response(s.AlertSerializer(alert, context={"request": request}).data,
                        status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)


class AlertNoticeViewSet(ScopedReadOnlyViewSet):
    """Alerts as sent to each organisation: unacknowledged first; POST …/acknowledge/ records the time."""

    queryset = AlertNotice.objects.all()
    serializer_class = s.AlertNoticeSerializer
    filterset_class = AlertNoticeFilterSet
    ordering_fields = ["id", "notified_at"]

    @extend_schema(request=None, responses=s.AlertNoticeSerializer)
    @action(detail=True, methods=["post"])
    def acknowledge(self, request, pk=None):
        if not request.user.has_perm("emergency.change_alertnotice"):
            from rest_framework.exceptions import PermissionDenied

            raise PermissionDenied()
        notice = services.alert_acknowledge(actor=request.user, notice=self.get_object())
        return Response(s.AlertNoticeSerializer(notice, context={"request": request}).data)


class IncidentViewSet(ScopedCreateListRetrieveUpdateViewSet):
    """Incidents: opening one from a plan creates its checklist; partner agencies read them."""

    queryset = Incident.objects.prefetch_related("regions", "tasks")
    serializer_class = s.IncidentSerializer
    filterset_class = IncidentFilterSet
    ordering_fields = ["id", "opened_at"]
    http_method_names = CREATE

    def perform_create(self, serializer):
        serializer.instance = services.incident_open(actor=_user(self), **serializer.validated_data)

    @extend_schema(request=s.AdvanceSerializer, responses=s.IncidentSerializer)
    @action(detail=True, methods=["post"])
    def advance(self, request, pk=None):
        body = s.AdvanceSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        self._require_change(request)
        incident = services.incident_advance(actor=request.user, incident=self.get_object(), **body.validated_data)
        return Response(s.IncidentSerializer(incident, context={"request": request}).data)

    def _require_change(self, request):
        if not request.user.has_perm("emergency.change_incident"):
            from rest_framework.exceptions import PermissionDenied

            raise PermissionDenied()


class SituationReportViewSet(ScopedCreateListRetrieveUpdateViewSet):
    queryset = SituationReport.objects.all()
    serializer_class = s.SituationReportSerializer
    filterset_class = SituationReportFilterSet
    ordering_fields = ["id", "reported_at"]
    http_method_names = CREATE

    def perform_create(self, serializer):
        serializer.instance = services.sitrep_file(actor=_user(self), **serializer.validated_data)


class DeploymentViewSet(ScopedCreateListRetrieveUpdateViewSet):
    """Deployments requested → approved → on site → returned; no minors, no uninsured volunteers."""

    queryset = Deployment.objects.prefetch_related("volunteers")
    serializer_class = s.DeploymentSerializer
    filterset_class = DeploymentFilterSet
    ordering_fields = ["id", "requested_at"]
    http_method_names = CREATE

    def perform_create(self, serializer):
        serializer.instance = services.deployment_request(actor=_user(self), **serializer.validated_data)

    @extend_schema(request=s.DeploymentAdvanceSerializer, responses=s.DeploymentSerializer)
    @action(detail=True, methods=["post"])
    def advance(self, request, pk=None):
        body = s.DeploymentAdvanceSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        deployment = services.deployment_advance(actor=request.user, deployment=self.get_object(),
                                                 **body.validated_data)
        return Response(s.DeploymentSerializer(deployment, context={"request": request}).data)


class StockRequestViewSet(ScopedCreateListRetrieveUpdateViewSet):
    queryset = StockRequest.objects.all()
    serializer_class = s.StockRequestSerializer
    filterset_class = StockRequestFilterSet
    ordering_fields = ["id", "requested_at"]
    http_method_names = CREATE

    def perform_create(self, serializer):
        serializer.instance = services.stock_request_create(actor=_user(self), **serializer.validated_data)

    @extend_schema(request=s.DispatchSerializer, responses=s.StockRequestSerializer)
    @action(detail=True, methods=["post"], url_path="dispatch")
    def dispatch_stock(self, request, pk=None):
        body = s.DispatchSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        stock_request = services.stock_request_dispatch(actor=request.user, stock_request=self.get_object(),
                                                        **body.validated_data)
        return Response(s.StockRequestSerializer(stock_request, context={"request": request}).data)


class MutualAidViewSet(ScopedCreateListRetrieveUpdateViewSet):
    """Requests between societies; both the requester and the asked society see them."""

    queryset = MutualAid.objects.all()
    serializer_class = s.MutualAidSerializer
    filterset_class = MutualAidFilterSet
    ordering_fields = ["id", "requested_at"]
    http_method_names = CREATE

    def perform_create(self, serializer):
        serializer.instance = services.aid_request(actor=_user(self), **serializer.validated_data)

    @extend_schema(request=s.AidAdvanceSerializer, responses=s.MutualAidSerializer)
    @action(detail=True, methods=["post"])
    def advance(self, request, pk=None):
        body = s.AidAdvanceSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        aid = services.aid_advance(actor=request.user, aid=self.get_object(), **body.validated_data)
        return Response(s.MutualAidSerializer(aid, context={"request": request}).data)


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
