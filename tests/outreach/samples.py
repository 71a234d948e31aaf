"""锦江 samples for outreach/, discovered by the platform walks (tests/platform/)."""

from datetime import date, timedelta

from django.utils import timezone

from organizations.models import Region
from outreach import services
from outreach.models import (
    Campaign,
    CareRecipient,
    CareRecord,
    CultureSquare,
    Story,
    VillageCompact,
    YouthActivity,
    YouthCentre,
)
from people import services as people_services
from people.models import Person
from redcross.testing import person_factory_kwargs, valid_id
from tests.organizations import samples as org_samples

TOWN = "510104022000"
COMMUNITY = "510104022006"


def person(n, region_code="510104000000", birth=None):
    kwargs = person_factory_kwargs(n, region_code)
    if birth:
        kwargs["document_number"] = valid_id(area=region_code[:6], birth=birth, seq=f"{n % 1000:03d}")
    found = Person.objects.filter(full_name=kwargs["full_name"]).first()
    return found or people_services.person_create(**kwargs)


def square(personas, name="春熙路红十字文化广场", region_code=TOWN, place_kind="community"):
    existing = CultureSquare.objects.filter(name=name, region_id=region_code).first()
    return existing or services.square_save(
        actor=personas["jinjiang"], name=name, place_kind=place_kind, region=Region.objects.get(code=region_code),
        host="春熙路街道办事处", opened_on=date(2024, 5, 8), themes="应急救护、无偿献血、红十字运动历史")


def story(personas, title="锦江急救英雄", with_person=True, n=310, birth=None):
    existing = Story.objects.filter(title=title).first()
    return existing or services.story_save(
        actor=personas["jinjiang"], title=title, kind="first_aid_hero", region=Region.objects.get(code=TOWN),
        person=person(n, birth=birth) if with_person else None, public_name="王女士",
        summary="地铁站内用AED救回心脏骤停乘客", body="2025年3月，王女士在春熙路地铁站……")


def youth_centre(personas, name="锦江实验小学青少年红十字教育活动中心"):
    existing = YouthCentre.objects.filter(name=name).first()
    school = org_samples.institution(personas, kind="school", school_stage="primary", name="锦江实验小学")
    return existing or services.youth_centre_save(actor=personas["jinjiang"], name=name, school=school,
                                                  opened_on=date(2024, 9, 1))


def youth_activity(personas):
    return services.youth_activity_record(actor=personas["jinjiang"], centre=youth_centre(personas),
                                          title="红十字知识课堂", held_on=timezone.localdate() - timedelta(days=2),
                                          participants=45)


def campaign(personas, title="5·8世界红十字日主题宣传", kind="red_cross_day"):
    existing = Campaign.objects.filter(title=title).first()
    return existing or services.campaign_save(
        actor=personas["jinjiang"], title=title, kind=kind, held_on=date(2025, 5, 8),
        region=Region.objects.get(code=TOWN), square=square(personas), place="", organiser=personas["orgs"]["jinjiang"],
        participants=800, online_reach=52000, summary="现场急救演示与无偿献血宣传")


def compact(personas, community=COMMUNITY):
    existing = VillageCompact.objects.filter(community_id=community).first()
    return existing or services.compact_save(
        actor=personas["jinjiang"], community=Region.objects.get(code=community), title="总府路社区居民公约",
        adopted_on=date(2024, 3, 1), red_cross_clauses="第八条 邻里守望，学习应急救护，踊跃无偿献血。")


def care_recipient(personas, n=330):
    someone = person(n)
    existing = CareRecipient.objects.filter(person=someone, is_active=True).first()
    return existing or services.care_recipient_save(
        actor=personas["jinjiang"], person=someone, region=someone.region, category="elderly",
        care_team="社区志愿者服务队", consent_on=timezone.localdate(), consent_giver="self")


def care_record(personas):
    return services.care_record_add(actor=personas["jinjiang"], recipient=care_recipient(personas), kind="mental",
                                    given_on=timezone.localdate(), notes="上门陪伴聊天一小时")


def many(personas, count=8):
    """More than a page of five of every outreach list (tests/platform/test_api_queries.py)."""
    org_samples.many_grassroots(personas, count)
    for n in range(count):
        square(personas, name=f"样本广场{n}")
        story(personas, title=f"样本故事{n}", with_person=False)
        campaign(personas, title=f"样本活动{n}")
        youth_centre(personas, name=f"样本青少年中心{n}")
        youth_activity(personas)
        care_record(personas)
        care_recipient(personas, n=340 + n)
    for community in Region.objects.filter(level="community", code__startswith="510104").order_by("code")[:count]:
        compact(personas, community=community.code)


SAMPLES = {
    CultureSquare: square,
    Story: story,
    YouthCentre: youth_centre,
    YouthActivity: youth_activity,
    Campaign: campaign,
    VillageCompact: compact,
    CareRecipient: care_recipient,
    CareRecord: care_record,
}
