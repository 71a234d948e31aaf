"""Portal pages: actions through the services, bad input named on the field, scope on every action."""

import pytest

from donations.models import Donation
from donations.tests.helpers import aid_case, disbursement, fund, gift, second_finance

pytestmark = pytest.mark.django_db


def test_finance_confirms_in_the_portal_and_a_district_cannot_touch_another_districts_gift(personas, client):
    pledge = gift(personas, fund(personas), "120.00", confirm=False)
    client.force_login(personas["qingyang"])
    assert client.post(f"/portal/donations/{pledge.pk}/confirm/", {"received_on": "2025-01-01"}).status_code in (403, 404)
    client.force_login(personas["finance"])
    response = client.post(f"/portal/donations/{pledge.pk}/confirm/", {"received_on": "2025-01-01"})
    assert response.status_code == 302
    pledge.refresh_from_db()
    assert pledge.status == "confirmed" and pledge.receipt_number
    assert client.post(f"/portal/donations/{pledge.pk}/launch/").status_code == 403
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
