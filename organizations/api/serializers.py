from rest_framework import serializers

from organizations.models import CoverageSnapshot, Organization, Region
from redcross.api.serializers import ModelFieldsOnceSerializer, ScopedModelSerializer


class RegionSerializer(ScopedModelSerializer):
    parent_name = serializers.CharField(source="parent.name", read_only=True, default=None, allow_null=True)

    class Meta:
        model = Region
        fields = ["code", "name", "level", "parent", "parent_name", "zone", "is_home_city"]
        read_only_fields = ["code", "name", "level", "parent", "parent_name", "is_home_city"]

    def validate(self, attrs):
        if "zone" not in attrs:  # the zone is all there is to change
            raise serializers.ValidationError({"zone": self.fields["zone"].error_messages["required"]})
        return attrs


class OrganizationSerializer(ScopedModelSerializer):
    region_name = serializers.CharField(source="region.name", read_only=True)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = Organization
        fields = [
            "id", "name", "kind", "kind_display", "unit_type", "region", "region_name", "parent", "credit_code",
            "established_on", "has_premises", "premises_address", "premises_area", "has_regular_work",
            "head_name", "contact_person", "contact_phone", "is_active", "created_at", "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]
        validators = []  # constraints are checked once, by the service


class CoverageSnapshotSerializer(ModelFieldsOnceSerializer):
    region_name = serializers.CharField(source="region.name", read_only=True)
    region_level = serializers.CharField(source="region.level", read_only=True)
    town_rate = serializers.FloatField(read_only=True)
    community_rate = serializers.FloatField(read_only=True)

    class Meta:
        model = CoverageSnapshot
        fields = [
            "id", "region", "region_name", "region_level", "as_of", "computed_at", "towns_total",
            "towns_with_organization", "towns_with_premises", "towns_with_work", "towns_covered",
            "communities_total", "communities_with_station", "town_rate", "community_rate",
        ]
