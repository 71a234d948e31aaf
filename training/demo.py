"""Demo data for `make run` (called by the bootstrap command): idempotent, deterministic.

Courses, bases and instructors in the central districts, past sessions with
results and a few hundred certificates (expired, expiring and valid ones),
upcoming public sessions with bookings and a waiting list, targets,
third-party assessments and trainee feedback.
"""

import hashlib
from datetime import timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from organizations.choices import OrganizationKind
from organizations.models import Organization, Region
from people.identifiers import DocumentType, id_check_character
from people.services import person_find_by_document
from training import services
from training.catalogue import catalogue_load
from training.choices import Outcome
from training.models import Course, Enrolment, TrainingSession, TrainingTarget

# district code, base name, address, population (2020 census, rounded)
DISTRICTS = [
    ("510104", "锦江区红十字应急救护实训基地", "锦江区东大街下东大街段199号", 903000),
    ("510105", "青羊区红十字应急救护实训基地", "青羊区清江东路88号", 955000),
    ("510106", "金牛区红十字应急救护实训基地", "金牛区一环路北三段6号", 1266000),
    ("510107", "武侯区红十字应急救护实训基地", "武侯区武侯祠大街231号", 1206000),
    ("510108", "成华区红十字应急救护实训基地", "成华区建设路55号", 1381000),
]
CITY_BASE = ("510104", "成都市红十字应急救护培训中心", "锦江区红星路二段70号")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
GIVEN = ["雨涵", "子轩", "欣怡", "浩然", "梓萱", "宇航", "诗琪", "俊杰", "佳怡", "志远", "晓燕", "国强"]


def _share(key: str) -> float:
    return int.from_bytes(hashlib.sha256(key.encode()).digest()[:4], "big") / 2**32


def _person(n, area):
    born = f"{1965 + n % 40}{1 + n % 12:02d}{1 + n % 28:02d}"
    first17 = f"{area}{born}{500 + n % 500:03d}"
    region = Region.objects.filter(code__startswith=area, level="community").order_by("code")[n % 40]
    number = first17 + id_check_character(first17)
    existing = person_find_by_document(document_type=DocumentType.RESIDENT_ID, document_number=number)
    return existing or services.save_person(services.person_for_trainee(
        full_name=SURNAMES[n % len(SURNAMES)] + GIVEN[(n * 7) % len(GIVEN)], document_type=DocumentType.RESIDENT_ID,
        document_number=number, mobile=f"13{n % 10}{(n * 7919) % 10**8:08d}", region=region))


@transaction.atomic
def load_demo() -> str:
    catalogue_load()
    if TrainingSession.objects.exists():
        return "training: demo already present"
    actor = get_user_model().objects.filter(username="city_admin").first()
    if actor is None:
        return "training: no city_admin user, demo skipped"
    today = timezone.localdate()
    courses = {c.kind: c for c in Course.objects.all()}
    bases, teachers = [], []
    for index, (area, name, address, population) in enumerate(DISTRICTS):
        district = Region.objects.get(code=f"{area}000000")
        society = Organization.objects.filter(region=district, kind=OrganizationKind.DISTRICT_SOCIETY).first()
        town = Region.objects.filter(parent=district, level="town").order_by("code").first()
        bases.append(services.training_base_save(
            actor=actor, name=name, organization=society, region=town, level="district", address=address,
            capacity=60, manikins=20 + index * 4, aeds=4 + index))
        for k, tier in enumerate(("expert", "backbone", "ordinary")):
            teachers.append(services.instructor_add(
                actor=actor, person=_person(9000 + index * 10 + k, area), organization=society, tier=tier,
                qualification="红十字救护师资" if tier != "expert" else "红十字救护导师",
                qualification_number=f"JHSZ{area}{k:02d}", qualified_until=today + timedelta(days=400 + 200 * k)))
        TrainingTarget.objects.get_or_create(
            audience="residents", region=district, year=2025,
            defaults={"target_count": 120 + index * 20, "population": population})
        TrainingTarget.objects.get_or_create(
            audience="students", region=district, year=2025, defaults={"target_count": 60})
        for year in range(2022, today.year + 1):
            services.assessment_record(
                actor=actor, year=year, region=district, base=None, assessor="四川大学华西医院急诊医学专家组",
                method_score=Decimal(72 + int(_share(f"m{area}{year}") * 14) + (year - 2022) * 2),
                approach_score=Decimal(70 + int(_share(f"a{area}{year}") * 16) + (year - 2022) * 2),
                quality_score=Decimal(74 + int(_share(f"q{area}{year}") * 12) + (year - 2022) * 2),
                findings="实操练习时间充足，模拟人数量满足教学；建议加强AED情景演练和复训跟踪。",
                assessed_on=today.replace(year=year, month=11, day=20) if year < today.year else today)
    city = Region.objects.get(code="510100000000")
    scenic = Region.objects.get(code="510181000000")
    units = {o.name: o for o in Organization.objects.filter(kind=OrganizationKind.MEMBER_UNIT)}
    panda = units.get("成都大熊猫繁育研究基地红十字服务站")
    for unit, region, count in ((units.get("都江堰景区红十字救护站"), scenic, 80), (panda, panda and panda.region, 60)):
        if unit is not None:
            TrainingTarget.objects.get_or_create(audience="scenic_staff", region=region, unit=unit, year=2025,
                                                 defaults={"target_count": count})
    TrainingTarget.objects.get_or_create(audience="residents", region=city, year=2025,
                                         defaults={"target_count": 1000, "population": 21403000})

    # Past first-aider sessions, 1,200 days ago to last month: expired, expiring and valid certificates.
    n = 0
    for index, days_ago in enumerate((1200, 1150, 1100, 1080, 1060, 1045, 1030, 1015, 1000, 800, 700, 500, 420,
                                       300, 200, 90, 40, 20)):
        base = bases[index % len(bases)]
        teacher = teachers[(index % len(bases)) * 3 + 1]
        start = timezone.localtime().replace(hour=9, minute=0, second=0, microsecond=0) - timedelta(days=days_ago)
        audience = {0: "redcross_cadres", 1: "redcross_cadres", 9: "students", 12: "students",
                    14: "scenic_staff"}.get(index, "residents")
        session = services.session_schedule(
            actor=actor,
            instructors=[teacher],
            organization=base.organization,
            course=courses["first_aider"],
            base=base,
            unit=panda if audience == "scenic_staff" else None,
            title={
                "redcross_cadres": "红十字会干部救护员培训",
                "students": "校园救护员培训",
                "scenic_staff": "景区从业人员救护员培训",
            }.get(audience, ""),
            starts_at=start,
            ends_at=start + timedelta(hours=8),
            capacity=30,
            audience=audience,
            is_public=audience == "residents",
            notes="",
        )
        for seat in range(28):
            n += 1
            enrolment = Enrolment.objects.create(session=session, person=_person(n, base.region_id[:6]),
                                                 channel="public" if seat % 3 else "import")
            score = 68 + int(_share(f"s{n}") * 32)
            skills = _share(f"k{n}") > 0.08
            enrolment.attended = seat != 27
            enrolment.exam_score = Decimal(score) if enrolment.attended else None
            enrolment.skills_passed = skills if enrolment.attended else None
            enrolment.outcome = services.outcome_for(courses["first_aider"], attended=enrolment.attended,
                                                     exam_score=enrolment.exam_score, skills_passed=skills)
            enrolment.recorded_by, enrolment.recorded_at = actor, start + timedelta(hours=8)
            enrolment.save()
            if enrolment.outcome == Outcome.PASSED:
                services.certificate_issue(enrolment=enrolment, issued_on=timezone.localtime(start).date())
                if seat % 4 == 0:
                    services.feedback_submit(enrolment=enrolment, rating=4 + (seat % 8 == 0),
                                             comment="老师讲解清楚，实操很有收获。")
        services.session_complete(session=session, actor=actor)

    # Upcoming public sessions with bookings; one is full with a waiting list.
    for index, (kind, days, capacity, booked) in enumerate((
            ("first_aider", 3, 30, 12), ("awareness", 5, 40, 18), ("aed", 8, 20, 20), ("first_aider", 12, 30, 30),
            ("psychological", 15, 25, 6), ("water_safety", 20, 30, 4), ("first_aider", 26, 30, 9))):
        base = bases[index % len(bases)]
        teacher = teachers[(index % len(bases)) * 3 + (0 if kind in ("psychological", "water_safety") else 2)]
        start = timezone.localtime().replace(hour=9, minute=0, second=0, microsecond=0) + timedelta(days=days)
        session = services.session_schedule(
            actor=actor, instructors=[teacher], organization=base.organization, course=courses[kind], base=base,
            title="", starts_at=start,
            ends_at=start + timedelta(hours=float(min(courses[kind].hours, Decimal(8)))), capacity=capacity,
            audience="residents" if index % 3 else "enterprise_staff", is_public=True, notes="")
        for seat in range(booked + (3 if booked == capacity else 0)):
            n += 1
            services.enrolment_book(session=session, person=_person(n, base.region_id[:6]),
                                    channel="public" if seat % 2 else "import",
                                    group_name="" if seat % 2 else "成都地铁运营有限公司")
    services.targets_recompute()
    return f"training: {len(bases)} bases, {len(teachers)} instructors, {TrainingSession.objects.count()} sessions"

