"""Reads of donations/ that are more than a filter: the public ledger, the donor's trace, finance figures."""

import hmac
from datetime import date
from decimal import Decimal
from hmac import compare_digest

from django.db.models import Count, DateField, Sum
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone

from donations.choices import (
    Channel,
    DisbursementStatus,
    DonationKind,
    DonationStatus,
    DonorKind,
    FundKind,
    FundStatus,
)
from donations.models import AidCase, Allocation, Disbursement, Donation, Donor, Fund, LedgerMonth
from people import crypto
from people.identifiers import normalize_mobile
from redcross.prepared import prepared
from redcross.scoping import scope_queryset

ZERO = Decimal("0.00")
SPENT = (DisbursementStatus.APPROVED, DisbursementStatus.PAID)


def _month_start(day: date, back: int) -> date:
    index = day.year * 12 + day.month - 1 - back
    return date(index // 12, index % 12 + 1, 1)


def confirmed_donations(fund=None):
    donations = Donation.objects.filter(status=DonationStatus.CONFIRMED)
    return donations.filter(fund=fund) if fund is not None else donations


def spending(fund=None):
    """Approved and paid disbursements and their corrections: money committed out of the funds."""
    rows = Disbursement.objects.filter(status__in=SPENT)
    return rows.filter(fund=fund) if fund is not None else rows


def _period(queryset, field, start, end):
    if start is not None:
        queryset = queryset.filter(**{f"{field}__gte": start})
    if end is not None:
        queryset = queryset.filter(**{f"{field}__lte": end})
    return queryset


def ledger_totals(fund=None, start=None, end=None) -> dict:
    """The ledger recomputed from the posted records (disclosures of a period, the nightly totals check)."""
    # COUNT(*) and COUNT(reverses_id), as ledger_months_recomputed counts.
    income = _period(confirmed_donations(fund), "received_on", start, end).aggregate(
        total=Coalesce(Sum("amount"), ZERO), posted=Count("*"), corrections=Count("reverses"))
    out = _period(spending(fund), "approved_at__date", start, end).aggregate(
        total=Coalesce(Sum("amount"), ZERO), count=Count("*"), corrections=Count("reverses"))
    return {"income": income["total"], "gifts": income["posted"] - income["corrections"], "spending": out["total"],
            "disbursements": out["count"], "corrections": out["corrections"] + income["corrections"],
            "balance": income["total"] - out["total"]}


def _running(fund):
    rows = LedgerMonth.objects.all()
    return rows.filter(fund=fund) if fund is not None else rows


def ledger_running_totals(fund=None) -> dict:
    """The same figures as ledger_totals(fund), read from the running ledger: a few rows per fund, no gift summed."""
    row = _running(fund).aggregate(
        income=Coalesce(Sum("income"), ZERO), spending=Coalesce(Sum("spending"), ZERO),
        gifts=Coalesce(Sum("gifts"), 0), disbursements=Coalesce(Sum("disbursements"), 0),
        corrections=Coalesce(Sum("corrections"), 0))
    return {**row, "balance": row["income"] - row["spending"]}


def ledger_by_month(fund=None, months=12, today=None) -> list:
    """[(month 'YYYY-MM', income, spending)] for the last `months` months, oldest first (the running ledger)."""
    today = today or timezone.localdate()
    first = _month_start(today, months - 1)
    found = {month.strftime("%Y-%m"): (income, out) for month, income, out in
             _running(fund).filter(month__gte=first).values_list("month").annotate(
                 income=Sum("income"), out=Sum("spending")).order_by()}
    rows = []
    for back in range(months - 1, -1, -1):
        month = _month_start(today, back).strftime("%Y-%m")
        income, out = found.get(month, (ZERO, ZERO))
        rows.append({"month": month, "income": income, "spending": out})
    peak = max([r["income"] for r in rows] + [r["spending"] for r in rows] + [Decimal("1")])
    for row in rows:
        row["income_pct"] = float(row["income"] * 100 / peak)
        row["spending_pct"] = float(max(row["spending"], ZERO) * 100 / peak)
    return rows


def ledger_months_recomputed() -> dict:
    """{(fund id, first day of month): figures} from the posted records: two grouped scans, as raw SQL would.

    The counts are COUNT(*) and COUNT(reverses_id) (corrections; gifts are the difference), not COUNT(id) FILTER
    (...): over 400,000 gifts the scan took 120 ms at the median against 196 ms (25 runs, alternated).
    """
    figures = {}
    blank = {"income": ZERO, "spending": ZERO, "gifts": 0, "disbursements": 0, "corrections": 0}
    for fund_id, month, total, posted, corrections in (
            confirmed_donations().annotate(month=TruncMonth("received_on")).values_list("fund_id", "month")
            .annotate(total=Sum("amount"), posted=Count("*"), corrections=Count("reverses")).order_by()):
        figures[(fund_id, month)] = {**blank, "income": total, "gifts": posted - corrections,
                                     "corrections": corrections}
    for fund_id, month, total, count, corrections in (
            spending().annotate(month=TruncMonth("approved_at", output_field=DateField()))
            .values_list("fund_id", "month").annotate(total=Sum("amount"), count=Count("*"),
                                                      corrections=Count("reverses"))
            .order_by()):
        entry = figures.setdefault((fund_id, month), dict(blank))
        entry.update(spending=total, disbursements=count, corrections=entry["corrections"] + corrections)
    return figures


def totals_drift():
    """Every running figure of donations/ that differs from its recomputation: [(figure, key, kept, recomputed)].

    Funds' received, spent and management cost; the running ledger by fund and month; each gift's spent share.
    """
    from donations.choices import BeneficiaryKind

    drift = []
    received = dict(confirmed_donations().values_list("fund_id").annotate(t=Sum("amount")).order_by())
    spent = dict(spending().values_list("fund_id").annotate(t=Sum("amount")).order_by())
    cost = dict(spending().filter(beneficiary_kind=BeneficiaryKind.MANAGEMENT_COST).values_list("fund_id")
                .annotate(t=Sum("amount")).order_by())
    for fund in Fund.objects.only("code", "received", "spent", "management_spent").order_by("code"):
        for figure, kept, again in (("received", fund.received, received.get(fund.pk, ZERO)),
                                    ("spent", fund.spent, spent.get(fund.pk, ZERO)),
                                    ("management_spent", fund.management_spent, cost.get(fund.pk, ZERO))):
            if kept != again:
                drift.append((f"donations.fund.{figure}", fund.code, str(kept), str(again)))
    fields = ("income", "spending", "gifts", "disbursements", "corrections")
    kept_months = {(r["fund_id"], r["month"]): r for r in LedgerMonth.objects.values("fund_id", "month", *fields)}
    again_months = ledger_months_recomputed()
    for key in sorted(kept_months.keys() | again_months.keys()):
        kept, again = kept_months.get(key, {}), again_months.get(key, {})
        for figure in fields:
            if kept.get(figure, 0) != again.get(figure, 0):
                drift.append((f"donations.ledger.{figure}", f"{key[0]}:{key[1]:%Y-%m}", str(kept.get(figure, 0)),
                              str(again.get(figure, 0))))
    allocated = dict(Allocation.objects.values_list("donation_id").annotate(t=Sum("amount")).order_by())
    kept_allocated = dict(Donation.objects.exclude(allocated=0).values_list("id", "allocated"))
    for donation_id in sorted(allocated.keys() | kept_allocated.keys()):
        kept, again = kept_allocated.get(donation_id, ZERO), allocated.get(donation_id, ZERO)
        if kept != again:
            drift.append(("donations.donation.allocated", str(donation_id), str(kept), str(again)))
    return drift


def ledger_months_rebuild() -> int:
    """Write the running ledger afresh from the posted records (a data migration, a bulk load); returns rows."""
    from django.db import transaction

    with transaction.atomic():
        LedgerMonth.objects.all().delete()
        rows = [LedgerMonth(fund_id=fund_id, month=month, **values)
                for (fund_id, month), values in ledger_months_recomputed().items()]
        LedgerMonth.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


LEDGER_COUNTER_KEY = "donations:ledger"


def ledger_version() -> int:
    """A stamp of the ledger's committed state, kept in PostgreSQL: 0 until money first moves.

    Every transaction that moves money writes a fresh random stamp in the same transaction (ledger_changed()), so
    a stamp names exactly one committed state. Counting 1, 2, 3 … was not enough: a restored backup, a flushed
    test database or another database behind the same Redis reaches "version 3" again with other money, and
    Redis (append-only, it survives restarts) still held the summary of the first "version 3" (issue 10, item 10).
    """
    from redcross.models import Counter

    return Counter.objects.filter(key=LEDGER_COUNTER_KEY).values_list("value", flat=True).first() or 0


def _held_for(store: dict, seconds: float, read):
    """read(), or what this process's last read() gave for the same database less than `seconds` ago.

    Kept in `store` (database name → (value, time.monotonic() when read)). Inside a transaction it always reads
    and keeps nothing: an uncommitted value is never reused, and the tests see each change at once.
    """
    import time

    from django.db import connection

    if connection.in_atomic_block:
        return read()
    name = connection.settings_dict["NAME"]
    held = store.get(name)
    if held is not None and time.monotonic() - held[1] < seconds:
        return held[0]
    value = read()
    store[name] = (value, time.monotonic())
    return value


# ledger_version_recent()'s stamps and open_fund_recent()'s funds in this process (_held_for's stores).
_RECENT_STAMPS: dict[str, tuple[int, float]] = {}
LEDGER_STAMP_REUSE_SECONDS = 1.0
_RECENT_FUNDS: dict[str, tuple[dict, float]] = {}
OPEN_FUNDS_REUSE_SECONDS = 1.0


def ledger_version_recent() -> int:
    """ledger_version(), read again at most once a second by this process: the cached ledger pages' key.

    A cached ledger page is served from Redis; reading the stamp from PostgreSQL (a health check of the connection,
    then the query) was half of the page's time in the surge (py-spy of the gunicorn workers, bench/ANALYSIS.md).
    A movement of money in this process forgets the stamp at once and again when it commits (ledger_changed()), so
    it shows at once here; one committed by another process shows within a second. Inside a transaction the stamp
    is always read (_held_for).
    """
    return _held_for(_RECENT_STAMPS, LEDGER_STAMP_REUSE_SECONDS, ledger_version)


def forget_recent_stamps() -> None:
    _RECENT_STAMPS.clear()


def open_fund_recent(pk) -> Fund | None:
    """The open fund `pk` with its organisation, as this process read the open funds at most a second ago; None if
    no open fund has that key. A copy: the caller may change it.

    Every pledge names its fund, and the form read it with its organisation on each submit: a seventh of a pledge's
    time in process (0.77 of 5.4 ms), the disaster day's write. A fund saved in this process is forgotten at once
    and again when it commits (funds_changed), so closing a fund refuses pledges here at once and in the other
    processes within a second (as a fund closed while a pledge is being checked would be). Inside a transaction the
    funds are always read (_held_for).
    """
    import copy

    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return None
    fund = _held_for(_RECENT_FUNDS, OPEN_FUNDS_REUSE_SECONDS, _open_funds).get(pk)
    return copy.copy(fund) if fund is not None else None


def _open_funds() -> dict:
    return {fund.pk: fund for fund in Fund.objects.filter(status=FundStatus.OPEN).select_related("organization")
            .order_by()}


def forget_open_funds() -> None:
    _RECENT_FUNDS.clear()


def funds_changed(**_signal) -> None:
    """A fund saved or deleted: this process reads the open funds again, now and once the change commits."""
    from django.db import transaction

    forget_open_funds()
    transaction.on_commit(forget_open_funds)


def ledger_summary(fund=None) -> dict:
    """Totals and months of the public ledger, cached per ledger stamp (see ledger_version()).

    Computed from the running ledger (LedgerMonth: a few rows per fund, kept in the transaction of each money
    movement), never by summing the gifts; the public pages and API also keep it in Redis per ledger stamp.
    Without Redis the cache misses and the summary is read from the running rows. The stamp is read before the
    sums, so a summary kept under a stamp is never older than the state the stamp names; nothing is kept before
    money first moved.
    """
    from django.core.cache import cache
    from django.db import connection

    stamp = ledger_version()
    # The database name keeps two databases behind one Redis (demo, benchmark) apart even before the stamps differ.
    key = (f"donations:ledger-stamp:{connection.settings_dict['NAME']}:{stamp}:{fund.pk if fund else 'all'}:"
           f"{timezone.localdate()}")
    summary = cache.get(key) if stamp else None
    if summary is None:
        summary = {"totals": ledger_running_totals(fund), "months": ledger_by_month(fund)}
        if stamp:
            cache.set(key, summary, 3600)
    return summary


def ledger_changed():
    """Called inside a transaction that moves money: a fresh stamp commits (or rolls back) with the movement."""
    import secrets

    from django.db import transaction

    from redcross.models import Counter

    # This process's pages show the movement at once: a reader between now and the commit reads the old stamp
    # again, and is forgotten at the commit.
    forget_recent_stamps()
    transaction.on_commit(forget_recent_stamps)
    stamp = secrets.randbits(62) or 1
    if not Counter.objects.filter(key=LEDGER_COUNTER_KEY).update(value=stamp):
        Counter.objects.update_or_create(key=LEDGER_COUNTER_KEY, defaults={"value": stamp})


def recent_gifts(fund=None, limit=20):
    """The latest confirmed gifts as the public sees them (names only where the donor agreed)."""
    return (confirmed_donations(fund).select_related("fund").order_by("-received_on", "-id")
            .only("receipt_number", "public_name", "is_anonymous", "amount", "kind", "goods_description",
                  "received_on", "note", "reverses", "fund__name", "fund__code")[:limit])


def recent_spending(fund=None, limit=20):
    return (spending(fund).select_related("fund", "reverses").order_by("-approved_at", "-id")
            .only("purpose", "beneficiary_kind", "beneficiary_name", "amount", "status", "approved_at", "paid_at",
                  "reason", "reverses__id", "reverses__purpose", "fund__name", "fund__code")[:limit])


def public_funds():
    return Fund.objects.exclude(kind=FundKind.GENERAL, received=0).order_by("-starts_on", "code")


# What the donor's page and the public API show: fetched alone, so the lookup stays a couple of milliseconds.
LOOKUP_FIELDS = ("id", "receipt_number", "status", "kind", "channel", "amount", "goods_description", "received_on",
                 "receipt_declined", "allocated", "lookup_name_hash", "lookup_mobile_hash", "fund__code",
                 "fund__name", "organization__name", "reversal__id", "reversal__note")
TRACE_FIELDS = ("id", "purpose", "beneficiary_name", "status", "reverses_id", "approved_at", "reason")


def donation_lookup(*, receipt_number: str, mobile: str):
    """The donor's own gift, found by its receipt number plus the donor's mobile; None otherwise.

    Receipt numbers are public and sequential and names are guessable, so the mobile is the proof (issue 10).
    Two indexed reads at most: the receipt number is unique, and the mobile is compared as a keyed digest, so
    nothing personal is decrypted. The public page and API are rate-limited per address.
    """
    number = (receipt_number or "").strip()
    try:
        proof = normalize_mobile((mobile or "").strip())
    except Exception:  # noqa: BLE001 - not a mobile number: no proof
        return None
    if not number or len(number) > 20:
        return None
    donation = _confirmed_gift_by_receipt.first(number)
    if donation is None:
        return None
    digest = crypto.mobile_hash(proof)
    if donation.lookup_mobile_hash and compare_digest(donation.lookup_mobile_hash, digest):
        return donation
    return None


# The public lookups' reads, compiled once (redcross/prepared.py): asked for on every request of the disaster day.
# No ORDER BY where the number is unique: the unique index answers, where ordering by id could make the planner
# walk the primary key.
@prepared()
def _confirmed_gift_by_receipt(number):
    return Donation.objects.select_related("fund", "organization", "reversal").filter(
        receipt_number=number, status=DonationStatus.CONFIRMED).order_by().only(*LOOKUP_FIELDS)[:1]


@prepared()
def _pledge_by_code(code):
    return Donation.objects.select_related("fund", "organization").filter(reference_code=code).order_by()[:1]


@prepared()
def receipt_gift(number):
    """The confirmed gift of a receipt, with its fund, organisation and correction: the receipt page's read."""
    return Donation.objects.select_related("fund", "organization", "reversal").filter(
        receipt_number=number, status=DonationStatus.CONFIRMED).order_by()[:1]


def donation_trace(donation) -> list:
    """Each disbursement this gift funded, with the share from this gift; corrections included."""
    return _trace(donation.pk)


@prepared(int)
def _trace(donation_id):
    # Compiled once: the donor's lookup and the receipt page show it on every request.
    return (Allocation.objects.filter(donation_id=donation_id).select_related("disbursement").order_by("id")
            .only("id", "amount", "donation_id", *(f"disbursement__{f}" for f in TRACE_FIELDS)))


def finance_dashboard(user) -> dict:
    funds = list(scope_queryset(Fund.objects.select_related("organization"), user).order_by("kind", "code"))
    donations = scope_queryset(Donation.objects.all(), user)
    pending = donations.filter(status=DonationStatus.PLEDGED).aggregate(
        n=Count("id"), total=Coalesce(Sum("amount"), ZERO)
    )
    paid = dict(scope_queryset(Disbursement.objects.filter(status=DisbursementStatus.PAID), user)
                .values_list("fund").annotate(total=Sum("amount")).order_by())
    for fund in funds:
        fund.paid = paid.get(fund.pk, ZERO)
        fund.cost_ratio = round(float(fund.management_spent * 100 / fund.received), 2) if fund.received else 0.0
    received = sum((f.received for f in funds), ZERO)
    designated = sum((f.received for f in funds if f.kind != FundKind.GENERAL), ZERO)
    spent = sum((f.spent for f in funds), ZERO)
    cost = sum((f.management_spent for f in funds), ZERO)
    return {
        "funds": funds,
        "received": received,
        "designated": designated,
        "disbursed": spent,
        "paid": sum(paid.values(), ZERO),
        "balance": received - spent,
        "cost_ratio": round(float(cost * 100 / received), 2) if received else 0.0,
        "pending_count": pending["n"],
        "pending_total": pending["total"],
        "requests": scope_queryset(Disbursement.objects.filter(status=DisbursementStatus.REQUESTED), user).count(),
    }


def reconciliation(user, days=31, today=None) -> list:
    """Per day: gifts confirmed against the statement by channel, to tick off against the bank's day totals."""
    today = today or timezone.localdate()
    since = today.toordinal() - days
    rows = (scope_queryset(Donation.objects.filter(status=DonationStatus.CONFIRMED,
                                                   received_on__gte=date.fromordinal(since)), user)
            .values("received_on", "channel").annotate(n=Count("id"), total=Sum("amount"))
            .order_by("-received_on", "channel"))
    labels = dict(Channel.choices)
    return [{**row, "channel": labels.get(row["channel"], row["channel"])} for row in rows]


def disclosure_figures(*, fund=None, start: date, end: date) -> dict:
    """The frozen content of a disclosure: totals, by-fund breakdown, named gifts, spending and corrections."""
    totals = ledger_totals(fund, start, end)
    funds = [fund] if fund is not None else list(Fund.objects.order_by("code"))
    by_fund = []
    for each in funds:
        part = ledger_totals(each, start, end) if fund is None else totals
        if fund is None and not (part["income"] or part["spending"]):
            continue
        by_fund.append({"code": each.code, "name": each.name, "income": str(part["income"]),
                        "spending": str(part["spending"])})
    out = _period(spending(fund), "approved_at__date", start, end).select_related("fund").order_by("approved_at")
    gifts = (_period(confirmed_donations(fund), "received_on", start, end).exclude(public_name="")
             .order_by("-amount")[:200])
    return {
        "income": str(totals["income"]), "gifts": totals["gifts"], "spending": str(totals["spending"]),
        "balance": str(totals["balance"]), "corrections": totals["corrections"], "by_fund": by_fund,
        "named_gifts": [{"name": g.public_name, "amount": str(g.amount), "date": g.received_on.isoformat()}
                        for g in gifts],
        "spending_items": [{"date": timezone.localtime(d.approved_at).date().isoformat(), "purpose": d.purpose,
                            "beneficiary": d.beneficiary_name, "amount": str(d.amount),
                            "correction": d.reverses_id is not None, "reason": d.reason} for d in out[:500]],
    }


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = index // 12, index % 12 + 1
    import calendar

    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def disclosures_due(today: date | None = None) -> list:
    """[(kind, fund, start, end, due)] of every disclosure whose period has ended (Charity Law Art 72, 79).

    Emergencies: every 5 days from the start. Projects longer than 6 months:
    every 3 months. Ended projects: a closing report (due within 3 months).
    The annual report of the year before (due 31 May).
    """
    from datetime import timedelta

    from django.conf import settings

    from donations.choices import DisclosureKind

    today = today or timezone.localdate()
    rules = settings.REDCROSS
    step = timedelta(days=rules["DISCLOSURE_EMERGENCY_DAYS"])
    due = []
    for fund in Fund.objects.exclude(kind=FundKind.GENERAL).select_related("organization"):
        last_day = min(today - timedelta(days=1), fund.ends_on or today)
        if fund.kind == FundKind.EMERGENCY:
            start = fund.starts_on
            while start + step - timedelta(days=1) <= last_day:
                end = start + step - timedelta(days=1)
                due.append((DisclosureKind.EMERGENCY, fund, start, end, end + timedelta(days=1)))
                start = end + timedelta(days=1)
        long_project = fund.ends_on is None or fund.ends_on > _add_months(fund.starts_on,
                                                                          rules["DISCLOSURE_LONG_PROJECT_MONTHS"])
        if fund.kind != FundKind.EMERGENCY and long_project:
            start = fund.starts_on
            while _add_months(start, 3) - timedelta(days=1) <= last_day:
                end = _add_months(start, 3) - timedelta(days=1)
                due.append((DisclosureKind.QUARTERLY, fund, start, end, end + timedelta(days=30)))
                start = end + timedelta(days=1)
        if fund.ends_on is not None and fund.ends_on < today:
            due.append((DisclosureKind.CLOSING, fund, fund.starts_on, fund.ends_on, _add_months(fund.ends_on, 3)))
    last_year = today.year - 1
    due.append((DisclosureKind.ANNUAL, None, date(last_year, 1, 1), date(last_year, 12, 31), date(today.year, 5, 31)))
    return due


# --- for follow-up visits (followups/ reads donations only through these) ----------------------------------------

def donors_visitable(*, caring_enterprise: bool, created_before=None):
    """Caring enterprises (organisations flagged 爱心企业) or caring individuals, registered before a moment."""
    queryset = (Donor.objects.filter(kind=DonorKind.ORGANIZATION, is_caring_enterprise=True) if caring_enterprise
                else Donor.objects.filter(kind=DonorKind.INDIVIDUAL))
    return queryset if created_before is None else queryset.filter(created_at__lt=created_before)


def aid_cases_visitable(*, since=None, until=None):
    """Aid cases whose recipients may be visited, opened from `since` to `until` when given."""
    queryset = AidCase.objects.all()
    if since is not None:
        queryset = queryset.filter(opened_on__gte=since)
    if until is not None:
        queryset = queryset.filter(opened_on__lte=until)
    return queryset


def donor_by_credit_code(code: str):
    return Donor.objects.filter(credit_code=code).first()
# --- for other apps (relief stock, incident funds) -------------------------------------------

EMERGENCY_FUND_KIND = FundKind.EMERGENCY


def gift_by_receipt(receipt_number: str, *, user):
    """The gift with this receipt number within `user`'s area, or None."""
    return scope_queryset(Donation.objects.all(), user).filter(receipt_number=(receipt_number or "").strip()).first()


def is_confirmed_goods(donation) -> bool:
    """Whether a gift can be received into relief stock: confirmed goods."""
    return donation.kind == DonationKind.GOODS and donation.status == DonationStatus.CONFIRMED


def fund_by_code(code: str):
    return Fund.objects.filter(code=code).first()
def activity_region_codes(*, since, until):
    """Regions where an aid case was opened in [since, until]: a town's work (organizations.hooks)."""
    from donations.models import AidCase

    return (AidCase.objects.filter(opened_on__gte=since, opened_on__lte=until)
            .values_list("region_id", flat=True).distinct())


def aid_cases_of_person(*, person, user):
    """The aid cases of one person within the user's area (community care links economic help to them)."""
    from donations.models import AidCase

    return scope_queryset(AidCase.objects.filter(person=person), user)
def pledge_lookup(*, reference_code: str, mobile: str):
    """A pledge by its reference code, when the mobile given is the donor's; None otherwise (no hint which failed)."""
    from donations.statements import normalise_code

    code = normalise_code(reference_code)
    if len(code) != 8:
        return None
    donation = _pledge_by_code.first(code)
    if donation is None or not donation.lookup_mobile_hash:
        return None
    try:
        digest = crypto.mobile_hash(normalize_mobile(mobile))
    except Exception:  # noqa: BLE001 - not a mobile number
        return None
    return donation if hmac.compare_digest(digest, donation.lookup_mobile_hash) else None


def todos(user):
    """The workbench's to-do lines of donations/: disbursements to approve, pledges and statement lines to match."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from donations.models import StatementLine
    from redcross.todo import Todo

    items = []
    if user.has_perm("donations.approve_disbursement"):
        count = scope_queryset(Disbursement.objects.filter(status=DisbursementStatus.REQUESTED), user) \
            .exclude(requested_by=user).count()
        items.append(Todo(_("Disbursements to approve"), count, reverse("donations:approvals")))
    if user.has_perm("donations.change_donation"):
        pledges = scope_queryset(Donation.objects.filter(status=DonationStatus.PLEDGED), user).count()
        lines = scope_queryset(StatementLine.objects.filter(status="unmatched"), user).count()
        url = reverse("donations:reconciliation")
        items.append(Todo(_("Pledges to reconcile"), pledges, url))
        items.append(Todo(_("Statement lines to match by hand"), lines, url))
    return items


def receipt_verified(number: str):
    """The public verification of a donation receipt: genuine, amount, project, date; never the donor."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from redcross.verification import Verified

    donation = receipt_gift.first(number)
    if donation is None:
        return None
    corrected = Donation.objects.filter(reverses=donation).exists()
    return Verified(
        title=_("Donation receipt"), state="cancelled" if corrected else "valid",
        state_label=_("Cancelled by a published correction") if corrected else _("Genuine"),
        fields=[(_("Receipt number"), donation.receipt_number), (_("Amount"), f"¥{donation.amount:,.2f}"),
                (_("Project"), donation.fund.name), (_("Received by"), donation.organization.name),
                (_("Received on"), donation.received_on.isoformat())],
        link=reverse("donations-public:receipt_verify", args=[donation.receipt_number]))
