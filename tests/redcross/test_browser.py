"""In a real headless Chromium: log in, drill into coverage, list regions, export to Excel."""

import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from organizations.models import Region
from organizations.services import coverage_recompute
from redcross.testing import PASSWORD

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def page(live_server, plain_static):
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1360, "height": 900}, accept_downloads=True,
                                      locale="zh-CN")
        page = context.new_page()
        page.set_default_timeout(15000)
        yield page
        context.close()
        browser.close()


def test_a_city_administrator_reviews_coverage_and_exports_regions(personas, live_server, page):
    coverage_recompute()
    page.goto(f"{live_server.url}/portal/login/")
    page.fill("input[name=username]", "t_city_admin")
    page.fill("input[name=password]", PASSWORD)
    page.click("form button.btn-primary")
    page.wait_for_url(f"{live_server.url}/portal/")
    assert "工作台" in page.inner_text("h1")

    page.click("nav.sidebar >> text=基层组织覆盖")
    page.wait_for_selector("#coverage-table")
    assert "成都市" in page.inner_text("h1")
    assert page.locator("#coverage-table tbody tr").count() == 20
    page.screenshot(path=str(ARTIFACTS / "coverage-city.png"), full_page=True)

    page.click("#coverage-table >> text=锦江区")
    page.wait_for_selector("table.data >> text=春熙路街道")
    towns = Region.objects.filter(parent_id="510104000000").count()
    assert page.locator("#coverage-table tbody tr").count() == towns
    page.click("#coverage-table >> text=春熙路街道")
    page.wait_for_url("**region=510104022000")
    page.wait_for_selector("#coverage-table")
    communities = Region.objects.filter(parent_id="510104022000").count()
    assert page.locator("#coverage-table tbody tr").count() == communities
    assert page.inner_text("#coverage-table").count("✗") == communities  # no station yet in the test data
    page.screenshot(path=str(ARTIFACTS / "coverage-town.png"), full_page=True)

    page.click("nav.sidebar >> text=行政区划")
    page.select_option("select[name=level]", "town")
    page.select_option("select[name=within]", "510104000000")  # the district picker, not a typed code
    page.click("form.filters button[type=submit]")
    page.wait_for_selector("table.data >> text=春熙路街道")
    page.screenshot(path=str(ARTIFACTS / "regions.png"), full_page=True)
    with page.expect_download() as download_info:
        page.click("a[data-export=xlsx]")
    path = ARTIFACTS / "regions.xlsx"
    download_info.value.save_as(path)
    rows = list(load_workbook(path).active.iter_rows(values_only=True))
    assert rows[0][0] == "名称"
    assert {r[1] for r in rows[1:]} == set(
        Region.objects.filter(parent_id="510104000000").values_list("code", flat=True))
