from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.decorators import action, api_view, permission_classes
from rest_framework.exceptions import PermissionDenied
from rest_framework.exceptions import ValidationError as DRFValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from people.models import PersonalDataAccess
from redcross.api.viewsets import IdempotentCreateMixin, ScopedCreateListRetrieveUpdateViewSet
from sanxian import selectors, services
from sanxian.api.serializers import (
    BloodDriveSerializer,
    CareEventSerializer,
    DonationPledgeSerializer,
    FiguresRowSerializer,
    MemorialEntrySerializer,
    RealiseSerializer,
    RevealSerializer,
    StemCellDonorSerializer,
    StemCellEventSerializer,
    WithdrawSerializer,
)
from sanxian.filtersets import (
    BloodDriveFilterSet,
    CareEventFilterSet,
    DonationPledgeFilterSet,
    MemorialEntryFilterSet,
    StemCellDonorFilterSet,
    StemCellEventFilterSet,
)
from sanxian.models import BloodDrive, CareEvent, DonationPledge, MemorialEntry, StemCellDonor, StemCellEvent


class _ServiceViewSet(ScopedCreateListRetrieveUpdateViewSet):
    """Creates go through `create_service(actor=…, **validated_data)`; serializers only validate and shape."""

    http_method_names = ["get", "post", "head", "options"]
    create_service = None

    def perform_create(self, serializer):
        serializer.instance = type(self).create_service(actor=self.request.user, **serializer.validated_data)

    def _body(self, serializer_class):
        body = serializer_class(data=self.request.data)
        body.is_valid(raise_exception=True)
        return body.validated_data

    def _answer(self, obj):
        return Response(self.get_serializer_class()(obj, context={"request": self.request}).data)


class BloodDriveViewSet(_ServiceViewSet):
    """Blood drives; figures are what the blood centre reported."""

    queryset = BloodDrive.objects.all()
    serializer_class = BloodDriveSerializer
    filterset_class = BloodDriveFilterSet
    ordering_fields = ["id", "held_on"]
    http_method_names = ["get", "post", "patch", "head", "options"]
    create_service = services.drive_save

    def perform_update(self, serializer):
        serializer.instance = services.drive_save(actor=self.request.user, drive=serializer.instance,
                                                  **serializer.validated_data)


class StemCellDonorViewSet(IdempotentCreateMixin, _ServiceViewSet):
    """The stem-cell donor registry; `Idempotency-Key` honoured. `reveal` shows the steps' details, logged."""

    queryset = StemCellDonor.objects.all()
    serializer_class = StemCellDonorSerializer
    filterset_class = StemCellDonorFilterSet
    ordering_fields = ["id", "sampled_on"]
    create_service = services.stem_cell_register

    @extend_schema(request=RevealSerializer, responses=dict)
    @action(detail=True, methods=["post"])
    def reveal(self, request, pk=None):
        shown = services.stem_cell_reveal(donor=self.get_object(), actor=request.user,
                                          reason=self._body(RevealSerializer)["reason"],
                                          channel=PersonalDataAccess.Channel.API,
                                          ip_address=request.META.get("REMOTE_ADDR"))
        return Response({"events": shown})


class StemCellEventViewSet(_ServiceViewSet):
    """Dated steps after sampling (preliminary and high-resolution match, health check, donation, withdrawal)."""

    queryset = StemCellEvent.objects.all()
    serializer_class = StemCellEventSerializer
    filterset_class = StemCellEventFilterSet
    ordering_fields = ["id", "occurred_on"]
    create_service = services.stem_cell_event_record


class DonationPledgeViewSet(IdempotentCreateMixin, _ServiceViewSet):
    """Body and organ donation pledges; `withdraw`, `realise` and a logged `reveal`."""

    queryset = DonationPledge.objects.all()
    serializer_class = DonationPledgeSerializer
    filterset_class = DonationPledgeFilterSet
    ordering_fields = ["id", "registered_on"]
    create_service = services.pledge_register

    def get_serializer_class(self):
        return {"withdraw": WithdrawSerializer, "realise": RealiseSerializer,
                "reveal": RevealSerializer}.get(self.action, DonationPledgeSerializer)

    def _answer(self, obj):
        return Response(DonationPledgeSerializer(obj, context={"request": self.request}).data)

    @extend_schema(request=WithdrawSerializer, responses=DonationPledgeSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        return self._answer(services.pledge_withdraw(actor=request.user, pledge=self.get_object(),
                                                     **self._body(WithdrawSerializer)))

    @extend_schema(request=RealiseSerializer, responses=DonationPledgeSerializer)
    @action(detail=True, methods=["post"])
    def realise(self, request, pk=None):
        return self._answer(services.pledge_realise(actor=request.user, pledge=self.get_object(),
                                                    **self._body(RealiseSerializer)))

    @extend_schema(request=RevealSerializer, responses=dict)
    @action(detail=True, methods=["post"])
    def reveal(self, request, pk=None):
        return Response(services.pledge_reveal(pledge=self.get_object(), actor=request.user,
                                               reason=self._body(RevealSerializer)["reason"],
                                               channel=PersonalDataAccess.Channel.API,
                                               ip_address=request.META.get("REMOTE_ADDR")))


class CareEventViewSet(_ServiceViewSet):
    """Care for donor families: visits and memorial events."""

    queryset = CareEvent.objects.all()
    serializer_class = CareEventSerializer
    filterset_class = CareEventFilterSet
    ordering_fields = ["id", "occurred_on"]
    create_service = services.care_event_record


class MemorialEntryViewSet(_ServiceViewSet):
    """Names on the memorial wall, each with the family's consent."""

    queryset = MemorialEntry.objects.all()
    serializer_class = MemorialEntrySerializer
    filterset_class = MemorialEntryFilterSet
    ordering_fields = ["id", "year"]
    create_service = services.memorial_add


@extend_schema(parameters=[OpenApiParameter("year", int, required=False)], responses=FiguresRowSerializer(many=True))
@api_view(["GET"])
@permission_classes([IsAuthenticated])
def figures(request):
    """三献 figures by district and year within the caller's area, counted from the records."""
    if not request.user.has_perm("sanxian.view_blooddrive"):
        raise PermissionDenied(_("Your role does not allow this page."))
    raw = request.query_params.get("year", "")
    if raw and not (raw.isdigit() and 1900 <= int(raw) <= 2999):
        raise DRFValidationError({"year": [_("Year: a year such as 2025.")]})
    table = selectors.figures_by_district_and_year(user=request.user, year=int(raw) if raw else None)
    rows = [{"district": f"{d}000000", "year": y, **f} for (d, y), f in sorted(table.items())]
    return Response(FiguresRowSerializer(rows, many=True).data)
