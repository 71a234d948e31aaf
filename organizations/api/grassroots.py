"""API of the grassroots models: scoped viewsets whose writes call organizations.grassroots_services, and the
public read-only finders of centres and AED stations."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.permissions import AllowAny

from organizations import grassroots_selectors as selectors
from organizations import grassroots_services as services
from organizations.choices import CentreStatus
from organizations.grassroots_filtersets import (
    AedInspectionFilterSet,
    AedStationFilterSet,
    CentreFilterSet,
    CentreInspectionFilterSet,
    CoverageFigureFilterSet,
    InstitutionFilterSet,
    PartnerSiteFilterSet,
    TownWorkOverrideFilterSet,
)
from organizations.models_grassroots import (
    AedInspection,
    AedStation,
    Centre,
    CentreInspection,
    CentreStaff,
    CoverageFigure,
    Institution,
    PartnerSite,
    TownWorkOverride,
)
from organizations.services import town_work_override_change, town_work_override_set
from redcross.api.rows import row_method
from redcross.api.serializers import ModelFieldsOnceSerializer, ScopedModelSerializer
from redcross.api.throttles import PublicThrottle
from redcross.api.viewsets import ScopedCreateListRetrieveUpdateViewSet, ScopedReadOnlyViewSet, service_action


class RegisterViewSet(ScopedCreateListRetrieveUpdateViewSet):
    """A register's records: created with POST and corrected with PATCH (no PUT), each through `write_services`."""

    http_method_names = ["get", "post", "patch", "head", "options"]


class RecordOnlyViewSet(ScopedCreateListRetrieveUpdateViewSet):
    """Records written once (inspections, activities, care given): POST through `write_services["create"]`."""

    http_method_names = ["get", "post", "head", "options"]


# --- serializers -------------------------------------------------------------------------

class CentreSerializer(ScopedModelSerializer):
    region_name = serializers.CharField(source="region.name", read_only=True)
    district_name = serializers.CharField(source="district.name", read_only=True)
    zone = serializers.CharField(source="district.zone", read_only=True)
    checklist_missing = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Centre
        fields = ["id", "name", "host_kind", "region", "region_name", "district", "district_name", "zone", "host",
                  "scenic_grade", "batch", "status", "address", "latitude", "longitude", "shelter_capacity",
                  "premises_area", "aeds", "has_supplies", "has_signage", "has_evacuation_map", "trained_staff",
                  "checklist_missing", "accepted_on", "next_inspection_on"]
        read_only_fields = ["district", "status", "trained_staff", "accepted_on", "next_inspection_on"]
        validators = []


class CentreAdvanceSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=CentreStatus.choices, label=_("status"), source="to_status")


class CentreStaffSerializer(ModelFieldsOnceSerializer):
    class Meta:
        model = CentreStaff
        fields = ["id", "certificate_number", "duty"]
        validators = []


class CentreInspectionSerializer(ScopedModelSerializer):
    centre_name = serializers.CharField(source="centre.name", read_only=True)
    next_due_on = serializers.DateField(required=False, label=_("next inspection due"))

    class Meta:
        model = CentreInspection
        fields = ["id", "centre", "centre_name", "inspected_on", "inspector", "passed", "findings", "next_due_on"]
        validators = []


class InstitutionSerializer(ScopedModelSerializer):
    region_name = serializers.CharField(source="region.name", read_only=True)
    # Read through the relation so the base viewset joins the member unit: one query for the whole page.
    member_unit_name = serializers.CharField(source="member_unit.name", read_only=True, default=None)
    is_covered = serializers.SerializerMethodField()

    class Meta:
        model = Institution
        fields = ["id", "name", "kind", "school_stage", "scenic_grade", "region", "region_name", "credit_code",
                  "headcount", "address", "member_unit", "member_unit_name", "is_active", "is_covered"]
        validators = []

    @row_method("member_unit_id", "member_unit__is_active")
    def get_is_covered(self, institution) -> bool:
        """An active Red Cross organisation or member unit is linked."""
        if "member_unit__is_active" in vars(institution):  # read as a value row (redcross/api/rows.py)
            return bool(institution.member_unit_id and vars(institution)["member_unit__is_active"])
        return institution.is_covered


class AedStationSerializer(ScopedModelSerializer):
    region_name = serializers.CharField(source="region.name", read_only=True)

    class Meta:
        model = AedStation
        fields = ["id", "name", "region", "region_name", "address", "host_unit", "institution", "device_model",
                  "serial_number", "installed_on", "status", "opening_hours", "latitude", "longitude",
                  "trained_nearby", "next_inspection_on"]
        read_only_fields = ["trained_nearby", "next_inspection_on"]
        validators = []


class AedInspectionSerializer(ScopedModelSerializer):
    station_name = serializers.CharField(source="station.name", read_only=True)
    next_due_on = serializers.DateField(required=False, label=_("next inspection due"))

    class Meta:
        model = AedInspection
        fields = ["id", "station", "station_name", "inspected_on", "inspector", "working", "battery_ok",
                  "pads_expire_on", "findings", "next_due_on"]
        validators = []


class PartnerSiteSerializer(ScopedModelSerializer):
    region_name = serializers.CharField(source="region.name", read_only=True)

    class Meta:
        model = PartnerSite
        fields = ["id", "name", "kind", "region", "region_name", "agency", "agreement_number", "agreement_signed_on",
                  "services", "is_active"]
        validators = []


class TownWorkOverrideSerializer(ScopedModelSerializer):
    region_name = serializers.CharField(source="region.name", read_only=True)

    class Meta:
        model = TownWorkOverride
        fields = ["id", "region", "region_name", "has_work", "reason", "set_at"]
        read_only_fields = ["set_at"]
        validators = []


class CoverageFigureSerializer(ModelFieldsOnceSerializer):
    region_name = serializers.CharField(source="region.name", read_only=True)
    rate = serializers.FloatField(read_only=True)

    class Meta:
        model = CoverageFigure
        fields = ["id", "region", "region_name", "as_of", "key", "numerator", "denominator", "rate", "computed_at"]


class PublicCentreSerializer(ModelFieldsOnceSerializer):
    region_name = serializers.CharField(source="region.name")
    district_name = serializers.CharField(source="district.name")
    host_kind_display = serializers.CharField(source="get_host_kind_display")
    status_display = serializers.CharField(source="get_status_display")

    class Meta:
        model = Centre
        fields = ["id", "name", "host_kind", "host_kind_display", "scenic_grade", "region", "region_name",
                  "district_name", "address", "latitude", "longitude", "shelter_capacity", "aeds", "status",
                  "status_display"]


class PublicAedSerializer(ModelFieldsOnceSerializer):
    region_name = serializers.CharField(source="region.name")
    status_display = serializers.CharField(source="get_status_display")

    class Meta:
        model = AedStation
        fields = ["id", "name", "region", "region_name", "address", "host_unit", "opening_hours", "latitude",
                  "longitude", "status", "status_display", "trained_nearby"]


# --- viewsets ------------------------------------------------------------------------------

class CentreViewSet(RegisterViewSet):
    """Disaster-prevention centre pilots; the status moves through `advance`, staff through `staff`."""

    queryset = Centre.objects.all()
    serializer_class = CentreSerializer
    filterset_class = CentreFilterSet
    ordering_fields = ["id", "name"]
    write_services = {"create": services.centre_save, "update": services.centre_save}

    @service_action(services.centre_advance, body=CentreAdvanceSerializer, answer=CentreSerializer,
                    permission="organizations.change_centre")
    def advance(self, request, pk=None):
        """Move one step: planned → built → accepted (complete checklist only) → operating."""

    @service_action(services.centre_staff_add, body=CentreStaffSerializer, answer=CentreStaffSerializer,
                    permission="organizations.change_centre", status_code=201)
    def staff(self, request, pk=None):
        """List a person on duty by a valid first-aid certificate number."""


class CentreInspectionViewSet(RecordOnlyViewSet):
    queryset = CentreInspection.objects.all()
    serializer_class = CentreInspectionSerializer
    filterset_class = CentreInspectionFilterSet
    ordering_fields = ["id"]
    write_services = {"create": services.centre_inspection_record}


class InstitutionViewSet(RegisterViewSet):
    """The register of institutions to cover, with `is_covered` (an active Red Cross organisation or member unit)."""

    queryset = Institution.objects.all()
    serializer_class = InstitutionSerializer
    filterset_class = InstitutionFilterSet
    ordering_fields = ["id", "name"]
    write_services = {"create": services.institution_save, "update": services.institution_save}


class AedStationViewSet(RegisterViewSet):
    queryset = AedStation.objects.all()
    serializer_class = AedStationSerializer
    filterset_class = AedStationFilterSet
    ordering_fields = ["id", "name"]
    write_services = {"create": services.aed_station_save, "update": services.aed_station_save}
    service_object_name = "station"


class AedInspectionViewSet(RecordOnlyViewSet):
    queryset = AedInspection.objects.all()
    serializer_class = AedInspectionSerializer
    filterset_class = AedInspectionFilterSet
    ordering_fields = ["id"]
    write_services = {"create": services.aed_inspection_record}


class PartnerSiteViewSet(RegisterViewSet):
    queryset = PartnerSite.objects.all()
    serializer_class = PartnerSiteSerializer
    filterset_class = PartnerSiteFilterSet
    ordering_fields = ["id", "name"]
    write_services = {"create": services.partner_site_save, "update": services.partner_site_save}
    service_object_name = "site"


class TownWorkOverrideViewSet(RegisterViewSet):
    """A town's work set by hand, with the reason; without one, work is derived from activity."""

    queryset = TownWorkOverride.objects.all()
    serializer_class = TownWorkOverrideSerializer
    filterset_class = TownWorkOverrideFilterSet
    ordering_fields = ["id"]
    write_services = {"create": town_work_override_set, "update": town_work_override_change}
    service_object_name = "override"


class CoverageFigureViewSet(ScopedReadOnlyViewSet):
    """Extended coverage per region and day: institutions by type, centres by zone and host, squares, compacts."""

    queryset = CoverageFigure.objects.all()
    serializer_class = CoverageFigureSerializer
    filterset_class = CoverageFigureFilterSet
    ordering_fields = ["id"]


PLACE_PARAMETERS = [OpenApiParameter("district", str, description="District code (12 digits)"),
                    OpenApiParameter("town", str, description="Town code (12 digits), narrower than the district")]


class PublicListView(generics.ListAPIView):
    """A public read-only list: no login, throttled, no personal data in its serializer."""

    permission_classes = [AllowAny]
    throttle_classes = [PublicThrottle]
    throttle_scope = "public"
    filterset_class = None


class PublicNearbyList(PublicListView):
    """Places near a district or town: `finder(district=, town=)` answers them."""

    finder = None

    @extend_schema(parameters=PLACE_PARAMETERS)
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return type(self).finder(district=self.request.query_params.get("district"),
                                 town=self.request.query_params.get("town"))


class PublicCentreList(PublicNearbyList):
    """Accepted and operating disaster-prevention centres near a district or town (no login, throttled)."""

    serializer_class = PublicCentreSerializer
    finder = selectors.public_centres


class PublicAedList(PublicNearbyList):
    """AED stations near a district or town (no login, throttled)."""

    serializer_class = PublicAedSerializer
    finder = selectors.public_aeds
