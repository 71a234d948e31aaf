"""锦江 samples for the emergency app, discovered by the platform walks (tests/platform/), and builders the
emergency tests share."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from emergency import services
from emergency.catalogue import items_load, standards_load
from emergency.models import (
    Alert,
    AlertNotice,
    Deployment,
    Drill,
    Equipment,
    Incident,
    Item,
    MutualAid,
    Plan,
    SituationReport,
    StockLot,
    StockMinimum,
    StockMovement,
    StockRequest,
    Team,
    TeamMember,
    TeamRequirement,
    TeamStandard,
    Warehouse,
)
from organizations.models import Region
from redcross.testing import person_factory_kwargs
from volunteers import services as volunteer_services

JINJIANG = "510104000000"
TOWN = "510104022000"
_counter = {"n": 0}


def region(code=JINJIANG):
    return Region.objects.get(code=code)


def volunteer(personas, n=None, insured=True, region_code=TOWN, birth=None, **kwargs):
    """An accepted volunteer with a unique ID number (the birth date varies), insured unless told otherwise."""
    from datetime import date

    from redcross.testing import valid_id

    _counter["n"] += 1
    n = n or 900 + _counter["n"] % 90000
    fields = person_factory_kwargs(n % 1000, region_code)
    born = birth or date(1970, 1, 1) + timedelta(days=_counter["n"])
    fields.update(full_name=f"队员{_counter['n']}", mobile=f"139{_counter['n']:08d}"[:11],
                  document_number=valid_id(area=region_code[:6], birth=born.strftime("%Y%m%d"), seq="321"), **kwargs)
    applied = volunteer_services.volunteer_apply(consent=True, **fields)
    accepted = volunteer_services.volunteer_accept(volunteer=applied, actor=personas["jinjiang"])
    if insured:
        today = timezone.localdate()
        volunteer_services.insurance_add(volunteer=accepted, actor=personas["jinjiang"], insurer="中国人寿",
                                         policy_number=f"P{n}", starts_on=today - timedelta(days=30),
                                         ends_on=today + timedelta(days=335))
    return accepted


def certify(volunteer, kinds=("first_aider", "water_safety"), expires_in=365):
    """A valid training certificate of each kind (written directly: the training app's path is tested there)."""
    from training.catalogue import catalogue_load
    from training.models import Certificate, Course

    catalogue_load()
    today = timezone.localdate()
    made = []
    for kind in kinds:
        course = Course.objects.filter(kind=kind).first()
        made.append(Certificate.objects.create(
            number=f"T{volunteer.pk:06d}{kind[:3]}{Certificate.objects.count():04d}", person=volunteer.person,
            course=course, organization=volunteer.organization, issued_on=today - timedelta(days=400),
            expires_on=today + timedelta(days=expires_in)))
    return made


def small_standard(team_type="water_rescue", min_members=2, kinds=("first_aider", "water_safety"),
                   kit=("救生艇", "救生衣"), interval=90):
    standards_load()
    TeamStandard.objects.filter(team_type=team_type).update(min_members=min_members, required_course_kinds=list(kinds),
                                                            kit=list(kit), drill_interval_days=interval)
    return TeamStandard.objects.get(team_type=team_type)


def team(personas, name="锦江区红十字水上救生队", team_type="water_rescue", region_code=JINJIANG, owner="jinjiang",
         **extra):
    existing = Team.objects.filter(name=name).first()
    if existing is not None:
        return existing
    standards_load()
    return services.team_save(actor=personas["city_admin"], name=name, organization=personas["orgs"][owner],
                              region=region(region_code), team_type=team_type, level="district",
                              founded_on=timezone.localdate() - timedelta(days=800), **extra)


def ready_team(personas, name="锦江区红十字水上救生队", team_type="water_rescue", members=2, owner="jinjiang",
               region_code=JINJIANG):
    """A team that meets a small standard: members certified and insured, kit inspected, drilled last month."""
    small_standard(team_type, min_members=members)
    built = team(personas, name=name, team_type=team_type, owner=owner, region_code=region_code)
    actor = personas["jinjiang"] if owner == "jinjiang" else personas["city_admin"]
    people = []
    for index in range(members):
        someone = volunteer(personas)
        certify(someone)
        services.member_add(actor=actor, team=built, volunteer=someone,
                            role="leader" if index == 0 else "member")
        people.append(someone)
    for kind in ("救生艇", "救生衣"):
        services.equipment_save(actor=actor, team=built, kind=kind, serial=f"{kind}-{built.pk}", quantity=2,
                                condition="good", next_inspection_on=timezone.localdate() + timedelta(days=60))
    if owner == "jinjiang":
        services.drill_record(actor=actor, team=built, held_on=timezone.localdate() - timedelta(days=20),
                              scenario="城区内涝转移群众演练", hours=Decimal("3"), participants=people)
    services.readiness_recompute(team_ids=[built.pk])
    built.refresh_from_db()
    return built


def member(personas):
    return services.member_add(actor=personas["jinjiang"], team=team(personas), volunteer=volunteer(personas),
                               role="member")


def equipment(personas):
    return services.equipment_save(actor=personas["jinjiang"], team=team(personas), kind="救生衣", serial="JJ-001",
                                   quantity=10, condition="good",
                                   next_inspection_on=timezone.localdate() + timedelta(days=90))


def drill(personas):
    someone = member(personas)
    return services.drill_record(actor=personas["jinjiang"], team=someone.team, held_on=timezone.localdate(),
                                 scenario="锦江河段落水救援", hours=2, participants=[someone.volunteer])


def requirement(personas, team_type="water_rescue", region_code=JINJIANG):
    return services.requirement_set(actor=personas["city_admin"], region=region(region_code), team_type=team_type)


def warehouse(personas, name="锦江区救灾物资仓库", owner="jinjiang", region_code=JINJIANG):
    existing = Warehouse.objects.filter(name=name).first()
    if existing is not None:
        return existing
    return services.warehouse_save(actor=personas["city_admin"], name=name, organization=personas["orgs"][owner],
                                   region=region(region_code), address="锦江区东大街1号")


def item(code="tent"):
    items_load()
    return Item.objects.get(code=code)


def lot(personas, quantity=100, expires_in=400, code="tent", batch=None, store=None):
    return services.stock_receive(actor=personas["jinjiang"], warehouse=store or warehouse(personas), item=item(code),
                                  quantity=quantity, batch=batch or f"B{StockLot.objects.count() + 1:04d}",
                                  expires_on=timezone.localdate() + timedelta(days=expires_in) if expires_in else None)


def movement(personas):
    return lot(personas).movements.get()


def minimum(personas, code="quilt", level=50):
    return services.minimum_set(actor=personas["jinjiang"], warehouse=warehouse(personas), item=item(code),
                                minimum=level)


FLOOD_STEPS = [
    {"order": 1, "role": "值班室", "action": "接收预警，通知水上救生队待命", "offset_minutes": 0},
    {"order": 2, "role": "水上救生队", "action": "集结并检查救生艇、救生衣", "offset_minutes": 60},
    {"order": 3, "role": "物资组", "action": "向安置点调拨帐篷和棉被", "offset_minutes": 180},
]


def plan(personas, title="锦江区城市内涝应急预案", region_code=JINJIANG, owner="jinjiang", version=1):
    existing = Plan.objects.filter(title=title).first()
    if existing is not None:
        return existing
    return services.plan_save(actor=personas["jinjiang"] if owner == "jinjiang" else personas["city_admin"],
                              title=title, hazard_class="natural", hazard="洪涝", region=region(region_code),
                              organization=personas["orgs"][owner], level="4", version=version, steps=FLOOD_STEPS)


def alert(personas, source_id="YJ-2026-001", region_codes=(JINJIANG,)):
    now = timezone.now()
    posted, _created = services.alert_post(
        actor=personas["partner"], source="成都市应急管理局", source_id=source_id, hazard_class="natural",
        hazard="暴雨", colour="orange", title="锦江区暴雨橙色预警", message="未来6小时降雨量将达50毫米以上",
        regions=[region(c) for c in region_codes], valid_from=now, valid_until=now + timedelta(hours=12))
    services.alert_notify(alert_id=posted.pk)
    return posted


def notice(personas):
    return alert(personas, source_id="YJ-2026-NOTICE").notices.get(organization=personas["orgs"]["jinjiang"])


def incident(personas, title="锦江区城市内涝", with_plan=True):
    return services.incident_open(actor=personas["jinjiang"], title=title, region=region(),
                                  plan=plan(personas) if with_plan else None, hazard_class="natural", hazard="洪涝",
                                  level="4", summary="持续强降雨导致锦江区部分街道积水。")


def sitrep(personas):
    return services.sitrep_file(actor=personas["jinjiang"], incident=incident(personas, "锦江区内涝样本"), affected=120,
                                injured=2, displaced=40, needs="帐篷、棉被", actions="转移群众40人")


def deployment(personas):
    return services.deployment_request(actor=personas["jinjiang"], incident=incident(personas, "锦江区部署样本"),
                                       team=ready_team(personas, name="锦江区部署样本队"), task="转移群众")


def stock_request(personas):
    return services.stock_request_create(actor=personas["jinjiang"], incident=incident(personas, "锦江区调拨样本"),
                                         item=item("quilt"), quantity=20, destination="东光街道安置点")


def mutual_aid(personas, request="请求支援水上救生队一支"):
    return services.aid_request(actor=personas["jinjiang"], requester=personas["orgs"]["jinjiang"],
                                responder=personas["orgs"]["city"], kind="teams", request=request)


SAMPLES = {
    TeamRequirement: requirement,
    Team: team,
    TeamMember: member,
    Equipment: equipment,
    Drill: drill,
    Warehouse: warehouse,
    StockLot: lot,
    StockMovement: movement,
    StockMinimum: minimum,
    Plan: plan,
    Alert: alert,
    AlertNotice: notice,
    Incident: incident,
    SituationReport: sitrep,
    Deployment: deployment,
    StockRequest: stock_request,
    MutualAid: mutual_aid,
}


def many(personas, count=8):
    """More than a page of five of every emergency list (test_api_queries)."""
    types = ["relief", "medical", "psychological", "search_rescue", "water_rescue", "water_supply"]
    for n in range(count):
        built = team(personas, name=f"锦江区第{n}队", team_type=types[n % 6])
        someone = volunteer(personas)
        services.member_add(actor=personas["jinjiang"], team=built, volunteer=someone)
        services.equipment_save(actor=personas["jinjiang"], team=built, kind="担架", serial=f"S{n}", quantity=1,
                                condition="good", next_inspection_on=timezone.localdate())
        services.drill_record(actor=personas["jinjiang"], team=built, held_on=timezone.localdate(), scenario="演练",
                              hours=1, participants=[someone])
        store = warehouse(personas, name=f"仓库{n}")
        lot(personas, store=store)
        services.minimum_set(actor=personas["jinjiang"], warehouse=store, item=item("quilt"), minimum=5)
        plan(personas, title=f"预案{n}", version=n + 2)
        alert(personas, source_id=f"MANY-{n}")
        happening = incident(personas, title=f"事件{n}")
        services.sitrep_file(actor=personas["jinjiang"], incident=happening, affected=n)
        services.stock_request_create(actor=personas["jinjiang"], incident=happening, item=item("quilt"), quantity=1)
        mutual_aid(personas, request=f"请求{n}")
        requirement(personas, team_type=types[n % 6], region_code=["510104000000", "510105000000"][n // 6])
    for n in range(count):
        ready = ready_team(personas, name=f"部署队{n}")
        services.deployment_request(actor=personas["jinjiang"], incident=Incident.objects.first(), team=ready)
