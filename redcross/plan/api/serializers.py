from rest_framework import serializers

from redcross import targets as registry
from redcross.api.serializers import ModelFieldsOnceSerializer
from redcross.plan.models import TargetSnapshot


class TargetSerializer(serializers.Serializer):
    """One registered plan target (redcross.targets): its wording, unit, line and level."""

    code = serializers.CharField()
    plan = serializers.IntegerField()
    plan_label = serializers.SerializerMethodField()
    title = serializers.CharField()
    description = serializers.CharField()
    unit = serializers.CharField()
    target = serializers.DecimalField(max_digits=16, decimal_places=2)
    deadline = serializers.DateField()
    steps = serializers.SerializerMethodField()
    level = serializers.CharField()
    higher_is_better = serializers.BooleanField()
    public = serializers.BooleanField()
    app_label = serializers.CharField()

    def get_plan_label(self, target) -> str:
        return str(registry.ActionPlan(target.plan).label)

    def get_steps(self, target) -> list[dict]:
        return [{"date": day.isoformat(), "target": str(value)} for day, value in sorted(target.steps)]


class TargetSnapshotSerializer(ModelFieldsOnceSerializer):
    region_name = serializers.CharField(source="region.name", read_only=True)

    class Meta:
        model = TargetSnapshot
        fields = ["id", "target", "region", "region_name", "day", "numerator", "denominator", "value",
                  "target_value", "computed_at"]
        read_only_fields = fields
