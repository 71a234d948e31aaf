from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from organizations.models import Region
from people.identifiers import DocumentType
from redcross.api.serializers import ScopedModelSerializer
from volunteers.choices import Skill, Tier
from volunteers.models import Activity, ServiceRecord, SignUp, Team, Volunteer


class VolunteerSerializer(ScopedModelSerializer):
    masked_name = serializers.CharField(source="person.masked_name", read_only=True)
    document_number_masked = serializers.CharField(source="person.document_number_masked", read_only=True)
    organization_name = serializers.CharField(source="organization.name", read_only=True)
    skills = serializers.ListField(child=serializers.ChoiceField(choices=Skill.choices), required=False)

    class Meta:
        model = Volunteer
        fields = ["id", "number", "masked_name", "document_number_masked", "organization", "organization_name",
                  "tier", "status", "skills", "qualifications", "availability", "confirmed_hours", "stars",
                  "applied_at", "registered_at"]
        read_only_fields = ["number", "organization", "status", "confirmed_hours", "stars", "applied_at",
                            "registered_at"]


class VolunteerApplySerializer(serializers.Serializer):
    """Staff enter an application on a resident's behalf; the same rules as the public form."""

    full_name = serializers.CharField(max_length=100, label=_("full name"))
    document_type = serializers.ChoiceField(choices=DocumentType.choices, default=DocumentType.RESIDENT_ID)
    document_number = serializers.CharField(max_length=32, label=_("document number"))
    mobile = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")
    region = serializers.SlugRelatedField(slug_field="code", queryset=Region.objects.all(), label=_("region"))
    tier = serializers.ChoiceField(choices=Tier.choices, default=Tier.COMMUNITY)
    skills = serializers.ListField(child=serializers.ChoiceField(choices=Skill.choices), required=False, default=list)
    qualifications = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
    availability = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
    consent = serializers.BooleanField()
    guardian_name = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    guardian_consent = serializers.BooleanField(required=False, default=False)

    def to_representation(self, instance):
        return VolunteerSerializer(instance, context=self.context).data


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=255, label=_("reason"))


class TeamSerializer(ScopedModelSerializer):
    class Meta:
        model = Team
        fields = ["id", "name", "kind", "organization", "description", "is_active"]


class ActivitySerializer(ScopedModelSerializer):
    region_name = serializers.CharField(source="region.name", read_only=True)
    required_skills = serializers.ListField(child=serializers.ChoiceField(choices=Skill.choices), required=False)

    class Meta:
        model = Activity
        fields = ["id", "title", "kind", "organization", "region", "region_name", "place", "starts_at", "ends_at",
                  "capacity", "required_skills", "is_risky", "description"]
        validators = []


class SignUpSerializer(ScopedModelSerializer):
    class Meta:
        model = SignUp
        fields = ["id", "activity", "volunteer", "status", "signed_up_at", "checked_in_at", "checked_out_at"]
        read_only_fields = ["status", "signed_up_at", "checked_in_at", "checked_out_at"]
        validators = []


class CheckInSerializer(serializers.Serializer):
    code = serializers.CharField(max_length=32, required=False, label=_("check-in code"))


class ServiceRecordSerializer(ScopedModelSerializer):
    class Meta:
        model = ServiceRecord
        fields = ["id", "volunteer", "activity", "signup", "organization", "kind", "hours", "served_on", "content",
                  "reason", "adjusts", "status", "recorded_at", "confirmed_at"]
        read_only_fields = ["organization", "kind", "reason", "adjusts", "status", "recorded_at", "confirmed_at"]
        validators = []


class CorrectionSerializer(serializers.Serializer):
    hours_change = serializers.DecimalField(max_digits=6, decimal_places=2, label=_("change in hours"))
    reason = serializers.CharField(max_length=255, label=_("reason"))
