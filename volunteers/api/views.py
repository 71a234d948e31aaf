from rest_framework import status

from redcross.api.viewsets import (
    IdempotentCreateMixin,
    ScopedCreateListRetrieveUpdateViewSet,
    ScopedModelViewSet,
    service_action,
)
from volunteers import services
from volunteers.api.serializers import (
    ActivitySerializer,
    CheckInSerializer,
    CorrectionSerializer,
    ReasonSerializer,
    ServiceRecordSerializer,
    SignUpSerializer,
    TeamSerializer,
    VolunteerApplySerializer,
    VolunteerSerializer,
)
from volunteers.filtersets import (
    ActivityFilterSet,
    ServiceRecordFilterSet,
    SignUpFilterSet,
    TeamFilterSet,
    VolunteerFilterSet,
)
from volunteers.models import Activity, ServiceRecord, SignUp, Team, Volunteer


class VolunteerViewSet(IdempotentCreateMixin, ScopedCreateListRetrieveUpdateViewSet):
    """Volunteers; a create is an application, accepted or declined by district staff."""

    queryset = Volunteer.objects.all()
    serializer_class = VolunteerSerializer
    filterset_class = VolunteerFilterSet
    ordering_fields = ["id", "confirmed_hours", "stars"]
    http_method_names = ["get", "post", "patch", "head", "options"]
    write_services = {"create": services.volunteer_apply, "update": services.volunteer_update}

    # A list reads only what it shows: not the person's encrypted columns, nor dates nobody asked for.
    LIST_COLUMNS = ("id", "number", "tier", "status", "skills", "qualifications", "availability", "confirmed_hours",
                    "stars", "applied_at", "registered_at", "organization__name", "person__full_name",
                    "person__document_number_masked")

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.action == "list":
            queryset = queryset.only(*self.LIST_COLUMNS)
        return queryset

    def get_serializer_class(self):
        if self.action == "create":
            return VolunteerApplySerializer
        if self.action == "decline":
            return ReasonSerializer
        return VolunteerSerializer

    @service_action(services.volunteer_accept, answer=VolunteerSerializer)
    def accept(self, request, pk=None):
        """Accept an application: the volunteer gets a district number."""

    @service_action(services.volunteer_decline, body=ReasonSerializer, answer=VolunteerSerializer)
    def decline(self, request, pk=None):
        """Decline an application with a reason the applicant reads."""

    @service_action(services.volunteer_register, answer=VolunteerSerializer)
    def register(self, request, pk=None):
        """Register a volunteer who has served the hours the rules ask for."""


class TeamViewSet(ScopedModelViewSet):
    queryset = Team.objects.all()
    serializer_class = TeamSerializer
    filterset_class = TeamFilterSet
    ordering_fields = ["id", "name"]
    http_method_names = ["get", "post", "patch", "head", "options"]
    plain_crud = "A team is a name, a kind and an organisation within the writer's scope; no rule beyond the model."


class ActivityViewSet(ScopedCreateListRetrieveUpdateViewSet):
    queryset = Activity.objects.all()
    serializer_class = ActivitySerializer
    filterset_class = ActivityFilterSet
    ordering_fields = ["id", "starts_at"]
    http_method_names = ["get", "post", "head", "options"]
    write_services = {"create": services.activity_create}


class SignUpViewSet(IdempotentCreateMixin, ScopedCreateListRetrieveUpdateViewSet):
    queryset = SignUp.objects.all()
    serializer_class = SignUpSerializer
    filterset_class = SignUpFilterSet
    ordering_fields = ["id"]
    http_method_names = ["get", "post", "head", "options"]
    write_services = {"create": services.activity_sign_up}

    def get_serializer_class(self):
        return CheckInSerializer if self.action == "check_in" else SignUpSerializer

    @service_action(services.activity_check_in, body=CheckInSerializer, answer=SignUpSerializer, url_path="check-in",
                    arguments=lambda signup, request: {"activity": signup.activity, "volunteer": signup.volunteer})
    def check_in(self, request, pk=None):
        """Check a signed-up volunteer in (staff need no code)."""

    @service_action(services.activity_check_out, answer=SignUpSerializer, url_path="check-out",
                    arguments=lambda signup, request: {"activity": signup.activity, "volunteer": signup.volunteer})
    def check_out(self, request, pk=None):
        """Check a volunteer out at the end of the activity."""


class ServiceRecordViewSet(IdempotentCreateMixin, ScopedCreateListRetrieveUpdateViewSet):
    """Hours: recorded and confirmed by the organiser; `Idempotency-Key` honoured on create."""

    queryset = ServiceRecord.objects.all()
    serializer_class = ServiceRecordSerializer
    filterset_class = ServiceRecordFilterSet
    ordering_fields = ["id", "served_on"]
    http_method_names = ["get", "post", "head", "options"]
    write_services = {"create": services.service_record_create}

    def get_serializer_class(self):
        return CorrectionSerializer if self.action == "correct" else ServiceRecordSerializer

    @service_action(services.service_record_confirm, answer=ServiceRecordSerializer,
                    arguments=lambda record, request: {"record": record})
    def confirm(self, request, pk=None):
        """Confirm recorded hours: final from now on, counted in totals and stars."""

    @service_action(services.service_record_correct, body=CorrectionSerializer, answer=ServiceRecordSerializer,
                    arguments=lambda record, request: {"record": record}, status_code=status.HTTP_201_CREATED)
    def correct(self, request, pk=None):
        """Correct confirmed hours with a new record and a reason."""
