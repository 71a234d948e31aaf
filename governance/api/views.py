from governance import services
from governance.api.serializers import (
    ActionItemSerializer,
    AuditReportSerializer,
    SupervisionOpinionSerializer,
    SupervisoryMeetingSerializer,
    SupervisoryMemberSerializer,
)
from governance.filtersets import (
    ActionItemFilterSet,
    AuditReportFilterSet,
    MeetingFilterSet,
    MemberFilterSet,
    OpinionFilterSet,
)
from governance.models import ActionItem, AuditReport, SupervisionOpinion, SupervisoryMeeting, SupervisoryMember
from redcross.api.viewsets import ScopedCreateListRetrieveUpdateViewSet


class SupervisoryMemberViewSet(ScopedCreateListRetrieveUpdateViewSet):
    queryset = SupervisoryMember.objects.all()
    serializer_class = SupervisoryMemberSerializer
    filterset_class = MemberFilterSet
    ordering_fields = ["id", "term_end"]
    write_services = {"create": services.member_save, "update": services.member_save}
    service_object_name = "instance"


class SupervisoryMeetingViewSet(ScopedCreateListRetrieveUpdateViewSet):
    queryset = SupervisoryMeeting.objects.all()
    serializer_class = SupervisoryMeetingSerializer
    filterset_class = MeetingFilterSet
    ordering_fields = ["id", "held_on"]
    http_method_names = ["get", "post", "head", "options"]
    write_services = {"create": services.meeting_record}


class SupervisionOpinionViewSet(ScopedCreateListRetrieveUpdateViewSet):
    queryset = SupervisionOpinion.objects.all()
    serializer_class = SupervisionOpinionSerializer
    filterset_class = OpinionFilterSet
    ordering_fields = ["id", "due_on"]
    write_services = {"create": services.opinion_save, "update": services.opinion_save}
    service_object_name = "instance"


class AuditReportViewSet(ScopedCreateListRetrieveUpdateViewSet):
    queryset = AuditReport.objects.all()
    serializer_class = AuditReportSerializer
    filterset_class = AuditReportFilterSet
    ordering_fields = ["id", "year"]
    write_services = {"create": services.audit_report_save, "update": services.audit_report_save}
    service_object_name = "instance"


class ActionItemViewSet(ScopedCreateListRetrieveUpdateViewSet):
    queryset = ActionItem.objects.all()
    serializer_class = ActionItemSerializer
    filterset_class = ActionItemFilterSet
    ordering_fields = ["id", "due_on"]
    write_services = {"create": services.action_item_save, "update": services.action_item_save}
    service_object_name = "instance"
