"""三献 services: drives staffed by volunteer activities, the stem-cell registry's dated steps, pledges and their
realisation, care for donor families, consent per purpose, encryption at rest and logged reveals, figures."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from people.models import PersonalDataAccess
from redcross import targets
from sanxian import selectors, services
from sanxian.models import DonationPledge, HealthConsent, StemCellDonor, StemCellEvent
from tests.sanxian import samples
from tests.sanxian.samples import days_ago

pytestmark = pytest.mark.django_db


def raw_column(model, pk, column):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {model._meta.db_table} WHERE id = %s", [pk])
        return cursor.fetchone()[0]


def test_a_drive_is_staffed_by_a_volunteer_activity_on_its_day(personas):
    drive = samples.drive(personas)
    assert drive.activity.kind == "blood_donation"
    assert drive.figures_source == "entered" and drive.units_collected == Decimal("152.5")
    other_day = samples.activity(personas, days_ago(3), title="另一天的活动")
    with pytest.raises(ValidationError) as error:
        services.drive_save(actor=personas["jinjiang"], drive=drive, activity=other_day)
    assert "activity" in error.value.message_dict


def test_a_drive_outside_the_staffers_area_is_refused(personas):
    with pytest.raises(ValidationError) as error:
        samples.drive(personas, actor="qingyang", owner="qingyang", staffed=False)
    assert "region" in error.value.message_dict


def test_figures_are_refused_for_a_drive_still_to_come(personas):
    with pytest.raises(ValidationError) as error:
        samples.drive(personas, held_on=days_ago(-5), staffed=False)
    assert "units_collected" in error.value.message_dict
    pending = samples.drive(personas, held_on=days_ago(-5), staffed=False, units=None, donors=None)
    assert pending.figures_source == "pending"


def test_sampling_needs_its_own_consent_and_is_dated_the_day_of_the_drive(personas):
    drive = samples.drive(personas)
    someone = samples.person(961)
    with pytest.raises(ValidationError) as error:
        services.stem_cell_register(actor=personas["jinjiang"], person=someone, drive=drive,
                                    sampled_on=drive.held_on - timedelta(days=1), consent=False)
    assert set(error.value.message_dict) == {"consent", "sampled_on"}
    assert not StemCellDonor.objects.exists() and not HealthConsent.objects.exists()
    donor = services.stem_cell_register(actor=personas["jinjiang"], person=someone, drive=drive,
                                        sampled_on=drive.held_on, consent=True)
    assert donor.consent.purpose == "stem_cell_registry" and donor.region_id == drive.region_id
    with pytest.raises(ValidationError) as error:
        services.stem_cell_register(actor=personas["jinjiang"], person=someone, sampled_on=days_ago(1), consent=True)
    assert "person" in error.value.message_dict


def test_the_registry_steps_come_in_order_and_in_date_order(personas):
    donor = samples.donor(personas)
    record = services.stem_cell_event_record
    with pytest.raises(ValidationError) as error:
        record(actor=personas["jinjiang"], donor=donor, kind="donated", occurred_on=days_ago(1), hospital="华西医院")
    assert "kind" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        record(actor=personas["jinjiang"], donor=donor, kind="preliminary_match",
               occurred_on=donor.sampled_on - timedelta(days=1))
    assert "occurred_on" in error.value.message_dict
    record(actor=personas["jinjiang"], donor=donor, kind="preliminary_match", occurred_on=days_ago(20))
    record(actor=personas["jinjiang"], donor=donor, kind="high_resolution", occurred_on=days_ago(12))
    with pytest.raises(ValidationError) as error:
        record(actor=personas["jinjiang"], donor=donor, kind="donated", occurred_on=days_ago(2))
    assert "hospital" in error.value.message_dict
    record(actor=personas["jinjiang"], donor=donor, kind="donated", occurred_on=days_ago(2),
           hospital="四川大学华西医院")
    donor.refresh_from_db()
    assert donor.status == "donated"
    with pytest.raises(ValidationError):
        record(actor=personas["jinjiang"], donor=donor, kind="withdrawn", occurred_on=days_ago(1))


def test_health_details_are_encrypted_at_rest_and_every_reveal_is_logged(personas):
    event = samples.event(personas)
    services.stem_cell_event_record(actor=personas["jinjiang"], donor=event.donor, kind="high_resolution",
                                    occurred_on=days_ago(5), hospital="四川大学华西医院", notes="HLA 10/10")
    stored = raw_column(StemCellEvent, StemCellEvent.objects.get(kind="high_resolution").pk, "details_encrypted")
    assert "华西" not in stored and "HLA" not in stored
    assert StemCellEvent.objects.get(kind="high_resolution").details_masked == "＊＊＊"
    with pytest.raises(ValidationError):
        services.stem_cell_reveal(donor=event.donor, actor=personas["jinjiang"], reason="")
    with pytest.raises(PermissionDenied):
        services.stem_cell_reveal(donor=event.donor, actor=personas["auditor"], reason="审计")
    shown = services.stem_cell_reveal(donor=event.donor, actor=personas["jinjiang"], reason="安排高分辨采样")
    assert shown[-1]["hospital"] == "四川大学华西医院"
    access = PersonalDataAccess.objects.get()
    assert access.user == personas["jinjiang"] and access.fields == "stem_cell.details"

    realised = samples.realised(personas)
    stored = raw_column(DonationPledge, realised.pk, "realised_details_encrypted")
    assert "人民医院" not in stored and "肝脏" not in stored
    assert "王建华" not in raw_column(DonationPledge, realised.pk, "witness_name_encrypted")
    assert realised.witness_name_masked == "王*华"
    shown = services.pledge_reveal(pledge=realised, actor=personas["jinjiang"], reason="家属回访")
    assert shown["witness_name"] == "王建华" and shown["hospital"] == "四川省人民医院"
    assert PersonalDataAccess.objects.count() == 2


def test_a_withdrawn_pledge_ends_its_consent_and_a_new_one_may_follow(personas):
    pledge = samples.pledge(personas)
    with pytest.raises(ValidationError):
        services.pledge_register(actor=personas["jinjiang"], person=pledge.person, kinds=["body"], channel="online",
                                 registered_on=days_ago(1), consent=True, witness_name="李四")
    services.pledge_withdraw(actor=personas["jinjiang"], pledge=pledge, withdrawn_on=days_ago(2))
    assert HealthConsent.objects.get(purpose="organ_pledge").withdrawn_on == days_ago(2)
    with pytest.raises(ValidationError) as error:
        services.pledge_realise(actor=personas["jinjiang"], pledge=pledge, realised_on=days_ago(1), donated=["organs"])
    assert "status" in error.value.message_dict
    again = services.pledge_register(actor=personas["jinjiang"], person=pledge.person, kinds=["body"],
                                     channel="online", registered_on=days_ago(1), consent=True, witness_name="李四")
    assert HealthConsent.objects.filter(purpose="organ_pledge", withdrawn_on__isnull=True).get() == again.consent


def test_a_pledge_names_who_in_the_family_was_told_and_what_is_pledged(personas):
    with pytest.raises(ValidationError) as error:
        services.pledge_register(actor=personas["jinjiang"], person=samples.person(962), kinds=["heart"],
                                 channel="online", registered_on=days_ago(1), consent=True, witness_name="")
    assert set(error.value.message_dict) == {"kinds", "witness_name"}


def test_care_visits_are_to_families_of_realised_donations(personas):
    pledge = samples.pledge(personas)
    with pytest.raises(ValidationError) as error:
        services.care_event_record(actor=personas["jinjiang"], kind="visit", occurred_on=days_ago(1), title="走访",
                                   pledge=pledge)
    assert "pledge" in error.value.message_dict
    visit = samples.care(personas)
    assert visit.region_id == visit.pledge.region_id and visit.organization == personas["orgs"]["jinjiang"]


def test_the_memorial_wall_needs_the_familys_consent_and_its_withdrawal_takes_the_name_down(personas):
    realised = samples.realised(personas)
    with pytest.raises(ValidationError) as error:
        services.memorial_add(actor=personas["jinjiang"], pledge=realised, display_name="张先生", family_member="",
                              consent=False)
    assert set(error.value.message_dict) == {"consent", "family_member"}
    entry = samples.memorial(personas)
    assert entry.consent.purpose == "memorial_publication" and entry.consent.given_by == "李秀英（女儿）"
    assert list(selectors.memorial_wall()) == [entry]
    services.memorial_withdraw(actor=personas["jinjiang"], entry=entry)
    assert list(selectors.memorial_wall()) == []


def test_figures_are_counted_from_the_records_by_district_and_year(personas):
    donor = samples.donor(personas)
    services.stem_cell_event_record(actor=personas["jinjiang"], donor=donor, kind="preliminary_match",
                                    occurred_on=days_ago(3))
    services.stem_cell_event_record(actor=personas["jinjiang"], donor=donor, kind="high_resolution",
                                    occurred_on=days_ago(2))
    services.stem_cell_event_record(actor=personas["jinjiang"], donor=donor, kind="donated", occurred_on=days_ago(1),
                                    hospital="华西医院")
    samples.realised(personas)
    samples.drive(personas, held_on=days_ago(1), staffed=False, units="10", donors=6)
    table = selectors.figures_by_district_and_year()
    figures = {}
    for (district, _year), row in table.items():
        assert district == "510104"
        for key, value in row.items():
            figures[key] = figures.get(key, 0) + value
    assert figures["drives"] == 2 and figures["units"] == Decimal("162.5") and figures["donors"] == 92
    assert (figures["registrants"], figures["matches"], figures["donations"]) == (1, 1, 1)
    assert (figures["pledges"], figures["realised"]) == (1, 1)
    assert selectors.figures_by_district_and_year(user=personas["qingyang"]) == {}


def test_plan_targets_are_registered_and_count_per_district_as_of_a_day(personas):
    codes = {t.code for t in targets.all_targets()}
    assert {"sanxian.stem_cell_registrants", "sanxian.blood_units", "sanxian.organ_pledges"} <= codes
    samples.donor(personas)
    pledge = samples.pledge(personas)
    today = days_ago(0)
    assert targets.get("sanxian.stem_cell_registrants").compute(on=today) == {"510104000000": (1, 0)}
    assert targets.get("sanxian.blood_units").compute(on=today) == {"510104000000": (Decimal("152.5"), 0)}
    assert targets.get("sanxian.blood_units").compute(on=days_ago(365)) == {}
    services.pledge_withdraw(actor=personas["jinjiang"], pledge=pledge, withdrawn_on=days_ago(1))
    assert targets.get("sanxian.organ_pledges").compute(on=today) == {}
    assert targets.get("sanxian.organ_pledges").compute(on=days_ago(2)) == {"510104000000": (1, 0)}


def test_donor_family_visits_are_offered_to_the_follow_up_app(personas):
    visit = samples.care(personas)
    other = samples.realised(personas, n=963)
    year = visit.occurred_on.year
    answer = selectors.donor_family_visits(year=year)
    assert answer == {"eligible": {visit.pledge_id, other.pk}, "visited": {visit.pledge_id}}
    assert selectors.donor_family_visits(year=year, user=personas["qingyang"]) == {"eligible": set(),
                                                                                   "visited": set()}


def test_the_demo_records_every_step_and_loads_once(personas, django_user_model):
    """The demo (bootstrap) needs the central districts' societies and a city administrator."""
    from organizations.models import Organization
    from redcross.testing import OrganizationKind, society
    from sanxian import demo

    for area in demo.AREAS:
        society(f"{area}000000", OrganizationKind.DISTRICT_SOCIETY)
    from redcross.testing import make_staff

    make_staff("city_admin", personas["orgs"]["city"], "city_admin")
    assert Organization.objects.filter(kind="city_society").exists()
    message = demo.load_demo()
    assert "45 blood drives" in message, message
    assert StemCellDonor.objects.filter(status="donated").count() == 1
    assert DonationPledge.objects.filter(status="realised").count() == 5
    assert selectors.memorial_wall().count() == 3
    assert demo.load_demo() == "sanxian: demo already present"
