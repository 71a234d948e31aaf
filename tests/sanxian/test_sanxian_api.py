"""The 三献 API: creates through the services, idempotent registrations, masked health details, logged reveals,
figures within the caller's area."""

import pytest

from people.models import PersonalDataAccess
from sanxian.models import StemCellDonor
from tests.sanxian import samples
from tests.sanxian.samples import days_ago

pytestmark = pytest.mark.django_db
API = "/api/v1/sanxian"


def test_a_drive_is_recorded_through_the_api_with_its_volunteer_activity(personas, as_user):
    activity = samples.activity(personas, days_ago(2))
    client = as_user(personas["jinjiang"])
    response = client.post(f"{API}/drives/", {
        "held_on": days_ago(2).isoformat(), "place": "太古里献血车", "region": "510104022000",
        "blood_centre": "成都市血液中心", "activity": activity.pk, "donors_registered": 40,
        "units_collected": "61.5"}, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["activity_title"] == activity.title and body["figures_source"] == "entered"
    assert body["organization"] == personas["orgs"]["jinjiang"].pk
    bad = client.post(f"{API}/drives/", {"held_on": "2025-02-30", "place": "", "region": "510104022000",
                                         "blood_centre": "x", "units_collected": "lots"}, format="json")
    assert bad.status_code == 400
    assert {"held_on", "place", "units_collected"} <= set(bad.json()["error"]["fields"])


def test_registering_a_donor_twice_with_one_key_registers_once(personas, as_user):
    drive = samples.drive(personas)
    person = samples.person(971)
    client = as_user(personas["jinjiang"])
    body = {"person": person.pk, "drive": drive.pk, "sampled_on": drive.held_on.isoformat(), "consent": True}
    first = client.post(f"{API}/stem-cell-donors/", body, format="json", HTTP_IDEMPOTENCY_KEY="reg-971")
    again = client.post(f"{API}/stem-cell-donors/", body, format="json", HTTP_IDEMPOTENCY_KEY="reg-971")
    assert first.status_code == 201, first.content
    assert again.json() == first.json() and again.headers["Idempotent-Replayed"] == "true"
    assert StemCellDonor.objects.count() == 1
    refused = client.post(f"{API}/stem-cell-donors/", {**body, "consent": False}, format="json")
    assert refused.status_code == 400 and "consent" in refused.json()["error"]["fields"]
    assert "full_name" not in first.json() and first.json()["masked_name"].endswith("*")


def test_steps_show_masked_details_and_the_reveal_is_logged(personas, as_user):
    donor = samples.donor(personas)
    client = as_user(personas["jinjiang"])
    response = client.post(f"{API}/stem-cell-events/", {"donor": donor.pk, "kind": "preliminary_match",
                                                        "occurred_on": days_ago(3).isoformat(),
                                                        "hospital": "华西医院", "notes": "初配"}, format="json")
    assert response.status_code == 201, response.content
    listed = client.get(f"{API}/stem-cell-events/").json()["results"][0]
    assert listed["details"] == "＊＊＊" and "华西" not in str(listed)
    assert client.post(f"{API}/stem-cell-donors/{donor.pk}/reveal/", {}, format="json").status_code == 400
    shown = client.post(f"{API}/stem-cell-donors/{donor.pk}/reveal/", {"reason": "安排体检"}, format="json")
    assert shown.json()["events"][0]["hospital"] == "华西医院"
    assert PersonalDataAccess.objects.get().channel == "api"
    auditor = as_user(personas["auditor"])
    assert auditor.post(f"{API}/stem-cell-donors/{donor.pk}/reveal/", {"reason": "审计"},
                        format="json").status_code == 403


def test_a_pledge_is_realised_and_withdrawn_through_actions(personas, as_user):
    client = as_user(personas["jinjiang"])
    person = samples.person(972)
    created = client.post(f"{API}/pledges/", {"person": person.pk, "kinds": ["organs"], "channel": "online",
                                              "registered_on": days_ago(30).isoformat(), "consent": True,
                                              "witness_name": "赵敏", "witness_relation": "配偶"}, format="json")
    assert created.status_code == 201, created.content
    pledge = created.json()
    assert pledge["witness_name_masked"] == "赵*" and "witness_name" not in pledge
    realised = client.post(f"{API}/pledges/{pledge['id']}/realise/", {"realised_on": days_ago(1).isoformat(),
                                                                       "donated": ["organs"],
                                                                       "hospital": "省医院"}, format="json")
    assert realised.status_code == 200 and realised.json()["realised_details"] == "＊＊＊"
    again = client.post(f"{API}/pledges/{pledge['id']}/withdraw/", {"withdrawn_on": days_ago(0).isoformat()},
                        format="json")
    assert again.status_code == 400 and "status" in again.json()["error"]["fields"]


def test_figures_are_counts_within_the_callers_area(personas, as_user):
    samples.donor(personas)
    own = as_user(personas["jinjiang"]).get(f"{API}/figures/").json()
    assert len(own) == 1 and own[0]["district"] == "510104000000" and own[0]["registrants"] == 1
    assert as_user(personas["qingyang"]).get(f"{API}/figures/").json() == []
    assert as_user(personas["jinjiang"]).get(f"{API}/figures/", {"year": "soon"}).status_code == 400


def test_a_name_goes_on_the_wall_only_with_the_familys_consent(personas, as_user):
    realised = samples.realised(personas)
    client = as_user(personas["jinjiang"])
    body = {"pledge": realised.pk, "display_name": "张先生", "tribute": "", "family_member": "张丽", "consent": False}
    refused = client.post(f"{API}/memorials/", body, format="json")
    assert refused.status_code == 400 and "consent" in refused.json()["error"]["fields"]
    created = client.post(f"{API}/memorials/", {**body, "consent": True}, format="json")
    assert created.status_code == 201 and created.json()["year"] == realised.realised_on.year
    assert "family_member" not in created.json()
