"""Demo volunteers for `make run`: applications to review, a year of confirmed hours, activities to come.

Everything goes through volunteers.services, so numbers, stars and totals obey
the same rules as real use. Runs once: skipped when volunteers exist.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from organizations.models import Organization, Region
from people import crypto
from people.models import Person
from volunteers import services
from volunteers.choices import ActivityKind, SignUpStatus, Skill, TeamKind, Tier
from volunteers.models import Activity, SignUp, Team, Volunteer

ACTIVITIES = [
    ("成都马拉松医疗保障", ActivityKind.FIRST_AID_COVER, "天府广场", [Skill.FIRST_AIDER]),
    ("街头无偿献血宣传", ActivityKind.BLOOD_DONATION, "春熙路步行街", []),
    ("独居老人探访", ActivityKind.COMMUNITY_CARE, "合江亭社区", []),
    ("防汛应急演练保障", ActivityKind.EMERGENCY_SUPPORT, "锦江河畔", []),
    ("社区急救知识普及", ActivityKind.TRAINING_SUPPORT, "牛市口社区活动中心", []),
    ("心理支持热线值守", ActivityKind.PSYCHOLOGICAL_AID, "锦江区红十字会", [Skill.PSYCHOLOGIST]),
]
SKILL_SETS = [[], [Skill.FIRST_AIDER], [Skill.NURSE, Skill.FIRST_AIDER], [Skill.PSYCHOLOGIST], [Skill.DRIVER],
              [Skill.DOCTOR, Skill.FIRST_AIDER], [Skill.SOCIAL_WORKER], [Skill.LIFEGUARD, Skill.RESCUE]]


def _staff(username):
    return get_user_model().objects.select_related("staff_profile__organization").get(username=username)


@transaction.atomic
def demo_volunteers() -> int:
    if Volunteer.objects.exists():
        return 0
    heads = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
    for index, society in enumerate(Organization.objects.filter(kind__in=["city_society", "district_society"],
                                                                head_name="").order_by("region_id")):
        society.head_name = heads[index % len(heads)] + "主任"
        society.contact_phone = society.contact_phone or f"028-8{6000000 + index * 1371:07d}"
        society.save(update_fields=["head_name", "contact_phone"])
    jinjiang = _staff("jinjiang_staff")
    city = _staff("city_admin")
    people = list(Person.objects.filter(volunteer__isnull=True).select_related("region").order_by("id")[:72])
    volunteers = []
    for index, person in enumerate(people):
        district = person.region_id[:6] + "000000"
        organization = Organization.objects.filter(region_id=district, kind="district_society").first()
        if organization is None:
            continue
        minor = person.age is not None and person.age < 18
        volunteer = services.volunteer_apply(
            full_name=person.full_name, document_type=person.document_type,
            document_number=crypto.decrypt(person.document_number_encrypted), mobile="",
            region=person.region, organization=organization, consent=True,
            tier=Tier.PROFESSIONAL if index % 4 == 0 else Tier.COMMUNITY, skills=SKILL_SETS[index % len(SKILL_SETS)],
            availability="周末" if index % 2 else "工作日晚上", guardian_name="家长" if minor else "",
            guardian_consent=minor)
        if index % 9 == 8:
            continue  # left as an application to review
        actor = jinjiang if district == "510104000000" else city
        volunteers.append(services.volunteer_accept(volunteer=volunteer, actor=actor))
    if not volunteers:
        return len(people)
    organization = jinjiang.staff_profile.organization
    team = Team.objects.create(
        name="锦江区心理援助志愿服务队", kind=TeamKind.PSYCHOLOGICAL_AID, organization=organization
    )
    Team.objects.create(name="锦江区应急救护志愿服务队", kind=TeamKind.FIRST_AID, organization=organization)
    for volunteer in volunteers:
        if Skill.PSYCHOLOGIST in volunteer.skills and volunteer.organization_id == organization.pk:
            services.team_join(volunteer=volunteer, actor=jinjiang, team=team)
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    # A year of past activities: the first volunteers served at nearly all of them, so stars show.
    for week in range(50, 0, -1):
        title, kind, place, skills = ACTIVITIES[week % len(ACTIVITIES)]
        starts = now - timedelta(weeks=week, hours=now.hour - 9)
        activity = Activity.objects.create(
            title=title, kind=kind, organization=organization, region_id="510104022000", place=place,
            starts_at=starts, ends_at=starts + timedelta(hours=6), capacity=30, required_skills=[],
            created_by=jinjiang)
        for position, volunteer in enumerate(volunteers):
            if position > 5 and (position + week) % 4:
                continue
            signup = SignUp.objects.create(activity=activity, volunteer=volunteer, status=SignUpStatus.CHECKED_OUT,
                                           checked_in_at=starts, checked_out_at=starts + timedelta(hours=5))
            hours = 5 if position < 6 else 2 + (position + week) % 3
            record = services.service_record_create(
                volunteer=volunteer, actor=jinjiang, hours=hours, served_on=timezone.localtime(starts).date(),
                content=title, signup=signup)
            services.service_record_confirm(record=record, actor=jinjiang)
    # What comes next: one under way now (QR check-in), one tomorrow (reminders), more later.
    for offset, (title, kind, place, skills) in zip((timedelta(hours=-1), timedelta(days=1), timedelta(days=6),
                                                     timedelta(days=13)), ACTIVITIES, strict=False):
        activity = services.activity_create(
            actor=jinjiang, title=f"{title}（{timezone.localtime(now + offset):%m月%d日}）", kind=kind,
            organization=organization, region=Region.objects.get(code="510104022000"), place=place,
            starts_at=now + offset,
            ends_at=now + offset + timedelta(hours=5), capacity=20, required_skills=skills)
        for volunteer in volunteers[:12]:
            if set(skills) <= set(volunteer.skills):
                services.activity_sign_up(activity=activity, volunteer=volunteer)
    today = timezone.localdate()
    for volunteer in volunteers[:10]:
        services.insurance_add(
            volunteer=volunteer,
            actor=city,
            insurer="中国人寿成都分公司",
            policy_number=f"PA{today.year}{volunteer.pk:06d}",
            starts_on=today - timedelta(days=200),
            ends_on=today + timedelta(days=10 + volunteer.pk % 40),
        )
    services.commendation_add(volunteer=volunteers[0], actor=city, title="成都市优秀红十字志愿者",
                              awarded_by="成都市红十字会", awarded_on=today - timedelta(days=60), may_publish=True)
    services.certificate_issue(volunteer=volunteers[0], actor=jinjiang)
    return len(people)
