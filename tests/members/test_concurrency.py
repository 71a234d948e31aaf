"""Under real concurrent connections: member numbers and dues receipts are never skipped nor given twice."""

import threading

import pytest
from django.utils import timezone

from members import services
from members.models import DuesPayment, Member
from redcross.testing import run_at_once
from tests.members import samples
from tests.sanxian.samples import person

pytestmark = pytest.mark.django_db(transaction=True)


def _queue(items):
    queue, lock = list(items), threading.Lock()

    def pop():
        with lock:
            return queue.pop()
    return pop


def test_simultaneous_enrolments_get_gapless_numbers(personas):
    people = [person(n) for n in range(970, 980)]
    # Each person enrolled twice at once (a double click): ten members, numbered 1–10.
    next_person = _queue(people * 2)
    society = personas["orgs"]["jinjiang"]
    outcomes = run_at_once(20, lambda: services.member_enrol(
        actor=personas["jinjiang"], kind="individual", society=society, person=next_person(),
        joined_on=timezone.localdate()))
    assert sum(isinstance(o, Member) for o in outcomes) == 10
    numbers = sorted(Member.objects.values_list("number", flat=True))
    assert numbers == [f"510104000000-{n:05d}" for n in range(1, 11)]


def test_simultaneous_dues_payments_get_gapless_receipts_and_pay_once(personas):
    samples.rates()
    members = [samples.individual(personas, n=n) for n in range(980, 986)]
    next_member = _queue(members * 2)
    year = timezone.localdate().year
    outcomes = run_at_once(12, lambda: services.dues_pay(actor=personas["jinjiang"], member=next_member(), year=year,
                                                         paid_on=timezone.localdate()))
    assert sum(isinstance(o, DuesPayment) for o in outcomes) == 6
    receipts = sorted(DuesPayment.objects.values_list("receipt_number", flat=True))
    assert receipts == [f"510104000000-{year}-{n:05d}" for n in range(1, 7)]
