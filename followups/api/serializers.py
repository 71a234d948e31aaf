from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from followups.choices import Difficulty, IssueCategory, IssueStatus, PlanPeriod, VisitMethod
from followups.models import Bulletin, Issue, PlanItem, Visit, VisitPlan, VisitTarget
from redcross.api.serializers import ScopedModelSerializer


class VisitTargetSerializer(ScopedModelSerializer):
    organization_name = serializers.CharField(source="organization.name", read_only=True)

    class Meta:
        model = VisitTarget
        fields = ["id", "year", "organization", "organization_name", "region", "party_kind", "rate", "eligibility",
                  "within_years"]
        read_only_fields = ["region"]
        validators = []  # constraints are checked once, by the service


class VisitPlanSerializer(ScopedModelSerializer):
    organization_name = serializers.CharField(source="organization.name", read_only=True)
    year = serializers.IntegerField(min_value=2000, max_value=2100, label=_("year"))
    period = serializers.ChoiceField(choices=PlanPeriod.choices, default=PlanPeriod.YEAR, label=_("plan period"))

    class Meta:
        model = VisitPlan
        fields = ["id", "organization", "organization_name", "region", "year", "period", "starts_on", "ends_on",
                  "title", "status", "visitors", "created_at"]
        read_only_fields = ["region", "starts_on", "ends_on", "status", "created_at"]
        extra_kwargs = {"organization": {"required": False}, "title": {"required": False}}
        validators = []


class PlanItemSerializer(ScopedModelSerializer):
    party_name = serializers.CharField(read_only=True)
    party_id = serializers.IntegerField(write_only=True, label=_("party (id)"))

    class Meta:
        model = PlanItem
        fields = ["id", "plan", "party_kind", "party_id", "volunteer", "donor", "member_unit", "aid_case",
                  "party_name", "region", "visitor", "due_on", "visit", "added_by_hand"]
        read_only_fields = ["volunteer", "donor", "member_unit", "aid_case", "region", "visit", "added_by_hand"]
        extra_kwargs = {"due_on": {"required": False}}
        validators = []


class IssueInputSerializer(serializers.Serializer):
    category = serializers.ChoiceField(choices=IssueCategory.choices, label=_("category"))
    title = serializers.CharField(max_length=200, label=_("problem"))
    description = serializers.CharField(required=False, allow_blank=True, default="", label=_("description"))
    department = serializers.CharField(required=False, allow_blank=True, default="", max_length=100,
                                       label=_("referred to (department)"))
    due_on = serializers.DateField(required=False, allow_null=True, default=None, label=_("settle by"))


class VisitSerializer(ScopedModelSerializer):
    party_name = serializers.CharField(read_only=True)
    party_id = serializers.IntegerField(write_only=True, label=_("party (id)"))
    method = serializers.ChoiceField(choices=VisitMethod.choices, label=_("visit method"))
    difficulties = serializers.ListField(child=serializers.ChoiceField(choices=Difficulty.choices), required=False,
                                         default=list, label=_("difficulties heard"))
    notes = serializers.CharField(write_only=True, required=False, allow_blank=True, default="",
                                  label=_("notes (kept encrypted)"))
    issues = IssueInputSerializer(many=True, write_only=True, required=False, default=list,
                                  label=_("problems raised"))
    issue_ids = serializers.PrimaryKeyRelatedField(source="issues", many=True, read_only=True)

    class Meta:
        model = Visit
        fields = ["id", "party_kind", "party_id", "volunteer", "donor", "member_unit", "aid_case", "party_name",
                  "organization", "region", "method", "visited_on", "visitors", "companions", "difficulties",
                  "difficulties_text", "suggestions", "satisfaction", "is_typical", "notes", "issues", "issue_ids",
                  "created_at"]
        read_only_fields = ["volunteer", "donor", "member_unit", "aid_case", "organization", "region", "created_at"]
        validators = []


class IssueActivitySerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    action = serializers.CharField()
    from_status = serializers.CharField()
    to_status = serializers.CharField()
    note = serializers.CharField()


class IssueSerializer(ScopedModelSerializer):
    activities = IssueActivitySerializer(many=True, read_only=True)

    class Meta:
        model = Issue
        fields = ["id", "visit", "organization", "region", "category", "title", "description", "department",
                  "assignee", "due_on", "status", "resolution", "feedback", "feedback_satisfaction", "escalated_to",
                  "escalated_at", "opened_at", "closed_at", "activities"]
        read_only_fields = ["organization", "region", "status", "resolution", "feedback", "feedback_satisfaction",
                            "escalated_to", "escalated_at", "opened_at", "closed_at", "assignee"]
        extra_kwargs = {"due_on": {"required": False}}
        validators = []


class IssueReferSerializer(serializers.Serializer):
    department = serializers.CharField(max_length=100, label=_("referred to (department)"))
    due_on = serializers.DateField(required=False, allow_null=True, default=None, label=_("settle by"))
    note = serializers.CharField(required=False, allow_blank=True, default="", label=_("note"))


class IssueNoteSerializer(serializers.Serializer):
    note = serializers.CharField(label=_("note"))


class IssueProgressSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="", label=_("note"))


class PlanGeneratedSerializer(serializers.Serializer):
    added = serializers.IntegerField(source="*", read_only=True, label=_("added to the due list"))


class IssueFinishSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=[(s, IssueStatus(s).label) for s in ("resolved", "closed",
                                                                                  "unresolvable")],
                                     label=_("status"))
    resolution = serializers.CharField(label=_("result"))
    feedback = serializers.CharField(required=False, allow_blank=True, default="",
                                     label=_("the visited party's feedback"))
    feedback_satisfaction = serializers.IntegerField(min_value=1, max_value=5, required=False, allow_null=True,
                                                     default=None, label=_("feedback satisfaction (1–5)"))


class BulletinSerializer(ScopedModelSerializer):
    organization_name = serializers.CharField(source="organization.name", read_only=True)
    included = serializers.PrimaryKeyRelatedField(source="includes", many=True, read_only=True)

    class Meta:
        model = Bulletin
        fields = ["id", "organization", "organization_name", "region", "year", "number", "version", "corrects",
                  "title", "period_start", "period_end", "status", "typical_cases", "suggestions", "figures",
                  "included", "submitted_at", "published_at"]
        read_only_fields = ["organization", "region", "year", "number", "version", "corrects", "status", "figures",
                            "submitted_at", "published_at"]
        extra_kwargs = {"title": {"required": False}, "typical_cases": {"required": False},
                        "suggestions": {"required": False}}
        validators = []

    def validate(self, attrs):
        start, end = attrs.get("period_start"), attrs.get("period_end")
        if start and end and end < start:
            raise serializers.ValidationError({"period_end": _("Period to: after the start.")})
        return attrs




