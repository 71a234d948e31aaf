"""In a real headless Chromium: a donor pledges, finance confirms and issues the receipt, a disbursement is
approved and paid from the designated project, and the donor's lookup shows where the money went."""

import pytest

from donations.choices import FundKind
from donations.models import Donation
from redcross.testing import PASSWORD
from tests.donations.samples import fund, second_finance
from tests.redcross.test_browser import ARTIFACTS, page  # noqa: F401 - the browser fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, live_server, username):  # noqa: F811
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/portal/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("form button.btn-primary")
    page.wait_for_url(f"{live_server.url}/portal/")


def test_a_gift_is_pledged_confirmed_spent_and_followed_by_its_donor(personas, live_server, page):  # noqa: F811
    project = fund(personas, kind=FundKind.EMERGENCY, name="锦江区防汛救灾")
    second_finance(personas)

    # The donor gives online; a double click still records one pledge.
    page.goto(f"{live_server.url}/")
    page.click("main >> text=在线捐赠")
    page.select_option("select[name=fund]", str(project.pk))
    page.fill("input[name=amount]", "500")
    page.fill("input[name=name]", "周善良")
    page.fill("input[name=mobile]", "13866667777")
    page.check("input[name=publish_name]")
    page.screenshot(path=str(ARTIFACTS / "donate.png"), full_page=True)
    page.dblclick("#pledge")
    page.wait_for_selector("#reference-code")
    assert "感谢您的认捐" in page.inner_text("h1")
    page.screenshot(path=str(ARTIFACTS / "donate-thanks.png"), full_page=True)
    assert Donation.objects.count() == 1

    # Finance matches it with the bank statement and confirms: a receipt number and a PDF receipt.
    log_in(page, live_server, "t_finance")
    page.click("nav.sidebar >> text=到账核对")
    page.fill("#pending input[name=bank_reference]", "ICBC-20260401-0031")
    page.click("#pending button[type=submit]")
    page.wait_for_selector("#receipt-pdf")
    donation = Donation.objects.get()
    assert donation.status == "confirmed" and donation.receipt_number in page.inner_text("h1")
    receipt = page.request.get(live_server.url + page.get_attribute("#receipt-pdf", "href"))
    assert receipt.ok and receipt.body().startswith(b"%PDF")
    (ARTIFACTS / "receipt.pdf").write_bytes(receipt.body())

    # Finance requests a disbursement from the designated project; a colleague approves and pays it.
    page.goto(f"{live_server.url}/portal/donations/disbursements/new/")
    page.select_option("select[name=fund]", str(project.pk))
    page.select_option("select[name=beneficiary_kind]", "emergency")
    page.fill("input[name=beneficiary_name]", "锦江区防汛抢险队")
    page.fill("input[name=purpose]", "采购救生衣和沙袋")
    page.fill("input[name=amount]", "300")
    page.click("form button.btn-primary")
    page.wait_for_selector("text=已申请")
    log_in(page, live_server, "t_finance2")
    page.click("nav.sidebar >> text=审批队列")
    page.click("table.data >> text=采购救生衣和沙袋")
    page.click("#approve")
    page.wait_for_selector("#pay")
    page.fill("input[name=payment_reference]", "PAY-0401-7")
    page.click("#pay")
    page.wait_for_selector("text=已支付")
    page.screenshot(path=str(ARTIFACTS / "disbursement.png"), full_page=True)
    page.click("nav.sidebar >> text=财务看板")
    assert "锦江区防汛救灾" in page.inner_text("#fund-balances")
    page.screenshot(path=str(ARTIFACTS / "finance-dashboard.png"), full_page=True)

    # The donor looks the gift up and sees where the money went.
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/transparency/lookup/")
    page.fill("input[name=receipt_number]", donation.receipt_number)
    page.fill("input[name=mobile]", "13866667777")
    page.click("#lookup-form button[type=submit]")
    page.wait_for_selector("#lookup-result")
    trace = page.inner_text("#trace")
    assert "采购救生衣和沙袋" in trace and "300.00" in trace
    page.screenshot(path=str(ARTIFACTS / "lookup.png"), full_page=True)
    page.goto(f"{live_server.url}/transparency/")
    assert "周善良" in page.inner_text("#gift-table")
    page.screenshot(path=str(ARTIFACTS / "transparency.png"), full_page=True)
