"""Shapes and validation only: every write goes through emergency.services, called from the viewsets."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from emergency.choices import AidStatus, DeploymentStatus, IncidentStatus
from emergency.models import (
    Alert,
    AlertNotice,
    Deployment,
    Drill,
    Equipment,
    Incident,
    IncidentTask,
    Item,
    MutualAid,
    Plan,
    PlanStep,
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
from emergency.reasons import reason_text
from organizations.models import Region
from redcross.api.serializers import ModelFieldsOnceSerializer, ScopedModelSerializer
from volunteers import selectors as volunteer_selectors


class TeamStandardSerializer(ModelFieldsOnceSerializer):
    class Meta:
        model = TeamStandard
        fields = ["id", "team_type", "min_members", "required_course_kinds", "kit", "drill_interval_days", "notes"]
        validators = []


class TeamRequirementSerializer(ScopedModelSerializer):
    region_name = serializers.CharField(source="region.name", read_only=True)

    class Meta:
        model = TeamRequirement
        fields = ["id", "region", "region_name", "team_type", "min_teams"]
        validators = []


class ReasonField(serializers.ListField):
    child = serializers.CharField()

    def to_representation(self, data):
        return [reason_text(r) for r in data]


@extend_schema_serializer(component_name="ResponseTeam")
class TeamSerializer(ScopedModelSerializer):
    """A team as partner agencies may read it: no member names."""

    organization_name = serializers.CharField(source="organization.name", read_only=True)
    region_name = serializers.CharField(source="region.name", read_only=True)
    readiness_reasons = ReasonField(read_only=True)

    class Meta:
        model = Team
        fields = ["id", "name", "organization", "organization_name", "region", "region_name", "team_type", "level",
                  "founded_on", "standby", "is_active", "readiness", "readiness_reasons", "readiness_at"]
        read_only_fields = ["readiness", "readiness_at"]
        validators = []


class TeamMemberSerializer(ScopedModelSerializer):
    masked_name = serializers.CharField(source="volunteer.person.masked_name", read_only=True)
    volunteer = serializers.PrimaryKeyRelatedField(queryset=volunteer_selectors.volunteer_choices(),
                                                   label=_("volunteer"))

    class Meta:
        model = TeamMember
        fields = ["id", "team", "volunteer", "masked_name", "role", "joined_on", "left_on"]
        read_only_fields = ["left_on"]
        validators = []


class EquipmentSerializer(ScopedModelSerializer):
    class Meta:
        model = Equipment
        fields = ["id", "team", "kind", "serial", "quantity", "condition", "next_inspection_on"]
        validators = []


class DrillSerializer(ScopedModelSerializer):
    participants = serializers.PrimaryKeyRelatedField(many=True, queryset=volunteer_selectors.volunteer_choices(),
                                                      label=_("participants"))

    class Meta:
        model = Drill
        fields = ["id", "team", "held_on", "scenario", "hours", "participants", "created_at"]
        validators = []


class WarehouseSerializer(ScopedModelSerializer):
    region_name = serializers.CharField(source="region.name", read_only=True)

    class Meta:
        model = Warehouse
        fields = ["id", "name", "organization", "region", "region_name", "address", "is_active"]
        validators = []


class ItemSerializer(ModelFieldsOnceSerializer):
    class Meta:
        model = Item
        fields = ["id", "code", "name", "unit", "category", "is_active"]
        validators = []


class StockLotSerializer(ScopedModelSerializer):
    """A lot; creating one receives goods (a movement `in`), optionally from an in-kind gift."""

    item_name = serializers.CharField(source="item.name", read_only=True)
    unit = serializers.CharField(source="item.unit", read_only=True)
    warehouse_name = serializers.CharField(source="warehouse.name", read_only=True)
    quantity = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=0, label=_("quantity"))

    class Meta:
        model = StockLot
        fields = ["id", "warehouse", "warehouse_name", "item", "item_name", "unit", "batch", "expires_on",
                  "quantity", "received_on", "donation"]
        validators = []


class StockIssueSerializer(serializers.Serializer):
    item = serializers.PrimaryKeyRelatedField(queryset=Item.objects.all(), label=_("item"))
    quantity = serializers.DecimalField(max_digits=12, decimal_places=2, label=_("quantity"))
    reason = serializers.CharField(max_length=255, required=False, allow_blank=True)


class TransferSerializer(serializers.Serializer):
    to_warehouse = serializers.PrimaryKeyRelatedField(queryset=Warehouse.objects.all(), label=_("to warehouse"))
    quantity = serializers.DecimalField(max_digits=12, decimal_places=2, label=_("quantity"))
    reason = serializers.CharField(max_length=255, required=False, allow_blank=True)


class AdjustSerializer(serializers.Serializer):
    quantity = serializers.DecimalField(max_digits=12, decimal_places=2, label=_("quantity"))
    reason = serializers.CharField(max_length=255)


class StockMovementSerializer(ScopedModelSerializer):
    item_name = serializers.CharField(source="lot.item.name", read_only=True)

    class Meta:
        model = StockMovement
        fields = ["id", "lot", "item_name", "kind", "quantity", "balance_after", "reason", "stock_request",
                  "donation", "counterpart", "created_at"]


class StockMovementListSerializer(serializers.ListSerializer):
    """The movements one issue wrote (earliest expiry first)."""

    child = StockMovementSerializer()


class StockMinimumSerializer(ScopedModelSerializer):
    class Meta:
        model = StockMinimum
        fields = ["id", "warehouse", "item", "minimum"]
        validators = []


class PlanStepSerializer(ModelFieldsOnceSerializer):
    order = serializers.IntegerField(min_value=1, required=False)

    class Meta:
        model = PlanStep
        fields = ["order", "role", "action", "offset_minutes"]


class PlanSerializer(ScopedModelSerializer):
    steps = PlanStepSerializer(many=True, required=False)

    class Meta:
        model = Plan
        fields = ["id", "title", "hazard_class", "hazard", "region", "organization", "level", "version", "summary",
                  "is_active", "steps"]
        validators = []


class AlertSerializer(ScopedModelSerializer):
    regions = serializers.SlugRelatedField(slug_field="code", many=True, queryset=Region.objects.all(),
                                           allow_empty=False, label=_("regions"))
    acknowledgements = serializers.SerializerMethodField()

    class Meta:
        model = Alert
        fields = ["id", "source", "source_id", "hazard_class", "hazard", "colour", "title", "message", "regions",
                  "valid_from", "valid_until", "posted_at", "acknowledgements"]
        validators = []

    def get_fields(self):
        fields = super().get_fields()
        fields["regions"].child_relation.queryset = Region.objects.all()  # any region may be warned, not only own
        return fields

    def get_acknowledgements(self, alert) -> list[dict]:
        return [{"organization": n.organization.name, "notified_at": n.notified_at,
                 "acknowledged_at": n.acknowledged_at} for n in alert.notices.all()]


class AlertNoticeSerializer(ScopedModelSerializer):
    alert_title = serializers.CharField(source="alert.title", read_only=True)
    organization_name = serializers.CharField(source="organization.name", read_only=True)

    class Meta:
        model = AlertNotice
        fields = ["id", "alert", "alert_title", "organization", "organization_name", "notified_at",
                  "acknowledged_at"]
        read_only_fields = fields


class IncidentTaskSerializer(ModelFieldsOnceSerializer):
    class Meta:
        model = IncidentTask
        fields = ["id", "order", "role", "action", "due_at", "done_at"]


class IncidentSerializer(ScopedModelSerializer):
    regions = serializers.SlugRelatedField(slug_field="code", many=True, queryset=Region.objects.all(),
                                           required=False, label=_("affected regions"))
    tasks = IncidentTaskSerializer(many=True, read_only=True)
    create_fund = serializers.BooleanField(write_only=True, required=False, default=False,
                                           label=_("open an emergency fund"))
    money_received = serializers.DecimalField(source="fund.received", max_digits=14, decimal_places=2,
                                              read_only=True, default=None)
    money_spent = serializers.DecimalField(source="fund.spent", max_digits=14, decimal_places=2, read_only=True,
                                           default=None)

    class Meta:
        model = Incident
        fields = ["id", "title", "hazard_class", "hazard", "level", "region", "regions", "organization", "status",
                  "plan", "alert", "fund", "summary", "is_public", "opened_at", "closed_at", "review_lessons",
                  "review_actions", "tasks", "create_fund", "money_received", "money_spent"]
        read_only_fields = ["status", "opened_at", "closed_at", "review_lessons", "review_actions"]
        extra_kwargs = {"hazard_class": {"required": False}, "hazard": {"required": False},
                        "level": {"required": False}, "organization": {"required": False}}
        validators = []


class AdvanceSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=IncidentStatus.choices, label=_("status"))
    review_lessons = serializers.CharField(required=False, allow_blank=True)
    review_actions = serializers.CharField(required=False, allow_blank=True)


class SituationReportSerializer(ScopedModelSerializer):
    class Meta:
        model = SituationReport
        fields = ["id", "incident", "reported_at", "affected", "injured", "dead", "displaced", "needs", "actions"]
        extra_kwargs = {"reported_at": {"required": False}}
        validators = []


class DeploymentSerializer(ScopedModelSerializer):
    team_name = serializers.CharField(source="team.name", read_only=True)
    volunteers = serializers.PrimaryKeyRelatedField(many=True, queryset=volunteer_selectors.volunteer_choices(),
                                                    required=False,
                                                    label=_("volunteers"))

    class Meta:
        model = Deployment
        fields = ["id", "incident", "team", "team_name", "volunteers", "task", "status", "requested_at",
                  "approved_at", "on_site_at", "returned_at"]
        read_only_fields = ["status", "requested_at", "approved_at", "on_site_at", "returned_at"]
        validators = []

    def get_fields(self):
        fields = super().get_fields()
        # Teams and volunteers of another district may be asked for (mutual aid); the service checks the rules.
        fields["team"].queryset = Team.objects.all()
        fields["volunteers"].child_relation.queryset = volunteer_selectors.volunteer_choices()
        return fields


class DeploymentAdvanceSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=DeploymentStatus.choices, label=_("status"))


class StockRequestSerializer(ScopedModelSerializer):
    item_name = serializers.CharField(source="item.name", read_only=True)

    class Meta:
        model = StockRequest
        fields = ["id", "incident", "item", "item_name", "quantity", "warehouse", "destination", "status",
                  "requested_at", "dispatched_at"]
        read_only_fields = ["status", "requested_at", "dispatched_at"]
        validators = []


class DispatchSerializer(serializers.Serializer):
    warehouse = serializers.PrimaryKeyRelatedField(queryset=Warehouse.objects.all(), required=False,
                                                   label=_("warehouse"))


class MutualAidSerializer(ScopedModelSerializer):
    requester_name = serializers.CharField(source="requester.name", read_only=True)
    responder_name = serializers.CharField(source="responder.name", read_only=True)

    class Meta:
        model = MutualAid
        fields = ["id", "requester", "requester_name", "responder", "responder_name", "incident", "kind",
                  "request", "status", "offer", "answer", "sent", "returned", "requested_at", "updated_at"]
        read_only_fields = ["status", "offer", "answer", "sent", "returned", "requested_at", "updated_at"]
        validators = []

    def get_fields(self):
        from organizations.models import Organization

        fields = super().get_fields()
        fields["responder"].queryset = Organization.objects.all()  # another society: outside the caller's area
        return fields


class AidAdvanceSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=AidStatus.choices, label=_("status"))
    text = serializers.CharField(required=False, allow_blank=True)
