"""In a real headless Chromium, as the issue asks: a district registers a community centre as a pilot, completes
its checklist and gets it accepted; a resident finds it on /centres/ on a phone; a story is refused publication
without consent and published after consent and approval."""

import pytest

from organizations.models import Centre
from outreach.models import Story
from redcross.testing import PASSWORD
from tests.outreach import samples
from tests.redcross.test_browser import ARTIFACTS, page  # noqa: F401 - the Chromium page fixture
from tests.training import samples as training_samples

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def login(page, live_server, username):  # noqa: F811
    page.goto(f"{live_server.url}/portal/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("form button.btn-primary")
    page.wait_for_url(f"{live_server.url}/portal/")


def test_a_district_gets_a_community_centre_accepted_and_a_resident_finds_it_on_a_phone(
        personas, live_server, page):  # noqa: F811
    certificates = [training_samples.certificate(personas, n=950 + k) for k in range(2)]
    login(page, live_server, "t_jinjiang")
    page.click("nav.sidebar >> text=防灾避险中心")
    page.click("text=新建")
    page.fill("input[name=name]", "总府路社区红十字防灾避险中心")
    page.select_option("select[name=host_kind]", "community")
    page.select_option("select[name=region]", samples.COMMUNITY)
    page.fill("input[name=address]", "总府路2号社区党群服务中心")
    page.fill("input[name=shelter_capacity]", "300")
    page.fill("input[name=premises_area]", "180")
    page.fill("input[name=aeds]", "2")
    page.check("input[name=has_supplies]")
    page.check("input[name=has_signage]")
    page.click("form.form button.btn-primary")
    page.wait_for_selector("#checklist")
    centre = Centre.objects.get()
    assert centre.status == "planned" and centre.zone == "central"
    for certificate in certificates:
        page.fill("#staff input[name=certificate_number]", certificate.number)
        page.fill("#staff input[name=duty]", "值守")
        page.click("#staff button[type=submit]")
        page.wait_for_selector(".msg-success")
    page.click("#advance")  # planned → built
    page.wait_for_selector(".msg-success")
    page.click("#advance")  # built → accepted, refused: the evacuation map is missing
    page.wait_for_selector(".msg-error")
    assert "疏散图已张贴" in page.inner_text(".msg-error")
    assert Centre.objects.get().status == "built"
    page.screenshot(path=str(ARTIFACTS / "outreach-centre-refused.png"), full_page=True)
    page.click("text=编辑")
    page.check("input[name=has_evacuation_map]")
    page.click("form.form button.btn-primary")
    page.wait_for_selector("#checklist")
    page.click("#advance")
    page.wait_for_selector(".msg-success")
    assert Centre.objects.get().status == "accepted"
    assert page.locator("#checklist .tag-no").count() == 0
    page.screenshot(path=str(ARTIFACTS / "outreach-centre-accepted.png"), full_page=True)

    # A resident on a phone finds it near their district and town.
    phone = page.context.browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN",
                                             is_mobile=True, has_touch=True)
    mobile = phone.new_page()
    mobile.goto(f"{live_server.url}/centres/")
    mobile.select_option("select[name=district]", "510104000000")
    mobile.wait_for_selector("select[name=town]")
    mobile.select_option("select[name=town]", "510104022000")
    mobile.wait_for_selector("#places .place")
    card = mobile.inner_text("#places")
    assert "总府路社区红十字防灾避险中心" in card and "可容纳 300 人避险" in card
    width = mobile.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways on a phone ({width}px)"
    mobile.screenshot(path=str(ARTIFACTS / "outreach-centres-phone.png"), full_page=True)
    phone.close()


def test_a_story_is_refused_without_consent_and_published_after_consent_and_approval(
        personas, live_server, page):  # noqa: F811
    story = samples.story(personas, title="地铁站里的 4 分钟")
    login(page, live_server, "t_city_admin")
    page.goto(f"{live_server.url}{story.get_absolute_url()}")
    page.click("#approve")
    page.wait_for_selector(".msg-success")
    page.click("#publish")
    page.wait_for_selector(".msg-error")
    assert "单独同意" in page.inner_text(".msg-error")
    assert Story.objects.get().status == "approved"
    page.screenshot(path=str(ARTIFACTS / "outreach-story-refused.png"), full_page=True)
    page.select_option("#consent-form select[name=given_by]", "self")
    page.fill("#consent-form input[name=name]", "王某某")
    page.fill("#consent-form input[name=reference]", "同意书 JJ-2025-007")
    page.fill("#consent-form input[name=given_on]", "2025-06-01")
    page.click("#consent-form button[type=submit]")
    page.wait_for_selector(".msg-success")
    page.click("#publish")
    page.wait_for_selector(".msg-success")
    assert Story.objects.get().status == "published"
    page.goto(f"{live_server.url}/stories/")
    page.click("text=地铁站里的 4 分钟")
    page.wait_for_selector("#story")
    assert "王女士" in page.inner_text("#story")
    page.screenshot(path=str(ARTIFACTS / "outreach-story-public.png"), full_page=True)


def test_the_coverage_and_culture_pages_read_at_a_glance(personas, live_server, page):  # noqa: F811
    from organizations.choices import OrganizationKind
    from redcross.testing import OrganizationFactory
    from tests.organizations import samples as org_samples

    unit = OrganizationFactory(region_code="510104022000", kind=OrganizationKind.MEMBER_UNIT, unit_type="school",
                               name="盐道街中学红十字会")
    org_samples.institution(personas, kind="school", school_stage="complete", name="成都市盐道街中学",
                            member_unit=unit)
    org_samples.institution(personas, kind="hospital", name="锦江区人民医院")
    org_samples.institution(personas, kind="enterprise", name="锦江宾馆")
    org_samples.centre(personas)
    org_samples.aed_station(personas)
    samples.campaign(personas)
    samples.square(personas, name="锦江绿道红十字文化长廊", place_kind="greenway")
    login(page, live_server, "t_jinjiang")
    page.click("nav.sidebar >> text=重点单位覆盖")
    page.wait_for_selector(".chart")
    assert "100.0% · 1 / 1" in page.inner_text(".chart") and "33.3%" in page.inner_text("body")
    assert "33.3% · 1 / 3" in page.inner_text("#by-zone")  # Jinjiang's three, all in the central districts
    page.screenshot(path=str(ARTIFACTS / "outreach-institution-coverage.png"), full_page=True)
    page.click("nav.sidebar >> text=中心分区情况")
    page.wait_for_selector(".chart")
    assert "中心城区" in page.inner_text(".chart")
    page.screenshot(path=str(ARTIFACTS / "outreach-centre-zones.png"), full_page=True)
    page.click("nav.sidebar >> text=文化传播总览")
    page.wait_for_selector(".kpis")
    assert "5·8世界红十字日主题宣传" in page.inner_text("body")
    page.screenshot(path=str(ARTIFACTS / "outreach-culture-overview.png"), full_page=True)
    page.goto(f"{live_server.url}/")
    page.wait_for_selector("#culture")
    assert "锦江绿道红十字文化长廊" in page.inner_text("#culture")
    page.locator("#culture").screenshot(path=str(ARTIFACTS / "outreach-home-culture.png"))
    phone = page.context.browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN", is_mobile=True)
    mobile = phone.new_page()
    mobile.goto(f"{live_server.url}/aed/?district=510104000000")
    mobile.wait_for_selector("#places .place")
    assert "春熙路地铁站AED" in mobile.inner_text("#places")
    mobile.screenshot(path=str(ARTIFACTS / "outreach-aed-phone.png"), full_page=True)
    phone.close()
