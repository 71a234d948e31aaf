from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view, inline_serializer
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from donations import reports, selectors, services
from donations.api.serializers import (
    AidCaseSerializer,
    AllocationSerializer,
    ConfirmSerializer,
    DisbursementSerializer,
    DisclosureSerializer,
    DonationReasonSerializer,
    DonationSerializer,
    DonorCreateSerializer,
    DonorSerializer,
    FundSerializer,
    PaySerializer,
)
from donations.filtersets import (
    AidCaseFilterSet,
    DisbursementFilterSet,
    DisclosureFilterSet,
    DonationFilterSet,
    DonorFilterSet,
    FundFilterSet,
)
from donations.models import AidCase, Disbursement, Disclosure, Donation, Donor, Fund
from redcross.api.viewsets import IdempotentCreateMixin, ScopedCreateListRetrieveUpdateViewSet, ScopedReadOnlyViewSet


def require(request, permission):
    if not request.user.has_perm(permission):
        raise PermissionDenied(_("Your role does not allow this."))


@extend_schema_view(create=extend_schema(request=DonorCreateSerializer, responses={201: DonorSerializer}))
class DonorViewSet(IdempotentCreateMixin, ScopedCreateListRetrieveUpdateViewSet):
    queryset = Donor.objects.all()
    serializer_class = DonorSerializer
    filterset_class = DonorFilterSet
    ordering_fields = ["id", "created_at"]
    http_method_names = ["get", "post", "head", "options"]

    def get_serializer_class(self):
        return DonorCreateSerializer if self.action == "create" else DonorSerializer


class FundViewSet(ScopedCreateListRetrieveUpdateViewSet):
    queryset = Fund.objects.all()
    serializer_class = FundSerializer
    filterset_class = FundFilterSet
    ordering_fields = ["id", "starts_on", "code"]
    http_method_names = ["get", "post", "head", "options"]


class DonationViewSet(IdempotentCreateMixin, ScopedCreateListRetrieveUpdateViewSet):
    """Gifts received by a branch; `Idempotency-Key` honoured on create; finance confirms and issues the receipt."""

    queryset = Donation.objects.select_related("donor")  # donor_name
    serializer_class = DonationSerializer
    filterset_class = DonationFilterSet
    ordering_fields = ["id", "received_on", "amount"]
    http_method_names = ["get", "post", "head", "options"]

    def get_serializer_class(self):
        if self.action == "confirm":
            return ConfirmSerializer
        if self.action in ("cancel", "reverse"):
            return DonationReasonSerializer
        if self.action == "trace":
            return AllocationSerializer
        return DonationSerializer

    def _answer(self, donation):
        return Response(DonationSerializer(donation, context={"request": self.request}).data)

    @extend_schema(request=ConfirmSerializer, responses=DonationSerializer)
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        require(request, "donations.change_donation")
        body = ConfirmSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return self._answer(services.donation_confirm(donation=self.get_object(), actor=request.user,
                                                      **body.validated_data))

    @extend_schema(request=DonationReasonSerializer, responses=DonationSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        require(request, "donations.change_donation")
        body = DonationReasonSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return self._answer(services.donation_cancel(donation=self.get_object(), actor=request.user,
                                                     reason=body.validated_data["reason"]))

    @extend_schema(request=DonationReasonSerializer, responses={201: DonationSerializer})
    @action(detail=True, methods=["post"])
    def reverse(self, request, pk=None):
        """Cancel a gift recorded by mistake with a negative entry, published as a correction."""
        require(request, "donations.change_donation")
        body = DonationReasonSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        reversal = services.donation_reverse(donation=self.get_object(), actor=request.user,
                                             reason=body.validated_data["reason"])
        return Response(DonationSerializer(reversal, context={"request": request}).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses={(200, "application/pdf"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def receipt(self, request, pk=None):
        """The receipt PDF of a confirmed gift."""
        donation = self.get_object()
        if not donation.receipt_number:
            return Response({"error": {"code": "not_confirmed", "message": _("No receipt before confirmation."),
                                       "fields": {}}}, status=status.HTTP_409_CONFLICT)
        pdf = reports.receipt_pdf(donation, request.build_absolute_uri("/").rstrip("/"))
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="receipt-{donation.receipt_number}.pdf"'
        return response

    @extend_schema(responses=AllocationSerializer(many=True))
    @action(detail=True, methods=["get"])
    def trace(self, request, pk=None):
        """Where this gift went: each disbursement it funded, corrections included."""
        rows = selectors.donation_trace(self.get_object())
        return Response(AllocationSerializer(rows, many=True).data)


class DisbursementViewSet(IdempotentCreateMixin, ScopedCreateListRetrieveUpdateViewSet):
    """Requested → approved (by someone else, within the balance) → paid; corrected by a reversal."""

    queryset = Disbursement.objects.all()
    serializer_class = DisbursementSerializer
    filterset_class = DisbursementFilterSet
    ordering_fields = ["id", "requested_at", "amount"]
    http_method_names = ["get", "post", "head", "options"]

    def get_serializer_class(self):
        return {"reject": DonationReasonSerializer, "reverse": DonationReasonSerializer, "pay": PaySerializer}.get(
            self.action, DisbursementSerializer)

    def _answer(self, disbursement, code=status.HTTP_200_OK):
        return Response(DisbursementSerializer(disbursement, context={"request": self.request}).data, status=code)

    @extend_schema(request=None, responses=DisbursementSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        require(request, "donations.approve_disbursement")
        return self._answer(services.disbursement_approve(disbursement=self.get_object(), actor=request.user))

    def _decide(self, request, body_class, service, code=status.HTTP_200_OK):
        """An approver's action with a body: checked, validated, then the service."""
        require(request, "donations.approve_disbursement")
        body = body_class(data=request.data)
        body.is_valid(raise_exception=True)
        return self._answer(service(disbursement=self.get_object(), actor=request.user, **body.validated_data), code)

    @extend_schema(request=DonationReasonSerializer, responses=DisbursementSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        return self._decide(request, DonationReasonSerializer, services.disbursement_reject)

    @extend_schema(request=PaySerializer, responses=DisbursementSerializer)
    @action(detail=True, methods=["post"])
    def pay(self, request, pk=None):
        return self._decide(request, PaySerializer, services.disbursement_pay)

    @extend_schema(request=DonationReasonSerializer, responses=DisbursementSerializer)
    @action(detail=True, methods=["post"])
    def reverse(self, request, pk=None):
        """Correct an approved or paid disbursement: a reversing entry, published as a correction."""
        return self._decide(request, DonationReasonSerializer, services.disbursement_reverse, status.HTTP_201_CREATED)


class AidCaseViewSet(ScopedCreateListRetrieveUpdateViewSet):
    """Humanitarian aid cases; the situation is write-only (read it, logged, in the portal)."""

    queryset = AidCase.objects.all()
    serializer_class = AidCaseSerializer
    filterset_class = AidCaseFilterSet
    ordering_fields = ["id", "opened_on"]
    http_method_names = ["get", "post", "head", "options"]


class DisclosureViewSet(ScopedReadOnlyViewSet):
    queryset = Disclosure.objects.all()
    serializer_class = DisclosureSerializer
    filterset_class = DisclosureFilterSet
    ordering_fields = ["id", "published_at"]


LEDGER_SCHEMA = inline_serializer("PublicLedger", {
    "fund": serializers.CharField(allow_null=True),
    "income": serializers.DecimalField(max_digits=14, decimal_places=2),
    "gifts": serializers.IntegerField(),
    "spending": serializers.DecimalField(max_digits=14, decimal_places=2),
    "corrections": serializers.IntegerField(),
    "balance": serializers.DecimalField(max_digits=14, decimal_places=2),
    "months": inline_serializer("PublicLedgerMonth", {
        "month": serializers.CharField(),
        "income": serializers.DecimalField(max_digits=14, decimal_places=2),
        "spending": serializers.DecimalField(max_digits=14, decimal_places=2),
    }, many=True),
})
LEDGER_PARAMS = [OpenApiParameter("fund", str, description="A fund's code; the whole society without it.")]
