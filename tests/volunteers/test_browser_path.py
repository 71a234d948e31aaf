"""The whole volunteer path in a real headless Chromium, as its users would go through it.

A resident applies on a phone, district staff accept, the volunteer signs up to
an activity and checks in by its QR code, the organiser records and confirms the
hours, the volunteer downloads the certificate, and the public page verifies it.
"""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from organizations.models import Region
from redcross.testing import PASSWORD, valid_id
from tests.redcross.test_browser import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS
from volunteers import services
from volunteers.models import ServiceCertificate, Volunteer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DOCUMENT = valid_id("510104", "19960315", "246")
MOBILE = "13987654321"


@pytest.fixture
def browser(live_server, plain_static):
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def phone(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, locale="zh-CN",
                                  accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(15000)
    return page


def desk(browser, live_server, username):
    context = browser.new_context(viewport={"width": 1360, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(15000)
    page.goto(f"{live_server.url}/portal/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("form button.btn-primary")
    page.wait_for_url(f"{live_server.url}/portal/")
    return page


def test_from_application_to_a_verified_certificate(personas, live_server, browser):
    url = live_server.url
    now = timezone.now()
    activity = services.activity_create(
        actor=personas["jinjiang"], title="社区独居老人探访", kind="community_care",
        organization=personas["orgs"]["jinjiang"], region=Region.objects.get(code="510104022000"),
        place="合江亭社区", starts_at=now - timedelta(minutes=30), ends_at=now + timedelta(hours=4), capacity=10)

    # A resident applies on a phone.
    resident = phone(browser)
    resident.goto(f"{url}/volunteer/apply/")
    assert "成为红十字志愿者" in resident.inner_text("h1")
    resident.fill("input[name=full_name]", "林小雨")
    resident.fill("input[name=document_number]", DOCUMENT)
    resident.fill("input[name=mobile]", MOBILE)
    resident.select_option("select[name=region]", "510104000000")
    resident.check("input[name=skills][value=first_aider]")
    resident.fill("input[name=availability]", "周末")
    resident.click("button.btn-primary.wide")
    assert resident.locator(".has-error").count() == 1
    assert resident.locator(".has-error input[name=consent]").count() == 1  # consent is asked for, by name
    resident.check("input[name=consent]")
    resident.fill("input[name=document_number]", DOCUMENT)
    resident.fill("input[name=mobile]", MOBILE)
    resident.click("button.btn-primary.wide")
    resident.wait_for_selector("#applied")
    resident.screenshot(path=str(ARTIFACTS / "volunteer-applied.png"), full_page=True)

    # District staff accept the application.
    staff = desk(browser, live_server, "t_jinjiang")
    staff.click("nav.sidebar >> text=志愿者管理")
    staff.select_option("select[name=status]", "applied")
    staff.click("form.filters button[type=submit]")
    staff.click("table.data tbody tr:has-text('林*雨') a")
    staff.click("button[data-action=accept]")
    staff.wait_for_selector("text=已通过")
    volunteer = Volunteer.objects.get(person__full_name="林小雨")
    assert volunteer.status == "signed_up" and volunteer.number
    assert volunteer.number in staff.inner_text("dl.fields")

    # The volunteer looks up the record and signs up to the activity.
    resident.goto(f"{url}/volunteer/status/")
    resident.fill("input[name=document_number]", DOCUMENT)
    resident.fill("input[name=mobile]", MOBILE)
    resident.click("button.btn-primary.wide")
    resident.wait_for_selector("#volunteer-status")
    assert "登记志愿者" in resident.inner_text("#volunteer-status")
    resident.click(f"li[data-activity='{activity.pk}'] button")
    resident.wait_for_selector(f"li[data-activity='{activity.pk}'] >> text=已报名")

    # At the meeting point the volunteer scans the activity's QR code and checks in.
    staff.goto(f"{url}{activity.get_absolute_url()}")
    checkin_url = staff.inner_text(".small-url").strip()
    assert checkin_url.endswith(f"/volunteer/checkin/{activity.checkin_code}/")
    resident.goto(checkin_url)
    resident.fill("input[name=number]", volunteer.number)
    resident.fill("input[name=mobile]", MOBILE)
    resident.click("button.btn-primary.wide")
    resident.wait_for_selector("#checked-in")
    resident.screenshot(path=str(ARTIFACTS / "volunteer-checked-in.png"), full_page=True)

    # The organiser records the hours actually served and confirms them.
    staff.reload()
    row = staff.locator(f"tr[data-volunteer='{volunteer.number}']")
    assert "已签到" in row.inner_text()
    row.locator("input[name=hours]").fill("3.5")
    row.locator("text=记录时长").click()
    staff.wait_for_selector("text=时长已记录")
    staff.locator(f"tr[data-volunteer='{volunteer.number}'] >> text=确认时长").click()
    staff.wait_for_selector("text=时长已确认")
    staff.screenshot(path=str(ARTIFACTS / "volunteer-activity.png"), full_page=True)
    volunteer.refresh_from_db()
    assert volunteer.confirmed_hours == Decimal("3.5")

    # The volunteer downloads the certificate.
    resident.goto(f"{url}/volunteer/status/?show=1")
    assert "3.50" in resident.inner_text("#volunteer-status")
    with resident.expect_download() as download:
        resident.click("text=下载我的志愿服务证明（PDF）")
    path = ARTIFACTS / "volunteer-certificate.pdf"
    download.value.save_as(path)
    assert path.read_bytes().startswith(b"%PDF")
    certificate = ServiceCertificate.objects.get(volunteer=volunteer)
    assert download.value.suggested_filename == f"{certificate.number}.pdf"

    # Anyone verifies it on the public page.
    checker = phone(browser)
    checker.goto(f"{url}/volunteer/verify/")
    checker.fill("input[name=number]", certificate.number)
    checker.click("button.btn-primary.wide")
    checker.wait_for_selector("#verification")
    text = checker.inner_text("#verification")
    assert "真实有效" in text and "林*雨" in text and "3.50" in text and "林小雨" not in text
    checker.screenshot(path=str(ARTIFACTS / "volunteer-verified.png"), full_page=True)
