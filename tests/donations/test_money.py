"""The promises about money, tried against real PostgreSQL, several at once where it matters."""

import threading
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError, transaction
from django.utils import timezone

from donations import services, tasks
from donations.choices import FundKind
from donations.models import Allocation, Disbursement, Disclosure, Donation, Donor, Fund
from donations.selectors import donation_lookup, donation_trace, ledger_summary, ledger_totals
from redcross.testing import run_at_once
from tests.donations.samples import aid_case, disbursement, donor, fund, gift, pledge_key, second_finance

pytestmark = pytest.mark.django_db


_run_at_once = run_at_once


def _queue_worker(items, work):
    queue, lock = list(items), threading.Lock()

    def next_item():
        with lock:
            item = queue.pop()
        return work(item)
    return next_item


# --- rules, one request at a time ----------------------------------------------------------

def test_an_organisation_donor_needs_a_valid_credit_code_whatever_its_first_two_characters(personas):
    for code in ("N2510104MA6CXXXX", "91510100MA61X2345"):
        with pytest.raises(ValidationError) as refused:
            services.donor_create(actor=personas["jinjiang"], kind="organization", name="某企业", credit_code=code)
        assert "credit_code" in refused.value.message_dict
    from people.identifiers import credit_check_character

    for first17 in ("N2510104MA6CBRG1X", "Y1510104MA6CBRG1X", "A1510104MA6CBRG1X", "91510100MA61X2345"):
        code = first17 + credit_check_character(first17)
        donor = services.donor_create(actor=personas["jinjiang"], kind="organization", name=f"企业{code}",
                                      credit_code=code, is_caring_enterprise=True)
        assert donor.credit_code == code and donor.is_caring_enterprise


def test_bad_amounts_name_the_field_and_write_nothing(personas):
    source = fund(personas)
    for amount in ("", "abc", "-5", "0", "1.234", "NaN", "1e20"):
        with pytest.raises(ValidationError) as refused:
            services.donation_record(actor=personas["jinjiang"], fund=source, amount=amount, channel="cash",
                                     donor=donor(personas, mobile="13900000002"))
        assert "amount" in refused.value.message_dict, amount
    assert not Donation.objects.exists()


def test_management_cost_rate_is_capped_by_the_setting(personas, settings):
    with pytest.raises(ValidationError) as refused:
        fund(personas, management_cost_rate="0.08")
    assert "management_cost_rate" in refused.value.message_dict
    settings.REDCROSS = {**settings.REDCROSS, "MANAGEMENT_COST_CAP": "0.10"}
    assert fund(personas, management_cost_rate="0.08").management_cost_rate == Decimal("0.08")


def test_management_cost_stays_within_the_projects_rate(personas):
    source = fund(personas, management_cost_rate="0.05")
    gift(personas, source, "1000.00")
    cost = services.disbursement_request(actor=personas["finance"], fund=source, beneficiary_kind="management_cost",
                                         amount="60.00", purpose="项目管理费")
    with pytest.raises(ValidationError):
        services.disbursement_approve(disbursement=cost, actor=second_finance(personas))
    cost = services.disbursement_request(actor=personas["finance"], fund=source, beneficiary_kind="management_cost",
                                         amount="50.00", purpose="项目管理费")
    services.disbursement_approve(disbursement=cost, actor=second_finance(personas))
    source.refresh_from_db()
    assert source.management_spent == Decimal("50.00")


def test_the_requester_cannot_approve_their_own_disbursement(personas):
    source = fund(personas)
    gift(personas, source, "100.00")
    request = disbursement(personas, source, "10.00")
    with pytest.raises(ValidationError) as refused:
        services.disbursement_approve(disbursement=request, actor=personas["finance"])
    assert "approved_by" in refused.value.message_dict


def test_designated_money_is_spent_only_on_its_designation(personas):
    flood, school = fund(personas, kind=FundKind.EMERGENCY), fund(personas)
    gift(personas, flood, "100.00")
    gift(personas, school, "500.00")
    request = disbursement(personas, flood, "150.00")
    with pytest.raises(ValidationError) as refused:
        services.disbursement_approve(disbursement=request, actor=second_finance(personas))
    assert "amount" in refused.value.message_dict
    assert not Allocation.objects.exists()


def test_spending_goes_to_the_oldest_gifts_first_unless_chosen(personas):
    source = fund(personas)
    first, second, third = (gift(personas, source, "100.00") for _ in range(3))
    approved = disbursement(personas, source, "150.00", approve=True)
    assert [(a.donation_id, a.amount) for a in approved.allocations.order_by("id")] == [
        (first.pk, Decimal("100.00")), (second.pk, Decimal("50.00"))]
    chosen = services.disbursement_request(actor=personas["finance"], fund=source, beneficiary_kind="emergency",
                                           beneficiary_name="救援", amount="80.00", purpose="指定使用",
                                           allocate_from=[third.pk])
    chosen = services.disbursement_approve(disbursement=chosen, actor=second_finance(personas))
    assert [(a.donation_id, a.amount) for a in chosen.allocations.all()] == [(third.pk, Decimal("80.00"))]


def test_spending_over_many_small_gifts_pages_through_them_oldest_first(personas, monkeypatch):
    monkeypatch.setattr(services, "ALLOCATION_PAGE", 4)  # 30 gifts on one day: eight pages, ties broken by id
    source = fund(personas)
    giver = donor(personas)
    gifts = [gift(personas, source, "10.00", giver=giver) for _ in range(30)]
    approved = disbursement(personas, source, "255.00", approve=True)
    assert [(a.donation_id, a.amount) for a in approved.allocations.order_by("id")] == [
        *[(g.pk, Decimal("10.00")) for g in gifts[:25]], (gifts[25].pk, Decimal("5.00"))]
    spent = dict(Donation.objects.filter(fund=source).values_list("id", "allocated"))
    assert [spent[g.pk] for g in gifts] == [Decimal("10.00")] * 25 + [Decimal("5.00")] + [Decimal("0.00")] * 4
    reversal = services.disbursement_reverse(disbursement=approved, actor=second_finance(personas), reason="录错")
    assert reversal.allocations.count() == 26
    assert set(Donation.objects.filter(fund=source).values_list("allocated", flat=True)) == {Decimal("0.00")}


def test_a_disbursement_costs_the_same_statements_over_thirty_gifts_as_over_three(personas):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    approver = second_finance(personas)
    counts = []
    for n in (3, 30, 3):  # the first approval also makes the month's ledger row
        source = fund(personas)
        giver = donor(personas, mobile=f"1390000{len(counts):02d}{n:02d}")
        for _ in range(n):
            gift(personas, source, "10.00", giver=giver)
        request = disbursement(personas, source, f"{n * 10 - 5}.00")
        with CaptureQueriesContext(connection) as spent:
            services.disbursement_approve(disbursement=request, actor=approver)
        counts.append(len(spent))
    assert counts[1] == counts[2], counts


def test_posted_records_are_never_edited_or_deleted(personas):
    source = fund(personas)
    donation = gift(personas, source, "100.00")
    paid = disbursement(personas, source, "40.00", approve=True)
    paid = services.disbursement_pay(disbursement=paid, actor=personas["finance"], payment_reference="BK-1")
    for attempt in (
        lambda: Donation.objects.filter(pk=donation.pk).update(amount=Decimal("1.00")),
        lambda: Donation.objects.filter(pk=donation.pk).delete(),
        lambda: Disbursement.objects.filter(pk=paid.pk).update(amount=Decimal("1.00")),
        lambda: Allocation.objects.filter(disbursement=paid).delete(),
    ):
        with pytest.raises(DatabaseError), transaction.atomic():
            attempt()
    donation.refresh_from_db()
    assert donation.amount == Decimal("100.00")


def test_the_donor_looks_up_the_gift_by_receipt_and_mobile_and_sees_where_it_went(personas):
    source = fund(personas)
    giver = donor(personas, name="李 善心", mobile="13912345678")
    donation = gift(personas, source, "300.00", giver=giver)
    paid = services.disbursement_pay(disbursement=disbursement(personas, source, "120.00", approve=True),
                                     actor=personas["finance"], payment_reference="BK-2")
    for proof in ("13912345678", "+86 139-1234-5678"):
        assert donation_lookup(receipt_number=donation.receipt_number, mobile=proof) == donation
    # The name alone is no proof any more (issue 10, item 4): receipt numbers are public and sequential.
    for proof in ("李善心", "李善", "13912345679", ""):
        assert donation_lookup(receipt_number=donation.receipt_number, mobile=proof) is None
    assert [(a.disbursement_id, a.amount) for a in donation_trace(donation)] == [(paid.pk, Decimal("120.00"))]


def test_aid_case_situation_is_encrypted_and_reading_it_is_logged(personas):
    case = aid_case(personas)
    assert "白血病" not in case.situation_encrypted
    text = services.aid_case_situation(case=case, actor=personas["city_admin"], reason="审核救助")
    assert text == "白血病，家庭困难"
    assert case.person.accesses.get().fields == "aid_case.situation"


def test_disclosures_are_published_once_per_period_on_schedule(personas):
    flood = fund(personas, kind=FundKind.EMERGENCY, starts_on=timezone.localdate() - timedelta(days=12))
    gift(personas, flood, "500.00")
    long_project = fund(personas, starts_on=date(2024, 1, 1), ends_on=date(2025, 3, 31))
    for _ in range(2):  # a retried run adds nothing
        tasks.publish_due_disclosures()
    emergency = Disclosure.objects.filter(fund=flood, kind="emergency").order_by("period_start")
    assert emergency.count() == 2
    assert all((d.period_end - d.period_start).days == 4 for d in emergency)
    assert Disclosure.objects.filter(fund=long_project, kind="quarterly").count() == 5
    assert Disclosure.objects.filter(fund=long_project, kind="closing").count() == 1
    assert Disclosure.objects.filter(kind="annual").count() == 1
    assert Disclosure.objects.filter(kind="emergency", fund=flood).count() == emergency.count()


# --- under concurrency (real threads, real connections) --------------------------------------

@pytest.mark.django_db(transaction=True)
def test_many_confirmations_at_once_never_skip_or_repeat_a_receipt_number(personas):
    source = fund(personas)
    pledges = [gift(personas, source, f"{10 + n}.00", confirm=False) for n in range(10)]
    outcomes = _run_at_once(10, _queue_worker(pledges, lambda p: services.donation_confirm(
        donation=p, actor=personas["finance"])))
    assert all(isinstance(o, Donation) for o in outcomes), outcomes
    year = timezone.localdate().year
    numbers = sorted(Donation.objects.values_list("receipt_number", flat=True))
    assert numbers == [f"{year}-{n:06d}" for n in range(1, 11)]
    source.refresh_from_db()
    assert source.received == sum((Decimal(f"{10 + n}.00") for n in range(10)), Decimal("0"))


@pytest.mark.django_db(transaction=True)
def test_the_same_confirmation_sent_at_once_issues_one_number(personas):
    donation = gift(personas, fund(personas), "88.00", confirm=False)
    outcomes = _run_at_once(6, lambda: services.donation_confirm(donation=donation, actor=personas["finance"]))
    assert {o.receipt_number for o in outcomes} == {f"{timezone.localdate().year}-000001"}
    assert Fund.objects.get(pk=donation.fund_id).received == Decimal("88.00")


@pytest.mark.django_db(transaction=True)
def test_many_approvals_at_once_never_overdraw_a_fund(personas):
    source = fund(personas)
    for _ in range(3):
        gift(personas, source, "100.00")
    requests = [disbursement(personas, source, "70.00") for _ in range(8)]
    approver = second_finance(personas)
    outcomes = _run_at_once(8, _queue_worker(requests, lambda r: services.disbursement_approve(
        disbursement=r, actor=approver)))
    approved = [o for o in outcomes if isinstance(o, Disbursement)]
    assert len(approved) == 4 and all(isinstance(o, ValidationError) for o in outcomes if o not in approved)
    source.refresh_from_db()
    assert source.spent == Decimal("280.00") and source.balance == Decimal("20.00")
    assert sum(a.amount for a in Allocation.objects.all()) == Decimal("280.00")
    assert all(d.allocated <= d.amount for d in Donation.objects.all())


@pytest.mark.django_db(transaction=True)
def test_a_retried_pledge_never_doubles(personas):
    source = fund(personas)
    key = pledge_key()
    outcomes = _run_at_once(8, lambda: services.donation_pledge(
        key=key, fund=source, amount="200", name="王小明", mobile="13800001111", publish_name=True))
    assert all(isinstance(o, Donation) for o in outcomes), outcomes
    assert len({o.pk for o in outcomes}) == 1
    assert Donation.objects.count() == 1
    # Each send found no donor and inserted one in the statement of its gift: the refused gifts took theirs along.
    assert Donor.objects.filter(name="王小明").count() == 1 and outcomes[0].donor.name == "王小明"


def _codes(*first, then=None):
    """A stand-in for the reference-code draw: `first` in turn, then real draws (or `then`, each thread's own)."""
    from donations.statements import new_reference_code

    queue, lock = list(first), threading.Lock()

    def draw():
        with lock:
            if queue:
                return queue.pop(0)
        return then() if then else new_reference_code()
    return draw


def test_a_pledge_whose_drawn_code_another_gift_holds_draws_again(personas, monkeypatch):
    """The pledge draws its code without looking (one round trip less on the disaster day): the unique index
    refuses a code another gift holds, and the pledge is made again with a new one, its donor once."""
    source = fund(personas)
    earlier = services.donation_pledge(key=pledge_key(), fund=source, amount="10", name="李早", mobile="13800002222")
    monkeypatch.setattr(services, "new_reference_code", _codes(earlier.reference_code, earlier.reference_code))
    pledge = services.donation_pledge(key=pledge_key(), fund=source, amount="35", name="王新", mobile="13800003333")
    assert pledge.reference_code and pledge.reference_code != earlier.reference_code
    stored = Donation.objects.get(pk=pledge.pk)
    assert (stored.reference_code, stored.amount, stored.donor.name) == (pledge.reference_code, Decimal("35.00"),
                                                                         "王新")
    assert Donation.objects.get(pk=earlier.pk).reference_code == earlier.reference_code
    assert Donor.objects.filter(name="王新").count() == 1  # the refused attempts' donor rolled back with them
    # Every draw refused: the pledge fails whole, nothing half-written.
    monkeypatch.setattr(services, "new_reference_code", lambda: earlier.reference_code)
    with pytest.raises(IntegrityError):
        services.donation_pledge(key=pledge_key(), fund=source, amount="5", name="赵满", mobile="13800004444")
    assert Donation.objects.count() == 2 and not Donor.objects.filter(name="赵满").exists()


def test_a_resent_pledge_is_answered_with_the_stored_one_even_when_the_form_would_now_be_refused(personas):
    source = fund(personas)
    key = pledge_key()
    first = services.donation_pledge(key=key, fund=source, amount="88", name="周到", mobile="13800005555")
    again = services.donation_pledge(key=key, fund=source, amount="88", name="周到", mobile="13800005555")
    assert again.pk == first.pk and again.reference_code == first.reference_code
    Fund.objects.filter(pk=source.pk).update(status="closed")
    source.refresh_from_db()
    late = services.donation_pledge(key=key, fund=source, amount="88", name="周到", mobile="13800005555")
    assert late.pk == first.pk
    with pytest.raises(ValidationError) as refused:  # a new pledge to the closed fund is refused, by field
        services.donation_pledge(key=pledge_key(), fund=source, amount="88", name="周到", mobile="13800005555")
    assert "fund" in refused.value.message_dict
    assert Donation.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_pledges_drawing_the_same_code_all_land_each_with_its_own(personas, monkeypatch):
    source = fund(personas)
    monkeypatch.setattr(services, "new_reference_code", _codes(*["ABCDEFGH"] * 8))
    keys = [pledge_key() for _ in range(8)]
    outcomes = _run_at_once(8, _queue_worker(keys, lambda key: services.donation_pledge(
        key=key, fund=source, amount="20", name="众人", mobile="13800006666")))
    assert all(isinstance(o, Donation) for o in outcomes), outcomes
    stored = list(Donation.objects.values_list("pledge_key", "reference_code"))
    assert sorted(k for k, _code in stored) == sorted(keys)
    assert len({code for _key, code in stored}) == 8 and ("ABCDEFGH" in {code for _key, code in stored})


@pytest.mark.django_db(transaction=True)
def test_a_reversal_restores_balances_exactly_even_among_concurrent_approvals(personas):
    source = fund(personas)
    gifts = [gift(personas, source, amount) for amount in ("33.33", "66.67", "100.00")]
    wrong = disbursement(personas, source, "123.45", approve=True)
    wrong = services.disbursement_pay(disbursement=wrong, actor=personas["finance"], payment_reference="BK-9")
    before = {g.pk: Donation.objects.get(pk=g.pk).allocated for g in gifts}
    assert sum(before.values()) == Decimal("123.45")
    others = [disbursement(personas, source, "15.00") for _ in range(4)]
    approver = second_finance(personas)

    def work(item):
        if item == "reverse":
            return services.disbursement_reverse(disbursement=wrong, actor=approver, reason="金额录入错误")
        return services.disbursement_approve(disbursement=item, actor=approver)

    outcomes = _run_at_once(5, _queue_worker(["reverse", *others], work))
    assert all(isinstance(o, Disbursement) for o in outcomes), outcomes
    source.refresh_from_db()
    assert source.spent == Decimal("60.00") and source.balance == Decimal("140.00")
    reversal = Disbursement.objects.get(reverses=wrong)
    assert reversal.amount == Decimal("-123.45")
    net = {g.pk: sum((a.amount for a in Allocation.objects.filter(donation=g, disbursement__in=[wrong, reversal])),
                     Decimal("0")) for g in gifts}
    assert set(net.values()) == {Decimal("0")}
    assert sum(Donation.objects.get(pk=g.pk).allocated for g in gifts) == Decimal("60.00")
    assert ledger_totals(source)["balance"] == source.balance
    with pytest.raises(ValidationError):
        services.disbursement_reverse(disbursement=wrong, actor=approver, reason="再次")


def test_the_cached_ledger_names_a_committed_state_never_a_count_of_movements(personas):
    """Redis keeps its data across restarts; a restored backup or a flushed test database reaches the same number
    of movements again with other money. The summary kept for the other state must never be served (issue 10)."""
    source = fund(personas)
    gift(personas, source, "100.00")
    assert ledger_summary(source)["totals"]["income"] == Decimal("100.00")
    with transaction.atomic():  # another timeline: its money moves, its summary is kept in Redis, then it is undone
        undone = transaction.savepoint()
        gift(personas, source, "50.00")
        assert ledger_summary(source)["totals"]["income"] == Decimal("150.00")
        transaction.savepoint_rollback(undone)
    gift(personas, source, "7.00")  # the second movement of this timeline
    summary = ledger_summary(source)["totals"]
    assert summary["income"] == Decimal("107.00") and summary["gifts"] == 2
    assert ledger_summary(source)["totals"] == summary  # read again: from the cache, the same


def test_a_gift_recorded_by_mistake_is_cancelled_by_a_correction_never_an_edit(personas):
    source = fund(personas)
    wrong = gift(personas, source, "900.00")
    kept = gift(personas, source, "100.00")
    reversal = services.donation_reverse(donation=wrong, actor=personas["finance"], reason="重复录入")
    source.refresh_from_db()
    assert reversal.amount == Decimal("-900.00") and reversal.reverses == wrong and reversal.receipt_number is None
    assert source.received == Decimal("100.00") == ledger_totals(source)["balance"]
    assert ledger_totals(source)["gifts"] == 2 and ledger_totals(source)["corrections"] == 1
    with pytest.raises(ValidationError):
        services.donation_reverse(donation=wrong, actor=personas["finance"], reason="再次")
    approved = disbursement(personas, source, "100.00", approve=True)
    assert [a.donation_id for a in approved.allocations.all()] == [kept.pk]  # never the cancelled gift
    with pytest.raises(ValidationError) as refused:
        services.donation_reverse(donation=kept, actor=personas["finance"], reason="已使用")
    assert "amount" in refused.value.message_dict


@pytest.mark.django_db(transaction=True)
def test_cancelling_a_gift_while_approvals_run_never_overdraws_the_fund(personas):
    source = fund(personas)
    gifts = [gift(personas, source, "100.00") for _ in range(3)]
    requests = [disbursement(personas, source, "60.00") for _ in range(4)]
    approver = second_finance(personas)

    def work(item):
        if isinstance(item, Donation):
            return services.donation_reverse(donation=item, actor=personas["finance"], reason="录入错误")
        return services.disbursement_approve(disbursement=item, actor=approver)

    outcomes = _run_at_once(5, _queue_worker([gifts[2], *requests], work))
    source.refresh_from_db()
    assert source.spent <= source.received and source.balance >= 0
    assert source.received == sum(d.amount for d in Donation.objects.filter(fund=source))
    assert source.spent == sum(a.amount for a in Allocation.objects.all())
    assert all(d.allocated <= max(d.amount, 0) for d in Donation.objects.all())
    assert sum(isinstance(o, Exception) for o in outcomes) >= 1  # 300 yuan cannot cover four 60s and a 100 refund
