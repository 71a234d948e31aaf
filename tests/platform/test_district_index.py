"""A district's staff read their rows through the (district, id) index, whatever share of the city they hold."""

import json

import pytest
from django.apps import apps
from django.db import connection
from django.db.models.functions import Left
from django.test.utils import CaptureQueriesContext

from people.models import Person
from redcross.scoping import DISTRICT_DIGITS, scope_queryset
from redcross.testing import person_factory_kwargs

pytestmark = pytest.mark.django_db

JINJIANG_COMMUNITY = "510104022006"  # 总府路社区, in 春熙路街道 (the organiser's town)
QINGYANG_COMMUNITY = "510105002002"  # 八宝街社区


def district_models():
    return [model for model in apps.get_models() if getattr(model, "scope_district_field", None)]


def test_every_model_with_a_district_field_has_its_index_and_holds_its_own_region_code():
    assert {model._meta.label for model in district_models()} >= {
        "people.Person", "members.Member", "sanxian.DonationPledge", "emergency.Team", "followups.Visit",
        "outreach.CareRecipient", "donations.Donation", "volunteers.ServiceRecord", "volunteers.Volunteer",
        "training.Certificate"}
    for model in district_models():
        field = model.scope_district_field
        column = model._meta.get_field(field)
        if column.is_relation:  # a region of its own, or a relation's region code kept on the row by a trigger
            assert column.target_field.name == "code" and model.scope_region_lookup == f"{field}__code", model
        else:
            assert column.max_length == 12 and model.scope_region_lookup == field, model
        indexed = [index.expressions for index in model._meta.indexes if index.expressions]
        assert any(isinstance(first, Left) and first.source_expressions[0].name == field
                   and first.source_expressions[1].value == DISTRICT_DIGITS and last.name == "id"
                   for first, last in indexed), f"{model._meta.label} has no district_index({field!r})"


def clone_rows(template, count, **columns):
    """`count` copies of a row, each with `columns` (SQL of the copy's number g), written in SQL with the
    table's triggers on: a few thousand rows in a moment."""
    model = type(template)
    kept = [f.column for f in model._meta.concrete_fields if f.column != "id" and f.column not in columns]
    names = ", ".join([*kept, *columns])
    values = ", ".join([*kept, *columns.values()])
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {model._meta.db_table} ({names}) "  # noqa: S608 - model columns, test SQL
                       f"SELECT {values} FROM {model._meta.db_table}, generate_series(1, %s) AS g WHERE id = %s",
                       [count, template.pk])
        cursor.execute(f"ANALYZE {model._meta.db_table}")


def clone_people(template, count, region_code):
    clone_rows(template, count, region_id=f"'{region_code}'",
               document_number_hash=f"md5('{region_code}' || g) || md5('x' || g)")


@pytest.fixture
def city_of_qingyang(personas):
    """The day after an earthquake: nearly every row belongs to another district (青羊), a few to 锦江."""
    from people import services

    template = services.person_create(**person_factory_kwargs(1, JINJIANG_COMMUNITY))
    clone_people(template, 6000, QINGYANG_COMMUNITY)
    clone_people(template, 60, JINJIANG_COMMUNITY)
    return template


@pytest.fixture
def gifts_to_the_city(personas):
    """The same day for gifts: the city's fund receives 6,000, a 锦江 fund 60."""
    from tests.donations.samples import fund, gift

    template = gift(personas, fund(personas, org="jinjiang"))
    city_fund = fund(personas, org="city")
    clone_rows(template, 6000, organization_id=str(personas["orgs"]["city"].pk), fund_id=str(city_fund.pk),
               receipt_number="'C' || g", reference_code="NULL", pledge_key="NULL")
    clone_rows(template, 60, receipt_number="'J' || g", reference_code="NULL", pledge_key="NULL")
    return template


@pytest.fixture
def volunteers_of_qingyang(city_of_qingyang, personas):
    """The same day for volunteers: 6,000 serve 青羊's district society, 60 锦江's (each a person of the city)."""
    from tests.volunteers.samples import volunteer

    template = volunteer(personas)
    clone_rows(template, 6000, person_id=f"{city_of_qingyang.pk} + g", number="'Q' || g",
               organization_id=str(personas["orgs"]["qingyang"].pk))
    clone_rows(template, 60, person_id=f"{city_of_qingyang.pk} + 6000 + g", number="'J' || g")
    return template


@pytest.fixture
def certificates_of_qingyang(personas):
    """And for first-aid certificates: 青羊's district society issued 6,000, 锦江's 60."""
    from tests.training.samples import certificate

    template = certificate(personas)
    clone_rows(template, 6000, number="'Q' || g", verification_code="'q' || g", enrolment_id="NULL",
               organization_id=str(personas["orgs"]["qingyang"].pk))
    clone_rows(template, 60, number="'J' || g", verification_code="'j' || g", enrolment_id="NULL")
    return template


def plan_of(sql):
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql)
        return json.dumps(cursor.fetchone()[0])


@pytest.mark.parametrize(("rows", "url", "table", "index"), [
    ("city_of_qingyang", "/api/v1/people/persons/", "people_person", "person_district_idx"),
    ("gifts_to_the_city", "/api/v1/donations/donations/", "donations_donation", "donation_district_idx"),
    ("volunteers_of_qingyang", "/api/v1/volunteers/volunteers/", "volunteers_volunteer", "volunteer_district_idx"),
    ("certificates_of_qingyang", "/api/v1/training/certificates/", "training_certificate",
     "certificate_district_idx"),
])
def test_a_district_page_is_read_from_the_district_index(rows, url, table, index, request, personas, as_user):
    request.getfixturevalue(rows)
    client = as_user(personas["jinjiang"])
    seen, page = [], f"{url}?page_size=50"
    for _ in range(2):  # page 1, then the cursor's next page
        with CaptureQueriesContext(connection) as queries:
            body = client.get(page).json()
        seen, page = seen + [row["id"] for row in body["results"]], body["next"]
        page_sql = next(q["sql"] for q in queries.captured_queries if f'FROM "{table}"' in q["sql"])
        assert index in plan_of(page_sql)
    # 61 of 锦江 in all (the template and 60 copies), newest first: the 6,000 others are neither shown nor walked.
    assert len(seen) == 61 and seen == sorted(seen, reverse=True)


@pytest.mark.parametrize("who", ["city_admin", "jinjiang", "qingyang", "organiser"])
def test_the_district_equality_changes_no_one_s_rows(city_of_qingyang, personas, who):
    """City (every region), district (6 digits) and town (9 digits) staff: the same rows as the prefix alone."""
    from redcross.scoping import user_scope_prefix

    user = personas[who]
    prefix = user_scope_prefix(user)
    by_prefix = set(Person.objects.filter(region__code__startswith=prefix).values_list("id", flat=True))
    assert set(scope_queryset(Person.objects.all(), user).values_list("id", flat=True)) == by_prefix
    assert by_prefix  # each of them sees somebody: 锦江's 61, 青羊's 6,000, the town's and the city's all


def test_a_town_staffer_s_gifts_are_read_from_the_district_index(personas):
    """Below a district (a town's organiser) the gifts' kept region code has no pattern index of its own: the
    district's rows come from the (district, id) index and the town's prefix picks among them, not a scan of the
    city's gifts."""
    from donations.models import Donation
    from tests.donations.samples import fund, gift

    template = gift(personas, fund(personas, org="chunxilu"))
    assert template.scope_region.startswith("510104022")  # 春熙路街道, the organiser's town
    clone_rows(template, 6000, organization_id=str(personas["orgs"]["city"].pk),
               fund_id=str(fund(personas, org="city").pk), receipt_number="'C' || g", reference_code="NULL",
               pledge_key="NULL")
    clone_rows(template, 60, receipt_number="'T' || g", reference_code="NULL", pledge_key="NULL")
    page = scope_queryset(Donation.objects.order_by("-id"), personas["organiser"]).values_list("id", flat=True)
    sql, params = page[:51].query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql, params)
        plan = json.dumps(cursor.fetchone()[0])
    assert "donation_district_idx" in plan and "Seq Scan" not in plan, plan
    town = list(page)
    assert len(town) == 61 and set(town) == set(Donation.objects.filter(scope_region__startswith="510104022")
                                                  .values_list("id", flat=True))


def test_an_organisation_that_moves_takes_its_volunteers_and_certificates_along_without_history_noise(
        personas, as_user):
    """Volunteers and certificates hold their organisation's region code, kept by the database (region_kept_by_trigger,
    region_follows): written on insert whatever writes it, and following a move with no history event."""
    from organizations import services as organization_services
    from organizations.models import Region
    from tests.training.samples import certificate
    from tests.volunteers.test_hours import applicant
    from training.models import Certificate, CertificateEvent
    from volunteers import services
    from volunteers.models import Volunteer, VolunteerEvent

    chunxilu = personas["orgs"]["chunxilu"]  # a town's organisation, which can move to another district's town
    v = services.volunteer_accept(volunteer=applicant(1, organization=chunxilu), actor=personas["jinjiang"])
    issued = certificate(personas)
    clone_rows(issued, 1, number="'M' || g", verification_code="'m' || g", enrolment_id="NULL",
               organization_id=str(chunxilu.pk))
    moved_certificate = Certificate.objects.get(number="M1")
    assert Volunteer.objects.get(pk=v.pk).scope_region == moved_certificate.scope_region == chunxilu.region_id
    assert Certificate.objects.get(pk=issued.pk).scope_region == issued.organization.region_id
    events = VolunteerEvent.objects.count(), CertificateEvent.objects.count()

    organization_services.organization_update(organization=chunxilu, region=Region.objects.get(code="510105002000"))
    assert Volunteer.objects.get(pk=v.pk).scope_region == "510105002000"
    assert Certificate.objects.get(pk=moved_certificate.pk).scope_region == "510105002000"
    assert Certificate.objects.get(pk=issued.pk).scope_region == issued.organization.region_id  # not moved
    assert (VolunteerEvent.objects.count(), CertificateEvent.objects.count()) == events
    for path in (f"/api/v1/volunteers/volunteers/{v.pk}/", f"/api/v1/training/certificates/{moved_certificate.pk}/"):
        assert as_user(personas["jinjiang"]).get(path).status_code == 404
        assert as_user(personas["qingyang"]).get(path).status_code == 200

    # The volunteer joins another organisation: the row's own trigger writes the new region.
    Volunteer.objects.filter(pk=v.pk).update(organization=personas["orgs"]["jinjiang"])
    assert Volunteer.objects.get(pk=v.pk).scope_region == personas["orgs"]["jinjiang"].region_id


def test_the_scope_column_triggers_skip_pgtrigger_s_ignore_check():
    """Each row an import writes runs its table's scope trigger: without pgtrigger's `pgtrigger.ignore` check, whose
    exception block (a subtransaction) was most of the trigger's time."""
    from redcross.scoping import RegionKeptTrigger

    kept = {(model._meta.label, trigger.name) for model in apps.get_models()
            for trigger in getattr(model._meta, "triggers", []) if isinstance(trigger, RegionKeptTrigger)}
    assert {label for label, _name in kept} == {"donations.Donation", "volunteers.ServiceRecord",
                                                "volunteers.Volunteer", "training.Certificate"}
    with connection.cursor() as cursor:
        for label, name in kept:
            cursor.execute("SELECT pg_get_functiondef(t.tgfoid) FROM pg_trigger AS t WHERE t.tgname LIKE %s",
                           [f"pgtrigger_{name}_%"])
            (source,), = cursor.fetchall()
            assert "_pgtrigger_should_ignore" not in source and 'INTO NEW."scope_region"' in source, label
