"""The public site's donation pages: give online, the ledger, the donor's lookup, receipts and disclosures."""

import logging

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import generic
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from donations import documents, selectors, services
from donations.forms import LookupForm, PledgeForm, PledgeLookupForm
from donations.models import Disclosure, Donation, Fund
from redcross.exports import csv_response
from redcross.pagecache import new_key, public_page
from redcross.portal.errors import error_items, errors_to_form
from redcross.ratelimits import LimitedFormMixin, limit_lookups

RECEIPT_SALT = "donations.receipt"
logger = logging.getLogger(__name__)


# The form as first shown is the same for everyone but its CSRF token and its key (redcross/pagecache.py); a new
# or renamed fund shows within a minute.
@method_decorator(public_page("donate", timeout=60, fresh={"key": new_key}), name="dispatch")
class DonateView(generic.FormView):
    template_name = "donations/public/donate.html"
    form_class = PledgeForm

    def get_initial(self):
        initial = super().get_initial()
        code = self.request.GET.get("fund")
        fund = Fund.objects.filter(code=code, status="open").first() if code else None
        if fund is not None:
            initial["fund"] = fund.pk
        return initial

    def form_valid(self, form):
        data = dict(form.cleaned_data)
        key = data.pop("key")
        try:
            donation = services.donation_pledge(key=key, **data)
        except ValidationError as exc:
            errors_to_form(form, exc)
            return self.form_invalid(form)
        return redirect("donations-public:thanks", key=donation.pledge_key)


def _payment_context(donation):
    from donations.payments import enabled_providers

    return {"donation": donation, "bank": settings.DONATION_BANK_ACCOUNT,
            "providers": enabled_providers() if donation.status == "pledged" and donation.reference_code else []}


def donate_thanks(request, key):
    donation = get_object_or_404(Donation.objects.select_related("fund", "organization"), pledge_key=key)
    return render(request, "donations/public/thanks.html", _payment_context(donation))


class PledgeLookupView(LimitedFormMixin, generic.FormView):
    """A pledge found by its reference code and the donor's mobile: how to pay it, or its receipt once confirmed."""

    template_name = "donations/public/pledge.html"
    form_class = PledgeLookupForm
    lookup_group = "donations.pledge_lookup"

    def get_initial(self):
        return {"reference_code": self.request.GET.get("code", "")}

    def form_valid(self, form):
        donation = selectors.pledge_lookup(**form.cleaned_data)
        if donation is None:
            form.add_error(None, _("No pledge matches this reference code and mobile number."))
            return self.form_invalid(form)
        context = self.get_context_data(form=form, **_payment_context(donation))
        if donation.status == "confirmed" and donation.receipt_number:
            context.update(token=receipt_token(donation), trace=selectors.donation_trace(donation))
        return self.render_to_response(context)


def donate_pay(request, key, provider):
    """The provider's QR code for one pledge, to scan with WeChat or Alipay."""
    import qrcode
    import qrcode.image.svg

    donation = get_object_or_404(Donation.objects.select_related("fund", "organization"), pledge_key=key)
    try:
        link = services.payment_qr(donation=donation, provider_name=provider)
    except ValidationError as exc:
        context = _payment_context(donation)
        context["payment_error"] = " ".join(message for _field, message in error_items(exc))
        return render(request, "donations/public/thanks.html", context, status=400)
    svg = qrcode.make(link, image_factory=qrcode.image.svg.SvgPathImage, box_size=8).to_string(encoding="unicode")
    return render(request, "donations/public/pay.html", {"donation": donation, "provider": provider, "qr_svg": svg})


@csrf_exempt
@require_POST
def payment_notify(request, provider):
    """Where WeChat Pay and Alipay post payment notifications; the answer tells them to stop resending."""
    from donations.payments import NotificationRejected, get_provider

    adapter = get_provider(provider)
    if adapter is None:
        raise Http404
    try:
        services.payment_notification_receive(provider_name=provider, headers=request.headers, body=request.body)
        ok = True
    except NotificationRejected as exc:
        logger.warning("payment notification refused: %s %s", provider, exc)
        ok = False
    status, content_type, body = adapter.answer(ok)
    return HttpResponse(body, status=status, content_type=content_type)


# Keyed by the ledger's version: a confirmed gift or a disbursement shows at once in the process that moved it and
# within a second in the others (selectors.ledger_version_recent); a new disclosure within a minute.
@method_decorator(public_page("ledger", timeout=60, version=selectors.ledger_version_recent), name="dispatch")
class TransparencyView(generic.TemplateView):
    """The public ledger, overall or of one fund: income, spending, balance by month, gifts, spending, reports."""

    template_name = "donations/public/ledger.html"

    def get_fund(self):
        code = self.kwargs.get("code")
        return get_object_or_404(Fund, code=code) if code else None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        fund = self.get_fund()
        disclosures = Disclosure.objects.select_related("fund").order_by("-period_end", "-id")
        context.update(
            fund=fund, **selectors.ledger_summary(fund),
            gifts=selectors.recent_gifts(fund), spending=selectors.recent_spending(fund),
            funds=None if fund else selectors.public_funds()[:30],
            disclosures=(disclosures.filter(fund=fund) if fund else disclosures)[:12],
            lookup_form=LookupForm(),
        )
        return context


def ledger_csv(request, code=None):
    """Every confirmed gift and every disbursement, as the public sees them; names only with consent."""
    fund = get_object_or_404(Fund, code=code) if code else None
    anonymous = _("Caring donor")

    def rows():
        gifts = selectors.confirmed_donations(fund).select_related("fund").order_by("received_on", "id").only(
            "received_on", "receipt_number", "public_name", "amount", "note", "reverses", "fund__name")
        for gift in gifts.iterator(chunk_size=5000):
            entry = _("Correction") if gift.reverses_id else _("Gift %(receipt)s") % {"receipt": gift.receipt_number}
            yield [gift.received_on, entry, gift.fund.name, gift.public_name or anonymous,
                   gift.note if gift.reverses_id else "", gift.amount]
        spending = selectors.spending(fund).select_related("fund").order_by("approved_at", "id")
        for item in spending.iterator(chunk_size=5000):
            entry = _("Correction") if item.reverses_id else _("Disbursement")
            yield [timezone.localtime(item.approved_at).date(), entry, item.fund.name, item.beneficiary_name,
                   item.purpose, -item.amount]

    header = [_("Date"), _("Entry"), _("Fund or project"), _("Donor or beneficiary"), _("Purpose"),
              _("Amount (yuan)")]
    return csv_response(f"ledger-{code or 'all'}.csv", header, rows())


def receipt_token(donation) -> str:
    return signing.dumps(donation.receipt_number, salt=RECEIPT_SALT)


@method_decorator(limit_lookups("transparency.lookup", methods=("POST",)), name="post")
class LookupView(generic.FormView):
    """The donor's own gift, by receipt number and mobile: its receipt and each disbursement it funded."""

    template_name = "donations/public/lookup.html"
    form_class = LookupForm
    reads_only = "The receipt number and mobile stay out of URLs and logs; the lookup writes nothing."

    def form_valid(self, form):
        donation = selectors.donation_lookup(**form.cleaned_data)
        if donation is None:
            form.add_error(None, _("No gift matches this receipt number and mobile."))
            return self.form_invalid(form)
        trace = selectors.donation_trace(donation)
        return self.render_to_response(self.get_context_data(
            form=form, donation=donation, trace=trace, token=receipt_token(donation)))


@limit_lookups("transparency.receipt", rate="30/m")
def receipt_verify(request, number):
    """Where a receipt's QR code leads: the receipt is genuine, and what its gift has funded (no personal data)."""
    # The correction (if any) joined in: the page shows it, and one query fewer per scan of a receipt's QR code.
    donation = selectors.receipt_gift.first(number)
    if donation is None:
        raise Http404
    return render(request, "donations/public/verify.html",
                  {"donation": donation, "trace": selectors.donation_trace(donation)})


def receipt_pdf(request, number):
    try:
        signed = signing.loads(request.GET.get("t", ""), salt=RECEIPT_SALT, max_age=3600)
    except signing.BadSignature:
        raise Http404 from None
    if signed != number:
        raise Http404
    donation = get_object_or_404(Donation.objects.select_related("fund", "organization", "donor", "confirmed_by"),
                                 receipt_number=number, status="confirmed")
    if donation.receipt_declined:
        return redirect(reverse("donations-public:receipt_verify", args=[number]))
    pdf = documents.receipt_pdf(donation, request.build_absolute_uri("/").rstrip("/"))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="receipt-{number}.pdf"'
    return response


def disclosure_detail(request, pk):
    disclosure = get_object_or_404(Disclosure.objects.select_related("fund"), pk=pk)
    return render(request, "donations/public/disclosure.html", {"disclosure": disclosure,
                                                                "figures": disclosure.figures})


def disclosure_download(request, pk, fmt):
    disclosure = get_object_or_404(Disclosure, pk=pk)
    if fmt not in ("pdf", "xlsx"):
        raise Http404
    if fmt == "pdf":
        response = HttpResponse(documents.disclosure_pdf(disclosure), content_type="application/pdf")
    else:
        response = HttpResponse(documents.disclosure_xlsx(disclosure),
                                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="disclosure-{disclosure.pk}.{fmt}"'
    return response
