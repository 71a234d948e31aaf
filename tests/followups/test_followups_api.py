"""The follow-up API: writes through the services, Idempotency-Key on creates, bad input named by field."""

from datetime import timedelta

import pytest
from django.utils import timezone

from followups.models import Bulletin, Issue, Visit
from tests.followups import samples

pytestmark = pytest.mark.django_db

API = "/api/v1/followups"


def test_a_visit_is_recorded_once_per_idempotency_key(personas, as_user):
    firm = samples.enterprise(personas)
    client = as_user(personas["jinjiang"])
    body = {"party_kind": "caring_enterprise", "party_id": firm.pk, "method": "forum",
            "visited_on": timezone.localdate().isoformat(), "difficulties": ["enterprise"],
            "suggestions": "多开展企业座谈", "satisfaction": 4, "notes": "法人代表住院",
            "issues": [{"category": "enterprise", "title": "招工难", "department": "区人社局"}]}
    first = client.post(f"{API}/visits/", body, format="json", HTTP_IDEMPOTENCY_KEY="visit-1")
    again = client.post(f"{API}/visits/", body, format="json", HTTP_IDEMPOTENCY_KEY="visit-1")
    assert first.status_code == 201, first.content
    assert again.status_code == 201 and again.headers["Idempotent-Replayed"] == "true"
    assert Visit.objects.count() == 1 and Issue.objects.get().status == "assigned"
    assert "notes" not in first.json() and first.json()["party_name"] == firm.name
    assert len(first.json()["issue_ids"]) == 1


@pytest.mark.parametrize("field, value", [("method", "carrier-pigeon"), ("visited_on", "yesterday"),
                                          ("party_id", "abc"), ("satisfaction", 9), ("difficulties", ["boredom"])])
def test_bad_visit_input_is_a_400_naming_the_field(personas, as_user, field, value):
    firm = samples.enterprise(personas)
    body = {"party_kind": "caring_enterprise", "party_id": firm.pk, "method": "phone",
            "visited_on": timezone.localdate().isoformat(), field: value}
    response = as_user(personas["jinjiang"]).post(f"{API}/visits/", body, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()["error"]["fields"]
    assert not Visit.objects.exists()


def test_a_visit_to_a_party_of_another_district_is_refused(personas, as_user):
    outsider = samples.enterprise(personas, actor="qingyang")
    response = as_user(personas["jinjiang"]).post(f"{API}/visits/", {
        "party_kind": "caring_enterprise", "party_id": outsider.pk, "method": "phone",
        "visited_on": timezone.localdate().isoformat()}, format="json")
    assert response.status_code == 400 and "party_id" in response.json()["error"]["fields"]


def test_an_issue_is_referred_and_finished_through_the_api(personas, as_user):
    issue = samples.issue(personas)
    client = as_user(personas["jinjiang"])
    assert client.post(f"{API}/issues/{issue.pk}/progress/", {}, format="json").json()["status"] == "in_progress"
    bad = client.post(f"{API}/issues/{issue.pk}/finish/", {"status": "resolved"}, format="json")
    assert bad.status_code == 400 and "resolution" in bad.json()["error"]["fields"]
    done = client.post(f"{API}/issues/{issue.pk}/finish/", {"status": "resolved", "resolution": "已解决",
                                                            "feedback": "满意", "feedback_satisfaction": 5},
                       format="json")
    assert done.status_code == 200 and done.json()["feedback"] == "满意"
    assert [a["action"] for a in done.json()["activities"]][-2:] == ["resolved", "feedback"]


def test_a_bulletin_is_drafted_submitted_and_published_through_the_api(personas, as_user):
    samples.visit(personas)
    client = as_user(personas["jinjiang"])
    today = timezone.localdate()
    bad = client.post(f"{API}/bulletins/", {"period_start": today.isoformat(),
                                            "period_end": (today - timedelta(days=3)).isoformat()}, format="json")
    assert bad.status_code == 400 and "period_end" in bad.json()["error"]["fields"]
    draft = client.post(f"{API}/bulletins/", {"period_start": today.replace(day=1).isoformat(),
                                              "period_end": today.isoformat()}, format="json",
                        HTTP_IDEMPOTENCY_KEY="b-1").json()
    assert draft["status"] == "draft" and draft["number"] is None
    early = client.post(f"{API}/bulletins/{draft['id']}/publish/")
    assert early.status_code == 400 and "status" in early.json()["error"]["fields"]
    client.post(f"{API}/bulletins/{draft['id']}/submit/")
    published = client.post(f"{API}/bulletins/{draft['id']}/publish/").json()
    assert (published["status"], published["number"], published["figures"]["visits"]) == ("published", 1, 1)
    changed = client.patch(f"{API}/bulletins/{draft['id']}/", {"title": "改"}, format="json")
    assert changed.status_code == 400
    pdf = client.get(f"{API}/bulletins/{draft['id']}/pdf/")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert Bulletin.objects.get(pk=draft["id"]).title != "改"


def test_a_plan_is_generated_through_the_api(personas, as_user):
    samples.enterprise(personas)
    client = as_user(personas["jinjiang"])
    plan = client.post(f"{API}/plans/", {"year": timezone.localdate().year, "period": "year"}, format="json")
    assert plan.status_code == 201, plan.content
    assert client.post(f"{API}/plans/{plan.json()['id']}/generate/").json() == {"added": 1}
    items = client.get(f"{API}/plan-items/?plan={plan.json()['id']}").json()["results"]
    assert [i["party_kind"] for i in items] == ["caring_enterprise"]
    bad = client.post(f"{API}/plans/", {"year": "next", "period": "decade"}, format="json")
    assert bad.status_code == 400 and {"year", "period"} <= set(bad.json()["error"]["fields"])


def test_only_the_city_sets_visit_targets(personas, as_user):
    body = {"year": 2026, "organization": personas["orgs"]["jinjiang"].pk, "party_kind": "volunteer",
            "rate": "55", "eligibility": "registered"}
    assert as_user(personas["jinjiang"]).post(f"{API}/targets/", body, format="json").status_code == 403
    made = as_user(personas["city_admin"]).post(f"{API}/targets/", body, format="json")
    assert made.status_code == 201, made.content
    bad = as_user(personas["city_admin"]).post(f"{API}/targets/", {**body, "year": 2027, "rate": "150"},
                                               format="json")
    assert bad.status_code == 400 and "rate" in bad.json()["error"]["fields"]
