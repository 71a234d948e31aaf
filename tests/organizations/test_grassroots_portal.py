"""The portal's actions on a centre, an AED station and a town's work: one POST through the service, the refusal
shown as messages naming what is wrong, nothing written, and nothing reachable outside the staffer's area."""


import pytest
from django.utils import timezone

from organizations import grassroots_services as services
from organizations.choices import CentreStatus
from organizations.models import Centre, CentreInspection, TownWorkOverride
from tests.organizations import samples
from tests.organizations.test_grassroots import complete_checklist

pytestmark = pytest.mark.django_db


def portal(client, user):
    client.force_login(user)
    return client


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


def test_acceptance_refused_on_the_centres_page_names_the_missing_item_and_keeps_the_status(personas, client):
    centre = complete_checklist(samples.centre(personas), personas)
    services.centre_save(actor=personas["jinjiang"], centre=centre, has_evacuation_map=False)
    staff = portal(client, personas["jinjiang"])
    url = f"/portal/organizations/centres/{centre.pk}/advance/"
    assert messages_of(staff.post(url, {"status": "built"}, follow=True)) == ["状态已更新。"]
    refused = messages_of(staff.post(url, {"status": "accepted"}, follow=True))
    assert any("疏散图已张贴" in text for text in refused), refused
    assert Centre.objects.get(pk=centre.pk).status == CentreStatus.BUILT
    services.centre_save(actor=personas["jinjiang"], centre=centre, has_evacuation_map=True)
    staff.post(url, {"status": "accepted"})
    assert Centre.objects.get(pk=centre.pk).status == CentreStatus.ACCEPTED


def test_a_bad_inspection_form_is_named_field_by_field_and_writes_nothing(personas, client):
    centre = samples.centre(personas)
    staff = portal(client, personas["jinjiang"])
    response = staff.post(f"/portal/organizations/centres/{centre.pk}/inspection/",
                          {"inspected_on": "not a date", "inspector": ""}, follow=True)
    shown = messages_of(response)
    assert shown and all(":" in text for text in shown), shown
    assert not CentreInspection.objects.exists()
    ok = staff.post(f"/portal/organizations/centres/{centre.pk}/inspection/",
                    {"inspected_on": timezone.localdate().isoformat(), "inspector": "区应急局", "passed": "on"})
    assert ok.status_code == 302 and CentreInspection.objects.filter(centre=centre).count() == 1


def test_an_unknown_action_or_another_districts_centre_is_not_found(personas, client):
    centre = samples.centre(personas)
    assert portal(client, personas["jinjiang"]).post(
        f"/portal/organizations/centres/{centre.pk}/demolish/").status_code == 404
    assert portal(client, personas["qingyang"]).post(
        f"/portal/organizations/centres/{centre.pk}/advance/", {"status": "built"}).status_code == 404
    assert Centre.objects.get(pk=centre.pk).status == CentreStatus.PLANNED


def test_an_aed_inspection_from_the_stations_page(personas, client):
    station = samples.aed_station(personas)
    response = portal(client, personas["jinjiang"]).post(
        f"/portal/organizations/aed/{station.pk}/inspection/",
        {"inspected_on": timezone.localdate().isoformat(), "inspector": "设备厂家", "working": "on",
         "battery_ok": "on"}, follow=True)
    assert messages_of(response) == ["检查已记录。"]
    assert station.inspections.count() == 1


def test_a_work_override_is_corrected_over_the_api_but_stays_on_its_town(personas, as_user):
    override = samples.work_override(personas)
    client = as_user(personas["jinjiang"])
    url = f"/api/v1/organizations/work-overrides/{override.pk}/"
    changed = client.patch(url, {"has_work": False, "reason": "台账复核：全年无活动"}, format="json")
    assert changed.status_code == 200, changed.content
    assert TownWorkOverride.objects.get(pk=override.pk).has_work is False
    moved = client.patch(url, {"region": "510104023000"}, format="json")
    assert moved.status_code == 400 and "region" in moved.json()["error"]["fields"]
    assert TownWorkOverride.objects.get(pk=override.pk).region_id == "510104022000"
    assert TownWorkOverride.objects.count() == 1
