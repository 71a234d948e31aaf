from datetime import date

import pytest

from organizations.choices import OrganizationKind
from organizations.models import CoverageSnapshot, Organization, Region
from organizations.services import coverage_recompute, regions_load
from organizations.tasks import coverage_recompute as coverage_task
from people.identifiers import credit_check_character
from redcross.testing import OrganizationFactory

pytestmark = pytest.mark.django_db

ORG_URL = "/api/v1/organizations/organizations/"


def credit_code(first17):
    return first17 + credit_check_character(first17)


def test_the_region_tree_is_chengdus_real_divisions(platform_data):
    home = Region.objects.filter(is_home_city=True)
    assert home.filter(level="city").get().name == "成都市"
    assert home.filter(level="district").count() == 20
    assert home.filter(level="town").count() == 261
    assert home.filter(level="community").count() == 3047
    assert Region.objects.get(code="510104022000").name == "春熙路街道"
    assert Region.objects.get(code="510104022000").parent.name == "锦江区"
    assert set(Region.objects.filter(level="city", is_home_city=False).values_list("name", flat=True)) == {
        "德阳市", "眉山市", "资阳市"}


def test_loading_again_adds_nothing_and_keeps_an_administrators_zone(platform_data):
    jinjiang = Region.objects.get(code="510104000000")
    assert jinjiang.zone == "central"
    jinjiang.zone = "near"
    jinjiang.save(update_fields=["zone"])
    assert regions_load() == 0
    jinjiang.refresh_from_db()
    assert jinjiang.zone == "near"


def test_a_city_administrator_changes_a_districts_zone_over_the_api(personas, as_user):
    client = as_user(personas["city_admin"])
    response = client.patch("/api/v1/organizations/regions/510112000000/", {"zone": "central"}, format="json")
    assert response.status_code == 200, response.json()
    assert Region.objects.get(code="510112000000").zone == "central"
    town = client.patch("/api/v1/organizations/regions/510104022000/", {"zone": "central"}, format="json")
    assert town.status_code == 400 and "zone" in town.json()["error"]["fields"]
    district = as_user(personas["jinjiang"])
    assert (
        district.patch("/api/v1/organizations/regions/510104000000/", {"zone": "far"}, format="json").status_code == 403
    )


def test_a_subtree_query_is_a_prefix_match(personas, as_user):
    client = as_user(personas["city_admin"])
    rows = client.get("/api/v1/organizations/regions/", {"within": "510104022000", "page_size": 500}).json()["results"]
    assert rows and all(r["code"].startswith("510104022") for r in rows)
    assert len(rows) == Region.objects.filter(code__startswith="510104022").count()


@pytest.mark.parametrize("first17", ["N2510104MA1234567", "Y1510104MA6CX1234", "A1510104MA0000001",
                                     "91510104MA62X0AB1", "51510104MJ0000123"])
def test_member_units_take_valid_credit_codes_whatever_their_first_two_characters(personas, as_user, first17):
    response = as_user(personas["jinjiang"]).post(ORG_URL, {
        "name": "测试会员单位", "kind": "member_unit", "unit_type": "enterprise",
        "region": "510104022000", "credit_code": credit_code(first17).lower(),
    }, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["credit_code"] == credit_code(first17)


def test_a_wrong_credit_code_is_refused_naming_the_field(personas, as_user):
    good = credit_code("91510104MA62X0AB1")
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    response = as_user(personas["jinjiang"]).post(ORG_URL, {
        "name": "测试会员单位", "kind": "member_unit", "unit_type": "enterprise",
        "region": "510104022000", "credit_code": bad,
    }, format="json")
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["credit_code"]
    assert not Organization.objects.filter(name="测试会员单位").exists()


def test_a_member_unit_needs_a_unit_type(personas, as_user):
    response = as_user(personas["jinjiang"]).post(ORG_URL, {
        "name": "无类型单位", "kind": "member_unit", "region": "510104022000"}, format="json")
    assert response.status_code == 400
    assert "unit_type" in response.json()["error"]["fields"] or "non_field_errors" in response.json()["error"]["fields"]


def test_a_region_has_one_active_society_of_a_kind(personas, as_user):
    response = as_user(personas["city_admin"]).post(ORG_URL, {
        "name": "第二个锦江区红十字会", "kind": "district_society", "region": "510104000000"}, format="json")
    assert response.status_code == 400
    assert Organization.objects.filter(region_id="510104000000", kind="district_society").count() == 1


def test_coverage_counts_three_haves_per_town_and_stations_per_community(personas):
    # 春熙路街道 has an organisation (personas) with premises, and work by a reasoned override; 东湖街道 gets one
    # without premises.
    from organizations.models import TownWorkOverride

    TownWorkOverride.objects.create(region_id="510104022000", has_work=True, reason="年度工作台账已核验")
    OrganizationFactory(region_code="510104018000", kind=OrganizationKind.TOWN_ORGANIZATION, has_premises=False)
    communities = list(Region.objects.filter(parent_id="510104022000").order_by("code")[:2])
    for community in communities:
        OrganizationFactory(region=community, kind=OrganizationKind.WORK_STATION)
    OrganizationFactory(region=Region.objects.filter(parent_id="510104018000").first(),
                        kind=OrganizationKind.SERVICE_CENTRE, is_active=False)
    coverage_task.delay()
    today = CoverageSnapshot.objects.latest("as_of").as_of
    town = CoverageSnapshot.objects.get(region_id="510104022000", as_of=today)
    assert (town.towns_total, town.towns_covered) == (1, 1)
    assert town.communities_with_station == 2
    assert town.communities_total == Region.objects.filter(parent_id="510104022000").count()
    district = CoverageSnapshot.objects.get(region_id="510104000000", as_of=today)
    assert district.towns_total == Region.objects.filter(parent_id="510104000000").count()
    assert (district.towns_with_organization, district.towns_with_premises, district.towns_covered) == (2, 1, 1)
    assert district.communities_with_station == 2  # the inactive centre does not count
    city = CoverageSnapshot.objects.get(region_id="510100000000", as_of=today)
    assert city.towns_total == 261 and city.communities_total == 3047
    assert city.towns_covered == 1


def test_recomputing_on_the_same_day_replaces_the_snapshot(personas):
    first = coverage_recompute(as_of=date(2025, 12, 31))
    OrganizationFactory(region=Region.objects.filter(parent_id="510105005000").first())
    second = coverage_recompute(as_of=date(2025, 12, 31))
    assert first == second == CoverageSnapshot.objects.filter(as_of=date(2025, 12, 31)).count()
    assert (
        CoverageSnapshot.objects.get(region_id="510105000000", as_of=date(2025, 12, 31)).communities_with_station == 1
    )


def test_the_nightly_check_reports_stored_coverage_that_drifted(personas):
    from redcross.totals import totals_check

    coverage_recompute()
    assert not [d for d in totals_check().drift if d["check"] == "organizations.coverage"]
    CoverageSnapshot.objects.filter(region_id="510104022000").update(towns_total=5)
    drift = [d for d in totals_check().drift if d["check"] == "organizations.coverage"]
    assert [(d["figure"], d["key"].split(":")[0], d["kept"], d["recomputed"]) for d in drift] == [
        ("organizations.coverage.towns_total", "510104022000", "5", "1")]


def test_creating_an_organisation_recomputes_coverage(personas, as_user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        as_user(personas["jinjiang"]).post(ORG_URL, {
            "name": "春熙路某社区工作站", "kind": "work_station",
            "region": Region.objects.filter(parent_id="510104022000").first().code}, format="json")
    snapshot = CoverageSnapshot.objects.filter(region_id="510104022000").latest("as_of")
    assert snapshot.communities_with_station == 1


def test_the_coverage_api_drills_down_from_city_to_towns(personas, as_user):
    coverage_recompute()
    client = as_user(personas["city_admin"])
    districts = client.get("/api/v1/organizations/coverage/", {"parent": "510100000000", "page_size": 50}).json()
    assert len(districts["results"]) == 20
    towns = client.get("/api/v1/organizations/coverage/", {"parent": "510104000000", "page_size": 50}).json()
    assert {r["region_level"] for r in towns["results"]} == {"town"}
    assert "town_rate" in towns["results"][0]
