"""In a real headless Chromium: the portal at 390 px (menu, check-in buttons inside the screen) and a donor who
pledges, sees the account and a short code, is matched by finance's bank statement and finds the receipt."""

import pytest

from donations.choices import FundKind
from donations.models import Donation
from tests.donations.samples import fund
from tests.donations.test_donations_browser import log_in
from tests.redcross.test_browser import ARTIFACTS, page  # noqa: F401 - the browser fixture
from tests.volunteers import samples as volunteer_samples
from volunteers import services as volunteer_services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}


def inside_viewport(box, width):
    return box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width and box["width"] > 0


def test_an_organiser_checks_people_in_on_a_phone(personas, live_server, page):  # noqa: F811
    activity = volunteer_samples.activity(personas, title="春熙路社区急救宣传")
    first = volunteer_samples.volunteer(personas, n=41)
    second = volunteer_samples.volunteer(personas, n=42)
    for volunteer in (first, second):
        volunteer_services.activity_sign_up(activity=activity, volunteer=volunteer)
    volunteer_services.activity_check_in(activity=activity, volunteer=second, actor=personas["jinjiang"])

    page.set_viewport_size(PHONE)
    log_in(page, live_server, "t_jinjiang")
    assert not page.is_visible("nav.sidebar")
    page.click("#menu-button")
    page.wait_for_selector("nav.sidebar", state="visible")
    links = page.locator("nav.sidebar a")
    assert links.count() > 3
    for index in range(links.count()):
        box = links.nth(index).bounding_box()
        assert inside_viewport(box, PHONE["width"]) and box["height"] < 44  # one line each, not a column
    page.screenshot(path=str(ARTIFACTS / "portal-menu-390.png"), full_page=True)

    page.goto(f"{live_server.url}{activity.get_absolute_url()}")
    page.wait_for_selector("#signups")
    check_in = page.locator("#signups button", has_text="签到").first
    check_out = page.locator("#signups button", has_text="签退").first
    for button in (check_in, check_out):
        button.scroll_into_view_if_needed()
        assert inside_viewport(button.bounding_box(), PHONE["width"])
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=str(ARTIFACTS / "activity-checkin-390.png"), full_page=True)
    check_in.click()
    page.wait_for_selector("#signups button:has-text('签退') >> nth=1")


def test_a_donor_pays_by_transfer_and_finds_the_receipt(personas, live_server, page, tmp_path):  # noqa: F811
    fund(personas, kind=FundKind.GENERAL, name="成都市红十字会非定向捐赠")

    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/donate/")
    page.click("#pledge")  # an empty form: every error at once
    assert page.locator(".field-error").count() >= 3
    page.fill("input[name=amount]", "1234")
    page.fill("input[name=name]", "周善良")
    page.fill("input[name=mobile]", "13866667777")
    page.check("input[name=publish_name]")
    page.click("#pledge")
    page.wait_for_selector("#reference-code")
    code = page.inner_text("#reference-code").strip()
    assert len(code) == 8 and "¥1,234.00" in page.inner_text("#bank-account")
    page.screenshot(path=str(ARTIFACTS / "donate-thanks-390.png"), full_page=True)

    statement = tmp_path / "icbc-202611.csv"
    statement.write_bytes(("账号：4402230009100088888,,,,\n交易日期,交易流水号,对方户名,附言,贷方发生额\n"
                           f"2026-11-20,ICBC0001,周善良,捐款{code},\"1,234.00\"\n").encode("gb18030"))
    page.set_viewport_size({"width": 1360, "height": 900})
    log_in(page, live_server, "t_finance")
    page.goto(f"{live_server.url}/portal/donations/reconciliation/")
    page.set_input_files("#statement-import input[type=file]", str(statement))
    page.click("#import-statement")
    page.wait_for_selector("#matched")
    assert code in page.inner_text("#matched")
    page.screenshot(path=str(ARTIFACTS / "statement-matched.png"), full_page=True)
    page.click("#confirm-all")
    page.wait_for_selector("#done")
    donation = Donation.objects.get()
    assert donation.status == "confirmed" and donation.receipt_number

    page.context.clear_cookies()
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/donate/pledge/")
    page.fill("input[name=reference_code]", code.lower())
    page.fill("input[name=mobile]", "13866667777")
    page.click("#pledge-form button[type=submit]")
    page.wait_for_selector("#receipt-number")
    assert page.inner_text("#receipt-number") == donation.receipt_number
    assert page.is_visible("#receipt-pdf")
    page.screenshot(path=str(ARTIFACTS / "pledge-lookup-390.png"), full_page=True)
