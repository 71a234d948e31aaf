from rest_framework import mixins, viewsets

from organizations import services
from organizations.api.serializers import CoverageSnapshotSerializer, OrganizationSerializer, RegionSerializer
from organizations.filtersets import CoverageSnapshotFilterSet, OrganizationFilterSet, RegionFilterSet
from organizations.models import CoverageSnapshot, Organization, Region
from redcross.api.pagination import StandardCursorPagination
from redcross.api.viewsets import (
    RowListMixin,
    ScopedCreateListRetrieveUpdateViewSet,
    ScopedReadOnlyViewSet,
    ScopedViewSetMixin,
    ServiceWriteMixin,
)


class RegionPagination(StandardCursorPagination):
    ordering = "code"


class RegionViewSet(
    ScopedViewSetMixin, ServiceWriteMixin, RowListMixin, mixins.RetrieveModelMixin, mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Chengdu's statistical divisions; administrators change a district's zone."""

    queryset = Region.objects.all()
    serializer_class = RegionSerializer
    filterset_class = RegionFilterSet
    pagination_class = RegionPagination
    ordering_fields = ["code"]
    http_method_names = ["get", "patch", "head", "options"]
    write_services = {"update": services.region_set_zone}


class OrganizationViewSet(ScopedCreateListRetrieveUpdateViewSet):
    """Red Cross organisations and member units."""

    queryset = Organization.objects.all()
    serializer_class = OrganizationSerializer
    filterset_class = OrganizationFilterSet
    ordering_fields = ["id", "established_on"]
    http_method_names = ["get", "post", "patch", "head", "options"]
    write_services = {"create": services.organization_create, "update": services.organization_update}


class CoverageSnapshotViewSet(ScopedReadOnlyViewSet):
    """Grassroots coverage ("三有" per town, stations per community), computed by a task."""

    queryset = CoverageSnapshot.objects.all()
    serializer_class = CoverageSnapshotSerializer
    filterset_class = CoverageSnapshotFilterSet
    ordering_fields = ["id"]
