from django.http import HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from donations import documents, selectors, services
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
from redcross.api.viewsets import (
    IdempotentCreateMixin,
    ScopedCreateListRetrieveUpdateViewSet,
    ScopedReadOnlyViewSet,
    service_action,
)


class DonorViewSet(IdempotentCreateMixin, ScopedCreateListRetrieveUpdateViewSet):
    queryset = Donor.objects.all()
    serializer_class = DonorSerializer
    filterset_class = DonorFilterSet
    ordering_fields = ["id", "created_at"]
    http_method_names = ["get", "post", "head", "options"]
    write_services = {"create": services.donor_create}

    def get_serializer_class(self):
        return DonorCreateSerializer if self.action == "create" else DonorSerializer


class FundViewSet(ScopedCreateListRetrieveUpdateViewSet):
    queryset = Fund.objects.all()
    serializer_class = FundSerializer
    filterset_class = FundFilterSet
    ordering_fields = ["id", "starts_on", "code"]
    http_method_names = ["get", "post", "head", "options"]
    write_services = {"create": services.fund_create}


class DonationViewSet(IdempotentCreateMixin, ScopedCreateListRetrieveUpdateViewSet):
    """Gifts received by a branch; `Idempotency-Key` honoured on create; finance confirms and issues the receipt."""

    queryset = Donation.objects.all()
    serializer_class = DonationSerializer
    filterset_class = DonationFilterSet
    ordering_fields = ["id", "received_on", "amount"]
    http_method_names = ["get", "post", "head", "options"]
    write_services = {"create": services.donation_record}

    def get_serializer_class(self):
        if self.action == "confirm":
            return ConfirmSerializer
        if self.action in ("cancel", "reverse"):
            return DonationReasonSerializer
        if self.action == "trace":
            return AllocationSerializer
        return DonationSerializer

    @service_action(services.donation_confirm, body=ConfirmSerializer, answer=DonationSerializer,
                    permission="donations.change_donation")
    def confirm(self, request, pk=None):
        """Finance confirms the gift arrived: the receipt number is issued."""

    @service_action(services.donation_cancel, body=DonationReasonSerializer, answer=DonationSerializer,
                    permission="donations.change_donation")
    def cancel(self, request, pk=None):
        """Cancel a pledge that never arrived."""

    @service_action(services.donation_reverse, body=DonationReasonSerializer, answer=DonationSerializer,
                    permission="donations.change_donation", status_code=status.HTTP_201_CREATED)
    def reverse(self, request, pk=None):
        """Cancel a gift recorded by mistake with a negative entry, published as a correction."""

    @extend_schema(responses={(200, "application/pdf"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def receipt(self, request, pk=None):
        """The receipt PDF of a confirmed gift."""
        donation = self.get_object()
        if not donation.receipt_number:
            return Response({"error": {"code": "not_confirmed", "message": _("No receipt before confirmation."),
                                       "fields": {}}}, status=status.HTTP_409_CONFLICT)
        pdf = documents.receipt_pdf(donation, request.build_absolute_uri("/").rstrip("/"))
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
    write_services = {"create": services.disbursement_request}

    def get_serializer_class(self):
        return {"reject": DonationReasonSerializer, "reverse": DonationReasonSerializer, "pay": PaySerializer}.get(
            self.action, DisbursementSerializer)

    @service_action(services.disbursement_approve, answer=DisbursementSerializer,
                    permission="donations.approve_disbursement")
    def approve(self, request, pk=None):
        """Approve a requested disbursement (not one's own), allocated to the oldest gifts."""

    @service_action(services.disbursement_reject, body=DonationReasonSerializer, answer=DisbursementSerializer,
                    permission="donations.approve_disbursement")
    def reject(self, request, pk=None):
        """Refuse a requested disbursement with a reason."""

    @service_action(services.disbursement_pay, body=PaySerializer, answer=DisbursementSerializer,
                    permission="donations.approve_disbursement")
    def pay(self, request, pk=None):
        """Record the payment of an approved disbursement."""

    @service_action(services.disbursement_reverse, body=DonationReasonSerializer, answer=DisbursementSerializer,
                    permission="donations.approve_disbursement", status_code=status.HTTP_201_CREATED)
    def reverse(self, request, pk=None):
        """Correct an approved or paid disbursement: a reversing entry, published as a correction."""


class AidCaseViewSet(ScopedCreateListRetrieveUpdateViewSet):
    """Humanitarian aid cases; the situation is write-only (read it, logged, in the portal)."""

    queryset = AidCase.objects.all()
    serializer_class = AidCaseSerializer
    filterset_class = AidCaseFilterSet
    ordering_fields = ["id", "opened_on"]
    http_method_names = ["get", "post", "head", "options"]
    write_services = {"create": services.aid_case_create}


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
