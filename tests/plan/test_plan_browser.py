"""In a real headless Chromium: the city admin opens the plan board, sees every target with its trend, drills a
target down to one community, switches the map to another target and downloads the PDF; a district staffer
sees only their district."""

from datetime import timedelta

import pytest
from django.utils import timezone

from organizations.models import Organization, Region
from redcross import targets as registry
from redcross.plan import services
from redcross.testing import CHUNXILU, PASSWORD
from tests.redcross.test_browser import ARTIFACTS, page  # noqa: F401 - the Chromium page fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def stations_over_ten_days():
    """Work stations opened in 锦江区's communities over the last ten days, and a snapshot for each day."""
    today = timezone.localdate()
    communities = list(Region.objects.filter(code__startswith="510104", level="community").order_by("code")[:30])
    for index, community in enumerate(communities):
        station = Organization.objects.create(name=f"{community.name}红十字工作站", kind="work_station",
                                              region=community)
        Organization.objects.filter(pk=station.pk).update(
            created_at=timezone.now() - timedelta(days=10 - index // 3))
    for back in range(10, -1, -1):
        services.snapshots_take(day=today - timedelta(days=back))


def log_in(page, live_server, username):  # noqa: F811
    page.goto(f"{live_server.url}/portal/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("form button.btn-primary")
    page.wait_for_url(f"{live_server.url}/portal/")


def test_the_city_admin_drills_a_target_to_a_community_switches_the_map_and_prints(personas, live_server,
                                                                                   page):  # noqa: F811
    stations_over_ten_days()
    log_in(page, live_server, "t_city_admin")
    page.click("nav.sidebar >> text=规划目标看板")
    page.wait_for_selector("#plan-map canvas")
    assert "成都市" in page.inner_text("h1")
    for target in registry.all_targets():
        assert page.locator(f".plan-target[data-target='{target.code}']").count() == 1, target.code
    # every target with a figure draws its trend line
    page.wait_for_selector(".plan-target[data-target='grassroots.community_stations'] .plan-trend svg path")
    page.screenshot(path=str(ARTIFACTS / "plan-board-city.png"), full_page=True)

    page.click(".plan-target[data-target='grassroots.community_stations'] .plan-target-title")
    page.wait_for_selector("#plan-drill-table")
    page.click("#plan-drill-table >> text=锦江区")
    page.wait_for_url("**region=510104000000**")
    page.click("#plan-drill-table >> text=春熙路街道")
    page.wait_for_url(f"**region={CHUNXILU}**")
    communities = Region.objects.filter(parent_id=CHUNXILU).count()
    assert page.locator("#plan-drill-table tbody tr").count() == communities
    assert "春熙路街道" in page.inner_text("h1")
    page.screenshot(path=str(ARTIFACTS / "plan-board-town.png"), full_page=True)

    page.goto(f"{live_server.url}/portal/plan/")
    page.wait_for_selector("#plan-map canvas")
    page.select_option("#plan-map-target", "training.assessed_yearly")
    page.wait_for_function("document.getElementById('plan-map').dataset.shown === 'training.assessed_yearly'")
    page.locator("#plan-map").scroll_into_view_if_needed()
    page.locator("#plan-map").screenshot(path=str(ARTIFACTS / "plan-board-map-switched.png"))

    with page.expect_download() as download_info:
        page.click("#plan-pdf")
    path = ARTIFACTS / "plan-board.pdf"
    download_info.value.save_as(path)
    assert path.read_bytes().startswith(b"%PDF")


def test_a_district_staffer_sees_only_their_district(personas, live_server, page):  # noqa: F811
    services.snapshots_take()
    log_in(page, live_server, "t_qingyang")
    page.goto(f"{live_server.url}/portal/plan/?target=grassroots.towns_sanyou")
    page.wait_for_selector("#plan-drill-table")
    assert "青羊区" in page.inner_text("h1")
    assert "锦江区" not in page.inner_text("main")
    page.screenshot(path=str(ARTIFACTS / "plan-board-qingyang.png"), full_page=True)
    response = page.goto(f"{live_server.url}/portal/plan/?region=510104000000")
    assert response.status == 404
