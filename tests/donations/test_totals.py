"""Running figures (fund balances, the ledger by month, each gift's spent share) and the nightly check of them."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from donations import services
from donations.models import Donation, Fund, LedgerMonth
from donations.selectors import (
    ledger_by_month,
    ledger_months_rebuild,
    ledger_months_recomputed,
    ledger_running_totals,
    ledger_summary,
    ledger_totals,
)
from redcross.models import TotalsCheck
from redcross.testing import run_at_once
from redcross.totals import totals_check
from tests.donations.samples import disbursement, fund, gift, second_finance

pytestmark = pytest.mark.django_db


def _ours(check):
    """The drift the donations check found (the other apps' checks run too, on their own sample data)."""
    return [d for d in check.drift if d["check"] == "donations"]


def _running_equals_recomputed(source=None):
    kept, again = ledger_running_totals(source), ledger_totals(source)
    assert kept == again, (kept, again)
    kept_months = {(r.fund_id, r.month): {f: getattr(r, f) for f in
                                          ("income", "spending", "gifts", "disbursements", "corrections")}
                   for r in LedgerMonth.objects.all()}
    assert kept_months == ledger_months_recomputed()


def _confirm_on(personas, source, amount, day):
    pledge = gift(personas, source, amount, confirm=False)
    return services.donation_confirm(donation=pledge, actor=personas["finance"], received_on=day)


def test_every_money_movement_moves_the_running_ledger_of_its_month(personas):
    source = fund(personas)
    today = timezone.localdate()
    last_month = today.replace(day=1) - timedelta(days=1)
    _confirm_on(personas, source, "300.00", last_month)
    wrong = _confirm_on(personas, source, "45.50", today)
    gift(personas, source, "100.00")
    services.donation_reverse(donation=wrong, actor=personas["finance"], reason="重复录入")
    paid = disbursement(personas, source, "120.00", approve=True)
    services.disbursement_reverse(disbursement=paid, actor=second_finance(personas), reason="金额录入错误")
    disbursement(personas, source, "80.00", approve=True)

    _running_equals_recomputed(source)
    _running_equals_recomputed()
    totals = ledger_running_totals(source)
    assert totals["income"] == Decimal("400.00") and totals["spending"] == Decimal("80.00")
    assert (totals["gifts"], totals["disbursements"], totals["corrections"]) == (3, 3, 2)
    source.refresh_from_db()
    assert totals["balance"] == source.balance == Decimal("320.00")
    months = {m["month"]: m for m in ledger_by_month(source)}
    assert months[last_month.strftime("%Y-%m")]["income"] == Decimal("300.00")
    assert months[today.strftime("%Y-%m")]["income"] == Decimal("100.00")
    assert months[today.strftime("%Y-%m")]["spending"] == Decimal("80.00")
    assert _ours(totals_check()) == []


def test_the_public_ledger_never_sums_the_gifts(personas):
    source = fund(personas)
    for amount in ("10.00", "20.00", "30.00"):
        gift(personas, source, amount)
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        summary = ledger_summary(source)
        whole = ledger_summary()
        months = ledger_by_month(source)
    assert summary["totals"]["income"] == Decimal("60.00") and whole["totals"]["gifts"] == 3
    assert months[-1]["income"] == Decimal("60.00") and len(queries) >= 6  # computed, not a cache hit
    touched = " ".join(q["sql"] for q in queries.captured_queries)
    assert "donations_donation" not in touched and "donations_disbursement" not in touched, touched


def test_the_nightly_check_reports_a_corrupted_running_figure(personas):
    source = fund(personas)
    kept = gift(personas, source, "200.00")
    disbursement(personas, source, "50.00", approve=True)
    assert _ours(totals_check()) == []

    Fund.objects.filter(pk=source.pk).update(received=Decimal("999.00"))
    LedgerMonth.objects.filter(fund=source).update(gifts=7)
    Donation.objects.filter(pk=kept.pk).update(allocated=Decimal("1.00"))
    check = totals_check()

    assert len(_ours(check)) == 3 and check.drift_count >= 3 and not check.clean
    found = {(d["figure"], d["kept"], d["recomputed"]) for d in _ours(check)}
    assert ("donations.fund.received", "999.00", "200.00") in found
    assert ("donations.ledger.gifts", "7", "1") in found
    assert ("donations.donation.allocated", "1.00", "50.00") in found
    assert {d["key"] for d in check.drift if d["figure"] == "donations.fund.received"} == {source.code}
    assert TotalsCheck.objects.latest("started_at").pk == check.pk

    ledger_months_rebuild()
    Fund.objects.filter(pk=source.pk).update(received=Decimal("200.00"))
    Donation.objects.filter(pk=kept.pk).update(allocated=Decimal("50.00"))
    assert _ours(totals_check()) == []


def test_the_nightly_check_is_scheduled_and_runs_as_a_task(personas, settings):
    from redcross.tasks import totals_check as task

    entry = [e for e in settings.CELERY_BEAT_SCHEDULE.values() if e["task"] == "redcross.tasks.totals_check"]
    assert len(entry) == 1
    source = fund(personas)
    gift(personas, source, "10.00")
    LedgerMonth.objects.filter(fund=source).update(income=Decimal("11.00"))
    assert task() >= 1
    assert [d["figure"] for d in _ours(TotalsCheck.objects.get())] == ["donations.ledger.income"]


@pytest.mark.django_db(transaction=True)
def test_fifty_writers_at_once_keep_every_running_figure_exact(personas):
    """Confirmations, approvals and reversals from fifty connections: the running figures equal a recomputation."""
    source = fund(personas)
    for _ in range(10):
        gift(personas, source, "100.00")
    pledges = [gift(personas, source, f"{10 + n}.25", confirm=False) for n in range(30)]
    requests = [disbursement(personas, source, "35.00") for _ in range(15)]
    reversible = [gift(personas, source, "7.00") for _ in range(5)]
    approver = second_finance(personas)
    items = [("confirm", p) for p in pledges] + [("approve", r) for r in requests] + \
            [("reverse", g) for g in reversible]
    import threading

    lock = threading.Lock()

    def work():
        with lock:
            kind, item = items.pop()
        if kind == "confirm":
            return services.donation_confirm(donation=item, actor=personas["finance"])
        if kind == "approve":
            return services.disbursement_approve(disbursement=item, actor=approver)
        return services.donation_reverse(donation=item, actor=personas["finance"], reason="录入错误")

    outcomes = run_at_once(50, work)
    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    source.refresh_from_db()
    assert source.received == Decimal("1000.00") + sum(Decimal(f"{10 + n}.25") for n in range(30))
    assert source.spent == Decimal("525.00")
    _running_equals_recomputed(source)
    assert _ours(totals_check()) == []


def test_the_recomputed_ledger_adds_up_the_days_of_a_month(personas):
    """ledger_months_recomputed(): gifts on three days of last month make one month's figures; a correction of one
    of them, made today, counts in this month, as the running ledger has it."""
    source = fund(personas)
    today = timezone.localdate()
    earlier = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    gifts = [_confirm_on(personas, source, amount, earlier + timedelta(days=days))
             for days, amount in ((0, "10.00"), (9, "20.25"), (19, "7.00"))]
    _confirm_on(personas, source, "1.00", today)
    services.donation_reverse(donation=gifts[1], actor=personas["finance"], reason="重复录入")
    again = {month: figures for (fund_id, month), figures in ledger_months_recomputed().items()
             if fund_id == source.pk}
    assert set(again) == {earlier, today.replace(day=1)}
    assert (again[earlier]["income"], again[earlier]["gifts"], again[earlier]["corrections"]) == (
        Decimal("37.25"), 3, 0)
    now = again[today.replace(day=1)]
    assert (now["income"], now["gifts"], now["corrections"]) == (Decimal("-19.25"), 1, 1)
    _running_equals_recomputed(source)
