"""In a real headless Chromium, as a new district staffer would: record a blood drive staffed by a volunteer
activity, register a stem-cell donor sampled at it, record the later match and donation; enrol a unit member
and record its dues; look at the dashboard and the public pages."""

import pytest
from django.utils import timezone

from members.models import DuesPayment, Member
from redcross.testing import PASSWORD, person_factory_kwargs
from sanxian.models import BloodDrive, StemCellDonor
from tests.members.samples import member_unit, rates
from tests.redcross.test_browser import ARTIFACTS, page  # noqa: F401 - the Chromium page fixture
from tests.sanxian import samples
from tests.sanxian.samples import days_ago

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def shot(page, name):  # noqa: F811
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_a_staffer_records_a_drive_a_donor_and_a_unit_members_dues(personas, live_server, page):  # noqa: F811
    held_on = days_ago(14)
    activity = samples.activity(personas, held_on, title="春熙路无偿献血志愿服务")
    unit = member_unit("成都地铁运营有限公司红十字会")
    rates()

    page.goto(f"{live_server.url}/portal/login/")
    page.fill("input[name=username]", "t_jinjiang")
    page.fill("input[name=password]", PASSWORD)
    page.click("form button.btn-primary")
    page.wait_for_url(f"{live_server.url}/portal/")

    # The drive, staffed by the volunteer activity, with the blood centre's figures.
    page.click("nav.sidebar >> text=献血活动")
    page.click(".page-head >> text=新建")
    page.fill("input[name=held_on]", held_on.isoformat())
    page.fill("input[name=place]", "春熙路步行街献血屋")
    page.select_option("select[name=region]", "510104022000")
    page.select_option("select[name=activity]", str(activity.pk))
    page.fill("input[name=donors_registered]", "86")
    page.fill("input[name=units_collected]", "152.5")
    shot(page, "sanxian-drive-form")
    page.click("form.form button[type=submit]")
    page.wait_for_selector("#drive-activity")
    assert "春熙路无偿献血志愿服务" in page.inner_text("#drive-activity")
    drive = BloodDrive.objects.get()
    assert drive.activity == activity and drive.units_collected == 152.5

    # A volunteer sampled at the drive joins the stem-cell registry: consent first.
    page.fill("#register-form input[name=full_name]", "王小红")
    page.fill("#register-form input[name=document_number]",
              person_factory_kwargs(981, samples.TOWN)["document_number"])
    page.fill("#register-form input[name=mobile]", "13812345678")
    page.select_option("#register-form select[name=region]", "510104022000")
    page.click("#register-form button[type=submit]")
    page.wait_for_selector(".msg-error")
    assert "同意" in page.inner_text(".messages") and not StemCellDonor.objects.exists()
    page.fill("#register-form input[name=full_name]", "王小红")
    page.fill("#register-form input[name=document_number]",
              person_factory_kwargs(981, samples.TOWN)["document_number"])
    page.select_option("#register-form select[name=region]", "510104022000")
    page.check("#register-form input[name=consent]")
    shot(page, "sanxian-drive-detail")
    page.click("#register-form button[type=submit]")
    page.wait_for_selector("#donor-steps")
    assert "王*" in page.inner_text("h1") and "王小红" not in page.content()

    # Later: the preliminary and high-resolution matches, then the donation at a hospital.
    for kind, days, hospital in (("preliminary_match", 10, ""), ("high_resolution", 6, ""),
                                 ("donated", 2, "四川大学华西医院")):
        page.select_option("#event-form select[name=kind]", kind)
        page.fill("#event-form input[name=occurred_on]", days_ago(days).isoformat())
        page.fill("#event-form input[name=hospital]", hospital)
        page.click("#event-form button[type=submit]")
        page.wait_for_selector(".msg-success")
    steps = page.inner_text("#donor-steps")
    assert "初配相合" in steps and "高分辨相合" in steps and "捐献" in steps and "华西" not in page.content()
    assert StemCellDonor.objects.get().status == "donated"
    shot(page, "sanxian-donor-steps")
    page.fill("input[name=reason]", "联系移植医院回访")
    page.click("text=查看医院和备注")
    page.wait_for_selector("text=四川大学华西医院")
    shot(page, "sanxian-donor-revealed")

    # The dashboard counts it.
    page.click("nav.sidebar >> text=三献工作台")
    page.wait_for_selector("#sanxian-kpis")
    assert "锦江区" in page.inner_text("#sanxian-districts")
    shot(page, "sanxian-dashboard")

    # A unit member is enrolled and pays its dues.
    page.click("nav.sidebar >> a:text-is('会员')")
    page.click(".page-head >> text=新建")
    page.select_option("select[name=kind]", "unit")
    page.select_option("select[name=society]", str(personas["orgs"]["jinjiang"].pk))
    page.select_option("select[name=unit]", str(unit.pk))
    page.fill("input[name=joined_on]", timezone.localdate().isoformat())
    page.fill("input[name=full_name]", "李晓梅")
    page.fill("input[name=document_number]", person_factory_kwargs(982, samples.TOWN)["document_number"])
    page.select_option("select[name=region]", "510104022000")
    page.click("form.form button[type=submit]")
    page.wait_for_selector("#member-payments")
    member = Member.objects.get()
    assert member.number in page.inner_text("h1") and "成都地铁" in page.inner_text("h1")
    page.click("#pay-form button[type=submit]")
    page.wait_for_selector(".msg-success")
    receipt = DuesPayment.objects.get().receipt_number
    assert receipt in page.inner_text("#member-payments") and "2000.00" in page.inner_text("#member-payments")
    shot(page, "members-unit-dues")

    # The public pages: how to register, the figures, and nothing personal.
    page.goto(f"{live_server.url}/sanxian/")
    page.wait_for_selector("#guide-stem-cell")
    shot(page, "sanxian-public-guide")
    from django.core.cache import cache
    from django.db import connection

    cache.delete(f"sanxian:public_figures:{connection.settings_dict['NAME']}")
    page.goto(f"{live_server.url}/sanxian/figures/")
    text = page.inner_text("#sanxian-yearly")
    assert "152.5" in text and "王" not in text
    shot(page, "sanxian-public-figures")


def test_a_realised_pledge_the_familys_visit_and_the_memorial_wall(personas, live_server, page):  # noqa: F811
    pledge = samples.realised(personas, n=983)
    page.goto(f"{live_server.url}/portal/login/")
    page.fill("input[name=username]", "t_jinjiang")
    page.fill("input[name=password]", PASSWORD)
    page.click("form button.btn-primary")
    page.wait_for_url(f"{live_server.url}/portal/")
    page.click("nav.sidebar >> text=遗体和人体器官捐献登记")
    page.click(f"text={pledge.person.masked_name}")
    page.fill("input[name=display_name]", "张建国")
    page.fill("input[name=tribute]", "他把光明留给了别人")
    page.fill("input[name=family_member]", "张丽（女儿）")
    page.check("input[name=consent]")
    shot(page, "sanxian-pledge-detail")
    page.click("text=上缅怀纪念墙")
    page.wait_for_selector(".msg-success")
    page.click("text=记录走访")
    page.fill("input[name=title]", "清明前走访捐献者家属")
    page.click("form.form button[type=submit]")
    page.wait_for_selector(".msg-success")
    assert pledge.care_events.count() == 1
    page.goto(f"{live_server.url}/sanxian/memorial/")
    wall = page.inner_text("#memorial-wall")
    assert "张建国" in wall and "他把光明留给了别人" in wall and "人民医院" not in page.content()
    shot(page, "sanxian-public-memorial")
