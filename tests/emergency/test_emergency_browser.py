"""In a real headless Chromium, as the issue asks: a partner agency posts an alert over the API, 锦江区 sees and
acknowledges it, opens an incident from the flood plan, deploys a ready water-rescue team, dispatches stock,
files two situation reports and closes with a review; the matrix and the public incident page follow."""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from emergency.models import AlertNotice, Incident, StockLot
from redcross.testing import PASSWORD
from tests.emergency import samples
from tests.redcross.test_browser import ARTIFACTS, page  # noqa: F401 - the Chromium page fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def shot(page, name):  # noqa: F811
    page.screenshot(path=str(ARTIFACTS / f"emergency-{name}.png"), full_page=True)


def test_alert_to_incident_to_closed_review_in_the_browser(personas, live_server, page):  # noqa: F811
    team = samples.ready_team(personas, name="锦江区红十字水上救生队")
    assert team.readiness == "green"
    samples.requirement(personas, "water_rescue")
    samples.requirement(personas, "medical")
    plan = samples.plan(personas)
    samples.lot(personas, quantity=50, code="quilt", expires_in=200, batch="QUILT-2026")
    samples.lot(personas, quantity=10, code="quilt", expires_in=30, batch="QUILT-OLD")

    # 1. The emergency bureau posts an alert over the API (a retry is stored once).
    partner = APIClient()
    partner.force_authenticate(personas["partner"])
    now = timezone.now()
    body = {"source": "成都市应急管理局", "source_id": "CDYJ-0712-01", "hazard_class": "natural", "hazard": "暴雨",
            "colour": "orange", "title": "锦江区暴雨橙色预警", "message": "未来6小时降雨量将达80毫米",
            "regions": ["510104000000"], "valid_from": now.isoformat(),
            "valid_until": (now + timedelta(hours=12)).isoformat()}
    assert partner.post("/api/v1/emergency/alerts/", body, format="json").status_code == 201
    assert partner.post("/api/v1/emergency/alerts/", body, format="json").status_code == 200

    # 2. 锦江区 staff see it first in their alert list and acknowledge it.
    page.goto(f"{live_server.url}/portal/login/")
    page.fill("input[name=username]", "t_jinjiang")
    page.fill("input[name=password]", PASSWORD)
    page.click("form button.btn-primary")
    page.wait_for_url(f"{live_server.url}/portal/")
    page.click("nav.sidebar >> text=战备矩阵")
    page.wait_for_selector("#readiness-matrix")
    cell = page.locator('td[data-district="510104000000"][data-type="water_rescue"]')
    assert cell.get_attribute("data-colour") == "green" and "1/1" in cell.inner_text()
    assert "未建" in page.locator('td[data-district="510104000000"][data-type="medical"]').inner_text()
    shot(page, "matrix")
    page.click("nav.sidebar >> text=预警信息")
    page.wait_for_selector("table.data")
    assert "锦江区暴雨橙色预警" in page.locator("table.data tbody tr").first.inner_text()
    shot(page, "alerts")
    page.click("table.data >> text=锦江区暴雨橙色预警")
    page.wait_for_selector("#acknowledgements")
    row = page.locator("#acknowledgements tbody tr", has_text=personas["orgs"]["jinjiang"].name)
    row.locator("button", has_text="确认收到").click()
    page.wait_for_selector(".msg-success")
    assert AlertNotice.objects.get(organization=personas["orgs"]["jinjiang"]).acknowledged_at is not None
    shot(page, "alert-acknowledged")

    # 3. They open an incident from the flood plan: its steps become the checklist.
    page.click(f"text=按“{plan.title}”启动事件")
    page.wait_for_selector("form.form")
    page.check("input[name=create_fund]")
    page.click("form.form button[type=submit]")
    page.wait_for_selector("#checklist")
    incident = Incident.objects.get()
    assert incident.plan == plan and incident.alert is not None and incident.status == "responding"
    assert page.locator("#checklist li").count() == 3
    shot(page, "incident-opened")

    # 4. Deploy the ready water-rescue team: requested → approved → on site.
    page.select_option("#deploy-form select[name=team]", str(team.pk))
    page.fill("#deploy-form input[name=task]", "转移东大街受困群众")
    page.click("#deploy-form button[type=submit]")
    page.wait_for_selector("#deployments button:has-text('批准')")
    page.click("#deployments button:has-text('批准')")
    page.wait_for_selector("#deployments td:has-text('已批准')")
    page.click("#deployments button:has-text('已到达现场')")
    page.wait_for_selector("#deployments td:has-text('已到达现场')")

    # 5. Request 20 quilts and dispatch them: the lot expiring first goes first.
    page.select_option("#stock-form select[name=item]", str(samples.item("quilt").pk))
    page.fill("#stock-form input[name=quantity]", "20")
    page.fill("#stock-form input[name=destination]", "东大街街道安置点")
    page.click("#stock-form button[type=submit]")
    page.wait_for_selector("#stock button:has-text('调拨')")
    page.click("#stock button:has-text('调拨')")
    page.wait_for_selector("#stock td:has-text('已调拨')")
    assert dict(StockLot.objects.values_list("batch", "quantity")) == {"QUILT-OLD": 0, "QUILT-2026": 40}

    # 6. Two situation reports.
    for affected, displaced, needs in ((320, 60, "棉被、饮用水"), (540, 120, "帐篷、心理疏导")):
        page.fill("#sitrep-form input[name=affected]", str(affected))
        page.fill("#sitrep-form input[name=displaced]", str(displaced))
        page.fill("#sitrep-form textarea[name=needs]", needs)
        page.click("#sitrep-form button[type=submit]")
        page.wait_for_selector(f"#sitreps td:has-text('{needs}')")
    assert page.locator("#sitreps .bar-row").count() == 2
    shot(page, "incident-room")

    # The public page already shows the situation and the help given, and no one's name.
    public = page.context.new_page()
    public.goto(f"{live_server.url}{incident.get_public_url()}")
    public_text = public.inner_text("main")
    assert "540" in public_text and "棉被" in public_text and "锦江区红十字水上救生队" in public_text
    assert "队员" not in public_text
    public.screenshot(path=str(ARTIFACTS / "emergency-public-responding.png"), full_page=True)

    # 7. The team returns; the incident moves to recovery, then closes with its review.
    page.click("#deployments button:has-text('已返回')")
    page.wait_for_selector("#deployments td:has-text('已返回')")
    page.select_option("#advance-form select[name=status]", "recovery")
    page.click("#advance-form button[type=submit]")
    page.wait_for_selector("text=状态: 恢复重建")
    page.select_option("#advance-form select[name=status]", "closed")
    page.click("#advance-form button[type=submit]")
    page.wait_for_selector(".msg-error")  # the review is required to close
    page.select_option("#advance-form select[name=status]", "closed")
    page.fill("#advance-form textarea[name=review_lessons]", "预警到集结用时过长")
    page.fill("#advance-form textarea[name=review_actions]", "增配救生艇一艘，汛前演练一次")
    page.click("#advance-form button[type=submit]")
    page.wait_for_selector("text=事后复盘")
    incident.refresh_from_db()
    assert incident.status == "closed"
    shot(page, "incident-closed")

    public.reload()
    assert "已结束" in public.inner_text("#incident-status .on")
    assert "增配救生艇" in public.inner_text("main")
    assert public.locator("a", has_text="公开账目").count() == 1
    public.screenshot(path=str(ARTIFACTS / "emergency-public-closed.png"), full_page=True)

    page.goto(f"{live_server.url}/portal/emergency/")
    cell = page.locator('td[data-district="510104000000"][data-type="water_rescue"]')
    assert cell.get_attribute("data-colour") == "green"
    shot(page, "matrix-after")

    # The team behind the cell, and the stock page with the lot that went first.
    cell.locator("a").click()
    page.click("table.data >> text=锦江区红十字水上救生队")
    page.wait_for_selector("#readiness-colour")
    assert page.inner_text("#readiness-colour") == "达标"
    assert page.locator("#drills tbody tr").count() == 1
    shot(page, "team")
    page.click("nav.sidebar >> text=救灾物资")
    page.wait_for_selector("#expiring")
    assert "QUILT-OLD" not in page.inner_text("#expiring")  # issued to zero
    shot(page, "stock")
