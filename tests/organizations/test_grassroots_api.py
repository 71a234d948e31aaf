"""The grassroots registers over the API and by Excel import, as a district's system or a staffer uses them."""


import pytest

from organizations.models import Centre, Institution
from redcross.imports import import_create
from redcross.models import ImportJob
from redcross.testing import xlsx_upload
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
    return xlsx_upload(["单位名称", "类型", "学段", "景区等级", "区划代码", "职工人数"], rows)


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


sheet = xlsx_upload


def run_import(personas, kind, content, capture, **extra):
    from organizations.selectors import staff_home_region

    with capture(execute=True):
        job = import_create(kind=kind, user=personas["jinjiang"], region=staff_home_region(personas["jinjiang"]),
                            file_name="名录.xlsx", content=content, **extra)
    job.refresh_from_db()
    return job


def test_centre_pilots_aed_stations_and_partner_sites_are_imported_from_excel_each_bad_row_named(
        personas, django_capture_on_commit_callbacks):
    from organizations.models import AedStation, PartnerSite

    capture = django_capture_on_commit_callbacks
    centres = sheet(["name", "host_kind", "region", "scenic_grade", "batch", "address", "shelter_capacity"], [
        ["总府路社区红十字防灾避险中心", "社区（村）", "510104022006", "", 1, "总府路2号", 300],
        ["春熙路街道红十字防灾避险中心", "乡镇（街道）", "510104022000", "", 2, "春熙路1号", 500],
        ["街道级却填了社区", "乡镇（街道）", "510104022006", "", 1, "某路", 100],   # a town host in a community
        ["景区缺等级", "4A级及以上景区", "510104022000", "", 1, "某景区", 100],   # a scenic area without its grade
        ["青羊的中心", "乡镇（街道）", "510105000000", "", 1, "某路", 100]])        # outside Jinjiang
    job = run_import(personas, "organizations.centre", centres, capture)
    assert (job.total_rows, job.bad_rows) == (5, 3) and not Centre.objects.exists()
    assert {e["row"] for e in job.errors} == {4, 5, 6}
    job = run_import(personas, "organizations.centre", centres, capture, import_good_rows=True)
    assert job.imported_rows == 2
    pilot = Centre.objects.get(name="总府路社区红十字防灾避险中心")
    assert (pilot.status, pilot.zone, pilot.district_id, pilot.shelter_capacity) == ("planned", "central",
                                                                                     "510104000000", 300)

    certificate = training_samples.certificate(personas, n=960)
    aeds = sheet(["name", "region", "address", "host_unit", "device_model", "serial_number", "installed_on",
                  "opening_hours"], [
        ["春熙路地铁站AED", certificate.person.region_id, "B口", "成都轨道交通集团", "迈瑞 C1A", "aed-001",
         "2024-06-01", "全天"],
        ["重复序列号", "510104022006", "某处", "某单位", "迈瑞 C1A", "AED-001", "2024-06-01", ""],
        ["未来安装", "510104022006", "某处", "某单位", "迈瑞 C1A", "AED-002", "2099-01-01", ""]])
    job = run_import(personas, "organizations.aed", aeds, capture)
    assert (job.total_rows, job.bad_rows) == (3, 2)
    job = run_import(personas, "organizations.aed", aeds, capture, import_good_rows=True)
    station = AedStation.objects.get()
    assert station.serial_number == "AED-001" and station.trained_nearby == 1

    sites = sheet(["name", "kind", "region", "agency", "agreement_number", "agreement_signed_on", "services"], [
        ["锦江区新时代文明实践中心", "新时代文明实践中心", "510104022000", "锦江区委宣传部", "HZ-1", "2025-03-01",
         "应急救护培训"],
        ["没有服务的站点", "社区退役军人服务站", "510104022000", "锦江区退役军人事务局", "", "", ""]])
    job = run_import(personas, "organizations.partnersite", sites, capture)
    assert (job.total_rows, job.bad_rows) == (2, 1)
    assert job.errors[0]["row"] == 3
    job = run_import(personas, "organizations.partnersite", sites, capture, import_good_rows=True)
    assert PartnerSite.objects.get().kind == "civilisation"
