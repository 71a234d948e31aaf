"""Builders of training records for tests (and the scope walk's SAMPLES): one 锦江区 object each."""

from datetime import timedelta

from django.utils import timezone

from organizations.models import Region
from people import services as people_services
from redcross.testing import person_factory_kwargs
from training import services
from training.catalogue import catalogue_load
from training.models import (
    Assessment,
    Certificate,
    Course,
    Enrolment,
    Instructor,
    SessionInstructor,
    TrainingBase,
    TrainingSession,
    TrainingTarget,
)

TOWN = "510104022000"  # 春熙路街道, 锦江区


def course(kind="first_aider"):
    catalogue_load()
    return Course.objects.get(kind=kind)


def person(n, region_code=TOWN):
    return people_services.person_create(**person_factory_kwargs(n, region_code))


def base(personas, name="锦江区应急救护实训基地", region_code=TOWN, capacity=60, owner="jinjiang"):
    existing = TrainingBase.objects.filter(name=name, region_id=region_code).first()
    if existing is not None:
        return existing
    return services.training_base_save(
        actor=personas["city_admin"], name=name, organization=personas["orgs"][owner],
        region=Region.objects.get(code=region_code), level="district", address="春熙路1号", capacity=capacity,
        manikins=20, aeds=4)


def instructor(personas, n=501, tier="backbone", region_code=TOWN, owner="jinjiang", **extra):
    return services.instructor_add(
        actor=personas["city_admin"], person=person(n, region_code), organization=personas["orgs"][owner],
        tier=tier, qualification="红十字救护师资", qualified_until=timezone.localdate() + timedelta(days=700),
        **extra)


def session(personas, *, kind="first_aider", capacity=30, teacher=None, starts_in=timedelta(days=7),
            is_public=True, title="", actor="jinjiang", audience="residents", **extra):
    start = timezone.now() + starts_in
    teacher = teacher or instructor(personas, n=600 + TrainingSession.objects.count())
    return services.session_schedule(
        actor=personas[actor], instructors=[teacher], course=course(kind),
        base=base(personas, **({"region_code": extra.pop("region_code")} if "region_code" in extra else {})),
        title=title, starts_at=start, ends_at=start + timedelta(hours=8), capacity=capacity, audience=audience,
        is_public=is_public, notes="", **extra)


def start_now(session):
    """Move a session to have started an hour ago (results are recorded once it has started), but never before
    today's Chengdu midnight: just after midnight an hour ago is yesterday, perhaps last month on the calendar."""
    midnight = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    start = max(timezone.now() - timedelta(hours=1), midnight)
    end = start + (session.ends_at - session.starts_at)
    TrainingSession.objects.filter(pk=session.pk).update(starts_at=start, ends_at=end)
    SessionInstructor.objects.filter(session=session).update(starts_at=start, ends_at=end)
    session.refresh_from_db()
    return session


def enrolment(personas, n=700, **extra):
    return services.enrolment_book(session=session(personas, **extra), person=person(n))


def certificate(personas, n=710, score=92):
    booking = enrolment(personas, n=n)
    start_now(booking.session)
    services.enrolment_record_result(enrolment=booking, actor=personas["jinjiang"], attended=True,
                                     exam_score=score, skills_passed=True)
    return booking.certificate


def target(personas, region_code="510104000000", audience="residents", year=2025, **extra):
    from training.models import TrainingTarget

    return TrainingTarget.objects.create(audience=audience, region_id=region_code, year=year,
                                         target_count=extra.pop("target_count", 1000),
                                         population=extra.pop("population", 900000), **extra)


def assessment(personas, year=2025, region_code="510104000000"):
    return services.assessment_record(
        actor=personas["city_admin"], year=year, region=Region.objects.get(code=region_code), base=None,
        assessor="四川大学华西医院专家组", method_score=86, approach_score=82, quality_score=88,
        findings="教学方法规范，实操时间充足。", assessed_on=timezone.localdate())



def many(personas, count=8):
    """More than a page of five of every training list (test_api_queries)."""
    from training.choices import Audience

    for n in range(count):
        base(personas, name=f"实训基地{n}")
        certificate(personas, n=800 + n)
        assessment(personas, year=2015 + n)
    audiences = list(Audience.values)
    for n in range(count):
        target(personas, region_code=("510104000000", "510105000000")[n % 2], audience=audiences[n % len(audiences)],
               year=2025 + n // len(audiences))


SAMPLES = {
    TrainingBase: base,
    Instructor: instructor,
    TrainingSession: lambda p: session(p, title="锦江样本培训"),
    Enrolment: enrolment,
    Certificate: certificate,
    TrainingTarget: target,
    Assessment: assessment,
}
