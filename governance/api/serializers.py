from rest_framework import serializers

from governance.models import ActionItem, AuditReport, SupervisionOpinion, SupervisoryMeeting, SupervisoryMember
from redcross.api.serializers import ScopedModelSerializer


class SupervisoryMemberSerializer(ScopedModelSerializer):
    """A member of a society's supervisory board (监事会) and their term."""

    class Meta:
        model = SupervisoryMember
        fields = ["id", "organization", "name", "role", "affiliation", "term_start", "term_end"]
        validators = []


class SupervisoryMeetingSerializer(ScopedModelSerializer):
    """A meeting of the supervisory board, with its minutes."""

    class Meta:
        model = SupervisoryMeeting
        fields = ["id", "organization", "held_on", "title", "attendees", "minutes"]
        validators = []


class SupervisionOpinionSerializer(ScopedModelSerializer):
    """A supervision opinion: who rectifies it, by when, and how far it has come."""

    is_overdue = serializers.BooleanField(read_only=True)

    class Meta:
        model = SupervisionOpinion
        fields = ["id", "meeting", "opinion", "owner", "due_on", "status", "rectification", "rectified_on",
                  "is_overdue"]
        read_only_fields = ["rectified_on"]
        validators = []


class AuditReportSerializer(ScopedModelSerializer):
    """A yearly independent audit report (红十字会法 Art. 22): public on /transparency/audits/ once dated."""

    class Meta:
        model = AuditReport
        fields = ["id", "organization", "year", "auditor", "opinion", "summary", "published_on"]
        validators = []


class ActionItemSerializer(ScopedModelSerializer):
    """An item of the plan's or the reform's checklist: owner, due date, status and evidence."""

    is_overdue = serializers.BooleanField(read_only=True)

    class Meta:
        model = ActionItem
        fields = ["id", "plan", "source", "title", "owner", "due_on", "status", "evidence", "done_on", "is_overdue"]
        read_only_fields = ["done_on"]
        validators = []
