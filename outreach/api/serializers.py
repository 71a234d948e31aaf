from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from outreach.choices import ConsentGiver
from outreach.models import (
    Campaign,
    CareRecipient,
    CareRecord,
    CultureSquare,
    Story,
    VillageCompact,
    YouthActivity,
    YouthCentre,
)
from redcross.api.serializers import ModelFieldsOnceSerializer, ScopedModelSerializer


class CultureSquareSerializer(ScopedModelSerializer):
    region_name = serializers.CharField(source="region.name", read_only=True)

    class Meta:
        model = CultureSquare
        fields = ["id", "name", "place_kind", "region", "region_name", "host", "address", "opened_on", "themes",
                  "photos", "is_active"]
        validators = []


class StorySerializer(ScopedModelSerializer):
    region_name = serializers.CharField(source="region.name", read_only=True)
    person_masked_name = serializers.CharField(source="person.masked_name", read_only=True, default=None)

    class Meta:
        model = Story
        fields = ["id", "title", "kind", "region", "region_name", "person", "person_masked_name", "public_name",
                  "summary", "body", "photos", "status", "consent_giver", "consent_on", "approved_at", "published_at"]
        read_only_fields = ["status", "consent_giver", "consent_on", "approved_at", "published_at"]
        validators = []


class StoryConsentSerializer(serializers.Serializer):
    given_by = serializers.ChoiceField(choices=ConsentGiver.choices, label=_("consent given by"))
    name = serializers.CharField(max_length=50, label=_("name of who consented"))
    reference = serializers.CharField(max_length=100, label=_("consent form reference"))
    given_on = serializers.DateField(required=False, label=_("consent given on"))


class PublicStorySerializer(ModelFieldsOnceSerializer):
    region_name = serializers.CharField(source="region.name")
    kind_display = serializers.CharField(source="get_kind_display")
    photos = serializers.ListField(source="photo_list", child=serializers.CharField())

    class Meta:
        model = Story
        fields = ["id", "title", "kind", "kind_display", "public_name", "summary", "body", "photos", "region_name",
                  "published_at"]


class YouthCentreSerializer(ScopedModelSerializer):
    school_name = serializers.CharField(source="school.name", read_only=True)

    class Meta:
        model = YouthCentre
        fields = ["id", "name", "school", "school_name", "region", "opened_on", "pilot_batch", "contact_person",
                  "is_active"]
        read_only_fields = ["region"]
        validators = []


class YouthActivitySerializer(ScopedModelSerializer):
    centre_name = serializers.CharField(source="centre.name", read_only=True)

    class Meta:
        model = YouthActivity
        fields = ["id", "centre", "centre_name", "title", "held_on", "participants", "description"]
        validators = []


class CampaignSerializer(ScopedModelSerializer):
    region_name = serializers.CharField(source="region.name", read_only=True)
    organiser_name = serializers.CharField(source="organiser.name", read_only=True)

    class Meta:
        model = Campaign
        fields = ["id", "title", "kind", "held_on", "region", "region_name", "square", "place", "organiser",
                  "organiser_name", "participants", "online_reach", "summary", "photos"]
        extra_kwargs = {"place": {"required": False}}
        validators = []


class VillageCompactSerializer(ScopedModelSerializer):
    community_name = serializers.CharField(source="community.name", read_only=True)

    class Meta:
        model = VillageCompact
        fields = ["id", "community", "community_name", "title", "adopted_on", "document_url", "red_cross_clauses"]
        validators = []


class CareRecipientSerializer(ScopedModelSerializer):
    masked_name = serializers.CharField(source="person.masked_name", read_only=True)
    region_name = serializers.CharField(source="region.name", read_only=True)

    class Meta:
        model = CareRecipient
        fields = ["id", "person", "masked_name", "region", "region_name", "category", "care_team", "consent_on",
                  "consent_giver", "is_active"]
        validators = []


class CareRecordSerializer(ScopedModelSerializer):
    notes = serializers.CharField(write_only=True, label=_("notes"))

    class Meta:
        model = CareRecord
        fields = ["id", "recipient", "kind", "given_on", "notes", "aid_case"]
        validators = []
