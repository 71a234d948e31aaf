"""The public site's donation pages: give online, the ledger, the donor's lookup, receipts and disclosures."""

import csv

from django.core import signing
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import generic

from donations import documents, selectors, services
from donations.forms import LookupForm, PledgeForm
from donations.models import Disclosure, Donation, Fund
from redcross.portal.errors import errors_to_form
from redcross.portal.views import Echo
from redcross.ratelimits import limit_lookups

RECEIPT_SALT = "donations.receipt"


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


def donate_thanks(request, key):
    donation = get_object_or_404(Donation.objects.select_related("fund", "organization"), pledge_key=key)
    return render(request, "donations/public/thanks.html", {"donation": donation})


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
    writer = csv.writer(Echo())
    anonymous = _("Caring donor")

    def rows():
        yield "\ufeff"
        yield writer.writerow([_("Date"), _("Entry"), _("Fund or project"), _("Donor or beneficiary"),
                               _("Purpose"), _("Amount (yuan)")])
        gifts = selectors.confirmed_donations(fund).select_related("fund").order_by("received_on", "id").only(
            "received_on", "receipt_number", "public_name", "amount", "note", "reverses", "fund__name")
        for gift in gifts.iterator(chunk_size=5000):
            entry = _("Correction") if gift.reverses_id else _("Gift %(receipt)s") % {"receipt": gift.receipt_number}
            yield writer.writerow([gift.received_on, entry, gift.fund.name, gift.public_name or anonymous,
                                   gift.note if gift.reverses_id else "", gift.amount])
        spending = selectors.spending(fund).select_related("fund").order_by("approved_at", "id")
        for item in spending.iterator(chunk_size=5000):
            entry = _("Correction") if item.reverses_id else _("Disbursement")
            yield writer.writerow([item.approved_at.date(), entry, item.fund.name, item.beneficiary_name,
                                   item.purpose, -item.amount])

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="ledger-{code or "all"}.csv"'
    return response


def receipt_token(donation) -> str:
    return signing.dumps(donation.receipt_number, salt=RECEIPT_SALT)


@method_decorator(limit_lookups("transparency.lookup", methods=("POST",)), name="post")
class LookupView(generic.FormView):
    """The donor's own gift, by receipt number and mobile: its receipt and each disbursement it funded."""

    template_name = "donations/public/lookup.html"
    form_class = LookupForm

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
    donation = get_object_or_404(Donation.objects.select_related("fund", "organization"), receipt_number=number,
                                 status="confirmed")
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
