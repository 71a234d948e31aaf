"""Branch systems drive the volunteer path over the API with the portal's rules."""

from datetime import timedelta

import pytest
from django.utils import timezone

from redcross.testing import valid_id
from volunteers.models import ServiceRecord, Volunteer

pytestmark = pytest.mark.django_db
API = "/api/v1/volunteers/"


def application(n=1, **extra):
    return {"full_name": f"申请人{n}", "document_number": valid_id("510104", "19920202", f"{n:03d}"),
            "mobile": "13912345678", "region": "510104022006", "consent": True, "skills": ["first_aider"], **extra}


def test_the_whole_path_over_the_api(personas, as_user):
    client = as_user(personas["jinjiang"])
    applied = client.post(f"{API}volunteers/", application(), format="json", HTTP_IDEMPOTENCY_KEY="app-1")
    assert applied.status_code == 201, applied.json()
    again = client.post(f"{API}volunteers/", application(), format="json", HTTP_IDEMPOTENCY_KEY="app-1")
    assert again.json()["id"] == applied.json()["id"] and Volunteer.objects.count() == 1
    volunteer_id = applied.json()["id"]
    assert applied.json()["status"] == "applied" and applied.json()["masked_name"] == "申***"

    accepted = client.post(f"{API}volunteers/{volunteer_id}/accept/")
    assert accepted.status_code == 200 and accepted.json()["number"].startswith("510104")

    now = timezone.now()
    activity = client.post(f"{API}activities/", {
        "title": "社区应急演练", "kind": "community_care", "organization": personas["orgs"]["jinjiang"].pk,
        "region": "510104022000", "place": "春熙路街道", "starts_at": (now + timedelta(hours=1)).isoformat(),
        "ends_at": (now + timedelta(hours=4)).isoformat(), "capacity": 2}, format="json")
    assert activity.status_code == 201, activity.json()
    signup = client.post(f"{API}signups/", {"activity": activity.json()["id"], "volunteer": volunteer_id},
                         format="json")
    assert signup.status_code == 201, signup.json()
    from volunteers.models import Activity

    code = Activity.objects.get(pk=activity.json()["id"]).checkin_code
    assert client.post(f"{API}signups/{signup.json()['id']}/check-in/", {"code": "bad"}).status_code == 403
    checked = client.post(f"{API}signups/{signup.json()['id']}/check-in/", {"code": code}, format="json")
    assert checked.json()["status"] == "checked_in"

    body = {"volunteer": volunteer_id, "signup": signup.json()["id"], "hours": "3.50",
            "served_on": timezone.localdate().isoformat(), "content": "演练保障"}
    record = client.post(f"{API}records/", body, format="json", HTTP_IDEMPOTENCY_KEY="rec-1")
    retried = client.post(f"{API}records/", body, format="json", HTTP_IDEMPOTENCY_KEY="rec-1")
    assert record.status_code == retried.status_code == 201 and record.json()["id"] == retried.json()["id"]
    confirm = client.post(f"{API}records/{record.json()['id']}/confirm/")
    client.post(f"{API}records/{record.json()['id']}/confirm/")  # a retry changes nothing
    assert confirm.json()["status"] == "confirmed"
    assert client.get(f"{API}volunteers/{volunteer_id}/").json()["confirmed_hours"] == "3.50"
    correction = client.post(f"{API}records/{record.json()['id']}/correct/",
                             {"hours_change": "-0.50", "reason": "扣除交通时间"}, format="json")
    assert correction.status_code == 201 and correction.json()["kind"] == "adjustment"
    assert ServiceRecord.objects.count() == 2


def test_bad_applications_name_the_field(personas, as_user):
    client = as_user(personas["jinjiang"])
    no_consent = client.post(f"{API}volunteers/", application(consent=False), format="json")
    assert no_consent.status_code == 400 and "consent" in no_consent.json()["error"]["fields"]
    bad_skill = client.post(f"{API}volunteers/", application(skills=["juggler"]), format="json")
    assert bad_skill.status_code == 400 and "skills" in bad_skill.json()["error"]["fields"]
    bad_id = client.post(f"{API}volunteers/", application(document_number="510104199202020011"), format="json")
    assert bad_id.status_code == 400 and "document_number" in bad_id.json()["error"]["fields"]
    assert not Volunteer.objects.exists()


def test_a_full_activity_refuses_one_more(personas, as_user):
    from tests.volunteers.samples import activity as _activity
    from tests.volunteers.samples import volunteer as _volunteer

    client = as_user(personas["jinjiang"])
    activity = _activity(personas)
    activity.capacity = 1
    activity.save(update_fields=["capacity"])
    first, second = _volunteer(personas, 21), _volunteer(personas, 22)
    assert client.post(f"{API}signups/", {"activity": activity.pk, "volunteer": first.pk}).status_code == 201
    full = client.post(f"{API}signups/", {"activity": activity.pk, "volunteer": second.pk})
    assert full.status_code == 400 and "activity" in full.json()["error"]["fields"]


def test_volunteers_filter_by_skill_status_and_stars(personas, as_user):
    from tests.volunteers.samples import volunteer as _volunteer

    _volunteer(personas, 31)
    client = as_user(personas["city_admin"])
    assert len(client.get(f"{API}volunteers/", {"skill": "first_aider"}).json()["results"]) == 1
    assert len(client.get(f"{API}volunteers/", {"skill": "lifeguard"}).json()["results"]) == 0
    assert len(client.get(f"{API}volunteers/", {"status": "signed_up", "min_stars": 0}).json()["results"]) == 1


def test_staff_apply_for_a_resident_only_within_their_district(personas, as_user):
    refused = as_user(personas["qingyang"]).post(f"{API}volunteers/", application(7), format="json")
    assert refused.status_code == 400, refused.json()
    assert "region" in refused.json()["error"]["fields"] and not Volunteer.objects.exists()
    accepted = as_user(personas["jinjiang"]).post(f"{API}volunteers/", application(7), format="json")
    assert accepted.status_code == 201 and Volunteer.objects.get().organization == personas["orgs"]["jinjiang"]


def test_the_public_form_still_takes_any_district(personas, client):
    from volunteers import services

    volunteer = services.volunteer_apply(**{k: v for k, v in application(8).items() if k != "region"},
                                         region=personas["orgs"]["jinjiang"].region, document_type="resident_id")
    assert volunteer.organization == personas["orgs"]["jinjiang"]


def test_staff_change_a_volunteer_through_its_service_and_only_in_scope(personas, as_user):
    created = as_user(personas["jinjiang"]).post(f"{API}volunteers/", application(9), format="json").json()
    url = f"{API}volunteers/{created['id']}/"
    assert as_user(personas["qingyang"]).patch(url, {"availability": "周末"}, format="json").status_code == 404
    changed = as_user(personas["jinjiang"]).patch(url, {"availability": "周末", "skills": ["first_aider"]},
                                                  format="json")
    assert changed.status_code == 200 and changed.json()["availability"] == "周末"
    assert as_user(personas["jinjiang"]).patch(url, {"skills": ["juggling"]}, format="json").status_code == 400
