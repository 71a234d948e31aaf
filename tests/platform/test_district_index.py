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
        "outreach.CareRecipient"}
    for model in district_models():
        field = model.scope_district_field
        assert model.scope_region_lookup == f"{field}__code", model  # the district is part of the scope's column
        assert model._meta.get_field(field).target_field.name == "code"
        indexed = [index.expressions for index in model._meta.indexes if index.expressions]
        assert any(isinstance(first, Left) and first.source_expressions[0].name == field
                   and first.source_expressions[1].value == DISTRICT_DIGITS and last.name == "id"
                   for first, last in indexed), f"{model._meta.label} has no district_index({field!r})"


def clone_people(template, count, region_code):
    """`count` copies of a person in `region_code`, written in SQL (a few thousand rows in a moment)."""
    columns = [f.column for f in Person._meta.concrete_fields if f.column not in ("id", "region_id",
                                                                                     "document_number_hash")]
    listed = ", ".join(columns)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO people_person ({listed}, region_id, document_number_hash) "  # noqa: S608 - model columns
            f"SELECT {listed}, %s, md5(%s || g) || md5('x' || g) FROM people_person, generate_series(1, %s) AS g "
            "WHERE id = %s", [region_code, region_code, count, template.pk])
        cursor.execute("ANALYZE people_person")


@pytest.fixture
def city_of_qingyang(personas):
    """The day after an earthquake: nearly every row belongs to another district (青羊), a few to 锦江."""
    from people import services

    template = services.person_create(**person_factory_kwargs(1, JINJIANG_COMMUNITY))
    clone_people(template, 6000, QINGYANG_COMMUNITY)
    clone_people(template, 60, JINJIANG_COMMUNITY)
    return template


def plan_of(sql):
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql)
        return json.dumps(cursor.fetchone()[0])


def test_a_district_page_is_read_from_the_district_index(city_of_qingyang, personas, as_user):
    client = as_user(personas["jinjiang"])
    with CaptureQueriesContext(connection) as queries:
        body = client.get("/api/v1/people/persons/?page_size=50").json()
    assert len(body["results"]) == 50
    page_sql = next(q["sql"] for q in queries.captured_queries if 'FROM "people_person"' in q["sql"])
    assert "person_district_idx" in plan_of(page_sql)
    with CaptureQueriesContext(connection) as queries:
        deeper = client.get(body["next"]).json()
    assert len(deeper["results"]) == 11  # 61 锦江 people in all: the 6,000 of 青羊 are neither shown nor walked
    page_sql = next(q["sql"] for q in queries.captured_queries if 'FROM "people_person"' in q["sql"])
    assert "person_district_idx" in plan_of(page_sql)


@pytest.mark.parametrize("who", ["city_admin", "jinjiang", "qingyang", "organiser"])
def test_the_district_equality_changes_no_one_s_rows(city_of_qingyang, personas, who):
    """City (every region), district (6 digits) and town (9 digits) staff: the same rows as the prefix alone."""
    from redcross.scoping import user_scope_prefix

    user = personas[who]
    prefix = user_scope_prefix(user)
    by_prefix = set(Person.objects.filter(region__code__startswith=prefix).values_list("id", flat=True))
    assert set(scope_queryset(Person.objects.all(), user).values_list("id", flat=True)) == by_prefix
    assert by_prefix  # each of them sees somebody: 锦江's 61, 青羊's 6,000, the town's and the city's all
