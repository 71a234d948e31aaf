"""Insurance, commendations, evaluations, exit and come-back, the active rule, and reminders sent once."""

import threading
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connections
from django.utils import timezone

from redcross.models import Notification
from tests.volunteers.samples import activity as _activity
from tests.volunteers.samples import volunteer as _volunteer
from volunteers import services, tasks
from volunteers.models import ServiceRecord, Volunteer
from volunteers.selectors import volunteer_dashboard, with_activity

pytestmark = pytest.mark.django_db


def serve(personas, volunteer, hours, served_on=None):
    record = services.service_record_create(volunteer=volunteer, actor=personas["jinjiang"], hours=hours,
                                            served_on=served_on or timezone.localdate(), content="服务")
    return services.service_record_confirm(record=record, actor=personas["jinjiang"])


def test_a_risky_activity_takes_only_insured_volunteers(personas):
    activity = _activity(personas)
    activity.is_risky = True
    activity.save(update_fields=["is_risky"])
    volunteer = _volunteer(personas)
    with pytest.raises(ValidationError) as refused:
        services.activity_sign_up(activity=activity, volunteer=volunteer)
    assert "volunteer" in refused.value.message_dict
    today = timezone.localdate()
    services.insurance_add(volunteer=volunteer, actor=personas["jinjiang"], insurer="中国人寿", policy_number="P-1",
                           starts_on=today - timedelta(days=1), ends_on=today + timedelta(days=30))
    assert services.activity_sign_up(activity=activity, volunteer=volunteer).status == "signed_up"


def test_exit_keeps_the_record_and_the_hours_and_the_person_can_come_back(personas):
    volunteer = _volunteer(personas)
    serve(personas, volunteer, 12)
    services.volunteer_exit(volunteer=volunteer, actor=personas["jinjiang"], kind="voluntary", reason="工作调动",
                            interview_notes="感谢组织", equipment_returned=True)
    volunteer.refresh_from_db()
    assert volunteer.status == "exited" and volunteer.confirmed_hours == Decimal("12.00")
    with pytest.raises(ValidationError):
        services.activity_sign_up(activity=_activity(personas), volunteer=volunteer)
    back = services.volunteer_rejoin(volunteer=volunteer, actor=personas["jinjiang"])
    assert back.status == "signed_up" and back.number == volunteer.number
    assert volunteer.exits.get().rejoined_at is not None


def test_a_dismissed_volunteer_comes_back_only_by_a_city_decision(personas):
    volunteer = _volunteer(personas)
    services.volunteer_exit(volunteer=volunteer, actor=personas["jinjiang"], kind="dismissal", reason="违反服务规范")
    with pytest.raises(PermissionDenied):
        services.volunteer_rejoin(volunteer=volunteer, actor=personas["jinjiang"])


def test_commendations_and_evaluations_stay_on_the_record(personas):
    volunteer = _volunteer(personas)
    services.commendation_add(volunteer=volunteer, actor=personas["jinjiang"], title="优秀志愿者",
                              awarded_by="成都市红十字会", awarded_on=date(2025, 12, 5))
    services.evaluation_add(volunteer=volunteer, actor=personas["jinjiang"], period="2025", grade="excellent")
    with pytest.raises(ValidationError):
        services.evaluation_add(volunteer=volunteer, actor=personas["jinjiang"], period="2025", grade="good")
    assert volunteer.commendations.count() == 1 and volunteer.evaluations.get().grade == "excellent"


def test_the_active_rule_counts_the_window_before_the_lag(personas, settings):
    settings.REDCROSS = {**settings.REDCROSS, "VOLUNTEER_ACTIVE_MONTHLY_HOURS": 1}
    steady, late, idle = _volunteer(personas, 41), _volunteer(personas, 42), _volunteer(personas, 43)
    today = timezone.localdate()
    six_months_ago = today - timedelta(days=180)
    serve(personas, steady, 12, six_months_ago)  # 12 h in the window: 1 h a month on average
    serve(personas, late, 20, today)  # recent hours fall in the lag and do not count yet
    rows = {v.pk: v for v in with_activity(Volunteer.objects.filter(pk__in=[steady.pk, late.pk, idle.pk]))}
    assert rows[steady.pk].is_active and not rows[late.pk].is_active and not rows[idle.pk].is_active
    assert rows[steady.pk].window_hours == Decimal("12.00")


def test_the_dashboard_counts_within_scope(personas):
    volunteer = _volunteer(personas)
    serve(personas, volunteer, 5)
    figures = volunteer_dashboard(user=personas["jinjiang"])
    assert figures["serving"] == 1 and figures["by_tier"] == {"community": 1}
    assert figures["hours_per_month"][-1][1] == Decimal("5.00")
    assert volunteer_dashboard(user=personas["qingyang"])["serving"] == 0


def test_reminders_go_out_once_however_often_the_task_runs(personas, settings):
    settings.REDCROSS = {**settings.REDCROSS, "VOLUNTEER_STAR_HOURS": [10, 30, 60, 100, 150]}
    volunteer = _volunteer(personas)
    activity = _activity(personas)
    tomorrow = timezone.now() + timedelta(days=1)
    activity.starts_at, activity.ends_at = tomorrow, tomorrow + timedelta(hours=2)
    activity.save(update_fields=["starts_at", "ends_at"])
    services.activity_sign_up(activity=activity, volunteer=volunteer)
    today = timezone.localdate()
    services.insurance_add(volunteer=volunteer, actor=personas["jinjiang"], insurer="平安", policy_number="P-2",
                           starts_on=today - timedelta(days=300), ends_on=today + timedelta(days=5))
    for _ in range(3):  # a retried or duplicated run
        tasks.remind_activity_tomorrow()
        tasks.remind_insurance_expiring()
    assert Notification.objects.filter(kind="volunteer.activity_tomorrow").count() == 1
    assert Notification.objects.filter(kind="volunteer.insurance_expiring").count() == 1
    assert "明天" in Notification.objects.get(kind="volunteer.activity_tomorrow").message


def test_reaching_a_star_and_registration_are_announced_once(personas, settings, django_capture_on_commit_callbacks):
    settings.REDCROSS = {**settings.REDCROSS, "VOLUNTEER_STAR_HOURS": [10, 30, 60, 100, 150]}
    volunteer = _volunteer(personas)
    with django_capture_on_commit_callbacks(execute=True):
        serve(personas, volunteer, 12)
    tasks.remind_star_reached(volunteer_id=volunteer.pk, stars=1)  # a retry
    assert Notification.objects.filter(kind="volunteer.star_reached").count() == 1
    serve(personas, volunteer, 10)
    tasks.offer_registration()
    tasks.offer_registration()
    assert Notification.objects.filter(kind="volunteer.registration_due", key=str(volunteer.pk)).count() == 1


def test_a_volunteer_quiet_for_six_months_is_reminded_once(personas):
    volunteer = _volunteer(personas)
    Volunteer.objects.filter(pk=volunteer.pk).update(decided_at=timezone.now() - timedelta(days=400))
    serve(personas, volunteer, 3, timezone.localdate() - timedelta(days=200))
    tasks.remind_inactive()
    tasks.remind_inactive()
    assert Notification.objects.filter(kind="volunteer.inactive").count() == 1
    serve(personas, volunteer, 3)
    tasks.remind_inactive()
    assert Notification.objects.filter(kind="volunteer.inactive").count() == 1
    assert ServiceRecord.objects.filter(volunteer=volunteer).count() == 2


@pytest.mark.django_db(transaction=True)
def test_two_workers_running_the_same_reminder_send_it_once(personas):
    volunteer = _volunteer(personas)
    activity = _activity(personas)
    tomorrow = timezone.now() + timedelta(days=1)
    activity.starts_at, activity.ends_at = tomorrow, tomorrow + timedelta(hours=2)
    activity.save(update_fields=["starts_at", "ends_at"])
    services.activity_sign_up(activity=activity, volunteer=volunteer)
    barrier = threading.Barrier(4)

    def run():
        barrier.wait()
        tasks.remind_activity_tomorrow()
        connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert Notification.objects.filter(kind="volunteer.activity_tomorrow").count() == 1
