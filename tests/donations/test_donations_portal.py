"""Portal pages: actions through the services, bad input named on the field, scope on every action."""

import pytest

from donations.models import Donation
from redcross.testing import xlsx_upload
from tests.donations.samples import aid_case, disbursement, fund, gift, second_finance

pytestmark = pytest.mark.django_db


def test_finance_confirms_in_the_portal_and_a_district_cannot_touch_another_districts_gift(personas, client):
    pledge = gift(personas, fund(personas), "120.00", confirm=False)
    client.force_login(personas["qingyang"])
    assert client.post(f"/portal/donations/{pledge.pk}/confirm/", {"received_on": "2025-01-01"}).status_code in (
        403,
        404,
    )
    client.force_login(personas["finance"])
    response = client.post(f"/portal/donations/{pledge.pk}/confirm/", {"received_on": "2025-01-01"})
    assert response.status_code == 302
    pledge.refresh_from_db()
    assert pledge.status == "confirmed" and pledge.receipt_number
    assert client.post(f"/portal/donations/{pledge.pk}/launch/").status_code == 404  # no such action
    for url in ("/portal/donations/dashboard/", "/portal/donations/reconciliation/", f"/portal/donations/{pledge.pk}/"):
        assert client.get(url).status_code == 200, url


def test_a_bad_amount_is_named_on_the_form_and_nothing_is_written(personas, client):
    source = fund(personas)
    client.force_login(personas["jinjiang"])
    response = client.post("/portal/donations/new/", {"fund": source.pk, "is_anonymous": "on", "kind": "money",
                                                      "channel": "cash", "amount": "一百"})
    assert response.status_code == 200 and "amount" in response.context["form"].errors
    assert not Donation.objects.exists()


def test_approval_pay_and_reversal_through_the_portal(personas, client):
    source = fund(personas)
    gift(personas, source, "100.00")
    request = disbursement(personas, source, "40.00")
    client.force_login(second_finance(personas))
    client.post(f"/portal/donations/disbursements/{request.pk}/approve/")
    client.post(f"/portal/donations/disbursements/{request.pk}/pay/", {"payment_reference": "P-1"})
    client.post(f"/portal/donations/disbursements/{request.pk}/reverse/", {"reason": "重复支付"})
    request.refresh_from_db()
    source.refresh_from_db()
    assert request.status == "paid" and request.reversal.amount == -request.amount and source.balance == 100


def test_reading_an_aid_case_situation_is_logged_and_the_auditor_cannot(personas, client):
    case = aid_case(personas)
    client.force_login(personas["auditor"])
    page = client.get(f"/portal/donations/aid-cases/{case.pk}/").content.decode()
    assert "白血病" not in page
    client.force_login(personas["jinjiang"])
    shown = client.post(f"/portal/donations/aid-cases/{case.pk}/", {"reason": "核实救助"}).content.decode()
    assert "白血病" in shown and case.person.accesses.count() == 1


def test_a_donations_file_is_imported_as_gifts_awaiting_confirmation_and_bad_rows_are_named(
        personas, django_capture_on_commit_callbacks):


    from organizations.selectors import staff_home_region
    from people.identifiers import credit_check_character
    from redcross.imports import import_create
    from redcross.models import ImportJob

    source = fund(personas)
    code = "N2510104MA6CBRG1X" + credit_check_character("N2510104MA6CBRG1X")
    header = ["基金编号", "金额（元）", "渠道", "捐赠人", "统一社会信用代码", "手机号码", "同意公开名称", "备注"]
    content = xlsx_upload(header, [
        [source.code, "1000", "银行转账", "春熙商会", code, "", "是", ""],
        [source.code, "20.5", "现金", "", "", "", "", "匿名"],
        [source.code, "1000", "银行转账", "春熙商会", code, "", "是", "第二笔"],
        ["NO-SUCH", "abc", "信用卡", "王五", "", "123", "", ""],
    ])
    user = personas["jinjiang"]
    with django_capture_on_commit_callbacks(execute=True):
        job = import_create(kind="donations.donation", user=user, region=staff_home_region(user),
                            file_name="gifts.xlsx", content=content, import_good_rows=False)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.NEEDS_DECISION and job.bad_rows == 1, job.message
    assert {e["row"] for e in job.errors} == {5} and len(job.errors) >= 4  # fund, amount, channel, mobile
    assert not Donation.objects.exists()
    from redcross.imports import import_decide

    with django_capture_on_commit_callbacks(execute=True):
        import_decide(job=job, user=user, proceed=True)
    assert Donation.objects.filter(status="pledged").count() == 3
    assert Donation.objects.filter(donor__credit_code=code).values("donor").distinct().count() == 1
    assert Donation.objects.filter(is_anonymous=True).count() == 1
