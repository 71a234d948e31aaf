from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.decorators import api_view, permission_classes
from rest_framework.exceptions import PermissionDenied
from rest_framework.exceptions import ValidationError as DRFValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from people.models import PersonalDataAccess
from redcross.api.viewsets import IdempotentCreateMixin, ScopedCreateListRetrieveUpdateViewSet, service_action
from sanxian import selectors, services
from sanxian.api.serializers import (
    BloodDriveSerializer,
    CareEventSerializer,
    DonationPledgeSerializer,
    FiguresRowSerializer,
    MemorialEntrySerializer,
    PledgeRevealedSerializer,
    RealiseSerializer,
    RevealSerializer,
    StemCellDonorSerializer,
    StemCellEventSerializer,
    StemCellRevealedSerializer,
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


def _reveal_arguments(name):
    """The reveal services' arguments: the record, the API channel and the caller's address (for the access log)."""
    return lambda obj, request: {name: obj, "channel": PersonalDataAccess.Channel.API,
                                 "ip_address": request.META.get("REMOTE_ADDR")}


class BloodDriveViewSet(ScopedCreateListRetrieveUpdateViewSet):
    """Blood drives; figures are what the blood centre reported."""

    queryset = BloodDrive.objects.all()
    serializer_class = BloodDriveSerializer
    filterset_class = BloodDriveFilterSet
    ordering_fields = ["id", "held_on"]
    http_method_names = ["get", "post", "patch", "head", "options"]
    write_services = {"create": services.drive_save, "update": services.drive_save}
    service_object_name = "drive"


class StemCellDonorViewSet(IdempotentCreateMixin, ScopedCreateListRetrieveUpdateViewSet):
    """The stem-cell donor registry; `Idempotency-Key` honoured. `reveal` shows the steps' details, logged."""

    queryset = StemCellDonor.objects.all()
    serializer_class = StemCellDonorSerializer
    filterset_class = StemCellDonorFilterSet
    ordering_fields = ["id", "sampled_on"]
    http_method_names = ["get", "post", "head", "options"]
    write_services = {"create": services.stem_cell_register}

    def get_serializer_class(self):
        return RevealSerializer if self.action == "reveal" else StemCellDonorSerializer

    @service_action(services.stem_cell_reveal, body=RevealSerializer, answer=StemCellRevealedSerializer,
                    arguments=_reveal_arguments("donor"))
    def reveal(self, request, pk=None):
        """The donor's steps with their hospitals and notes in clear; every call is logged with its reason."""


class StemCellEventViewSet(ScopedCreateListRetrieveUpdateViewSet):
    """Dated steps after sampling (preliminary and high-resolution match, health check, donation, withdrawal)."""

    queryset = StemCellEvent.objects.all()
    serializer_class = StemCellEventSerializer
    filterset_class = StemCellEventFilterSet
    ordering_fields = ["id", "occurred_on"]
    http_method_names = ["get", "post", "head", "options"]
    write_services = {"create": services.stem_cell_event_record}


class DonationPledgeViewSet(IdempotentCreateMixin, ScopedCreateListRetrieveUpdateViewSet):
    """Body and organ donation pledges; `withdraw`, `realise` and a logged `reveal`."""

    queryset = DonationPledge.objects.all()
    serializer_class = DonationPledgeSerializer
    filterset_class = DonationPledgeFilterSet
    ordering_fields = ["id", "registered_on"]
    http_method_names = ["get", "post", "head", "options"]
    write_services = {"create": services.pledge_register}

    def get_serializer_class(self):
        return {"withdraw": WithdrawSerializer, "realise": RealiseSerializer,
                "reveal": RevealSerializer}.get(self.action, DonationPledgeSerializer)

    @service_action(services.pledge_withdraw, body=WithdrawSerializer, answer=DonationPledgeSerializer,
                    permission="sanxian.change_donationpledge", arguments=lambda pledge, request: {"pledge": pledge})
    def withdraw(self, request, pk=None):
        """The person changed their mind: the pledge and its consent end, the record stays."""

    @service_action(services.pledge_realise, body=RealiseSerializer, answer=DonationPledgeSerializer,
                    permission="sanxian.change_donationpledge", arguments=lambda pledge, request: {"pledge": pledge})
    def realise(self, request, pk=None):
        """The donation took place: the date in clear, what was donated and where encrypted."""

    @service_action(services.pledge_reveal, body=RevealSerializer, answer=PledgeRevealedSerializer,
                    arguments=_reveal_arguments("pledge"))
    def reveal(self, request, pk=None):
        """The witness's name and what was donated, in clear; every call is logged with its reason."""


class CareEventViewSet(ScopedCreateListRetrieveUpdateViewSet):
    """Care for donor families: visits and memorial events."""

    queryset = CareEvent.objects.all()
    serializer_class = CareEventSerializer
    filterset_class = CareEventFilterSet
    ordering_fields = ["id", "occurred_on"]
    http_method_names = ["get", "post", "head", "options"]
    write_services = {"create": services.care_event_record}


class MemorialEntryViewSet(ScopedCreateListRetrieveUpdateViewSet):
    """Names on the memorial wall, each with the family's consent."""

    queryset = MemorialEntry.objects.all()
    serializer_class = MemorialEntrySerializer
    filterset_class = MemorialEntryFilterSet
    ordering_fields = ["id", "year"]
    http_method_names = ["get", "post", "head", "options"]
    write_services = {"create": services.memorial_add}


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
