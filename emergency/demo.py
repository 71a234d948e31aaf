"""Demo data for `make run` (called by the bootstrap command): idempotent, deterministic.

Teams of each of the six types in the central districts (most ready, some
amber or red for a stated reason), the requirement matrix, warehouses with
stock (some lots near expiry, some items below minimum), two plans, a current
alert, and a closed flood incident with reports, a deployment, dispatched
stock, an emergency fund and its review.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from emergency import services
from emergency.catalogue import items_load, standards_load
from emergency.choices import TeamType
from emergency.models import Item, Team
from organizations.models import Organization, Region
from people.identifiers import DocumentType, id_check_character

DISTRICTS = ["510104", "510105", "510106", "510107", "510108", "510113"]
TYPE_NAMES = {TeamType.RELIEF: "赈济救护队", TeamType.MEDICAL: "医疗救护队", TeamType.PSYCHOLOGICAL: "心理救援队",
              TeamType.SEARCH_RESCUE: "搜救队", TeamType.WATER_RESCUE: "水上救生队",
              TeamType.WATER_SUPPLY: "供水救援队"}
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
GIVEN = ["建国", "志强", "秀英", "海燕", "文杰", "丽娟", "明辉", "春梅", "永红", "晓东", "德华", "玉兰"]
FLOOD_STEPS = [
    ("值班室", "接收预警并报告会领导，通知各水上救生队、赈济队待命", 0),
    ("水上救生队", "集结，检查救生艇、救生衣、抛投器", 60),
    ("物资保障组", "清点帐篷、棉被、家庭箱，按最早到期先出准备调拨", 90),
    ("赈济救护队", "进入安置点开展救护和物资发放", 180),
    ("宣传组", "每日发布救灾款物接收和使用情况（5日内必须公开）", 1440),
]
QUAKE_STEPS = [
    ("值班室", "启动应急响应，报告市应急管理局", 0),
    ("搜救队", "携生命探测仪、破拆工具赶赴现场", 30),
    ("医疗救护队", "设立现场救护点", 120),
    ("心理救援队", "进入安置点开展心理急救", 1440),
]


def _volunteer(n, area, actor):
    from volunteers import selectors as volunteer_selectors
    from volunteers import services as volunteer_services

    born = f"{1970 + n % 30}{1 + n % 12:02d}{1 + n % 28:02d}"
    first17 = f"{area}{born}{700 + n % 300:03d}"
    number = first17 + id_check_character(first17)
    from people.services import person_find_by_document

    person = person_find_by_document(document_type=DocumentType.RESIDENT_ID, document_number=number)
    existing = volunteer_selectors.volunteer_of_person(person)
    if existing is not None:
        return existing
    region = Region.objects.filter(code__startswith=area, level="community").order_by("code")[n % 30]
    applied = volunteer_services.volunteer_apply(
        full_name=SURNAMES[n % len(SURNAMES)] + GIVEN[(n * 5) % len(GIVEN)], document_type=DocumentType.RESIDENT_ID,
        document_number=number, mobile=f"135{(n * 7927) % 10**8:08d}", region=region, consent=True,
        skills=["first_aider"])
    return volunteer_services.volunteer_accept(volunteer=applied, actor=actor)


def _certify(volunteer, kinds, today, expired=False):
    from training.catalogue import catalogue_load
    from training.models import Certificate, Course

    catalogue_load()
    for kind in kinds:
        course = Course.objects.filter(kind=kind).order_by("pk").first()
        number = f"EM{volunteer.pk:07d}{kind[:3].upper()}"
        if Certificate.objects.filter(number=number).exists():
            continue
        issued = today - timedelta(days=800 if expired else 200)
        Certificate.objects.create(number=number, person=volunteer.person, course=course,
                                   organization=volunteer.organization, issued_on=issued,
                                   expires_on=today - timedelta(days=5) if expired else issued + timedelta(days=1095))


@transaction.atomic
def demo_emergency() -> str:
    from emergency.models import TeamStandard
    from volunteers import services as volunteer_services

    standards_load()
    items_load()
    if Team.objects.exists():
        return "emergency: demo already present"
    User = get_user_model()
    actor = User.objects.filter(username="city_admin").first()
    if actor is None:
        return "emergency: no city_admin user, demo skipped"
    today = timezone.localdate()
    standards = {s.team_type: s for s in TeamStandard.objects.all()}
    teams, n = [], 0
    for d_index, area in enumerate(DISTRICTS):
        district = Region.objects.get(code=f"{area}000000")
        society = Organization.objects.filter(region=district, kind="district_society").first()
        if society is None:
            continue
        for t_index, team_type in enumerate(TeamType):
            services.requirement_set(actor=actor, region=district, team_type=team_type)
            # Each district lacks one type (区域需求差异化: required but not yet built), the matrix shows it.
            if (d_index + t_index) % 7 == 6:
                continue
            standard = standards[team_type]
            team = services.team_save(actor=actor, name=f"{district.name}红十字{TYPE_NAMES[team_type]}",
                                      organization=society, region=district, team_type=team_type, level="district",
                                      founded_on=date(2019 + (d_index + t_index) % 6, 3 + t_index, 12))
            flaw = (d_index * 6 + t_index) % 5  # 0-2 ready, 3 an expired certificate, 4 an old drill
            people = []
            for index in range(standard.min_members):
                n += 1
                volunteer = _volunteer(n, area, actor)
                _certify(volunteer, standard.required_course_kinds, today, expired=(flaw == 3 and index == 0))
                volunteer_services.insurance_add(volunteer=volunteer, actor=actor, insurer="中国人寿成都分公司",
                                                 policy_number=f"RC{today.year}{n:05d}",
                                                 starts_on=today - timedelta(days=60),
                                                 ends_on=today + timedelta(days=305))
                services.member_add(actor=actor, team=team, volunteer=volunteer,
                                    role="leader" if index == 0 else "deputy" if index == 1 else "member",
                                    joined_on=team.founded_on)
                people.append(volunteer)
            for k_index, kind in enumerate(standard.kit):
                services.equipment_save(actor=actor, team=team, kind=kind, serial=f"{area}-{t_index}{k_index:02d}",
                                        quantity=2 + k_index, condition="good",
                                        next_inspection_on=today + timedelta(days=30 + 20 * k_index))
            held = today - timedelta(days=standard.drill_interval_days + 20 if flaw == 4 else 25 + t_index)
            services.drill_record(actor=actor, team=team, held_on=held,
                                  scenario=f"{TYPE_NAMES[team_type]}年度综合演练", hours=Decimal("4"),
                                  participants=people[: max(2, len(people) // 2)])
            teams.append(team)
    services.readiness_recompute(team_ids=[t.pk for t in teams])

    # Relief stock: a city warehouse and one per central district.
    items = {i.code: i for i in Item.objects.all()}
    city = Organization.objects.filter(kind="city_society", region__is_home_city=True).first()
    stores = [services.warehouse_save(actor=actor, name="成都市红十字会备灾救灾中心仓库", organization=city,
                                      region=city.region, address="成华区龙潭工业园")]
    for area in DISTRICTS[:5]:
        society = Organization.objects.filter(region_id=f"{area}000000", kind="district_society").first()
        if society:
            stores.append(services.warehouse_save(actor=actor, name=f"{society.region.name}救灾物资储备库",
                                                  organization=society, region=society.region,
                                                  address=f"{society.region.name}应急物资储备点"))
    plan_rows = [("tent", 200, 1800), ("quilt", 800, 1500), ("family-kit", 300, 400), ("first-aid-kit", 500, 25),
                 ("bottled-water", 600, 70), ("instant-noodles", 400, 45), ("water-unit", 6, None),
                 ("hygiene-kit", 300, 240)]
    for s_index, store in enumerate(stores):
        scale = 4 if s_index == 0 else 1
        for code, quantity, shelf in plan_rows:
            services.stock_receive(actor=actor, warehouse=store, item=items[code], quantity=quantity * scale // 2,
                                   batch=f"{today.year}-{code[:3].upper()}-{s_index:02d}",
                                   received_on=today - timedelta(days=60),
                                   expires_on=today + timedelta(days=shelf + s_index * 3) if shelf else None)
            services.minimum_set(actor=actor, warehouse=store, item=items[code],
                                 minimum=quantity * scale // (3 if code != "tent" or s_index % 2 else 1))
    # Plans, an alert from the emergency bureau, and a closed incident.
    flood = services.plan_save(
        actor=actor, title="成都市城市内涝和洪涝灾害红十字应急预案", hazard_class="natural", hazard="洪涝",
        region=city.region, organization=city, level="3", summary="Ⅲ级响应：启动市、区两级水上救生队和赈济队。",
        steps=[{"role": r, "action": a, "offset_minutes": m} for r, a, m in FLOOD_STEPS])
    services.plan_save(
        actor=actor, title="成都市地震灾害红十字应急预案", hazard_class="natural", hazard="地震", region=city.region,
        organization=city, level="2", summary="Ⅱ级响应：搜救、医疗、心理救援队联动。",
        steps=[{"role": r, "action": a, "offset_minutes": m} for r, a, m in QUAKE_STEPS])
    partner = User.objects.filter(username="partner_yingji").first()
    now = timezone.now()
    alert, _created = services.alert_post(
        actor=partner, source="成都市应急管理局", source_id=f"CDYJ-{today:%Y%m%d}-01", hazard_class="natural",
        hazard="暴雨", colour="yellow", title="暴雨黄色预警：锦江区、成华区",
        message="预计未来12小时累计降雨50毫米以上，注意防范城市内涝。",
        regions=list(Region.objects.filter(code__in=["510104000000", "510108000000"])), valid_from=now,
        valid_until=now + timedelta(hours=24))
    services.alert_notify(alert_id=alert.pk)
    _closed_incident(actor, flood, stores[0], items, today)
    return f"emergency: {len(teams)} teams, {len(stores)} warehouses, 2 plans, 1 alert, 1 closed incident"


def _closed_incident(actor, plan, store, items, today):
    from donations import selectors as donation_selectors

    # The donations demo's flood fund: its gifts and payments are the incident's money received and spent.
    fund = donation_selectors.fund_by_code("EM-2026-FLOOD")
    region = Region.objects.get(code="510121000000")
    incident = services.incident_open(
        actor=actor, title="金堂县“7·12”暴雨洪涝", region=region, plan=plan, fund=fund, create_fund=fund is None,
        summary="7月12日起金堂县普降暴雨，沱江沿线部分镇街受淹，红十字会启动Ⅲ级响应。")
    for index, (affected, displaced, needs, done) in enumerate([
            (1200, 300, "帐篷、棉被、饮用水", "水上救生队转移群众86人"),
            (3400, 820, "家庭箱、卫生包、心理疏导", "设立安置点救护站2个，发放棉被300床"),
            (2100, 150, "灾后消杀、饮用水", "安置群众陆续返家，开展心理疏导")]):
        report = services.sitrep_file(actor=actor, incident=incident, affected=affected, injured=index * 3,
                                      displaced=displaced, needs=needs, actions=done)
        type(report).objects.filter(pk=report.pk).update(reported_at=incident.opened_at + timedelta(hours=8 * index))
    team = Team.objects.filter(team_type="water_rescue", readiness="green").first()
    if team is not None:
        deployment = services.deployment_request(actor=actor, incident=incident, team=team, task="转移受困群众")
        for status in ("approved", "on_site", "returned"):
            services.deployment_advance(actor=actor, deployment=deployment, status=status)
    for code, quantity in (("quilt", 300), ("tent", 40), ("bottled-water", 150)):
        request = services.stock_request_create(actor=actor, incident=incident, item=items[code], quantity=quantity,
                                                destination="金堂县赵镇街道安置点", warehouse=store)
        services.stock_request_dispatch(actor=actor, stock_request=request)
    for task in incident.tasks.all():
        services.task_done(actor=actor, task=task)
    services.incident_advance(actor=actor, incident=incident, status="recovery")
    services.incident_advance(actor=actor, incident=incident, status="closed",
                              review_lessons="预警发布到水上救生队集结用时95分钟，超过预案60分钟的要求。",
                              review_actions="为金堂县增配救生艇2艘；汛前开展一次县级联合演练。")
