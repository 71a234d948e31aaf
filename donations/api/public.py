"""The public read-only API of the transparency pages, and the online pledge; no login, throttled."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.decorators import api_view, permission_classes, throttle_classes
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from donations import selectors, services
from donations.api.serializers import AllocationSerializer, PledgeSerializer, PublicDonationSerializer
from donations.api.views import LEDGER_PARAMS, LEDGER_SCHEMA
from donations.models import Fund
from redcross.api.errors import error_response
from redcross.api.throttles import LookupThrottle, PublicThrottle
from redcross.api.viewsets import posts_without_writing, writes_through


def ledger_body(fund=None):
    summary = selectors.ledger_summary(fund)
    totals = summary["totals"]
    # Money as strings, never floats.
    months = [{"month": m["month"], "income": str(m["income"]), "spending": str(m["spending"])}
              for m in summary["months"]]
    return {"fund": fund.code if fund else None, "income": str(totals["income"]), "gifts": totals["gifts"],
            "spending": str(totals["spending"]), "corrections": totals["corrections"],
            "balance": str(totals["balance"]), "months": months}


@extend_schema(parameters=LEDGER_PARAMS, responses=LEDGER_SCHEMA)
@api_view(["GET"])
@permission_classes([AllowAny])
@throttle_classes([PublicThrottle])
def public_ledger_api(request):
    """Income, spending and balance, by month, for the whole society or one fund (no login, throttled)."""
    code = request.query_params.get("fund")
    fund = get_object_or_404(Fund, code=code) if code else None
    return Response(ledger_body(fund))


LOOKUP_REQUEST = inline_serializer("PublicLookupRequest", {
    "receipt_number": serializers.CharField(max_length=20), "mobile": serializers.CharField(max_length=20)})
LOOKUP_RESPONSE = inline_serializer("PublicLookup", {
    "donation": PublicDonationSerializer(), "spent_on": AllocationSerializer(many=True)})


@posts_without_writing("A donor's receipt number and mobile stay out of URLs and logs.")
@extend_schema(request=LOOKUP_REQUEST, responses=LOOKUP_RESPONSE)
@api_view(["POST"])
@permission_classes([AllowAny])
@throttle_classes([PublicThrottle, LookupThrottle])
def public_lookup_api(request):
    """A donor's own gift and each disbursement it funded, by receipt number plus the donor's mobile (limited)."""
    data = request.data if isinstance(request.data, dict) else {}
    donation = selectors.donation_lookup(receipt_number=str(data.get("receipt_number", "")),
                                         mobile=str(data.get("mobile", "")))
    if donation is None:
        return error_response("not_found", _("No gift matches this receipt number and mobile."),
                              status_code=status.HTTP_404_NOT_FOUND)
    return Response(lookup_body(donation, selectors.donation_trace(donation)))


# The lookup's answer is exactly PublicDonationSerializer and AllocationSerializer's (the schema names them), built
# field by field: a ModelSerializer introspects the model on every instantiation, most of a lookup's time.
_MONEY = serializers.DecimalField(max_digits=14, decimal_places=2)
_MOMENT = serializers.DateTimeField()


def lookup_body(donation, trace) -> dict:
    return {
        "donation": {
            "receipt_number": donation.receipt_number, "status": donation.status, "kind": donation.kind,
            "channel": donation.channel, "amount": _MONEY.to_representation(donation.amount),
            "goods_description": donation.goods_description,
            "received_on": donation.received_on.isoformat() if donation.received_on else None,
            "fund_code": donation.fund.code, "fund_name": donation.fund.name,
            "organization_name": donation.organization.name, "receipt_declined": donation.receipt_declined,
            "allocated": _MONEY.to_representation(donation.allocated)},
        "spent_on": [{
            "disbursement": a.disbursement_id, "amount": _MONEY.to_representation(a.amount),
            "purpose": a.disbursement.purpose, "beneficiary": a.disbursement.beneficiary_name,
            "status": a.disbursement.status, "correction": a.disbursement.reverses_id is not None,
            "date": _MOMENT.to_representation(a.disbursement.approved_at) if a.disbursement.approved_at else None,
        } for a in trace],
    }


PLEDGE_RESPONSE = inline_serializer("PledgeAnswer", {
    "reference": serializers.CharField(), "status": serializers.CharField(),
    "amount": serializers.DecimalField(max_digits=14, decimal_places=2), "fund": serializers.CharField()})


@writes_through(services.donation_pledge)
@extend_schema(request=PledgeSerializer, responses={201: PLEDGE_RESPONSE},
               parameters=[OpenApiParameter("Idempotency-Key", str, OpenApiParameter.HEADER, required=True)])
@api_view(["POST"])
@permission_classes([AllowAny])
@throttle_classes([PublicThrottle])
def public_pledge_api(request):
    """An online pledge; the `Idempotency-Key` header makes a retry return the first pledge, never a second."""
    key = request.headers.get("Idempotency-Key", "").strip()
    if not key or len(key) > 64:
        return error_response("invalid", _("Idempotency-Key: 1 to 64 characters."),
                              {"Idempotency-Key": [_("Idempotency-Key: 1 to 64 characters.")]})
    body = PledgeSerializer(data=request.data)
    body.is_valid(raise_exception=True)
    donation = services.donation_pledge(key=key, **body.validated_data)
    return Response({"reference": donation.pledge_key, "status": donation.status, "amount": str(donation.amount),
                     "fund": donation.fund.code}, status=status.HTTP_201_CREATED)


for view in (public_ledger_api, public_lookup_api, public_pledge_api):
    view.cls.throttle_scope = "public"
