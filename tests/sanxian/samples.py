"""Builders of 三献 records for tests (and the platform walks' SAMPLES): one 锦江区 object each."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from organizations.models import Region
from people import services as people_services
from redcross.testing import person_factory_kwargs
from sanxian import services
from sanxian.models import BloodDrive, CareEvent, DonationPledge, MemorialEntry, StemCellDonor, StemCellEvent
from volunteers import services as volunteer_services

TOWN = "510104022000"  # 春熙路街道, 锦江区


def days_ago(n):
    return timezone.localdate() - timedelta(days=n)


def person(n, region_code=TOWN):
    existing = people_services.person_find_by_document(
        document_type="resident_id", document_number=person_factory_kwargs(n, region_code)["document_number"])
    return existing or people_services.person_create(**person_factory_kwargs(n, region_code))


def activity(personas, day, title="无偿献血志愿服务", region_code=TOWN, actor="jinjiang", owner="jinjiang"):
    start = timezone.make_aware(datetime.combine(day, time(9, 0)))
    return volunteer_services.activity_create(
        actor=personas[actor], title=title, kind="blood_donation", organization=personas["orgs"][owner],
        region=Region.objects.get(code=region_code), place="春熙路献血屋", starts_at=start,
        ends_at=start + timedelta(hours=8), capacity=20)


def drive(personas, *, held_on=None, staffed=True, units="152.5", donors=86, region_code=TOWN, actor="jinjiang",
          owner="jinjiang", place="春熙路步行街献血屋"):
    held_on = held_on or days_ago(30)
    return services.drive_save(
        actor=personas[actor], held_on=held_on, place=place, region=Region.objects.get(code=region_code),
        blood_centre="成都市血液中心", organization=personas["orgs"][owner],
        activity=activity(personas, held_on, region_code=region_code, actor=actor, owner=owner) if staffed else None,
        donors_registered=donors, units_collected=units, notes="")


def donor(personas, n=901, at=None, actor="jinjiang"):
    at = at or drive(personas)
    return services.stem_cell_register(actor=personas[actor], person=person(n, at.region_id), drive=at,
                                       sampled_on=at.held_on, consent=True)


def event(personas, n=902):
    sampled = donor(personas, n=n)
    return services.stem_cell_event_record(actor=personas["jinjiang"], donor=sampled, kind="preliminary_match",
                                           occurred_on=days_ago(10), notes="初配相合")


def pledge(personas, n=903, region_code=TOWN, actor="jinjiang"):
    someone = person(n, region_code)
    return services.pledge_register(actor=personas[actor], person=someone, kinds=["organs", "corneas"],
                                    channel="red_cross_office", registered_on=days_ago(400), consent=True,
                                    witness_name="王建华", witness_relation="配偶")


def realised(personas, n=904, region_code=TOWN):
    return services.pledge_realise(actor=personas["jinjiang"], pledge=pledge(personas, n, region_code),
                                   realised_on=days_ago(60), donated=["organs", "corneas"],
                                   hospital="四川省人民医院", notes="肝脏、双肾、角膜")


def care(personas, n=905):
    return services.care_event_record(actor=personas["jinjiang"], kind="visit", occurred_on=days_ago(5),
                                      title="清明前走访捐献者家属", pledge=realised(personas, n), families=1,
                                      notes="")


def memorial(personas, n=906):
    return services.memorial_add(actor=personas["jinjiang"], pledge=realised(personas, n), display_name="李志强",
                                 family_member="李秀英（女儿）", consent=True, tribute="生命以另一种方式延续")


def many(personas, count=7):
    """More than a page of five of every 三献 list (test_api_queries)."""
    for n in range(count):
        at = drive(personas, held_on=days_ago(40 + n), place=f"献血点{n}")
        donor(personas, n=910 + n, at=at)
        event(personas, n=920 + n)
        care(personas, n=930 + n)
        memorial(personas, n=940 + n)


SAMPLES = {
    BloodDrive: drive,
    StemCellDonor: donor,
    StemCellEvent: event,
    DonationPledge: pledge,
    CareEvent: care,
    MemorialEntry: memorial,
}
