"""Demo data for `make run` (called by the bootstrap command): idempotent, deterministic.

Grassroots: disaster-prevention centre pilots in all three zones (one operating, one accepted, others built or
planned), the institutions register of the central districts with partial coverage (one member unit inactive), AED
stations with inspections, partner sites, and the old typed "work" flags carried over as reasoned overrides.
Culture: squares of every place kind, stories (published with consent and approval, and a draft), campaigns,
village compacts, a youth education centre and people in community care.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from organizations import grassroots_services as grassroots
from organizations import services as org_services
from organizations.choices import CentreStatus, OrganizationKind
from organizations.models import Centre, Institution, Organization, Region, TownWorkOverride
from outreach import services
from outreach.models import CultureSquare

# zone, district, host kind, name, scenic grade, status to reach
CENTRES = [
    ("510104", "community", "总府路社区红十字防灾避险中心", "", CentreStatus.OPERATING),
    ("510105", "town", "青羊区少城街道红十字防灾避险中心", "", CentreStatus.ACCEPTED),
    ("510107", "community", "武侯区玉林社区红十字防灾避险中心", "", CentreStatus.BUILT),
    ("510116", "town", "双流区东升街道红十字防灾避险中心", "", CentreStatus.ACCEPTED),
    ("510117", "community", "郫都区红十字防灾避险中心（社区试点）", "", CentreStatus.PLANNED),
    ("510181", "scenic_area", "青城山景区红十字防灾避险中心", "5A", CentreStatus.ACCEPTED),
    ("510182", "town", "彭州市红十字防灾避险中心（镇试点）", "", CentreStatus.BUILT),
]
# district, kind, name, stage or grade, headcount, covered (None: no unit; False: unit inactive)
INSTITUTIONS = [
    ("510104", "enterprise", "成都远洋太古里商业管理有限公司", "", 2600, True),
    ("510104", "enterprise", "锦江宾馆有限责任公司", "", 1200, None),
    ("510104", "school", "成都市盐道街中学", "complete", 420, True),
    ("510104", "school", "成都市锦江区天涯石小学", "primary", 160, False),
    ("510104", "hospital", "四川省第二中医医院", "", 900, True),
    ("510104", "university", "四川师范大学（锦江校区）", "", 1800, None),
    ("510105", "enterprise", "成都文旅宽窄巷子管理有限公司", "", 600, None),
    ("510105", "school", "成都石室中学", "complete", 500, True),
    ("510105", "school", "成都市泡桐树小学", "primary", 220, None),
    ("510105", "hospital", "四川省人民医院", "", 6800, True),
    ("510105", "university", "西南财经大学（光华校区）", "", 3200, True),
    ("510105", "scenic_area", "杜甫草堂博物馆", "4A", 260, None),
    ("510106", "hospital", "成都市第三人民医院", "", 2100, None),
    ("510106", "school", "成都市第十八中学", "complete", 300, None),
    ("510107", "scenic_area", "成都武侯祠博物馆", "4A", 310, True),
    ("510107", "university", "四川大学（望江校区）", "", 9800, True),
    ("510107", "enterprise", "成都高新技术产业开发区某电子有限公司", "", 5200, None),
    ("510108", "scenic_area", "成都大熊猫繁育研究基地", "4A", 700, True),
    ("510108", "school", "成都七中万达学校", "nine_year", 260, None),
    ("510181", "scenic_area", "青城山—都江堰景区", "5A", 1500, True),
    ("510114", "industrial_park", "成都新都现代交通产业功能区", "", 42000, None),
]
# Scenic areas whose member unit the organisations demo already created (training's scenic-staff sessions and
# targets name them): the register links to that unit, so its staff headcount is the training target's count.
SCENIC_UNITS = {"成都大熊猫繁育研究基地": "成都大熊猫繁育研究基地红十字服务站",
                "青城山—都江堰景区": "都江堰景区红十字救护站"}
SQUARES = [
    ("510104", "community", "总府路社区红十字文化广场", "总府路社区居委会", "应急救护、邻里互助"),
    ("510104", "greenway", "锦江绿道红十字文化长廊", "锦江区公园城市建设局", "红十字运动历史、无偿献血"),
    ("510105", "park", "人民公园红十字文化广场", "青羊区红十字会", "人道、博爱、奉献"),
    ("510107", "school", "四川大学红十字文化园地", "四川大学红十字会", "青少年红十字、急救知识"),
    ("510108", "transport_hub", "成都东站红十字文化驿站", "成都东站", "AED 使用、应急避险"),
    ("510181", "scenic_spot", "青城山红十字文化广场", "青城山—都江堰景区管理局", "山地救援、防灾避险"),
]


def _user(username):
    return get_user_model().objects.filter(username=username).first()


def _first(level, district, n=0):
    return Region.objects.filter(level=level, code__startswith=district).order_by("code")[n]


def _certificates(limit):
    from training.selectors import current_certificate_numbers

    return current_certificate_numbers(on=timezone.localdate(), limit=limit)


def demo_grassroots(actor) -> int:
    added = 0
    today = timezone.localdate()
    numbers = iter(_certificates(40))
    for index, (district, host_kind, name, grade, target) in enumerate(CENTRES):
        level = "community" if host_kind == "community" else "town"
        region = _first(level, district, index % 2)
        if Centre.objects.filter(name=name).exists():
            continue
        host = None
        if host_kind == "scenic_area":
            host = Organization.objects.filter(kind=OrganizationKind.MEMBER_UNIT, unit_type="scenic_area",
                                               region__code__startswith=district, is_active=True).first()
            host = host or org_services.organization_create(
                name="青城山—都江堰景区红十字会员单位", kind=OrganizationKind.MEMBER_UNIT, unit_type="scenic_area",
                region=region)
        checklist = target != CentreStatus.PLANNED
        centre = grassroots.centre_save(
            actor=actor, name=name, host_kind=host_kind, region=region, host=host, scenic_grade=grade,
            batch=1 if index < 4 else 2, address=f"{region.name}综合服务中心", shelter_capacity=200 + 100 * index,
            latitude=Decimal("30.657000") + Decimal(index) / 100,
            longitude=Decimal("104.065000") + Decimal(index) / 100,
            premises_area=Decimal(150 + 20 * index) if checklist else None, aeds=2 if checklist else 0,
            has_supplies=checklist, has_signage=checklist, has_evacuation_map=checklist)
        added += 1
        if target in (CentreStatus.ACCEPTED, CentreStatus.OPERATING):
            for _k in range(2):
                number = next(numbers, None)
                if number:
                    grassroots.centre_staff_add(actor=actor, centre=centre, certificate_number=number, duty="值守")
        order = [CentreStatus.BUILT, CentreStatus.ACCEPTED, CentreStatus.OPERATING]
        for status in order[: order.index(target) + 1] if target != CentreStatus.PLANNED else []:
            try:
                centre = grassroots.centre_advance(actor=actor, centre=centre, to_status=status)
            except Exception:  # noqa: BLE001 - no valid certificates in this database: stay where it is
                break
        if centre.status != CentreStatus.PLANNED:
            grassroots.centre_inspection_record(actor=actor, centre=centre,
                                                inspected_on=today - timedelta(days=80 - index),
                                                inspector="市红十字会督导组", findings="物资齐全，标识清晰")
    for district, kind, name, detail, headcount, covered in INSTITUTIONS:
        region = _first("town", district)
        if Institution.objects.filter(name=name).exists():
            continue
        unit = None
        if kind == "scenic_area" and name in SCENIC_UNITS:
            unit = Organization.objects.filter(name=SCENIC_UNITS[name], kind=OrganizationKind.MEMBER_UNIT).first()
        if unit is None and covered is not None:
            unit = org_services.organization_create(
                name=f"{name}红十字会", kind=OrganizationKind.MEMBER_UNIT,
                unit_type=kind if kind in ("university", "school", "enterprise", "hospital", "scenic_area")
                else "other",
                region=region, is_active=covered)
        grassroots.institution_save(
            actor=actor, name=name, kind=kind, region=region, headcount=headcount, member_unit=unit,
            school_stage=detail if kind == "school" else "", scenic_grade=detail if kind == "scenic_area" else "")
        added += 1
    if not grassroots.AedStation.objects.exists():
        for index, district in enumerate(("510104", "510104", "510105", "510107", "510108", "510116")):
            community = _first("community", district, index % 3)
            station = grassroots.aed_station_save(
                actor=actor, name=f"{community.name}AED点位", region=community,
                address=f"{community.name}党群服务中心一楼", host_unit=f"{community.name}居委会",
                device_model="迈瑞 BeneHeart C1A", serial_number=f"DEMO-AED-{index:03d}",
                installed_on=date(2024, 6, 1), opening_hours="全天",
                latitude=Decimal("30.650000") + Decimal(index) / 200,
                longitude=Decimal("104.070000") + Decimal(index) / 200)
            grassroots.aed_inspection_record(actor=actor, station=station,
                                             inspected_on=today - timedelta(days=30 + 12 * index),
                                             inspector="社区网格员", pads_expire_on=date(2027, 6, 1))
            added += 1
    if not grassroots.PartnerSite.objects.exists():
        for district, kind, name, agency in (
                ("510104", "civilisation", "锦江区新时代文明实践中心", "锦江区委宣传部"),
                ("510105", "veterans", "少城街道退役军人服务站", "青羊区退役军人事务局"),
                ("510107", "lifelong", "成都开放大学玉林社区终身教育点", "成都开放大学")):
            grassroots.partner_site_save(actor=actor, name=name, kind=kind, region=_first("town", district),
                                         agency=agency, agreement_number=f"HZ-2025-{district}",
                                         agreement_signed_on=date(2025, 3, 1),
                                         services="应急救护培训、防灾减灾宣传、无偿献血招募")
            added += 1
    # The old typed "work" flags become reasoned overrides, as the migration does for live data.
    towns = (Organization.objects.filter(kind=OrganizationKind.TOWN_ORGANIZATION, is_active=True,
                                         has_regular_work=True).values_list("region_id", flat=True))
    existing = set(TownWorkOverride.objects.values_list("region_id", flat=True))
    reason = "演示数据：年度工作台账已核验"
    TownWorkOverride.objects.bulk_create([TownWorkOverride(region_id=code, has_work=True, reason=reason)
                                          for code in set(towns) - existing])
    return added


def demo_culture(writer, approver) -> int:
    if CultureSquare.objects.exists():
        return 0
    from people.models import Person

    added = 0
    squares = []
    for index, (district, kind, name, host, themes) in enumerate(SQUARES):
        squares.append(services.square_save(actor=approver, name=name, place_kind=kind,
                                            region=_first("town", district), host=host,
                                            opened_on=date(2023, 5, 8) + timedelta(days=60 * index), themes=themes))
        added += 1
    jinjiang = Organization.objects.get(region_id="510104000000", kind=OrganizationKind.DISTRICT_SOCIETY,
                                        is_active=True)
    city = Organization.objects.get(region_id="510100000000", kind=OrganizationKind.CITY_SOCIETY, is_active=True)
    for title, kind, held_on, square, organiser, participants, reach in (
            ("2025年5·8世界红十字日主题活动", "red_cross_day", date(2025, 5, 8), squares[0], jinjiang, 1200, 86000),
            ("5·12防灾减灾日应急避险演练", "disaster_day", date(2025, 5, 12), squares[4], city, 650, 41000),
            ("世界急救日“人人学急救”公益课", "first_aid_day", date(2025, 9, 13), squares[2], city, 900, 120000)):
        services.campaign_save(actor=approver, title=title, kind=kind, held_on=held_on, region=square.region,
                               square=square, place="", organiser=organiser, participants=participants,
                               online_reach=reach, summary="现场急救演示、AED 体验、无偿献血宣传")
        added += 1
    people = list(Person.objects.filter(region__code__startswith="510104").order_by("id")[:3])
    for index, (title, kind, name, summary) in enumerate((
            ("地铁站里的 4 分钟", "first_aid_hero", "王女士", "用 AED 救回心脏骤停的乘客"),
            ("十年献血 60 次的社区志愿者", "donor", "李先生", "坚持无偿献血十年，带动邻里加入"),
            ("护河志愿者的清晨", "volunteer", "张阿姨", "每天清晨巡河，组织邻里学习溺水急救"))):
        person = people[index] if index < len(people) else None
        story = services.story_save(actor=writer, title=title, kind=kind, region=_first("town", "510104"),
                                    person=person, public_name=name, summary=summary,
                                    body=f"{summary}。\n\n{name}说：“学会急救，关键时刻能救命。”")
        if index < 2:
            if person is not None:
                services.story_record_consent(actor=writer, story=story, given_by="self", name=name,
                                              reference=f"同意书 JJ-2025-{index + 1:03d}")
            services.story_approve(actor=approver, story=story)
            services.story_publish(actor=approver, story=story)
        added += 1
    for community in Region.objects.filter(level="community", code__startswith="510104022").order_by("code")[:3]:
        services.compact_save(actor=approver, community=community, title=f"{community.name}居民公约",
                              adopted_on=date(2024, 3, 1), red_cross_clauses="邻里守望，学习应急救护，踊跃无偿献血。")
        added += 1
    school = Institution.objects.filter(kind="school", region__code__startswith="510104").first()
    if school is not None:
        centre = services.youth_centre_save(actor=approver, name=f"{school.name}青少年红十字教育活动中心",
                                            school=school, opened_on=date(2024, 9, 1))
        services.youth_activity_record(actor=approver, centre=centre, title="红十字知识进课堂",
                                       held_on=timezone.localdate() - timedelta(days=20), participants=48)
        added += 1
    for index, person in enumerate(people[:2]):
        services.care_recipient_save(actor=writer, person=person, region=person.region,
                                     category=("elderly", "low_income")[index], care_team="社区红十字志愿服务队",
                                     consent_on=date(2025, 1, 10), consent_giver="self")
        added += 1
    return added


def load_demo() -> str:
    actor = _user("city_admin")
    writer = _user("jinjiang_staff") or actor
    if actor is None:
        return "outreach: no city_admin user, demo skipped"
    with transaction.atomic():
        grassroots_added = demo_grassroots(actor)
        culture_added = demo_culture(writer, actor)
    grassroots.certificate_figures_refresh()
    from training.services import targets_recompute

    targets_recompute()  # the scenic-staff targets take the register's headcounts now that it exists
    figures = grassroots.coverage_figures_recompute()
    return f"outreach: {grassroots_added} grassroots and {culture_added} culture records added; {figures} figures"
