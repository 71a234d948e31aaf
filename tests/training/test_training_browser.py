"""In a real headless Chromium: a resident books on the public site, the instructor records a pass, the
certificate PDF is issued and the public page verifies it; an expired certificate shows as expired."""

from datetime import timedelta

import pytest
from django.utils import timezone

from redcross.testing import PASSWORD, make_staff, person_factory_kwargs
from tests.redcross.test_browser import ARTIFACTS, page  # noqa: F401 - the Chromium page fixture
from tests.training import samples
from training.models import Certificate, Enrolment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_resident_books_the_instructor_records_a_pass_and_the_public_verifies(personas, live_server, page):  # noqa: F811
    teacher = samples.instructor(personas, n=530)
    session = samples.session(personas, teacher=teacher, title="春熙路社区救护员培训", capacity=20)
    teacher.user = make_staff("t_instructor", personas["orgs"]["jinjiang"], "district_staff")
    teacher.save(update_fields=["user"])

    # The resident finds the session on the public site and books it.
    page.goto(f"{live_server.url}/")
    page.click("text=预约急救培训")
    page.wait_for_selector("#open-sessions")
    card = page.locator(".session-card", has_text="春熙路社区救护员培训")
    assert "剩余 20 个名额" in card.inner_text()
    page.screenshot(path=str(ARTIFACTS / "training-public-sessions.png"), full_page=True)
    card.locator("text=预约").click()
    page.fill("input[name=full_name]", "王小红")
    page.fill("input[name=document_number]", person_factory_kwargs(531, samples.TOWN)["document_number"])
    page.fill("input[name=mobile]", "13812345678")
    page.select_option("select[name=region]", "510104000000")
    page.click("#booking-form button[type=submit]")
    page.wait_for_selector(".has-error")  # consent is required: nothing is written
    assert not Enrolment.objects.exists()
    page.check("input[name=consent]")
    page.click("#booking-form button[type=submit]")
    page.wait_for_selector("#booking-confirmation")
    assert "您的名额已预约" in page.inner_text("h1")
    assert "王*" in page.inner_text("#booking-confirmation")
    page.screenshot(path=str(ARTIFACTS / "training-booked.png"), full_page=True)

    # The session takes place; the instructor logs in and records the pass.
    samples.start_now(session)
    page.goto(f"{live_server.url}/portal/login/")
    page.fill("input[name=username]", "t_instructor")
    page.fill("input[name=password]", PASSWORD)
    page.click("form button.btn-primary")
    page.wait_for_url(f"{live_server.url}/portal/")
    page.click("nav.sidebar >> text=培训日历")
    page.click("#calendar >> text=春熙路社区救护员培训")
    page.wait_for_selector("#enrolments")
    row = page.locator("#enrolments tbody tr", has_text="王*")
    row.locator("input[name=exam_score]").fill("92")
    row.locator("select[name=skills_passed]").select_option("true")
    row.locator("button[type=submit]").click()
    page.wait_for_selector(".msg-success")
    assert "合格" in page.inner_text(".msg-success")
    certificate = Certificate.objects.get()
    page.screenshot(path=str(ARTIFACTS / "training-session-results.png"), full_page=True)

    # The certificate and its PDF.
    page.click(f"#enrolments >> text={certificate.number}")
    page.wait_for_selector("#certificate-pdf")
    pdf = page.context.request.get(live_server.url + page.locator("#certificate-pdf").get_attribute("href"))
    assert pdf.ok and pdf.body().startswith(b"%PDF") and pdf.headers["content-type"] == "application/pdf"
    (ARTIFACTS / "training-certificate.pdf").write_bytes(pdf.body())

    # Anyone verifies it on the public page (the QR code's address): masked name, course, validity.
    page.click("text=公开查验页")
    page.wait_for_selector("#verification")
    text = page.inner_text("#verification")
    assert "有效" in page.inner_text("#certificate-state") and certificate.number in text
    assert "王*" in text and "王小红" not in text and "红十字救护员培训" in text
    assert "二维码核验一致" in text
    page.screenshot(path=str(ARTIFACTS / "training-verify-valid.png"), full_page=True)

    # Three years on, the same page shows it as expired.
    Certificate.objects.filter(pk=certificate.pk).update(issued_on=timezone.localdate() - timedelta(days=1100),
                                                         expires_on=timezone.localdate() - timedelta(days=5))
    page.goto(f"{live_server.url}/training/verify/")
    page.fill("input[name=number]", certificate.number)
    page.click("form.inline-form button")
    page.wait_for_selector("#verification")
    assert page.inner_text("#certificate-state") == "已过期"
    page.screenshot(path=str(ARTIFACTS / "training-verify-expired.png"), full_page=True)
