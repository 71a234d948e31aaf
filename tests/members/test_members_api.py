"""The members API: enrolment and dues through the services, Idempotency-Key on both, scoped ranking."""

import pytest
from django.utils import timezone

from members.models import DuesPayment, Member
from tests.members import samples

pytestmark = pytest.mark.django_db
API = "/api/v1/members"


def test_a_unit_is_enrolled_and_pays_its_dues_once_per_key(personas, as_user):
    samples.rates()
    client = as_user(personas["jinjiang"])
    unit = samples.member_unit()
    body = {"kind": "unit", "society": personas["orgs"]["jinjiang"].pk, "unit": unit.pk,
            "joined_on": timezone.localdate().isoformat()}
    first = client.post(f"{API}/members/", body, format="json", HTTP_IDEMPOTENCY_KEY="enrol-1")
    again = client.post(f"{API}/members/", body, format="json", HTTP_IDEMPOTENCY_KEY="enrol-1")
    assert first.status_code == 201, first.content
    assert again.json() == first.json() and Member.objects.count() == 1
    assert first.json()["number"] == "510104000000-00001" and first.json()["name"] == unit.name
    payment = {"member": first.json()["id"], "year": timezone.localdate().year,
               "paid_on": timezone.localdate().isoformat(), "method": "bank_transfer"}
    paid = client.post(f"{API}/dues-payments/", payment, format="json", HTTP_IDEMPOTENCY_KEY="pay-1")
    replay = client.post(f"{API}/dues-payments/", payment, format="json", HTTP_IDEMPOTENCY_KEY="pay-1")
    assert paid.status_code == 201, paid.content
    assert replay.json()["receipt_number"] == paid.json()["receipt_number"] and DuesPayment.objects.count() == 1
    assert paid.json()["amount"] == "2000.00"
    twice = client.post(f"{API}/dues-payments/", payment, format="json")
    assert twice.status_code == 400 and "year" in twice.json()["error"]["fields"]


def test_bad_enrolments_name_the_field(personas, as_user):
    client = as_user(personas["jinjiang"])
    response = client.post(f"{API}/members/", {"kind": "unit", "society": personas["orgs"]["jinjiang"].pk,
                                               "joined_on": "2025-13-01"}, format="json")
    assert response.status_code == 400 and "joined_on" in response.json()["error"]["fields"]
    response = client.post(f"{API}/members/", {"kind": "unit", "society": personas["orgs"]["jinjiang"].pk,
                                               "joined_on": "2025-01-01"}, format="json")
    assert response.status_code == 400 and "unit" in response.json()["error"]["fields"]
    assert not Member.objects.exists()


def test_outstanding_units_are_ranked_within_the_callers_area(personas, as_user):
    samples.contribution(personas)
    ranked = as_user(personas["jinjiang"]).get(f"{API}/members/outstanding/").json()
    assert ranked[0]["name"] == "锦江宾馆红十字会" and ranked[0]["score"] == "50000.00"
    assert as_user(personas["qingyang"]).get(f"{API}/members/outstanding/").json() == []
    assert as_user(personas["city_admin"]).get(f"{API}/dues-rates/").status_code == 200
