from rest_framework import serializers

from governance import services
from governance.models import ActionItem, AuditReport, SupervisionOpinion, SupervisoryMeeting, SupervisoryMember
from redcross.api.serializers import ScopedModelSerializer


class ServiceSerializer(ScopedModelSerializer):
    """Validates and shapes; the write goes through the named service with the caller as actor."""

    service = None

    class Meta:
        validators = []

    def create(self, validated_data):
        return type(self).service(actor=self.context["request"].user, **validated_data)

    def update(self, instance, validated_data):
        return type(self).service(actor=self.context["request"].user, instance=instance, **validated_data)


class SupervisoryMemberSerializer(ServiceSerializer):
    service = staticmethod(services.member_save)

    class Meta:
        model = SupervisoryMember
        fields = ["id", "organization", "name", "role", "affiliation", "term_start", "term_end"]
        validators = []


class SupervisoryMeetingSerializer(ServiceSerializer):
    service = staticmethod(services.meeting_record)

    class Meta:
        model = SupervisoryMeeting
        fields = ["id", "organization", "held_on", "title", "attendees", "minutes"]
        validators = []


class SupervisionOpinionSerializer(ServiceSerializer):
    service = staticmethod(services.opinion_save)
    is_overdue = serializers.BooleanField(read_only=True)

    class Meta:
        model = SupervisionOpinion
        fields = ["id", "meeting", "opinion", "owner", "due_on", "status", "rectification", "rectified_on",
                  "is_overdue"]
        read_only_fields = ["rectified_on"]
        validators = []


class AuditReportSerializer(ServiceSerializer):
    service = staticmethod(services.audit_report_save)

    class Meta:
        model = AuditReport
        fields = ["id", "organization", "year", "auditor", "opinion", "summary", "published_on"]
        validators = []


class ActionItemSerializer(ServiceSerializer):
    service = staticmethod(services.action_item_save)
    is_overdue = serializers.BooleanField(read_only=True)

    class Meta:
        model = ActionItem
        fields = ["id", "plan", "source", "title", "owner", "due_on", "status", "evidence", "done_on", "is_overdue"]
        read_only_fields = ["done_on"]
        validators = []
