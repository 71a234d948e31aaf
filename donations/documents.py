"""Documents of donations/: the receipt PDF, the disclosure as PDF and Excel, the ledger as CSV rows."""

from decimal import Decimal

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from redcross.documents import titled_document

DIGITS = "零壹贰叁肆伍陆柒捌玖"
UNITS = ["", "拾", "佰", "仟"]
GROUPS = ["", "万", "亿", "万亿"]


def amount_in_words(amount: Decimal) -> str:
    """Capital Chinese numerals for a yuan amount, as receipts print it: 1234.50 → 壹仟贰佰叁拾肆元伍角整."""
    amount = Decimal(amount).quantize(Decimal("0.01"))
    yuan, cents = divmod(int(amount * 100), 100)
    text, zero, group_has_digit = "", False, False
    digits = str(yuan) if yuan else ""
    for index, char in enumerate(digits):
        position = len(digits) - 1 - index
        if char == "0":
            zero = True
        else:
            text += ("零" if zero and text else "") + DIGITS[int(char)] + UNITS[position % 4]
            zero, group_has_digit = False, True
        if position % 4 == 0 and position:
            text += GROUPS[position // 4] if group_has_digit else ""
            group_has_digit = False
    text += "元" if text else ""
    jiao, fen = divmod(cents, 10)
    if not jiao and not fen:
        return (text or "零元") + "整"
    if jiao:
        text += DIGITS[jiao] + "角"
    elif text:
        text += "零"
    if fen:
        text += DIGITS[fen] + "分"
    else:
        text += "整"
    return text


def donor_label(donation) -> str:
    if donation.is_anonymous or donation.donor is None:
        return _("Anonymous donor")
    return donation.donor.name


def property_label(donation) -> str:
    if donation.kind == "goods":
        quantity = donation.goods_quantity.normalize() if donation.goods_quantity is not None else ""
        return _("Goods: %(goods)s, %(quantity)s %(unit)s, valued at %(amount)s yuan") % {
            "goods": donation.goods_description, "quantity": quantity, "unit": donation.goods_unit,
            "amount": donation.amount}
    return _("Money (%(channel)s)") % {"channel": donation.get_channel_display()}


def receipt_pdf(donation, base_url: str) -> bytes:
    """The public-welfare donation receipt (Charity Law Art 38).

    Donor, property, amount, organisation, handler, date.
    """
    verify = base_url + reverse("verify-short", args=[donation.receipt_number])
    handler = donation.confirmed_by.get_full_name() or donation.confirmed_by.get_username() \
        if donation.confirmed_by else _("Payment gateway")
    rows = [
        (_("Receipt number"), donation.receipt_number),
        (_("Donor"), donor_label(donation)),
        (_("Kind and quantity of property"), property_label(donation)),
        (_("Amount (yuan)"), f"¥{donation.amount:,.2f}"),
        (_("Amount in words"), amount_in_words(donation.amount)),
        (_("Designated to"), donation.fund.name),
        (_("Received by"), donation.organization.name),
        (_("Handled by"), handler),
        (_("Date received"), donation.received_on.isoformat()),
        (_("Date issued"), timezone.localtime(donation.confirmed_at).date().isoformat()),
    ]
    return titled_document(
        title=_("Public-welfare donation receipt"), subtitle=donation.organization.name, rows=rows,
        qr_url=verify, qr_caption=_("Scan to verify this receipt and see where the gift went"),
        footer=_("Issued under Art 20 of the Red Cross Law and Art 38 of the Charity Law. Thank you."),
    )


def disclosure_rows(disclosure):
    figures = disclosure.figures
    return [
        (_("Period"), f"{disclosure.period_start} – {disclosure.period_end}"),
        (_("Income (yuan)"), figures["income"]),
        (_("Number of gifts"), str(figures["gifts"])),
        (_("Spending (yuan)"), figures["spending"]),
        (_("Balance of the period (yuan)"), figures["balance"]),
        (_("Corrections"), str(figures["corrections"])),
        (_("Published at"), timezone.localtime(disclosure.published_at).strftime("%Y-%m-%d %H:%M")),
    ]


def _spending_table(disclosure):
    header = [_("Date"), _("Purpose"), _("Beneficiary"), _("Amount (yuan)")]
    body = [[item["date"], (_("Correction: ") + (item.get("reason") or "") + " · " if item["correction"] else "")
             + item["purpose"], item["beneficiary"], item["amount"]] for item in disclosure.figures["spending_items"]]
    return header, body


def _named_gifts_table(disclosure):
    return [_("Donor"), _("Amount (yuan)"), _("Date")], [
        [gift["name"], gift["amount"], gift["date"]] for gift in disclosure.figures["named_gifts"]]


def disclosure_pdf(disclosure) -> bytes:
    return titled_document(title=disclosure.title, subtitle=disclosure.get_kind_display(),
                           rows=disclosure_rows(disclosure),
                           tables=[(_("Spending"), *_spending_table(disclosure)),
                                   (_("Donors who agreed to be named"), *_named_gifts_table(disclosure))],
                           footer=_("Corrections are published as corrections, never as silent edits."))


def _typed(value):
    """A figure frozen as JSON text back to a number or a date for the spreadsheet."""
    from datetime import date as date_type
    from decimal import Decimal, InvalidOperation

    if isinstance(value, str):
        try:
            return date_type.fromisoformat(value)
        except ValueError:
            pass
        try:
            number = Decimal(value)
        except InvalidOperation:
            return value
        if not number.is_finite():
            return value
        return int(number) if "." not in value else number
    return value


def disclosure_xlsx(disclosure) -> bytes:
    from redcross.exports import Sheet, xlsx_bytes

    header, body = _spending_table(disclosure)
    summary = [(str(label), _typed(value) if label != _("Period") else value)
               for label, value in disclosure_rows(disclosure)]
    return xlsx_bytes([
        Sheet(_("Summary"), [_("Item"), _("Value")], summary, heading=disclosure.title),
        Sheet(_("Spending"), header, ([_typed(v) for v in row] for row in body)),
        Sheet(_("Named gifts"), _named_gifts_table(disclosure)[0],
              ([_typed(v) for v in row] for row in _named_gifts_table(disclosure)[1])),
    ])
