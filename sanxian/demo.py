"""Demo data for `make run` (called by the bootstrap command): idempotent, deterministic.

Blood drives in the central districts over three years, each staffed by a
volunteer activity, with the blood centre's figures; stem-cell donors sampled
at them, some matched and one donated; pledges registered, withdrawn and
realised; visits to donor families, a Qingming memorial and the memorial wall.
"""

import hashlib
from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from organizations.models import Organization, Region
from people.demo import SURNAMES, demo_person
from sanxian import services
from sanxian.models import BloodDrive
from volunteers.services import activity_create

AREAS = ["510104", "510105", "510106", "510107", "510108"]
PLACES = ["春熙路献血屋", "天府广场爱心献血车", "四川大学望江校区", "环球中心献血点", "建设路献血屋"]
CENTRES = ["成都市血液中心", "四川省血液中心"]
MEMORIAL = [("刘德明", "他把光明留给了别人"), ("陈女士", "生命以另一种方式延续"), ("黄永福", "大爱无疆，永远怀念")]


def _share(key: str) -> float:
    return int.from_bytes(hashlib.sha256(key.encode()).digest()[:4], "big") / 2**32


def load_demo() -> str:
    if BloodDrive.objects.exists():
        return "sanxian: demo already present"
    actor = get_user_model().objects.filter(username="city_admin").first()
    if actor is None:
        return "sanxian: no city_admin user, demo skipped"
    with transaction.atomic():
        return _load(actor)


def _load(actor) -> str:
    today = timezone.localdate()
    drives, donors, n = [], 0, 0
    for i, area in enumerate(AREAS):
        society = Organization.objects.filter(region_id=f"{area}000000", kind="district_society").first()
        town = Region.objects.filter(parent_id=f"{area}000000", level="town").order_by("code").first()
        for years_back in (2, 1, 0):
            for k in range(3):
                day = today - timedelta(days=365 * years_back + 20 + 37 * k + 5 * i)
                start = timezone.make_aware(datetime.combine(day, time(9, 0)))
                activity = activity_create(
                    actor=actor, title=f"{PLACES[i]}无偿献血志愿服务", kind="blood_donation", organization=society,
                    region=town, place=PLACES[i], starts_at=start, ends_at=start + timedelta(hours=7), capacity=12)
                donors_registered = 40 + int(_share(f"{area}{years_back}{k}") * 90)
                drives.append(services.drive_save(
                    actor=actor, held_on=day, place=PLACES[i], region=town, blood_centre=CENTRES[k % 2],
                    organization=society, activity=activity, donors_registered=donors_registered,
                    units_collected=round(donors_registered * 1.7, 1)))
    for drive in drives[-15:]:
        for _ in range(3):
            n += 1
            person = demo_person(n, drive.region_id[:6])
            donor = services.stem_cell_register(actor=actor, person=person, drive=drive, sampled_on=drive.held_on,
                                                consent=True)
            donors += 1
            if n % 4 == 0:
                services.stem_cell_event_record(actor=actor, donor=donor, kind="preliminary_match",
                                                occurred_on=drive.held_on + timedelta(days=7))
            if n % 8 == 0:
                services.stem_cell_event_record(actor=actor, donor=donor, kind="high_resolution",
                                                occurred_on=drive.held_on + timedelta(days=12), notes="HLA 10/10")
            if n == 16:
                services.stem_cell_event_record(actor=actor, donor=donor, kind="health_check",
                                                occurred_on=drive.held_on + timedelta(days=14))
                services.stem_cell_event_record(actor=actor, donor=donor, kind="donated",
                                                occurred_on=drive.held_on + timedelta(days=15),
                                                hospital="四川大学华西医院")
    pledges = []
    for m in range(24):
        area = AREAS[m % len(AREAS)]
        pledges.append(services.pledge_register(
            actor=actor, person=demo_person(100 + m, area), kinds=[["organs", "corneas"], ["body"], ["corneas"]][m % 3],
            channel=["red_cross_office", "online", "wechat", "hospital"][m % 4],
            registered_on=today - timedelta(days=30 + 41 * m), consent=True,
            witness_name=SURNAMES[(m + 5) % len(SURNAMES)] + "秀英", witness_relation=["配偶", "子女", "父母"][m % 3]))
    for pledge in pledges[20:22]:
        services.pledge_withdraw(actor=actor, pledge=pledge, withdrawn_on=today - timedelta(days=10))
    realised = []
    for pledge in pledges[22:] + pledges[10:13]:
        realised.append(services.pledge_realise(
            actor=actor, pledge=pledge, realised_on=min(today - timedelta(days=5), pledge.registered_on
                                                        + timedelta(days=200)),
            donated=pledge.kinds, hospital="四川省人民医院", notes="家属同意，见证完成"))
    for index, pledge in enumerate(realised):
        services.care_event_record(actor=actor, kind="visit", occurred_on=min(today, pledge.realised_on
                                                                              + timedelta(days=4)),
                                   title="走访慰问捐献者家属", pledge=pledge, families=1, notes="")
        if index < len(MEMORIAL):
            name, tribute = MEMORIAL[index]
            services.memorial_add(actor=actor, pledge=pledge, display_name=name, tribute=tribute,
                                  family_member="家属代表", consent=True)
    qingming = today.replace(month=4, day=4) if today >= today.replace(month=4, day=4) else \
        today.replace(year=today.year - 1, month=4, day=4)
    city = Organization.objects.filter(kind="city_society").first()
    services.care_event_record(actor=actor, kind="memorial_event", occurred_on=qingming,
                               title="清明节遗体和人体器官捐献者缅怀纪念活动", region=city.region, organization=city,
                               families=36, notes="在成都市遗体捐献者纪念园举行")
    return (f"sanxian: {len(drives)} blood drives, {donors} stem-cell donors, {len(pledges)} pledges "
            f"({len(realised)} realised) added")


