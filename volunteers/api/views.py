from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response

from redcross.api.viewsets import IdempotentCreateMixin, ScopedCreateListRetrieveUpdateViewSet, ScopedModelViewSet
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

    @extend_schema(request=None, responses=VolunteerSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        volunteer = services.volunteer_accept(volunteer=self.get_object(), actor=request.user)
        return Response(VolunteerSerializer(volunteer, context={"request": request}).data)

    @extend_schema(request=ReasonSerializer, responses=VolunteerSerializer)
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        body = ReasonSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        volunteer = services.volunteer_decline(volunteer=self.get_object(), actor=request.user,
                                               reason=body.validated_data["reason"])
        return Response(VolunteerSerializer(volunteer, context={"request": request}).data)

    @extend_schema(request=None, responses=VolunteerSerializer)
    @action(detail=True, methods=["post"])
    def register(self, request, pk=None):
        volunteer = services.volunteer_register(volunteer=self.get_object(), actor=request.user)
        return Response(VolunteerSerializer(volunteer, context={"request": request}).data)


class TeamViewSet(ScopedModelViewSet):
    queryset = Team.objects.all()
    serializer_class = TeamSerializer
    filterset_class = TeamFilterSet
    ordering_fields = ["id", "name"]
    http_method_names = ["get", "post", "patch", "head", "options"]


class ActivityViewSet(ScopedCreateListRetrieveUpdateViewSet):
    queryset = Activity.objects.all()
    serializer_class = ActivitySerializer
    filterset_class = ActivityFilterSet
    ordering_fields = ["id", "starts_at"]
    http_method_names = ["get", "post", "head", "options"]


class SignUpViewSet(IdempotentCreateMixin, ScopedCreateListRetrieveUpdateViewSet):
    queryset = SignUp.objects.all()
    serializer_class = SignUpSerializer
    filterset_class = SignUpFilterSet
    ordering_fields = ["id"]
    http_method_names = ["get", "post", "head", "options"]

    def get_serializer_class(self):
        return CheckInSerializer if self.action == "check_in" else SignUpSerializer

    @extend_schema(request=CheckInSerializer, responses=SignUpSerializer)
    @action(detail=True, methods=["post"], url_path="check-in")
    def check_in(self, request, pk=None):
        signup = self.get_object()
        body = CheckInSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        signup = services.activity_check_in(activity=signup.activity, volunteer=signup.volunteer,
                                            code=body.validated_data.get("code"), actor=request.user)
        return Response(SignUpSerializer(signup, context={"request": request}).data)

    @extend_schema(request=None, responses=SignUpSerializer)
    @action(detail=True, methods=["post"], url_path="check-out")
    def check_out(self, request, pk=None):
        signup = self.get_object()
        signup = services.activity_check_out(activity=signup.activity, volunteer=signup.volunteer, actor=request.user)
        return Response(SignUpSerializer(signup, context={"request": request}).data)


class ServiceRecordViewSet(IdempotentCreateMixin, ScopedCreateListRetrieveUpdateViewSet):
    """Hours: recorded and confirmed by the organiser; `Idempotency-Key` honoured on create."""

    queryset = ServiceRecord.objects.all()
    serializer_class = ServiceRecordSerializer
    filterset_class = ServiceRecordFilterSet
    ordering_fields = ["id", "served_on"]
    http_method_names = ["get", "post", "head", "options"]

    def get_serializer_class(self):
        return CorrectionSerializer if self.action == "correct" else ServiceRecordSerializer

    @extend_schema(request=None, responses=ServiceRecordSerializer)
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        record = services.service_record_confirm(record=self.get_object(), actor=request.user)
        return Response(ServiceRecordSerializer(record, context={"request": request}).data)

    @extend_schema(request=CorrectionSerializer, responses=ServiceRecordSerializer)
    @action(detail=True, methods=["post"])
    def correct(self, request, pk=None):
        body = CorrectionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        record = services.service_record_correct(record=self.get_object(), actor=request.user,
                                                 **body.validated_data)
        return Response(ServiceRecordSerializer(record, context={"request": request}).data,
                        status=status.HTTP_201_CREATED)
