"""Service hours: recorded and confirmed by the organiser, never lost or counted twice; stars follow totals."""

import threading
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.db.utils import ProgrammingError
from django.utils import timezone

from organizations.models import Region
from redcross.testing import run_at_once, valid_id
from volunteers import services
from volunteers.models import Activity, ServiceRecord, SignUp, Volunteer

pytestmark = pytest.mark.django_db


def applicant(n=1, birth="19900101", **extra):
    return services.volunteer_apply(
        full_name=f"志愿者{n}", document_type="resident_id", document_number=valid_id("510104", birth, f"{n:03d}"),
        mobile=f"1390000{n:04d}", region=Region.objects.get(code="510104022006"), consent=True,
        skills=["first_aider"], **extra)


def volunteer(personas, n=1):
    return services.volunteer_accept(volunteer=applicant(n), actor=personas["jinjiang"])


def activity(personas, capacity=10, **extra):
    now = timezone.now()
    return Activity.objects.create(
        title="成都马拉松医疗保障", kind="first_aid_cover", organization=personas["orgs"]["jinjiang"],
        region_id="510104022000", place="天府广场",
        # Under way: its service day is today in Chengdu at any hour (an hour ahead would be tomorrow after 23:00).
        starts_at=now - timedelta(minutes=30), ends_at=now + timedelta(hours=6), capacity=capacity,
        created_by=personas["jinjiang"], **extra)


def confirmed_total(v):
    return ServiceRecord.objects.filter(volunteer=v, status="confirmed").aggregate(t=Sum("hours"))["t"] or 0


def test_an_accepted_applicant_gets_a_district_volunteer_number(personas):
    first, second = volunteer(personas, 1), volunteer(personas, 2)
    year = timezone.localdate().year
    assert first.number == f"510104{year}00001" and second.number == f"510104{year}00002"
    assert first.status == "signed_up"


def test_an_applicant_without_consent_or_guardian_is_refused(personas):
    with pytest.raises(ValidationError) as refused:
        services.volunteer_apply(full_name="无同意", document_type="resident_id", document_number=valid_id(seq="900"),
                                 mobile="", region=Region.objects.get(code="510104022006"), consent=False)
    assert "consent" in refused.value.message_dict
    minor_birth = (timezone.localdate() - timedelta(days=365 * 15)).strftime("%Y%m%d")
    with pytest.raises(ValidationError) as minor:
        applicant(5, birth=minor_birth)
    assert "guardian_name" in minor.value.message_dict
    assert applicant(6, birth=minor_birth, guardian_name="家长", guardian_consent=True).guardian_consent_at


def test_confirmed_hours_and_stars_follow_the_records(personas, settings):
    settings.REDCROSS = {**settings.REDCROSS, "VOLUNTEER_STAR_HOURS": [10, 30, 60, 100, 150]}
    v = volunteer(personas)
    for hours in ("8", "4.5", "20"):
        record = services.service_record_create(volunteer=v, actor=personas["jinjiang"], hours=hours,
                                                served_on=timezone.localdate(), content="急救保障")
        services.service_record_confirm(record=record, actor=personas["jinjiang"])
    v.refresh_from_db()
    assert v.confirmed_hours == Decimal("32.50") == confirmed_total(v)
    assert v.stars == 2


def test_a_confirmed_record_is_final_and_corrected_by_a_new_record(personas):
    v = volunteer(personas)
    record = services.service_record_create(volunteer=v, actor=personas["jinjiang"], hours=6,
                                            served_on=timezone.localdate(), content="献血宣传")
    services.service_record_confirm(record=record, actor=personas["jinjiang"])
    with pytest.raises(ProgrammingError), transaction.atomic():
        ServiceRecord.objects.filter(pk=record.pk).update(hours=9)  # the database refuses
    with pytest.raises(ProgrammingError), transaction.atomic():
        ServiceRecord.objects.filter(pk=record.pk).delete()
    correction = services.service_record_correct(record=record, actor=personas["jinjiang"], hours_change="-1.5",
                                                 reason="含往返交通时间，应扣除")
    services.service_record_confirm(record=correction, actor=personas["jinjiang"])
    v.refresh_from_db()
    assert v.confirmed_hours == Decimal("4.50") == confirmed_total(v)


def test_only_the_recording_organisation_confirms(personas):
    v = volunteer(personas)
    record = services.service_record_create(volunteer=v, actor=personas["jinjiang"], hours=3,
                                            served_on=timezone.localdate(), content="社区关爱")
    with pytest.raises(PermissionDenied):
        services.service_record_confirm(record=record, actor=personas["city_admin"])


def test_hours_must_be_real_service(personas):
    v = volunteer(personas)
    for hours, served_on in ((0, timezone.localdate()), (25, timezone.localdate()),
                             (2, timezone.localdate() + timedelta(days=1))):
        with pytest.raises(ValidationError):
            services.service_record_create(volunteer=v, actor=personas["jinjiang"], hours=hours,
                                           served_on=served_on, content="x")
    assert not ServiceRecord.objects.exists()


def test_registration_needs_twenty_hours_in_a_year(personas):
    v = volunteer(personas)
    record = services.service_record_create(volunteer=v, actor=personas["jinjiang"], hours=19,
                                            served_on=timezone.localdate(), content="应急支援")
    services.service_record_confirm(record=record, actor=personas["jinjiang"])
    with pytest.raises(ValidationError):
        services.volunteer_register(volunteer=v, actor=personas["jinjiang"])
    more = services.service_record_create(volunteer=v, actor=personas["jinjiang"], hours=1,
                                          served_on=timezone.localdate(), content="应急支援")
    services.service_record_confirm(record=more, actor=personas["jinjiang"])
    assert services.volunteer_register(volunteer=v, actor=personas["jinjiang"]).status == "registered"


@pytest.mark.django_db(transaction=True)
def test_the_same_confirmation_sent_at_once_counts_the_hours_once(personas):
    v = volunteer(personas)
    record = services.service_record_create(volunteer=v, actor=personas["jinjiang"], hours="7.25",
                                            served_on=timezone.localdate(), content="马拉松保障")
    outcomes = run_at_once(6, lambda: services.service_record_confirm(record=record, actor=personas["jinjiang"]))
    assert all(isinstance(o, ServiceRecord) for o in outcomes), outcomes
    v.refresh_from_db()
    assert v.confirmed_hours == Decimal("7.25") == confirmed_total(v)


@pytest.mark.django_db(transaction=True)
def test_confirming_many_records_at_once_loses_no_hours(personas):
    v = volunteer(personas)
    records = [services.service_record_create(volunteer=v, actor=personas["jinjiang"], hours="1.5",
                                              served_on=timezone.localdate(), content=f"服务{n}")
               for n in range(8)]
    queue = list(records)
    lock = threading.Lock()

    def confirm_next():
        with lock:
            record = queue.pop()
        return services.service_record_confirm(record=record, actor=personas["jinjiang"])

    outcomes = run_at_once(8, confirm_next)
    assert all(isinstance(o, ServiceRecord) for o in outcomes), outcomes
    v.refresh_from_db()
    assert v.confirmed_hours == Decimal("12.00") == confirmed_total(v)
    from volunteers.selectors import totals_drift

    assert totals_drift() == []


@pytest.mark.django_db(transaction=True)
def test_fifty_confirmations_at_once_keep_every_running_total_exact(personas):
    from volunteers.selectors import totals_drift

    crew = [volunteer(personas, n) for n in range(1, 6)]
    records = [services.service_record_create(volunteer=crew[n % 5], actor=personas["jinjiang"],
                                              hours=f"{1 + n % 4}.25", served_on=timezone.localdate(),
                                              content=f"服务{n}") for n in range(50)]
    queue, lock = list(records), threading.Lock()

    def confirm_next():
        with lock:
            record = queue.pop()
        return services.service_record_confirm(record=record, actor=personas["jinjiang"])

    outcomes = run_at_once(50, confirm_next)
    assert all(isinstance(o, ServiceRecord) for o in outcomes), outcomes
    for v in crew:
        v.refresh_from_db()
        assert v.confirmed_hours == confirmed_total(v) > 0
    assert totals_drift() == []


def test_the_nightly_check_reports_hours_that_drifted_from_the_records(personas):
    from redcross.totals import totals_check

    v = volunteer(personas)
    record = services.service_record_create(volunteer=v, actor=personas["jinjiang"], hours="3.50",
                                            served_on=timezone.localdate(), content="马拉松保障")
    services.service_record_confirm(record=record, actor=personas["jinjiang"])
    assert not [d for d in totals_check().drift if d["check"] == "volunteers"]
    Volunteer.objects.filter(pk=v.pk).update(confirmed_hours=Decimal("30.00"))
    check = totals_check()
    assert check.drift_count >= 1 and not check.clean
    assert [(d["figure"], d["key"], d["kept"], d["recomputed"]) for d in check.drift if d["check"] == "volunteers"] == [
        ("volunteers.volunteer.confirmed_hours", v.number, "30.00", "3.50")]


@pytest.mark.django_db(transaction=True)
def test_concurrent_sign_ups_never_exceed_capacity(personas):
    event = activity(personas, capacity=3)
    volunteers = [volunteer(personas, n) for n in range(1, 9)]
    queue = list(volunteers)
    lock = threading.Lock()

    def sign_up():
        with lock:
            v = queue.pop()
        return services.activity_sign_up(activity=event, volunteer=v)

    outcomes = run_at_once(8, sign_up)
    assert sum(isinstance(o, SignUp) for o in outcomes) == 3
    assert sum(isinstance(o, ValidationError) for o in outcomes) == 5
    assert SignUp.objects.filter(activity=event).count() == 3


@pytest.mark.django_db(transaction=True)
def test_volunteer_numbers_are_unique_when_accepted_at_once(personas):
    applicants = [applicant(n) for n in range(1, 7)]
    queue = list(applicants)
    lock = threading.Lock()

    def accept():
        with lock:
            a = queue.pop()
        return services.volunteer_accept(volunteer=a, actor=personas["jinjiang"])

    outcomes = run_at_once(6, accept)
    numbers = sorted(o.number for o in outcomes)
    assert len(set(numbers)) == 6
    assert [int(n[-5:]) for n in numbers] == [1, 2, 3, 4, 5, 6]  # no gap, no repeat
    assert Volunteer.objects.filter(status="signed_up").count() == 6


def test_check_in_by_qr_code_then_hours_from_the_sign_up_count_once(personas):
    event = activity(personas)
    v = volunteer(personas)
    services.activity_sign_up(activity=event, volunteer=v)
    with pytest.raises(PermissionDenied):
        services.activity_check_in(activity=event, volunteer=v, code="forged")
    signup = services.activity_check_in(activity=event, volunteer=v, code=event.checkin_code)
    assert signup.status == "checked_in"
    first = services.service_record_create(volunteer=v, actor=personas["jinjiang"], hours=5, signup=signup,
                                           served_on=timezone.localdate(), content="马拉松保障")
    retry = services.service_record_create(volunteer=v, actor=personas["jinjiang"], hours=5, signup=signup,
                                           served_on=timezone.localdate(), content="马拉松保障")
    assert first.pk == retry.pk
    assert ServiceRecord.objects.filter(signup=signup).count() == 1
