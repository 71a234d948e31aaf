from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from redcross.api.rows import row_method
from redcross.api.serializers import ModelFieldsOnceSerializer, ScopedModelSerializer
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


class CourseSerializer(ModelFieldsOnceSerializer):
    class Meta:
        model = Course
        fields = ["id", "code", "name", "kind", "hours", "passing_score", "requires_skills_test", "validity_years",
                  "description", "abilities", "is_active"]


class TrainingBaseSerializer(ScopedModelSerializer):
    region_name = serializers.CharField(source="region.name", read_only=True)

    class Meta:
        model = TrainingBase
        fields = ["id", "name", "organization", "region", "region_name", "level", "address", "capacity", "manikins",
                  "aeds", "is_active"]
        validators = []  # constraints are checked once, by the service


class InstructorSerializer(ScopedModelSerializer):
    masked_name = serializers.CharField(source="person.masked_name", read_only=True)
    organization_name = serializers.CharField(source="organization.name", read_only=True)

    class Meta:
        model = Instructor
        fields = ["id", "masked_name", "organization", "organization_name", "tier", "qualification",
                  "qualification_number", "qualified_until", "is_active"]


class TrainingSessionSerializer(ScopedModelSerializer):
    course_name = serializers.CharField(source="course.name", read_only=True)
    base_name = serializers.CharField(source="base.name", read_only=True)
    instructors = serializers.PrimaryKeyRelatedField(many=True, queryset=Instructor.objects.all(),
                                                     label=_("instructors"))

    class Meta:
        model = TrainingSession
        fields = ["id", "course", "course_name", "base", "base_name", "organization", "region", "title", "starts_at",
                  "ends_at", "capacity", "audience", "unit", "is_public", "status", "notes", "instructors"]
        read_only_fields = ["organization", "region", "status"]
        validators = []


class EnrolmentSerializer(ScopedModelSerializer):
    masked_name = serializers.CharField(source="person.masked_name", read_only=True)
    certificate = serializers.CharField(source="certificate.number", read_only=True, default=None)

    class Meta:
        model = Enrolment
        fields = ["id", "session", "person", "masked_name", "status", "channel", "group_name", "booked_at",
                  "attended", "exam_score", "skills_passed", "outcome", "recorded_at", "certificate"]
        read_only_fields = ["status", "channel", "booked_at", "attended", "exam_score", "skills_passed", "outcome",
                            "recorded_at"]
        validators = []


class ResultSerializer(serializers.Serializer):
    attended = serializers.BooleanField(label=_("attended"))
    exam_score = serializers.DecimalField(max_digits=4, decimal_places=1, min_value=0, max_value=100,
                                          required=False, allow_null=True, label=_("exam score"))
    skills_passed = serializers.BooleanField(required=False, allow_null=True, default=None,
                                             label=_("skills test passed"))


class FeedbackSerializer(serializers.Serializer):
    rating = serializers.IntegerField(min_value=1, max_value=5, label=_("rating (1–5)"))
    comment = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000,
                                    label=_("comment"))


class CertificateSerializer(ScopedModelSerializer):
    masked_name = serializers.CharField(source="person.masked_name", read_only=True)
    course_name = serializers.CharField(source="course.name", read_only=True)
    organization_name = serializers.CharField(source="organization.name", read_only=True)
    state = serializers.CharField(read_only=True)
    verify_url = serializers.SerializerMethodField()

    class Meta:
        model = Certificate
        fields = ["id", "number", "person", "masked_name", "course", "course_name", "enrolment", "organization",
                  "organization_name", "issued_on", "expires_on", "renewed_by", "state", "verify_url"]

    @row_method("number", "verification_code")
    def get_verify_url(self, certificate) -> str:
        # One reverse and one absolute URI per page, not per row: the list is a hot path.
        base = getattr(self, "_verify_base", None)
        if base is None:
            request = self.context.get("request")
            path = reverse("training-public:verify-number", args=["NUMBER"])
            base = self._verify_base = request.build_absolute_uri(path) if request else path
        return base.replace("NUMBER", certificate.number) + f"?c={certificate.verification_code}"


class PublicCertificateSerializer(ModelFieldsOnceSerializer):
    """What anyone may read of a certificate: never the full name or the document."""

    holder = serializers.CharField(source="person.masked_name")
    course_name = serializers.CharField(source="course.name")
    issued_by = serializers.CharField(source="organization.name")
    state = serializers.CharField()

    class Meta:
        model = Certificate
        fields = ["number", "holder", "course_name", "issued_on", "expires_on", "state", "issued_by"]


class TrainingTargetSerializer(ScopedModelSerializer):
    region_name = serializers.CharField(source="region.name", read_only=True)
    rate = serializers.FloatField(read_only=True)
    per_thousand = serializers.FloatField(read_only=True, allow_null=True)

    class Meta:
        model = TrainingTarget
        fields = ["id", "audience", "region", "region_name", "unit", "year", "target_count", "population", "trained",
                  "certified", "rate", "per_thousand", "computed_at"]
        read_only_fields = ["trained", "certified", "computed_at"]
        validators = []


class AssessmentSerializer(ScopedModelSerializer):
    region_name = serializers.CharField(source="region.name", read_only=True)

    class Meta:
        model = Assessment
        fields = ["id", "year", "region", "region_name", "base", "assessor", "method_score", "approach_score",
                  "quality_score", "findings", "assessed_on"]
        validators = []
