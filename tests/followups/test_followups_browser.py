"""In a real headless Chromium: a 锦江区 staffer generates this year's plan, records a visit to a caring
enterprise that raises a problem, refers it, resolves it with the enterprise's feedback and publishes the
district bulletin; the city's bulletin includes it; the board's rate moves."""

import pytest
from django.utils import timezone

from followups import services
from followups.models import Bulletin, Issue, Visit
from redcross.testing import PASSWORD
from tests.followups import samples
from tests.redcross.test_browser import ARTIFACTS, page  # noqa: F401 - the Chromium page fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def login(browser_page, live_server, username):
    browser_page.context.clear_cookies()
    browser_page.goto(f"{live_server.url}/portal/login/")
    browser_page.fill("input[name=username]", username)
    browser_page.fill("input[name=password]", PASSWORD)
    browser_page.click("form button.btn-primary")
    browser_page.wait_for_url(f"{live_server.url}/portal/")


def enterprise_bar(browser_page):
    return browser_page.locator("#rate-chart [data-district='510104000000'] .fu-bar").nth(1).inner_text()


def test_a_district_plans_visits_resolves_and_reports_and_the_city_rolls_it_up(personas, live_server, page):  # noqa: F811
    firm = samples.enterprise(personas, name="锦江爱心制药有限公司")
    samples.enterprise(personas, name="锦江爱心物流有限公司")
    services.rates_recompute()

    login(page, live_server, "t_jinjiang")
    page.click("nav.sidebar >> text=回访工作看板")
    page.wait_for_selector("#rate-chart")
    assert "0.0% · 0/2" in enterprise_bar(page)
    page.screenshot(path=str(ARTIFACTS / "followups-board-before.png"), full_page=True)

    # This year's plan, filled from the targets' rules.
    page.click("text=新建回访计划")
    page.select_option("select[name=period]", "year")
    page.click("form.card button[type=submit]")
    page.wait_for_selector("#due-table")
    assert "应访对象 2 个" in page.inner_text(".messages")
    assert "锦江爱心制药有限公司" in page.inner_text("#due-table")
    page.screenshot(path=str(ARTIFACTS / "followups-plan.png"), full_page=True)

    # The visit to the caring enterprise, which raises a problem.
    page.locator("#due-table tr", has_text="锦江爱心制药有限公司").locator("text=登记回访").click()
    page.wait_for_selector("input[name=visited_on]")
    page.select_option("select[name=method]", "on_site")
    page.check("input[name=difficulties][value=enterprise]")
    page.fill("textarea[name=difficulties_text]", "新厂房建设资金缺口较大，招工困难")
    page.fill("textarea[name=suggestions]", "希望红十字会多组织企业员工应急救护培训")
    page.select_option("select[name=satisfaction]", "5")
    page.fill("textarea[name=notes]", "董事长近期住院治疗")
    page.check("input[name=is_typical]")
    page.fill("input[name=issue_title]", "企业融资渠道不畅")
    page.select_option("select[name=issue_category]", "enterprise")
    page.screenshot(path=str(ARTIFACTS / "followups-visit-form.png"), full_page=True)
    page.click("form.card button[type=submit]")
    page.wait_for_selector("text=回访已登记")
    visit = Visit.objects.get()
    assert visit.donor == firm and "董事长" not in visit.notes_encrypted
    page.screenshot(path=str(ARTIFACTS / "followups-visit.png"), full_page=True)

    # The problem: referred to a department, resolved with the enterprise's feedback.
    page.click("text=企业融资渠道不畅")
    page.wait_for_selector("#refer-form")
    page.fill("#refer-form input[name=department]", "锦江区经济和信息化局")
    page.click("#refer-form button[type=submit]")
    page.wait_for_selector("text=问题已更新")
    assert "已转办" in page.inner_text("#issue-status")
    page.select_option("#finish-form select[name=status]", "resolved")
    page.fill("#finish-form textarea[name=resolution]", "协调区内银行提供 200 万元贷款")
    page.fill("#finish-form textarea[name=feedback]", "问题解决及时，非常满意")
    page.select_option("#finish-form select[name=feedback_satisfaction]", "5")
    page.click("#finish-form button[type=submit]")
    page.wait_for_selector("text=问题已更新")
    assert "已解决" in page.inner_text("#issue-status")
    assert "回访对象反馈" in page.inner_text("#issue-log")
    assert Issue.objects.get().status == "resolved"
    page.screenshot(path=str(ARTIFACTS / "followups-issue.png"), full_page=True)

    # The district bulletin: drafted from the visits, submitted, published with number 1.
    page.click("nav.sidebar >> text=信息专报")
    page.click("text=新建")
    page.click("form.card button[type=submit]")
    page.wait_for_selector("#bulletin-figures")
    assert "锦江爱心制药有限公司" in page.inner_text(".sheet")  # the typical case
    page.click("button:has-text('报送')")
    page.wait_for_selector("text=已报送待发布")
    page.click("button:has-text('发布')")
    page.wait_for_selector("text=已发布为第 1 期")
    assert f"{timezone.localdate().year}年第1期" in page.inner_text(".sheet")
    district = Bulletin.objects.get(organization=personas["orgs"]["jinjiang"])
    assert district.figures["issues_resolved"] == 1 and district.figures["visits"] == 1
    page.screenshot(path=str(ARTIFACTS / "followups-bulletin-district.png"), full_page=True)

    # The board's rate moved: one of two caring enterprises visited.
    page.click("nav.sidebar >> text=回访工作看板")
    assert "50.0% · 1/2" in enterprise_bar(page)
    page.screenshot(path=str(ARTIFACTS / "followups-board-after.png"), full_page=True)

    # The city's bulletin takes the district's in.
    login(page, live_server, "t_city_admin")
    page.goto(f"{live_server.url}/portal/followups/bulletins/new/")
    page.click("form.card button[type=submit]")
    page.click("button:has-text('报送')")
    page.click("button:has-text('发布')")
    page.wait_for_selector("#bulletin-districts")
    assert "锦江区红十字会" in page.inner_text("#bulletin-districts")
    city = Bulletin.objects.get(organization=personas["orgs"]["city"])
    assert list(city.includes.all()) == [district] and city.number == 1
    page.screenshot(path=str(ARTIFACTS / "followups-bulletin-city.png"), full_page=True)
    pdf = page.context.request.get(f"{live_server.url}/portal/followups/bulletins/{city.pk}/pdf/")
    assert pdf.ok and pdf.body().startswith(b"%PDF")
    (ARTIFACTS / "followups-bulletin-city.pdf").write_bytes(pdf.body())
