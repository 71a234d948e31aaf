"""Under real concurrent connections: a session is never overbooked, a certificate number never issued twice."""

import threading
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from redcross.testing import run_at_once
from tests.training import samples
from training import services
from training.models import Certificate, Enrolment

pytestmark = pytest.mark.django_db(transaction=True)


def _queue(items):
    queue, lock = list(items), threading.Lock()

    def pop():
        with lock:
            return queue.pop()
    return pop


def test_concurrent_bookings_never_exceed_capacity(personas):
    session = samples.session(personas, capacity=3)
    next_person = _queue([samples.person(n) for n in range(750, 760)])
    outcomes = run_at_once(10, lambda: services.enrolment_book(session=session, person=next_person(),
                                                                waitlist=False))
    assert sum(isinstance(o, Enrolment) for o in outcomes) == 3
    assert sum(isinstance(o, ValidationError) for o in outcomes) == 7
    assert Enrolment.objects.filter(session=session, status="booked").count() == 3


def test_concurrent_public_bookings_fill_the_session_then_the_waiting_list(personas):
    session = samples.session(personas, capacity=4)
    next_person = _queue([samples.person(n) for n in range(760, 772)])
    outcomes = run_at_once(12, lambda: services.enrolment_book(session=session, person=next_person(),
                                                                channel="public"))
    assert all(isinstance(o, Enrolment) for o in outcomes), outcomes
    assert Enrolment.objects.filter(session=session, status="booked").count() == 4
    assert Enrolment.objects.filter(session=session, status="waitlisted").count() == 8


def test_cancellations_at_once_promote_each_waiting_trainee_once(personas):
    session = samples.session(personas, capacity=3)
    bookings = [services.enrolment_book(session=session, person=samples.person(n)) for n in range(772, 780)]
    next_booked = _queue(bookings[:3])
    run_at_once(3, lambda: services.enrolment_cancel(enrolment=next_booked()))
    assert Enrolment.objects.filter(session=session, status="booked").count() == 3
    assert set(Enrolment.objects.filter(session=session, status="booked").values_list("pk", flat=True)) == {
        b.pk for b in bookings[3:6]}


def test_the_same_instructor_scheduled_twice_at_once_teaches_once(personas):
    teacher = samples.instructor(personas, n=780)
    samples.base(personas)
    samples.course()
    outcomes = run_at_once(4, lambda: samples.session(personas, teacher=teacher))
    assert sum(not isinstance(o, Exception) for o in outcomes) == 1, outcomes
    assert all(isinstance(o, ValidationError) for o in outcomes if isinstance(o, Exception))


def test_certificate_numbers_are_never_issued_twice_when_passes_are_recorded_at_once(personas):
    session = samples.session(personas, capacity=10)
    bookings = [services.enrolment_book(session=session, person=samples.person(n)) for n in range(781, 789)]
    samples.start_now(session)
    # Every pass is recorded twice at once (a double click, a retried request).
    work = [b for b in bookings for _ in range(2)]
    next_booking = _queue(work)
    outcomes = run_at_once(16, lambda: services.enrolment_record_result(
        enrolment=next_booking(), actor=personas["jinjiang"], attended=True, exam_score=90, skills_passed=True))
    assert all(isinstance(o, Enrolment) for o in outcomes), [o for o in outcomes if isinstance(o, Exception)]
    numbers = sorted(Certificate.objects.values_list("number", flat=True))
    assert len(numbers) == len(set(numbers)) == 8
    year = timezone.localdate().year
    assert [int(n[-6:]) for n in numbers] == list(range(1, 9))  # no gap, no repeat
    assert all(n.startswith(f"510104{year}") for n in numbers)
    assert timedelta(0) < Certificate.objects.first().expires_on - Certificate.objects.first().issued_on
