"""The staff portal: login, language, lists with filters and exports, forms, history, tokens."""

import csv
import io

import pytest
from openpyxl import load_workbook
from pghistory.models import Events

from organizations.models import Organization, Region
from people import services as people_services
from people.models import PersonalDataAccess
from redcross.testing import PASSWORD, person_factory_kwargs

pytestmark = pytest.mark.django_db


def test_the_portal_asks_for_a_login(client):
    response = client.get("/portal/organizations/")
    assert response.status_code == 302 and "/portal/login/" in response["Location"]


def test_a_staffer_logs_in_and_sees_a_chinese_portal(personas, client):
    response = client.post("/portal/login/", {"username": "t_jinjiang", "password": PASSWORD}, follow=True)
    page = response.content.decode()
    assert response.status_code == 200
    assert "工作台" in page and "锦江区红十字会" in page


def test_the_language_switch_turns_the_portal_english(personas, client):
    client.force_login(personas["jinjiang"])
    client.post("/i18n/setlang/", {"language": "en", "next": "/portal/"})
    assert "Dashboard" in client.get("/portal/").content.decode()
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/portal/"})
    assert "工作台" in client.get("/portal/").content.decode()


def test_a_partner_agency_uses_the_api_only(personas, client):
    client.force_login(personas["partner"])
    assert client.get("/portal/organizations/").status_code == 403


def test_the_region_list_filters_sorts_and_paginates(personas, client):
    client.force_login(personas["city_admin"])
    response = client.get("/portal/organizations/regions/", {"level": "district", "sort": "-code"})
    rows = list(response.context["page_obj"].object_list)
    assert len(rows) == 25  # 20 Chengdu districts + 15 of the neighbouring cities, first page
    assert [r.code for r in rows] == sorted((r.code for r in rows), reverse=True)
    assert response.context["page_obj"].paginator.count == 35


def test_the_excel_export_holds_exactly_the_filtered_rows(personas, client):
    client.force_login(personas["jinjiang"])
    response = client.get("/portal/organizations/regions/", {"level": "town", "export": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:2] == ("名称", "代码")
    towns = Region.objects.filter(parent_id="510104000000")
    assert sorted(r[1] for r in rows[1:]) == sorted(towns.values_list("code", flat=True))


def test_the_csv_export_opens_in_excel_with_chinese(personas, client):
    client.force_login(personas["jinjiang"])
    response = client.get("/portal/organizations/", {"export": "csv"})
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    names = {r[0] for r in rows[1:]}
    assert "锦江区红十字会" in names and "青羊区红十字会" not in names


def test_creating_an_organisation_in_the_portal_shows_field_errors(personas, client):
    client.force_login(personas["jinjiang"])
    response = client.post("/portal/organizations/new/", {
        "name": "测试企业", "kind": "member_unit", "unit_type": "enterprise", "region": "510104022000",
        "credit_code": "91510104MA62X0AB1Z",
    })
    assert response.status_code == 200
    assert "统一社会信用代码" in str(response.context["form"].errors["credit_code"])
    assert not Organization.objects.filter(name="测试企业").exists()


def test_creating_an_organisation_in_the_portal_saves_it(personas, client):
    client.force_login(personas["jinjiang"])
    response = client.post("/portal/organizations/new/", {
        "name": "春熙路社区红十字工作站", "kind": "work_station", "region": "510104022006",
        "has_premises": "on", "has_regular_work": "on", "is_active": "on",
    })
    organization = Organization.objects.get(name="春熙路社区红十字工作站")
    assert response.status_code == 302 and response["Location"] == organization.get_absolute_url()


def test_a_district_staffer_cannot_pick_a_region_outside_the_district(personas, client):
    client.force_login(personas["qingyang"])
    response = client.post("/portal/organizations/new/", {
        "name": "越界工作站", "kind": "work_station", "region": "510104022006", "is_active": "on"})
    assert "region" in response.context["form"].errors
    assert not Organization.objects.filter(name="越界工作站").exists()


def test_registering_a_person_in_the_portal_rejects_a_bad_id_in_chinese(personas, client):
    client.force_login(personas["jinjiang"])
    data = person_factory_kwargs(5, "510104022000")
    response = client.post("/portal/people/new/", {
        **data, "region": data["region"].code, "document_number": data["document_number"][:-1] + "Y"})
    assert response.status_code == 200
    assert "身份证号码" in str(response.context["form"].errors["document_number"])


def test_revealing_a_person_in_the_portal_is_logged(personas, client):
    person = people_services.person_create(**person_factory_kwargs(6, "510104022000"))
    client.force_login(personas["jinjiang"])
    detail = client.get(person.get_absolute_url()).content.decode()
    assert person.document_number_masked in detail
    assert person_factory_kwargs(6, "510104022000")["document_number"] not in detail
    shown = client.post(f"/portal/people/{person.pk}/reveal/", {"reason": "电话回访"})
    assert person_factory_kwargs(6, "510104022000")["document_number"] in shown.content.decode()
    assert PersonalDataAccess.objects.filter(person=person, reason="电话回访", channel="portal").exists()


def test_history_records_who_changed_what_even_for_bulk_updates(personas, client):
    client.force_login(personas["jinjiang"])
    organization = personas["orgs"]["chunxilu"]
    client.post(f"/portal/organizations/{organization.pk}/edit/", {
        "name": "春熙路街道红十字会（新）", "kind": "town_organization", "region": "510104022000",
        "has_premises": "on", "is_active": "on"})
    organization.refresh_from_db()
    assert organization.name == "春熙路街道红十字会（新）"
    event = Events.objects.tracks(organization).filter(pgh_label="update").latest("pgh_created_at")
    assert event.pgh_diff["name"][1] == "春熙路街道红十字会（新）"
    assert event.pgh_context["user"] == personas["jinjiang"].pk
    Organization.objects.filter(pk=organization.pk).update(contact_person="批量")  # no save(), no signals
    assert Events.objects.tracks(organization).filter(pgh_label="update").count() == 2


def test_auditors_read_history_and_district_staff_do_not(personas, client):
    Organization.objects.filter(pk=personas["orgs"]["chunxilu"].pk).update(contact_person="陈")
    client.force_login(personas["auditor"])
    page = client.get("/portal/history/").content.decode()
    assert "organizations.Organization" in page or "organizations.OrganizationEvent" in page
    client.force_login(personas["jinjiang"])
    assert client.get("/portal/history/").status_code == 403


def test_an_auditor_cannot_edit(personas, client):
    client.force_login(personas["auditor"])
    organization = personas["orgs"]["chunxilu"]
    assert client.get(organization.get_absolute_url()).status_code == 200
    assert client.get(f"/portal/organizations/{organization.pk}/edit/").status_code == 403


def test_an_administrator_issues_and_revokes_an_api_token(personas, client, api_client):
    client.force_login(personas["city_admin"])
    page = client.post("/portal/tokens/", {"holder": personas["partner"].pk, "name": "应急系统", "days": 90})
    key = page.context["new_key"]
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api_client.get("/api/v1/organizations/organizations/").status_code == 200
    client.post("/portal/tokens/", {"revoke": page.context["new_token"].token_key})
    assert api_client.get("/api/v1/organizations/organizations/").status_code == 401


def test_the_coverage_page_drills_down_and_stays_in_scope(personas, client):
    from organizations.services import coverage_recompute

    coverage_recompute()
    client.force_login(personas["jinjiang"])
    page = client.get("/portal/organizations/coverage/").content.decode()
    assert "春熙路街道" in page and "青羊区" not in page
    town = client.get("/portal/organizations/coverage/", {"region": "510104022000"}).content.decode()
    assert "社区" in town
    assert client.get("/portal/organizations/coverage/", {"region": "510105000000"}).status_code == 404


def test_the_public_home_shows_live_figures(personas, client):
    from organizations.services import coverage_recompute

    coverage_recompute()
    page = client.get("/").content.decode()
    assert "成都市红十字会" in page
    assert "261" in page and "3047" in page.replace(",", "")
    assert "各区（市）县覆盖情况" in page and "简阳市" in page
    figures = client.get("/api/v1/public/figures/").json()
    assert len(figures["district_coverage"]) == 20 and figures["communities"] == 3047


def test_portal_lists_do_not_run_a_query_per_row(personas, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from redcross.testing import OrganizationFactory

    client.force_login(personas["city_admin"])

    def count(url):
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    for n in range(3):
        people_services.person_create(**person_factory_kwargs(100 + n, "510104022000"))
    few_people, few_orgs = count("/portal/people/"), count("/portal/organizations/?region=510104022000")
    for n in range(30):
        people_services.person_create(**person_factory_kwargs(200 + n, "510104022000"))
    OrganizationFactory.create_batch(30, region_code="510104022000")
    assert count("/portal/people/") == few_people
    assert count("/portal/organizations/?region=510104022000") == few_orgs
