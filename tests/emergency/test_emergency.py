"""Plans, alerts, incidents, deployments and mutual aid, through the services and the API."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from emergency import services
from emergency.models import Alert, AlertNotice, StockLot
from redcross.models import Notification
from tests.emergency import samples

pytestmark = pytest.mark.django_db


def alert_body(source_id="YJ-API-1", regions=("510104000000",)):
    now = timezone.now()
    return {"source": "成都市应急管理局", "source_id": source_id, "hazard_class": "natural", "hazard": "暴雨",
            "colour": "orange", "title": "暴雨橙色预警", "message": "注意防范城市内涝", "regions": list(regions),
            "valid_from": now.isoformat(), "valid_until": (now + timedelta(hours=12)).isoformat()}


def test_a_partner_agency_posts_an_alert_once_and_leaders_and_organisations_are_notified_once(
        personas, as_user, django_capture_on_commit_callbacks):
    team = samples.ready_team(personas)
    client = as_user(personas["partner"])
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post("/api/v1/emergency/alerts/", alert_body(), format="json")
    assert first.status_code == 201, first.content
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post("/api/v1/emergency/alerts/", alert_body(), format="json")
    assert again.status_code == 200 and again.json()["id"] == first.json()["id"]
    assert Alert.objects.count() == 1
    alert = Alert.objects.get()
    services.alert_notify(alert_id=alert.pk)  # a retried task sends nothing twice
    leader = team.members.get(role="leader").volunteer.person
    assert Notification.objects.filter(kind="emergency.alert", person=leader).count() == 1
    orgs = set(AlertNotice.objects.filter(alert=alert).values_list("organization__name", flat=True))
    assert orgs == {personas["orgs"]["jinjiang"].name, personas["orgs"]["chunxilu"].name}
    assert Notification.objects.filter(kind="emergency.alert_org").count() == 2


def test_alerts_are_scoped_to_the_affected_area_and_a_city_wide_alert_reaches_every_district(personas, as_user):
    samples.alert(personas, "JJ-ONLY")
    samples.alert(personas, "CITY-WIDE", region_codes=("510100000000",))
    seen = {a["source_id"] for a in as_user(personas["qingyang"]).get("/api/v1/emergency/alerts/").json()["results"]}
    assert seen == {"CITY-WIDE"}


def test_a_partner_agency_reads_incidents_readiness_and_stock_totals_but_nothing_personal(personas, as_user):
    samples.ready_team(personas)
    samples.lot(personas, quantity=40)
    samples.incident(personas)
    client = as_user(personas["partner"])
    assert client.get("/api/v1/emergency/incidents/").status_code == 200
    matrix = client.get("/api/v1/emergency/readiness/").json()
    jinjiang = next(r for r in matrix if r["district"] == "510104000000")
    assert jinjiang["types"]["water_rescue"]["green"] == 1
    assert client.get("/api/v1/emergency/stock-totals/").json()[0]["usable"] == "40.00"
    for personal in ("members", "deployments", "drills"):
        assert client.get(f"/api/v1/emergency/{personal}/").status_code == 403, personal
    assert client.post("/api/v1/emergency/incidents/", {}, format="json").status_code == 403
    assert client.get("/portal/emergency/").status_code in (302, 403)


def test_bad_alert_input_is_a_400_naming_the_field(personas, as_user):
    body = alert_body()
    body.update(colour="purple", valid_until=body["valid_from"], regions=[])
    response = as_user(personas["partner"]).post("/api/v1/emergency/alerts/", body, format="json")
    assert response.status_code == 400
    assert {"colour", "regions"} <= set(response.json()["error"]["fields"])
    assert not Alert.objects.exists()


def test_an_incident_from_the_flood_plan_has_its_checklist_and_runs_to_a_closed_review(personas):
    incident = samples.incident(personas)
    assert incident.status == "responding"
    assert [t.action for t in incident.tasks.all()] == [s["action"] for s in samples.FLOOD_STEPS]
    assert incident.tasks.last().due_at - incident.opened_at == timedelta(minutes=180)
    team = samples.ready_team(personas)
    deployment = services.deployment_request(actor=personas["jinjiang"], incident=incident, team=team)
    for status in ("approved", "on_site"):
        services.deployment_advance(actor=personas["jinjiang"], deployment=deployment, status=status)
    team.refresh_from_db()
    assert team.standby == "deployed"
    with pytest.raises(ValidationError) as refused:
        services.incident_advance(actor=personas["jinjiang"], incident=incident, status="closed")
    assert "status" in refused.value.message_dict
    services.incident_advance(actor=personas["jinjiang"], incident=incident, status="recovery")
    with pytest.raises(ValidationError) as refused:
        services.incident_advance(actor=personas["jinjiang"], incident=incident, status="closed")
    assert set(refused.value.message_dict) == {"review_lessons", "status"}
    services.deployment_advance(actor=personas["jinjiang"], deployment=deployment, status="returned")
    closed = services.incident_advance(actor=personas["jinjiang"], incident=incident, status="closed",
                                       review_lessons="预警到出队用时过长", review_actions="增配一艘救生艇")
    assert closed.status == "closed" and closed.closed_at
    with pytest.raises(ValidationError):
        services.sitrep_file(actor=personas["jinjiang"], incident=closed, affected=1)


def test_minors_and_uninsured_volunteers_are_not_deployed(personas):
    from datetime import date

    incident = samples.incident(personas)
    team = samples.ready_team(personas)
    minor = samples.volunteer(personas, birth=date.today().replace(year=date.today().year - 16),
                              guardian_name="监护人", guardian_consent=True)
    uninsured = samples.volunteer(personas, insured=False)
    for someone in (minor, uninsured):
        services.member_add(actor=personas["jinjiang"], team=team, volunteer=someone)
    with pytest.raises(ValidationError) as refused:
        services.deployment_request(actor=personas["jinjiang"], incident=incident, team=team)
    text = " ".join(refused.value.message_dict["volunteers"])
    assert minor.person.masked_name in text and uninsured.person.masked_name in text
    members = [m.volunteer for m in team.members.filter(role="leader")]
    assert services.deployment_request(actor=personas["jinjiang"], incident=incident, team=team,
                                       volunteers=members).status == "requested"


def test_a_red_team_is_not_deployed(personas):
    incident = samples.incident(personas)
    samples.small_standard()
    team = samples.team(personas, name="新建队")
    services.readiness_recompute(team_ids=[team.pk])
    team.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        services.deployment_request(actor=personas["jinjiang"], incident=incident, team=team)
    assert "team" in refused.value.message_dict


def test_dispatching_a_stock_request_issues_earliest_expiry_first_and_the_public_page_shows_it(personas, client):
    samples.lot(personas, quantity=30, code="quilt", expires_in=300, batch="Q-LATE")
    samples.lot(personas, quantity=10, code="quilt", expires_in=40, batch="Q-SOON")
    incident = samples.incident(personas)
    request = services.stock_request_create(actor=personas["jinjiang"], incident=incident, item=samples.item("quilt"),
                                            quantity=25, destination="安置点")
    services.stock_request_dispatch(actor=personas["jinjiang"], stock_request=request,
                                    warehouse=samples.warehouse(personas))
    assert dict(StockLot.objects.values_list("batch", "quantity")) == {"Q-SOON": 0, "Q-LATE": 15}
    with pytest.raises(ValidationError):
        services.stock_request_dispatch(actor=personas["jinjiang"], stock_request=request,
                                        warehouse=samples.warehouse(personas))
    services.sitrep_file(actor=personas["jinjiang"], incident=incident, affected=300, displaced=80, needs="饮用水")
    page = client.get(incident.get_public_url())
    text = page.content.decode()
    assert page.status_code == 200
    assert "棉被" in text and "25" in text and "饮用水" in text
    assert "测试" not in text and "队员" not in text  # no names on the public page


def test_an_incident_fund_collects_donations_shown_in_the_room(personas, client):
    from donations import services as donation_services

    incident = services.incident_open(actor=personas["jinjiang"], title="锦江区暴雨", region=samples.region(),
                                      hazard_class="natural", hazard="暴雨", level="4", create_fund=True)
    assert incident.fund.kind == "emergency"
    gift = donation_services.donation_record(actor=personas["jinjiang"], fund=incident.fund, amount="5000.00",
                                             channel="bank_transfer", is_anonymous=True)
    donation_services.donation_confirm(donation=gift, actor=personas["finance"], bank_reference="ICBC-0731")
    text = client.get(incident.get_public_url()).content.decode()
    assert "5,000.00" in text and f"/transparency/funds/{incident.fund.code}/" in text


def test_mutual_aid_goes_from_request_to_offer_to_sent_and_returned(personas):
    aid = samples.mutual_aid(personas)
    with pytest.raises(ValidationError):
        services.aid_advance(actor=personas["jinjiang"], aid=aid, status="sent", text="x")
    aid = services.aid_advance(actor=personas["city_admin"], aid=aid, status="offered", text="市水上救生队一支，12人")
    aid = services.aid_advance(actor=personas["jinjiang"], aid=aid, status="accepted")
    aid = services.aid_advance(actor=personas["city_admin"], aid=aid, status="sent", text="12人、救生艇2艘")
    aid = services.aid_advance(actor=personas["jinjiang"], aid=aid, status="returned", text="全员返回，救生艇归还")
    assert (aid.status, aid.offer, aid.sent) == ("returned", "市水上救生队一支，12人", "12人、救生艇2艘")


def test_a_plan_new_version_keeps_the_steps_and_retires_the_old(personas):
    plan = samples.plan(personas)
    newer = services.plan_new_version(actor=personas["jinjiang"], plan=plan)
    plan.refresh_from_db()
    assert (newer.version, plan.is_active, newer.steps.count()) == (2, False, 3)


def test_the_api_opens_an_incident_from_a_plan_and_files_reports(personas, as_user):
    plan = samples.plan(personas)
    client = as_user(personas["jinjiang"])
    response = client.post("/api/v1/emergency/incidents/", {"title": "API 内涝", "plan": plan.pk,
                                                            "region": "510104000000"}, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "responding" and len(body["tasks"]) == 3 and body["hazard"] == "洪涝"
    report = client.post("/api/v1/emergency/sitreps/", {"incident": body["id"], "affected": 12}, format="json")
    assert report.status_code == 201, report.content
    bad = client.post("/api/v1/emergency/sitreps/", {"incident": body["id"], "affected": -3}, format="json")
    assert bad.status_code == 400 and "affected" in bad.json()["error"]["fields"]
    moved = client.post(f"/api/v1/emergency/incidents/{body['id']}/advance/", {"status": "closed"}, format="json")
    assert moved.status_code == 400 and "status" in moved.json()["error"]["fields"]
