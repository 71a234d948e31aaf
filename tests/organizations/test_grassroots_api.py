"""The grassroots registers over the API and by Excel import, as a district's system or a staffer uses them."""

import io

import pytest
from openpyxl import Workbook

from organizations.models import Centre, Institution
from redcross.imports import import_create
from redcross.models import ImportJob
from tests.organizations import samples
from tests.training import samples as training_samples

pytestmark = pytest.mark.django_db

CENTRES = "/api/v1/organizations/centres/"


def test_a_district_registers_a_pilot_over_the_api_and_acceptance_names_whats_missing(personas, as_user):
    client = as_user(personas["jinjiang"])
    response = client.post(CENTRES, {"name": "总府路社区防灾避险中心", "host_kind": "community",
                                     "region": "510104022006", "address": "总府路2号", "shelter_capacity": 200,
                                     "premises_area": "150", "aeds": 1, "has_supplies": True, "has_signage": True,
                                     "has_evacuation_map": True}, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["status"], body["zone"], body["checklist_missing"]) == ("planned", "central", ["trained_staff"])
    pk = body["id"]
    assert client.post(f"{CENTRES}{pk}/advance/", {"status": "built"}, format="json").status_code == 200
    refused = client.post(f"{CENTRES}{pk}/advance/", {"status": "accepted"}, format="json")
    assert refused.status_code == 400
    assert set(refused.json()["error"]["fields"]) == {"status", "trained_staff"}
    for n in range(2):
        certificate = training_samples.certificate(personas, n=960 + n)
        added = client.post(f"{CENTRES}{pk}/staff/", {"certificate_number": certificate.number}, format="json")
        assert added.status_code == 201, added.content
    accepted = client.post(f"{CENTRES}{pk}/advance/", {"status": "accepted"}, format="json")
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"
    public = client.get("/api/v1/organizations/public/centres/", {"district": "510104000000"}).json()["results"]
    assert [c["name"] for c in public] == ["总府路社区防灾避险中心"]


def test_another_district_cannot_register_in_jinjiang_and_bad_fields_are_named(personas, as_user):
    response = as_user(personas["qingyang"]).post(CENTRES, {
        "name": "越权中心", "host_kind": "community", "region": "510104022006", "address": "x"}, format="json")
    assert response.status_code == 400 and "region" in response.json()["error"]["fields"]
    response = as_user(personas["jinjiang"]).post(CENTRES, {
        "name": "坏数据中心", "host_kind": "castle", "region": "510104022006", "address": "x", "aeds": -1},
        format="json")
    assert response.status_code == 400
    assert {"host_kind", "aeds"} <= set(response.json()["error"]["fields"])
    assert not Centre.objects.exists()


def test_the_public_finders_need_no_login_and_show_only_accepted_centres(personas, client):
    samples.centre(personas)  # planned: not shown
    assert client.get("/api/v1/organizations/public/centres/", {"district": "510104000000"}).json()["results"] == []
    page = client.get("/centres/", {"district": "510104000000", "town": "510104022000"})
    assert page.status_code == 200 and "这里还没有通过验收的中心" in page.content.decode()
    station = samples.aed_station(personas)
    aeds = client.get("/api/v1/organizations/public/aeds/", {"town": "510104022000"}).json()["results"]
    assert [a["name"] for a in aeds] == [station.name]
    assert "serial_number" not in aeds[0]


def xlsx(rows):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["单位名称", "类型", "学段", "景区等级", "区划代码", "职工人数"])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_the_institutions_register_is_imported_from_excel_with_each_bad_row_named(
        personas, django_capture_on_commit_callbacks):
    from organizations.selectors import staff_home_region

    rows = [["成都市盐道街中学", "中小学", "完全中学（初中和高中）", "", "510104022000", 420],
            ["锦江区人民医院", "医院", "", "", "510104022000", 900],
            ["无学段学校", "中小学", "", "", "510104022000", 50],
            ["青羊的医院", "医院", "", "", "510105000000", 10],
            ["成都市盐道街中学", "中小学", "初中", "", "510104022000", 420]]
    with django_capture_on_commit_callbacks(execute=True):
        job = import_create(kind="organizations.institution", user=personas["jinjiang"],
                            region=staff_home_region(personas["jinjiang"]), file_name="名录.xlsx",
                            content=xlsx(rows))
    job.refresh_from_db()
    assert job.status != ImportJob.Status.DONE
    assert (job.total_rows, job.bad_rows) == (5, 3)
    assert not Institution.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        job = import_create(kind="organizations.institution", user=personas["jinjiang"],
                            region=staff_home_region(personas["jinjiang"]), file_name="名录.xlsx",
                            content=xlsx(rows[:2]))
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE and job.imported_rows == 2
    assert Institution.objects.get(name="成都市盐道街中学").school_stage == "complete"
