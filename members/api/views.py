from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError as DRFValidationError
from rest_framework.response import Response

from members import selectors, services
from members.api.serializers import (
    ContributionSerializer,
    DuesPaymentSerializer,
    DuesRateSerializer,
    MemberSerializer,
    MemberWithdrawSerializer,
    OutstandingSerializer,
)
from members.filtersets import ContributionFilterSet, DuesPaymentFilterSet, DuesRateFilterSet, MemberFilterSet
from members.models import Contribution, DuesPayment, DuesRate, Member
from redcross.api.viewsets import IdempotentCreateMixin, ScopedCreateListRetrieveUpdateViewSet


class _ServiceViewSet(IdempotentCreateMixin, ScopedCreateListRetrieveUpdateViewSet):
    """Creates move people or money: through the service, `Idempotency-Key` honoured."""

    http_method_names = ["get", "post", "head", "options"]
    create_service = None

    def perform_create(self, serializer):
        serializer.instance = type(self).create_service(actor=self.request.user, **serializer.validated_data)


class MemberViewSet(_ServiceViewSet):
    """Individual and unit members, numbered per society; `withdraw`; `outstanding` ranks member units."""

    queryset = Member.objects.select_related("person", "unit")
    serializer_class = MemberSerializer
    filterset_class = MemberFilterSet
    ordering_fields = ["id", "joined_on", "number"]
    create_service = services.member_enrol

    def get_serializer_class(self):
        return MemberWithdrawSerializer if self.action == "withdraw" else MemberSerializer

    @extend_schema(request=MemberWithdrawSerializer, responses=MemberSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        body = MemberWithdrawSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        member = services.member_withdraw(actor=request.user, member=self.get_object(), **body.validated_data)
        return Response(MemberSerializer(member, context={"request": request}).data)

    @extend_schema(parameters=[OpenApiParameter("year", int, required=False)],
                   responses=OutstandingSerializer(many=True))
    @action(detail=False, methods=["get"], pagination_class=None, filterset_class=None)
    def outstanding(self, request):
        raw = request.query_params.get("year", "")
        if raw and not (raw.isdigit() and 1900 <= int(raw) <= 2999):
            raise DRFValidationError({"year": [_("Year: a year such as 2025.")]})
        ranked = selectors.outstanding_contributions(user=request.user, year=int(raw) if raw else None)
        return Response(OutstandingSerializer(ranked, many=True).data)


class DuesPaymentViewSet(_ServiceViewSet):
    """Dues paid, each with its receipt number; never changed once recorded."""

    queryset = DuesPayment.objects.all()
    serializer_class = DuesPaymentSerializer
    filterset_class = DuesPaymentFilterSet
    ordering_fields = ["id", "paid_on"]
    create_service = services.dues_pay


class ContributionViewSet(_ServiceViewSet):
    """Contributions of member units: money, goods, volunteers, training hosted."""

    queryset = Contribution.objects.all()
    serializer_class = ContributionSerializer
    filterset_class = ContributionFilterSet
    ordering_fields = ["id", "contributed_on"]
    create_service = services.contribution_record


class DuesRateViewSet(viewsets.ReadOnlyModelViewSet):
    """The yearly dues of each member kind: a city-wide rule, the same in every district."""

    queryset = DuesRate.objects.all()
    serializer_class = DuesRateSerializer
    filterset_class = DuesRateFilterSet
    ordering_fields = ["id", "year"]
