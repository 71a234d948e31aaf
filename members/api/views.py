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
from redcross.api.viewsets import IdempotentCreateMixin, ScopedCreateListRetrieveUpdateViewSet, service_action


class _ServiceViewSet(IdempotentCreateMixin, ScopedCreateListRetrieveUpdateViewSet):
    """Creates move people or money: through the service named in `write_services`, `Idempotency-Key` honoured."""

    http_method_names = ["get", "post", "head", "options"]


class MemberViewSet(_ServiceViewSet):
    """Individual and unit members, numbered per society; `withdraw`; `outstanding` ranks member units."""

    queryset = Member.objects.select_related("person", "unit")
    serializer_class = MemberSerializer
    filterset_class = MemberFilterSet
    ordering_fields = ["id", "joined_on", "number"]
    write_services = {"create": services.member_enrol}

    def get_serializer_class(self):
        return MemberWithdrawSerializer if self.action == "withdraw" else MemberSerializer

    @service_action(services.member_withdraw, body=MemberWithdrawSerializer, answer=MemberSerializer,
                    permission="members.change_member")
    def withdraw(self, request, pk=None):
        """The member leaves: the record, its number and its payments stay."""

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
    write_services = {"create": services.dues_pay}


class ContributionViewSet(_ServiceViewSet):
    """Contributions of member units: money, goods, volunteers, training hosted."""

    queryset = Contribution.objects.all()
    serializer_class = ContributionSerializer
    filterset_class = ContributionFilterSet
    ordering_fields = ["id", "contributed_on"]
    write_services = {"create": services.contribution_record}


class DuesRateViewSet(viewsets.ReadOnlyModelViewSet):
    """The yearly dues of each member kind: a city-wide rule, the same in every district."""

    queryset = DuesRate.objects.all()
    serializer_class = DuesRateSerializer
    filterset_class = DuesRateFilterSet
    ordering_fields = ["id", "year"]
