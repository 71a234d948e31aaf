"""Members: enrolment with gapless numbers, dues with their own receipts, reminders then lapse after the grace
period, contributions ranked for follow-up visits and commendation."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from members import selectors, services
from members.models import Member
from members.tasks import dues_check
from redcross import targets
from redcross.models import Notification
from tests.members import samples

pytestmark = pytest.mark.django_db


def test_members_are_numbered_in_their_societys_series(personas):
    first = samples.unit_member(personas)
    second = samples.individual(personas)
    qingyang = samples.individual(personas, n=955, actor="qingyang", society="qingyang")
    assert (first.number, second.number) == ("510104000000-00001", "510104000000-00002")
    assert qingyang.number == "510105000000-00001"
    assert first.name == "成都地铁运营有限公司红十字会" and second.name.startswith("测")


def test_an_enrolment_refused_leaves_no_gap_in_the_numbers(personas):
    member = samples.individual(personas)
    with pytest.raises(ValidationError) as error:
        services.member_enrol(actor=personas["jinjiang"], kind="individual", society=personas["orgs"]["jinjiang"],
                              person=member.person, joined_on=timezone.localdate())
    assert "person" in error.value.message_dict
    assert samples.individual(personas, n=956).number == "510104000000-00002"


def test_enrolment_checks_the_kind_and_the_area(personas):
    with pytest.raises(ValidationError) as error:
        services.member_enrol(actor=personas["jinjiang"], kind="unit", society=personas["orgs"]["jinjiang"],
                              unit=personas["orgs"]["chunxilu"], joined_on=timezone.localdate())
    assert "unit" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        samples.individual(personas, actor="qingyang")
    assert "society" in error.value.message_dict
    assert not Member.objects.exists()


def test_dues_are_the_years_rate_with_a_receipt_from_their_own_series(personas):
    samples.rates()
    unit = samples.unit_member(personas)
    year = timezone.localdate().year
    with pytest.raises(ValidationError) as error:
        services.dues_pay(actor=personas["jinjiang"], member=unit, year=year, paid_on=timezone.localdate(),
                          amount="50")
    assert "amount" in error.value.message_dict
    paid = services.dues_pay(actor=personas["jinjiang"], member=unit, year=year, paid_on=timezone.localdate())
    assert paid.amount == Decimal("2000.00") and paid.receipt_number == f"510104000000-{year}-00001"
    with pytest.raises(ValidationError) as error:
        services.dues_pay(actor=personas["jinjiang"], member=unit, year=year, paid_on=timezone.localdate())
    assert "year" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.dues_pay(actor=personas["jinjiang"], member=unit, year=year + 5, paid_on=timezone.localdate())
    assert "year" in error.value.message_dict
    second = samples.payment(personas)
    assert second.receipt_number == f"510104000000-{year}-00002"


def test_a_member_is_reminded_once_before_the_grace_period_ends_and_lapses_after_it(personas, settings):
    settings.REDCROSS = {**settings.REDCROSS, "MEMBER_DUES_GRACE_DAYS": 60, "MEMBER_DUES_REMINDER_DAYS": [30, 7]}
    samples.rates(years=[2026, 2027])
    unit = samples.unit_member(personas, joined_on=date(2025, 6, 1))
    paid = samples.individual(personas, joined_on=date(2025, 6, 1))
    services.dues_pay(actor=personas["jinjiang"], member=paid, year=2026, paid_on=date(2026, 1, 5))
    # Due 1 January, grace until 2 March.
    assert services.dues_check(today=date(2026, 1, 20)) == {"reminded": 0, "lapsed": 0}
    assert services.dues_check(today=date(2026, 2, 5)) == {"reminded": 1, "lapsed": 0}
    assert services.dues_check(today=date(2026, 2, 6)) == {"reminded": 0, "lapsed": 0}  # sent once
    assert services.dues_check(today=date(2026, 2, 25)) == {"reminded": 1, "lapsed": 0}  # the 7-day one
    assert services.dues_check(today=date(2026, 3, 2)) == {"reminded": 0, "lapsed": 0}  # last day of grace
    reminders = Notification.objects.filter(kind__startswith="members.dues_due").order_by("id")
    assert [n.person for n in reminders] == [unit.contact_person] * 2
    assert unit.number in reminders[0].message and "2026-03-02" in reminders[0].message
    assert services.dues_check(today=date(2026, 3, 3)) == {"reminded": 0, "lapsed": 1}
    unit.refresh_from_db()
    paid.refresh_from_db()
    assert (unit.status, unit.status_changed_on) == ("lapsed", date(2026, 3, 3))
    assert paid.status == "active"
    assert Notification.objects.filter(kind="members.lapsed").count() == 1
    assert services.dues_check(today=date(2026, 3, 4)) == {"reminded": 0, "lapsed": 0}


def test_the_beat_task_lapses_todays_overdue_members_and_paying_renews(personas, settings):
    settings.REDCROSS = {**settings.REDCROSS, "MEMBER_DUES_GRACE_DAYS": 0}
    samples.rates()
    member = samples.individual(personas, joined_on=timezone.localdate() - timedelta(days=800))
    if timezone.localdate() == date(timezone.localdate().year, 1, 1):
        pytest.skip("on 1 January the dues are due today, not overdue")
    dues_check.delay()
    member.refresh_from_db()
    assert member.status == "lapsed"
    services.dues_pay(actor=personas["jinjiang"], member=member, year=timezone.localdate().year,
                      paid_on=timezone.localdate())
    member.refresh_from_db()
    assert member.status == "active"


def test_a_withdrawn_member_pays_no_dues_and_is_never_lapsed(personas):
    samples.rates()
    member = services.member_withdraw(actor=personas["jinjiang"], member=samples.individual(personas))
    with pytest.raises(ValidationError) as error:
        services.dues_pay(actor=personas["jinjiang"], member=member, year=timezone.localdate().year,
                          paid_on=timezone.localdate())
    assert "member" in error.value.message_dict
    assert services.dues_check(today=timezone.localdate() + timedelta(days=400))["lapsed"] == 0


def test_outstanding_contributions_rank_member_units_by_what_they_gave(personas):
    metro = samples.unit_member(personas)
    hotel = samples.unit_member(personas, name="锦江宾馆红十字会", contact=957)
    school = samples.unit_member(personas, name="成都七中红十字会", contact=958)
    samples.contribution(personas, metro, amount="30000")
    samples.contribution(personas, hotel, kind="volunteers", amount=None, people=200)  # 200 × ¥200 = ¥40,000
    samples.contribution(personas, hotel, kind="goods", amount="5000")
    with pytest.raises(ValidationError) as error:
        samples.contribution(personas, school, kind="training_hosted", amount=None, people=None)
    assert "people" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        samples.contribution(personas, samples.individual(personas), amount="10")
    assert "member" in error.value.message_dict
    ranked = list(selectors.outstanding_contributions(user=personas["jinjiang"]))
    assert [m.pk for m in ranked] == [hotel.pk, metro.pk]
    assert ranked[0].score == Decimal("45000") and ranked[0].people == 200
    assert list(selectors.outstanding_contributions(user=personas["qingyang"])) == []


def test_the_members_target_counts_members_in_good_standing_per_district(personas):
    target = targets.get("members.active")
    member = samples.individual(personas, joined_on=timezone.localdate() - timedelta(days=10))
    samples.unit_member(personas)
    assert target.compute(on=timezone.localdate()) == {"510104000000": (2, 0)}
    assert target.compute(on=timezone.localdate() - timedelta(days=20)) == {"510104000000": (1, 0)}
    services.member_withdraw(actor=personas["jinjiang"], member=member)
    assert target.compute(on=timezone.localdate()) == {"510104000000": (1, 0)}


def test_the_demo_enrols_units_and_people_and_lapses_the_overdue(personas, django_user_model):
    from members import demo
    from redcross.testing import OrganizationKind, society

    for area in ("510106", "510107"):
        society(f"{area}000000", OrganizationKind.DISTRICT_SOCIETY)
    samples.member_unit("四川大学红十字会", "510107000000")
    samples.member_unit()
    from redcross.testing import make_staff

    make_staff("city_admin", personas["orgs"]["city"], "city_admin")
    message = demo.load_demo()
    assert "18 members enrolled" in message, message
    assert Member.objects.filter(kind="unit").count() == 2 and selectors.outstanding_contributions(
        user=personas["city_admin"]).count() == 2
    assert demo.load_demo() == "members: demo already present"
