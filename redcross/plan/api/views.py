from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from redcross import targets as registry
from redcross.api.viewsets import ScopedReadOnlyViewSet
from redcross.plan.api.serializers import TargetSerializer, TargetSnapshotSerializer
from redcross.plan.filtersets import TargetSnapshotFilterSet
from redcross.plan.models import TargetSnapshot


class TargetListView(generics.GenericAPIView):
    """Every registered target of the five-year plan (no personal data; any signed-in caller)."""

    permission_classes = [IsAuthenticated]
    serializer_class = TargetSerializer
    pagination_class = None
    filter_backends = []

    @extend_schema(responses=TargetSerializer(many=True))
    def get(self, request):
        return Response(self.get_serializer(registry.all_targets(), many=True).data)


class TargetSnapshotViewSet(ScopedReadOnlyViewSet):
    """Daily figures: `?target=&region=&from=&to=`, within the caller's area."""

    queryset = TargetSnapshot.objects.all()
    serializer_class = TargetSnapshotSerializer
    filterset_class = TargetSnapshotFilterSet
    ordering_fields = ["day", "region"]
