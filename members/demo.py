"""Demo data for `make run` (called by the bootstrap command): idempotent, deterministic.

Dues rates for three years; the demo member units and residents enrolled in
their societies with dues paid (one unit overdue, one lapsed member) and the
units' contributions, so the ranking of outstanding member units has content.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from members import services
from members.models import DuesRate, Member
from organizations.models import Organization
from people.demo import demo_person

RATES = {"individual": Decimal("50.00"), "unit": Decimal("2000.00")}
CONTRIBUTIONS = [("money", "50000", None, "捐赠应急救护培训经费"), ("goods", "12000", None, "捐赠AED一台"),
                 ("volunteers", None, 40, "员工志愿者参与无偿献血宣传"), ("training_hosted", None, 120,
                                                                        "承办员工应急救护培训")]


def load_demo() -> str:
    today = timezone.localdate()
    for year in (today.year - 1, today.year, today.year + 1):
        for kind, amount in RATES.items():
            DuesRate.objects.get_or_create(year=year, kind=kind, defaults={"amount": amount})
    if Member.objects.exists():
        return "members: demo already present"
    actor = get_user_model().objects.filter(username="city_admin").first()
    if actor is None:
        return "members: no city_admin user, demo skipped"
    with transaction.atomic():
        return _load(actor, today)


def _society(region_code):
    district = f"{region_code[:6]}000000"
    return (Organization.objects.filter(region_id=district, kind="district_society").first()
            or Organization.objects.filter(kind="city_society").first())


def _load(actor, today) -> str:
    units = list(Organization.objects.filter(kind="member_unit").order_by("id"))
    members = []
    for index, unit in enumerate(units):
        contact = demo_person(400 + index, unit.region_id[:6], prefix=100)
        member = services.member_enrol(actor=actor, kind="unit", society=_society(unit.region_id), unit=unit,
                                       contact_person=contact, joined_on=date(today.year - 2, 3, 1 + index))
        members.append(member)
        if index != len(units) - 1:  # the last unit has not paid this year: it is reminded, then lapses
            services.dues_pay(actor=actor, member=member, year=today.year, paid_on=today - timedelta(days=index),
                              method="bank_transfer", reference=f"HF{today.year}{index:03d}")
        for k, (kind, amount, people, text) in enumerate(CONTRIBUTIONS[: 1 + index % len(CONTRIBUTIONS)]):
            services.contribution_record(actor=actor, member=member, kind=kind, amount=amount, people=people,
                                         description=text,
                                         contributed_on=today - timedelta(days=20 + 30 * k + index))
    for n in range(16):
        area = ["510104", "510105", "510106", "510107"][n % 4]
        member = services.member_enrol(actor=actor, kind="individual", society=_society(area),
                                       person=demo_person(450 + n, area, prefix=100),
                                       joined_on=date(today.year - 1, 1 + n % 12, 10))
        members.append(member)
        if n % 5 != 4:
            services.dues_pay(actor=actor, member=member, year=today.year, paid_on=today - timedelta(days=n),
                              method=["wechat", "alipay", "cash"][n % 3])
    lapsed = services.dues_check(today=today)
    return f"members: {len(members)} members enrolled, {lapsed['lapsed']} lapsed, {lapsed['reminded']} reminded"
