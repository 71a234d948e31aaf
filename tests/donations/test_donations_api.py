"""The API for branch systems and the public API, through HTTP."""

import pytest

from donations.models import Donation
from tests.donations.samples import fund, gift, second_finance

pytestmark = pytest.mark.django_db


def test_a_public_pledge_retried_with_the_same_key_is_one_donation(personas, api_client):
    source = fund(personas)
    body = {"fund": source.code, "amount": "500", "name": "赵热心", "mobile": "13811112222", "publish_name": True}
    first = api_client.post("/api/v1/donations/public/pledges/", body, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    again = api_client.post("/api/v1/donations/public/pledges/", body, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()
    assert Donation.objects.count() == 1
    missing = api_client.post("/api/v1/donations/public/pledges/", body, format="json")
    assert missing.status_code == 400 and "Idempotency-Key" in missing.json()["error"]["fields"]
    bad = api_client.post("/api/v1/donations/public/pledges/", {**body, "amount": "-3", "mobile": "12"},
                          format="json", HTTP_IDEMPOTENCY_KEY="k-2")
    assert bad.status_code == 400 and {"mobile", "amount"} <= set(bad.json()["error"]["fields"])
    assert Donation.objects.count() == 1


def test_finance_confirms_issues_a_receipt_and_the_donor_follows_the_money(personas, as_user, api_client):
    source = fund(personas)
    api_client.post("/api/v1/donations/public/pledges/", {"fund": source.code, "amount": "300", "name": "钱多多",
                    "mobile": "13822223333", "publish_name": False}, format="json", HTTP_IDEMPOTENCY_KEY="k-3")
    donation = Donation.objects.get()
    finance = as_user(personas["finance"])
    refused = as_user(personas["jinjiang"]).post(f"/api/v1/donations/donations/{donation.pk}/confirm/", {})
    assert refused.status_code == 403
    finance = as_user(personas["finance"])
    missing = finance.post(f"/api/v1/donations/donations/{donation.pk}/confirm/", {}, format="json")
    assert missing.status_code == 400 and "bank_reference" in missing.json()["error"]["fields"]
    confirmed = finance.post(f"/api/v1/donations/donations/{donation.pk}/confirm/", {"bank_reference": "BOC-778"},
                             format="json").json()
    assert confirmed["status"] == "confirmed" and confirmed["receipt_number"]
    pdf = finance.get(f"/api/v1/donations/donations/{donation.pk}/receipt/")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")

    request = finance.post("/api/v1/donations/disbursements/", {
        "fund": source.pk, "beneficiary_kind": "emergency", "beneficiary_name": "锦江区防汛",
        "purpose": "采购救生衣", "amount": "120.00"}, format="json", HTTP_IDEMPOTENCY_KEY="d-1").json()
    own = finance.post(f"/api/v1/donations/disbursements/{request['id']}/approve/")
    assert own.status_code == 400 and "approved_by" in own.json()["error"]["fields"]
    approver = as_user(second_finance(personas))
    assert approver.post(f"/api/v1/donations/disbursements/{request['id']}/approve/").json()["status"] == "approved"
    paid = approver.post(f"/api/v1/donations/disbursements/{request['id']}/pay/", {"payment_reference": "PAY-1"},
                         format="json").json()
    assert paid["status"] == "paid"

    lookup = api_client.post("/api/v1/donations/public/lookup/", {
        "receipt_number": confirmed["receipt_number"], "mobile": "13822223333"}, format="json")
    assert lookup.status_code == 200
    body = lookup.json()
    assert body["donation"]["amount"] == "300.00" and "钱多多" not in str(body)
    assert [(s["purpose"], s["amount"]) for s in body["spent_on"]] == [("采购救生衣", "120.00")]
    wrong = api_client.post("/api/v1/donations/public/lookup/", {
        "receipt_number": confirmed["receipt_number"], "mobile": "13822223334"}, format="json")
    assert wrong.status_code == 404

    ledger = api_client.get(f"/api/v1/donations/public/ledger/?fund={source.code}").json()
    assert ledger["income"] == "300.00" and ledger["spending"] == "120.00" and ledger["balance"] == "180.00"


def test_a_district_cannot_spend_another_districts_fund(personas, as_user):
    source = fund(personas)
    gift(personas, source, "100.00")
    response = as_user(personas["qingyang"]).post("/api/v1/donations/disbursements/", {
        "fund": source.pk, "beneficiary_kind": "emergency", "beneficiary_name": "x", "purpose": "y",
        "amount": "10"}, format="json")
    assert response.status_code == 400 and "fund" in response.json()["error"]["fields"]


def test_the_public_pages_show_the_ledger_and_the_donor_finds_the_gift(personas, client):
    source = fund(personas, name="锦江区应急救灾")
    donation = gift(personas, source, "250.00")
    for url in ("/transparency/", f"/transparency/funds/{source.code}/", "/donate/", "/transparency/lookup/",
                f"/transparency/receipts/{donation.receipt_number}/"):
        assert client.get(url).status_code == 200, url
    page = client.get("/transparency/").content.decode()
    assert "张爱心" in page and "锦江区应急救灾" in page
    csv_text = b"".join(client.get("/transparency/ledger.csv").streaming_content).decode()
    assert donation.receipt_number in csv_text and "13900000001" not in csv_text
    found = client.post("/transparency/lookup/", {"receipt_number": donation.receipt_number,
                                                  "mobile": "13900000001"})
    assert "lookup-result" in found.content.decode()
    pdf = client.get(found.context["donation"] and f"/transparency/receipts/{donation.receipt_number}/pdf/?t="
                     + found.context["token"])
    assert pdf.content.startswith(b"%PDF")
    assert client.get(f"/transparency/receipts/{donation.receipt_number}/pdf/?t=forged").status_code == 404
    missed = client.post("/transparency/lookup/", {"receipt_number": donation.receipt_number, "mobile": "13900000002"})
    assert "lookup-result" not in missed.content.decode()


def test_the_online_form_sent_twice_records_one_pledge_and_bad_input_names_the_field(personas, client):
    source = fund(personas)
    form = {"key": "form-key-1", "fund": source.pk, "amount": "66", "donor_kind": "individual", "name": "孙善",
            "mobile": "13833334444", "publish_name": "on"}
    first = client.post("/donate/", form)
    second = client.post("/donate/", form)
    assert first.status_code == second.status_code == 302 and first.url == second.url
    assert Donation.objects.count() == 1
    bad = client.post("/donate/", {**form, "key": "form-key-2", "amount": "abc", "mobile": "123"})
    assert bad.status_code == 200 and Donation.objects.count() == 1
    assert set(bad.context["form"].errors) >= {"amount", "mobile"}


@pytest.mark.parametrize("body", ["{not json", "[]", '"text"', "null", '{"amount": "1e999", "fund": "x"}'])
def test_malformed_bodies_are_a_400_on_every_money_endpoint_and_write_nothing(personas, as_user, body):
    source = fund(personas)
    donation = gift(personas, source, "10.00", confirm=False)
    client = as_user(personas["finance"])
    for url in ("/api/v1/donations/donations/", "/api/v1/donations/disbursements/", "/api/v1/donations/donors/",
                "/api/v1/donations/public/pledges/", "/api/v1/donations/public/lookup/",
                *([f"/api/v1/donations/donations/{donation.pk}/confirm/"] if not body.startswith("{") else [])):
        response = client.post(url, body, content_type="application/json", HTTP_IDEMPOTENCY_KEY="bad-1")
        assert 400 <= response.status_code < 500, (url, body, response.content[:200])
        assert response.json()["error"]["message"]
    assert Donation.objects.count() == 1 and Donation.objects.get().status == "pledged"


def test_an_anonymous_pledge_keeps_no_donor_record_yet_its_giver_can_look_it_up(personas, api_client):
    from donations import services
    from donations.models import Donor
    from donations.selectors import donation_lookup

    source = fund(personas)
    response = api_client.post("/api/v1/donations/public/pledges/", {
        "fund": source.code, "amount": "50", "name": "不留名", "mobile": "13855556666", "is_anonymous": True},
        format="json", HTTP_IDEMPOTENCY_KEY="anon-1")
    assert response.status_code == 201 and not Donor.objects.exists()
    donation = services.donation_confirm(donation=Donation.objects.get(), actor=personas["finance"],
                                         bank_reference="B-1")
    assert donation.public_name == "" and donation.donor is None
    assert donation_lookup(receipt_number=donation.receipt_number, mobile="13855556666") == donation
