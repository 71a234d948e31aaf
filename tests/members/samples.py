"""Builders of membership records for tests (and the platform walks' SAMPLES): one 锦江区 object each."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from members import services
from members.models import Contribution, DuesPayment, DuesRate, Member
from organizations.choices import OrganizationKind
from organizations.models import Organization
from redcross.testing import JINJIANG, OrganizationFactory
from tests.sanxian.samples import person

RATES = {"individual": Decimal("50.00"), "unit": Decimal("2000.00")}


def rates(years=None):
    today = timezone.localdate()
    for year in years or (today.year - 1, today.year, today.year + 1):
        for kind, amount in RATES.items():
            DuesRate.objects.get_or_create(year=year, kind=kind, defaults={"amount": amount})


def member_unit(name="成都地铁运营有限公司红十字会", region_code=JINJIANG):
    unit = Organization.objects.filter(name=name).first()
    return unit or OrganizationFactory(name=name, kind=OrganizationKind.MEMBER_UNIT, unit_type="enterprise",
                                       region_code=region_code)


def unit_member(personas, name="成都地铁运营有限公司红十字会", joined_on=None, actor="jinjiang", society="jinjiang",
                contact=951):
    return services.member_enrol(actor=personas[actor], kind="unit", society=personas["orgs"][society],
                                 unit=member_unit(name, personas["orgs"][society].region_id),
                                 joined_on=joined_on or timezone.localdate() - timedelta(days=400),
                                 contact_person=person(contact))


def individual(personas, n=952, joined_on=None, actor="jinjiang", society="jinjiang"):
    return services.member_enrol(actor=personas[actor], kind="individual", society=personas["orgs"][society],
                                 person=person(n), joined_on=joined_on or timezone.localdate() - timedelta(days=30))


def payment(personas, member=None):
    rates()
    member = member or individual(personas, n=953)
    return services.dues_pay(actor=personas["jinjiang"], member=member, year=timezone.localdate().year,
                             paid_on=timezone.localdate(), method="wechat")


def contribution(personas, member=None, kind="money", amount="50000", people=None):
    member = member or unit_member(personas, name="锦江宾馆红十字会")
    return services.contribution_record(actor=personas["jinjiang"], member=member, kind=kind,
                                        contributed_on=timezone.localdate() - timedelta(days=3), amount=amount,
                                        people=people, description="应急救护培训物资")


def many(personas, count=7):
    rates()
    for n in range(count):
        unit = unit_member(personas, name=f"锦江成员单位{n}", contact=960 + n)
        payment(personas, unit)
        contribution(personas, unit, amount=str(1000 * (n + 1)))


SAMPLES = {
    Member: unit_member,
    DuesPayment: payment,
    Contribution: contribution,
}
