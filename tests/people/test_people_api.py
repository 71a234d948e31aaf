import threading
from datetime import date

import pytest
from django.db import connection
from django.utils import timezone

from people.models import Person, PersonalDataAccess
from redcross.testing import valid_id

pytestmark = pytest.mark.django_db

URL = "/api/v1/people/persons/"


def community(prefix="510104022"):
    from organizations.models import Region

    return Region.objects.filter(code__startswith=prefix, level="community").order_by("code").first()


def payload(**overrides):
    data = {
        "full_name": "欧阳娜娜",
        "document_type": "resident_id",
        "document_number": valid_id("510104", "19900307", "123"),
        "mobile": "+86 138 1234 5678",
        "region": community().code,
    }
    data.update(overrides)
    return data


def test_it_registers_a_person_and_answers_masked(personas, as_user):
    client = as_user(personas["jinjiang"])
    response = client.post(URL, payload(), format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    number = payload()["document_number"]
    assert body["document_number_masked"] == number[:6] + "********" + number[-4:]
    assert body["mobile_masked"] == "138****5678"
    assert body["masked_name"] == "欧阳*娜"
    assert body["birth_date"] == "1990-03-07"
    today = timezone.localdate()
    assert body["age"] == today.year - 1990 - ((today.month, today.day) < (3, 7))
    assert body["sex"] == "M"  # the 17th digit, 3, is odd
    assert "document_number" not in body and "mobile" not in body


def test_it_stores_numbers_encrypted(personas, as_user):
    as_user(personas["jinjiang"]).post(URL, payload(), format="json")
    number = payload()["document_number"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT document_number_encrypted, mobile_encrypted, document_number_hash FROM people_person")
        row = cursor.fetchone()
    assert number not in " ".join(row)
    assert "13812345678" not in " ".join(row)


@pytest.mark.parametrize(
    "field, value, fragment",
    [
        ("document_number", valid_id()[:-1] + ("0" if valid_id()[-1] != "0" else "1"), "校验码"),
        ("document_number", "510104900307123", "15"),
        ("document_number", valid_id("510104", "19900230", "123"), "出生日期"),
        ("mobile", "12345", "手机号码"),
        ("region", "510199999999", "region"),
    ],
)
def test_it_rejects_bad_input_naming_the_field_in_chinese(personas, as_user, field, value, fragment):
    response = as_user(personas["jinjiang"]).post(URL, payload(**{field: value}), format="json")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert field in error["fields"]
    if fragment != "region":
        assert fragment in " ".join(error["fields"][field])
    assert Person.objects.count() == 0


def test_it_answers_in_english_when_asked(personas, as_user, client):
    api = as_user(personas["jinjiang"])
    api.cookies["django_language"] = "en"
    bad = valid_id()[:-1] + ("0" if valid_id()[-1] != "0" else "1")
    response = api.post(URL, payload(document_number=bad), format="json")
    assert "check character" in " ".join(response.json()["error"]["fields"]["document_number"])


def test_it_refuses_a_second_registration_of_the_same_document(personas, as_user):
    client = as_user(personas["jinjiang"])
    assert client.post(URL, payload(), format="json").status_code == 201
    again = client.post(
        URL, payload(full_name="别人", document_number=payload()["document_number"].lower()), format="json"
    )
    assert again.status_code == 400
    assert "document_number" in again.json()["error"]["fields"]
    assert Person.objects.count() == 1


def test_it_warns_but_accepts_a_region_code_younger_than_the_person(personas, as_user):
    response = as_user(personas["jinjiang"]).post(
        URL, payload(document_number=valid_id("510116", "19850101", "111")), format="json"
    )
    assert response.status_code == 201
    assert response.json()["warnings"]


def test_it_refuses_a_region_outside_the_callers_scope(personas, as_user):
    response = as_user(personas["qingyang"]).post(URL, payload(), format="json")
    assert response.status_code == 400
    assert "region" in response.json()["error"]["fields"]


def test_a_retried_create_with_the_same_idempotency_key_creates_one_person(personas, as_user):
    client = as_user(personas["jinjiang"])
    first = client.post(URL, payload(), format="json", HTTP_IDEMPOTENCY_KEY="abc-1")
    second = client.post(URL, payload(), format="json", HTTP_IDEMPOTENCY_KEY="abc-1")
    assert first.status_code == second.status_code == 201
    assert first.json()["id"] == second.json()["id"]
    assert second.headers["Idempotent-Replayed"] == "true"
    assert Person.objects.count() == 1


def test_an_idempotency_key_reused_for_another_body_is_refused(personas, as_user):
    client = as_user(personas["jinjiang"])
    client.post(URL, payload(), format="json", HTTP_IDEMPOTENCY_KEY="abc-2")
    other = client.post(URL, payload(document_number=valid_id(seq="555")), format="json", HTTP_IDEMPOTENCY_KEY="abc-2")
    assert other.status_code == 422
    assert other.json()["error"]["code"] == "idempotency_key_reused"


def test_a_failed_create_leaves_the_key_free_for_a_corrected_retry(personas, as_user):
    client = as_user(personas["jinjiang"])
    bad = client.post(URL, payload(mobile="123"), format="json", HTTP_IDEMPOTENCY_KEY="abc-3")
    assert bad.status_code == 400
    good = client.post(URL, payload(mobile="123"[:0] + "13900001111"), format="json", HTTP_IDEMPOTENCY_KEY="abc-3")
    assert good.status_code == 201


@pytest.mark.django_db(transaction=True)
def test_concurrent_duplicates_with_one_key_create_one_person(personas):
    from django.db import connections
    from rest_framework.test import APIClient

    user = personas["jinjiang"]
    results = []
    barrier = threading.Barrier(4)

    def send():
        client = APIClient()
        client.force_authenticate(user=user)
        barrier.wait()
        results.append(client.post(URL, payload(), format="json", HTTP_IDEMPOTENCY_KEY="same-click"))
        connections.close_all()

    threads = [threading.Thread(target=send) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [r.status_code for r in results] == [201] * 4
    assert len({r.json()["id"] for r in results}) == 1
    assert Person.objects.count() == 1


def test_reveal_shows_the_number_and_logs_who_and_why(personas, as_user):
    client = as_user(personas["jinjiang"])
    person_id = client.post(URL, payload(), format="json").json()["id"]
    response = client.post(f"{URL}{person_id}/reveal/", {"reason": "核实志愿者身份"}, format="json")
    assert response.status_code == 200
    assert response.json() == {"document_number": payload()["document_number"], "mobile": "13812345678"}
    access = PersonalDataAccess.objects.get()
    assert access.user == personas["jinjiang"] and access.reason == "核实志愿者身份" and access.channel == "api"


def test_reveal_needs_a_reason(personas, as_user):
    client = as_user(personas["jinjiang"])
    person_id = client.post(URL, payload(), format="json").json()["id"]
    response = client.post(f"{URL}{person_id}/reveal/", {"reason": ""}, format="json")
    assert response.status_code == 400
    assert "reason" in response.json()["error"]["fields"]
    assert not PersonalDataAccess.objects.exists()


def test_an_auditor_reads_but_never_unmasks(personas, as_user):
    person_id = as_user(personas["jinjiang"]).post(URL, payload(), format="json").json()["id"]
    auditor = as_user(personas["auditor"])
    assert auditor.get(f"{URL}{person_id}/").status_code == 200
    assert auditor.post(f"{URL}{person_id}/reveal/", {"reason": "审计"}, format="json").status_code == 403
    assert auditor.patch(f"{URL}{person_id}/", {"full_name": "改名"}, format="json").status_code == 403


def test_people_are_found_by_exact_document_number_through_the_hash(personas, as_user):
    client = as_user(personas["jinjiang"])
    client.post(URL, payload(), format="json")
    client.post(URL, payload(document_number=valid_id(seq="777"), mobile="13900001111"), format="json")
    found = client.get(URL, {"document_number": payload()["document_number"]}).json()["results"]
    assert len(found) == 1
    by_mobile = client.get(URL, {"mobile": "13900001111"}).json()["results"]
    assert len(by_mobile) == 1


def test_updating_the_mobile_re_encrypts_and_re_masks(personas, as_user):
    client = as_user(personas["jinjiang"])
    person_id = client.post(URL, payload(), format="json").json()["id"]
    response = client.patch(f"{URL}{person_id}/", {"mobile": "13900001111"}, format="json")
    assert response.status_code == 200
    assert response.json()["mobile_masked"] == "139****1111"
    bad = client.patch(f"{URL}{person_id}/", {"mobile": "2"}, format="json")
    assert bad.status_code == 400 and "mobile" in bad.json()["error"]["fields"]


def test_a_page_of_people_reads_todays_date_once_and_gives_each_age(personas, as_user, monkeypatch):
    """Every row's age comes from one reading of the local date for the page, not one per row."""
    from redcross.api import rows

    region = community()
    client = as_user(personas["jinjiang"])
    reads = []
    real = timezone.localdate
    monkeypatch.setattr(rows.timezone, "localdate", lambda *args: reads.append(1) or real(*args))

    def page(people):
        for n in range(people):
            Person.objects.create(full_name=f"年龄{len(reads)}{n}", document_number_hash=f"age{len(reads)}-{n}",
                                  region=region, birth_date=date(1950 + n, 1, 1))
        reads.clear()
        response = client.get(URL, {"page_size": 50})
        assert response.status_code == 200
        return response.json()["results"], len(reads)

    results, reads_for_12 = page(12)
    ours = {person.pk: person.birth_date for person in Person.objects.filter(full_name__startswith="年龄")}
    ages = {row["id"]: row["age"] for row in results if row["id"] in ours}
    assert ages == {pk: real().year - born.year for pk, born in ours.items()} and len(ages) == 12
    results, reads_for_24 = page(12)
    assert len(results) == 24 and reads_for_24 == reads_for_12 <= 2
