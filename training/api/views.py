import functools

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.decorators import api_view, permission_classes, throttle_classes
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from redcross.api.throttles import PublicThrottle
from redcross.api.viewsets import (
    IdempotentCreateMixin,
    ScopedCreateListRetrieveUpdateViewSet,
    ScopedModelViewSet,
    ScopedReadOnlyViewSet,
    service_action,
)
from training import selectors, services
from training.api.serializers import (
    AssessmentSerializer,
    CertificateSerializer,
    CourseSerializer,
    EnrolmentSerializer,
    FeedbackSerializer,
    InstructorSerializer,
    PublicCertificateSerializer,
    ResultSerializer,
    TrainingBaseSerializer,
    TrainingSessionSerializer,
    TrainingTargetSerializer,
)
from training.choices import EnrolmentChannel
from training.filtersets import (
    AssessmentFilterSet,
    CertificateFilterSet,
    CourseFilterSet,
    EnrolmentFilterSet,
    InstructorFilterSet,
    TrainingBaseFilterSet,
    TrainingSessionFilterSet,
    TrainingTargetFilterSet,
)
from training.models import (
    Assessment,
    Certificate,
    Course,
    Enrolment,
    Instructor,
    TrainingBase,
    TrainingSession,
    TrainingTarget,
)


class CourseViewSet(viewsets.ReadOnlyModelViewSet):
    """The city's curriculum catalogue: the same for every district, so not narrowed by scope."""

    queryset = Course.objects.all()
    serializer_class = CourseSerializer
    filterset_class = CourseFilterSet
    ordering_fields = ["id", "code"]


class TrainingBaseViewSet(ScopedModelViewSet):
    queryset = TrainingBase.objects.all()
    serializer_class = TrainingBaseSerializer
    filterset_class = TrainingBaseFilterSet
    ordering_fields = ["id", "name", "capacity"]
    http_method_names = ["get", "post", "patch", "head", "options"]
    write_services = {"create": services.training_base_save, "update": services.training_base_save}
    service_object_name = "base"


class InstructorViewSet(ScopedReadOnlyViewSet):
    queryset = Instructor.objects.all()
    serializer_class = InstructorSerializer
    filterset_class = InstructorFilterSet
    ordering_fields = ["id", "qualified_until"]


class TrainingSessionViewSet(ScopedCreateListRetrieveUpdateViewSet):
    """Sessions; a create refuses instructors double-booked or not qualified for the course."""

    queryset = TrainingSession.objects.prefetch_related("instructors")
    serializer_class = TrainingSessionSerializer
    filterset_class = TrainingSessionFilterSet
    ordering_fields = ["id", "starts_at"]
    http_method_names = ["get", "post", "head", "options"]
    write_services = {"create": services.session_schedule}
    service_object_name = "session"

    @service_action(services.session_cancel, answer=TrainingSessionSerializer,
                    arguments=lambda session, request: {"session": session})
    def cancel(self, request, pk=None):
        """Cancel a session; its trainees are told."""


class EnrolmentViewSet(IdempotentCreateMixin, ScopedCreateListRetrieveUpdateViewSet):
    """Enrolments; a create books a place or the waiting list, `Idempotency-Key` honoured."""

    queryset = Enrolment.objects.all()
    serializer_class = EnrolmentSerializer
    filterset_class = EnrolmentFilterSet
    ordering_fields = ["id", "booked_at"]
    http_method_names = ["get", "post", "head", "options"]
    write_services = {"create": functools.partial(services.enrolment_book, channel=EnrolmentChannel.API)}

    def get_serializer_class(self):
        return {"result": ResultSerializer, "feedback": FeedbackSerializer}.get(self.action, EnrolmentSerializer)

    @service_action(services.enrolment_cancel, answer=EnrolmentSerializer)
    def cancel(self, request, pk=None):
        """Cancel a booking; the first on the waiting list takes the place."""

    @service_action(services.enrolment_record_result, body=ResultSerializer, answer=EnrolmentSerializer)
    def result(self, request, pk=None):
        """Record attendance, exam score and skills test; a pass issues the certificate."""

    @service_action(services.feedback_submit, body=FeedbackSerializer, answer=EnrolmentSerializer)
    def feedback(self, request, pk=None):
        """A trainee's rating and comment, once per enrolment."""


class CertificateViewSet(ScopedReadOnlyViewSet):
    """Certificates; `?expires_within=90` lists those to renew, `?state=expired` the lapsed ones."""

    queryset = Certificate.objects.with_holder()
    serializer_class = CertificateSerializer
    filterset_class = CertificateFilterSet
    ordering_fields = ["id", "expires_on", "issued_on"]


class TrainingTargetViewSet(ScopedModelViewSet):
    """Coverage targets per audience and region; `trained` and `certified` are computed by a task."""

    queryset = TrainingTarget.objects.all()
    serializer_class = TrainingTargetSerializer
    filterset_class = TrainingTargetFilterSet
    ordering_fields = ["id", "year"]
    http_method_names = ["get", "post", "patch", "head", "options"]
    write_services = {"create": services.target_create, "update": services.target_update}
    service_object_name = "target"


class AssessmentViewSet(ScopedCreateListRetrieveUpdateViewSet):
    queryset = Assessment.objects.all()
    serializer_class = AssessmentSerializer
    filterset_class = AssessmentFilterSet
    ordering_fields = ["id", "year"]
    http_method_names = ["get", "post", "head", "options"]
    write_services = {"create": services.assessment_record}


@extend_schema(responses=PublicCertificateSerializer)
@api_view(["GET"])
@permission_classes([AllowAny])
@throttle_classes([PublicThrottle])
def public_certificate(request, number):
    """Verify a certificate by its number (no login, throttled): masked holder, course, validity."""
    certificate = selectors.certificate_for_verification(number)
    if certificate is None:
        raise Http404
    return Response(PublicCertificateSerializer(certificate).data)


public_certificate.cls.throttle_scope = "public"
