"""Issue 10: each reproduction of the outside test, replayed, gets the expected answer."""

import io
import secrets
import zipfile

import pytest
from django.test import Client
from django.utils import timezone

from people.models import Person, PersonalDataAccess
from redcross.testing import person_factory_kwargs, valid_id

pytestmark = pytest.mark.django_db


def fresh_client(**extra):
    return Client(REMOTE_ADDR=f"10.{secrets.randbelow(250)}.{secrets.randbelow(250)}.{secrets.randbelow(250)}",
                  **extra)


def registered_person(n=31):
    from people import services

    return services.person_create(**person_factory_kwargs(n, "510104022000"))


# --- 1. masked ID numbers cannot be rebuilt -------------------------------------------------------------

@pytest.mark.parametrize("role", ["auditor", "finance", "organiser"])
def test_a_role_without_reveal_sees_the_age_not_the_birth_date_nor_the_full_name(personas, as_user, role, client):
    person = registered_person()
    api = as_user(personas[role])
    listed = api.get("/api/v1/people/persons/").json()["results"]
    if role == "organiser":
        assert listed == []  # 锦江 is outside 春熙路's subtree; check the detail with a 锦江 person below
        return
    row = next(r for r in listed if r["id"] == person.pk)
    assert row["birth_date"] is None and row["age"] == person.age
    detail = api.get(f"/api/v1/people/persons/{person.pk}/").json()
    assert detail["birth_date"] is None and detail["full_name"] == person.masked_name != person.full_name
    # The record's own clock is no birth date: a timestamp's microseconds may read 1990 (…T14:31:51.199049).
    stamped = ("created_at", "updated_at")
    assert "1990" not in str({k: v for k, v in detail.items() if k not in stamped})
    assert "19900101" not in str({k: v for k, v in row.items() if k not in stamped})
    client.force_login(personas[role])
    page = client.get("/portal/people/").content.decode()
    assert "1990-01-01" not in page and "1990年1月1日" not in page
    export = client.get("/portal/people/?export=csv")
    text = b"".join(export.streaming_content).decode()
    assert "1990-01-01" not in text and str(person.age) in text
    detail_page = client.get(f"/portal/people/{person.pk}/").content.decode()
    assert "1990-01-01" not in detail_page and "1990年1月1日" not in detail_page
    # Nothing was revealed, so nothing was logged; and nothing could be rebuilt.
    assert not PersonalDataAccess.objects.exists()


def test_the_person_list_withholds_the_birth_date_on_both_read_paths(personas, as_user, monkeypatch):
    """The list is read as value rows planned per caller; the instance path answers the same (issue 10 with #9)."""
    from redcross.api.viewsets import RowListMixin

    person = registered_person()
    answers = {}
    for role in ("auditor", "jinjiang"):
        api = as_user(personas[role])
        for read_rows in (True, False):
            monkeypatch.setattr(RowListMixin, "read_rows", read_rows)
            rows = api.get("/api/v1/people/persons/").json()["results"]
            answers[role, read_rows] = next(r for r in rows if r["id"] == person.pk)
    assert answers["auditor", True] == answers["auditor", False]
    assert answers["auditor", True]["birth_date"] is None and answers["auditor", True]["age"] == person.age
    assert answers["jinjiang", True] == answers["jinjiang", False]
    assert answers["jinjiang", True]["birth_date"] == "1990-01-01"


def test_a_birth_date_filter_counts_in_whole_years_without_reveal(personas, as_user):
    person = registered_person()  # born 1990-01-01
    auditor = as_user(personas["auditor"])
    # Day-by-day bisection would give the birth date: the filter only moves by years.
    hits = [auditor.get(f"/api/v1/people/persons/?born_after=1990-{m:02d}-15").json()["results"] for m in (1, 6)]
    assert all(any(r["id"] == person.pk for r in found) for found in hits)


def test_staff_with_reveal_still_see_the_birth_date(personas, as_user):
    person = registered_person()
    body = as_user(personas["jinjiang"]).get(f"/api/v1/people/persons/{person.pk}/").json()
    assert body["birth_date"] == "1990-01-01" and body["full_name"] == person.full_name


def test_the_change_history_masks_names_and_birth_dates_for_a_role_without_reveal(personas, client):
    from people import services

    person = registered_person()
    services.person_update(person=person, actor=personas["jinjiang"], full_name="欧阳娜娜",
                           document_number=valid_id("510104", "19850615", "031"))
    person.refresh_from_db()
    assert person.birth_date.isoformat() == "1985-06-15"
    clear = ("1990-01-01", "1985-06-15", "欧阳娜娜", "测试31")

    client.force_login(personas["auditor"])
    for url in ("/portal/history/?model=people.Person", f"/portal/people/{person.pk}/"):
        page = client.get(url)
        assert page.status_code == 200, url
        text = page.content.decode()
        assert "1990-**-**" in text and "1985-**-**" in text and "欧阳*娜" in text, url
        assert not [value for value in clear if value in text], url
    client.force_login(personas["city_admin"])  # holds reveal_personal_data: the history as recorded
    text = client.get("/portal/history/?model=people.Person").content.decode()
    assert "1990-01-01" in text and "1985-06-15" in text and "欧阳娜娜" in text


def test_a_donor_name_in_the_history_is_masked_for_a_person_not_for_an_organisation(personas):
    from donations import services
    from people.identifiers import credit_check_character
    from redcross.history import describe_events, events_for
    from tests.donations.samples import donor

    person_donor = donor(personas, name="王小华")
    type(person_donor).objects.filter(pk=person_donor.pk).update(name="王大华")  # the triggers record any update
    code = "91510100MA61X2346" + credit_check_character("91510100MA61X2346")
    company = services.donor_create(actor=personas["jinjiang"], kind="organization", name="成都某某科技有限公司",
                                    credit_code=code)
    type(company).objects.filter(pk=company.pk).update(name="成都某某科技股份有限公司")
    changes = [c for row in describe_events(events_for(person_donor), user=personas["auditor"])
               for c in row["changes"]]
    assert changes and {(c["before"], c["after"]) for c in changes} == {("王*华", "王*华")}
    revealed = [c for row in describe_events(events_for(person_donor), user=personas["city_admin"])
                for c in row["changes"]]
    assert {(c["before"], c["after"]) for c in revealed} == {("王小华", "王大华")}
    company_changes = [c for row in describe_events(events_for(company), user=personas["auditor"])
                       for c in row["changes"]]
    assert {(c["before"], c["after"]) for c in company_changes} == {("成都某某科技有限公司",
                                                                     "成都某某科技股份有限公司")}


# --- 4 and 6. public lookups limited; the gift lookup needs the mobile ----------------------------------

def test_the_gift_lookup_needs_the_mobile_and_is_limited(personas, one_window):
    from tests.donations.samples import fund, gift

    donation = gift(personas, fund(personas), "88.00")
    client = fresh_client()
    by_name = client.post("/transparency/lookup/", {"receipt_number": donation.receipt_number, "mobile": "张爱心"})
    assert "lookup-result" not in by_name.content.decode()
    answers = [client.post("/transparency/lookup/", {"receipt_number": f"X{n}", "mobile": "13900000001"}).status_code
               for n in range(12)]
    assert 429 in answers
    # Past the limit even the right answer is not looked up.
    right = client.post("/transparency/lookup/", {"receipt_number": donation.receipt_number,
                                                  "mobile": "13900000001"})
    assert right.status_code == 429 and "lookup-result" not in right.content.decode()
    assert "lookup-result" in fresh_client().post("/transparency/lookup/", {
        "receipt_number": donation.receipt_number, "mobile": "13900000001"}).content.decode()


# --- 5. X-Forwarded-For only from a configured proxy -------------------------------------------------------

def test_a_rotating_forwarded_for_header_does_not_bypass_the_throttle(db, settings, one_window):
    client = fresh_client()
    statuses = [client.get("/api/v1/training/verify/NOPE/",
                           HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code for n in range(20)]
    assert statuses.count(429) >= 5


def test_a_trusted_proxy_passes_the_client_address(db, settings):
    from redcross.security import TrustedProxyMiddleware

    seen = {}

    def view(request):
        seen["addr"], seen["proto"] = request.META["REMOTE_ADDR"], request.META.get("HTTP_X_FORWARDED_PROTO")
        return None

    settings.TRUSTED_PROXIES = ["172.16.0.0/12"]
    from django.test import RequestFactory

    request = RequestFactory().get("/", REMOTE_ADDR="172.18.0.5", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7",
                                   HTTP_X_FORWARDED_PROTO="https")
    TrustedProxyMiddleware(view)(request)
    assert seen == {"addr": "198.51.100.7", "proto": "https"}
    request = RequestFactory().get("/", REMOTE_ADDR="198.51.100.9", HTTP_X_FORWARDED_FOR="1.2.3.4",
                                   HTTP_X_FORWARDED_PROTO="https")
    TrustedProxyMiddleware(view)(request)
    assert seen == {"addr": "198.51.100.9", "proto": None}


# --- 7. volunteer apply: no attaching to someone else, no oracle ---------------------------------------------

def test_an_application_with_someone_elses_id_attaches_nothing_and_answers_like_any_other(personas):
    from volunteers.models import Volunteer

    person = registered_person(41)
    kwargs = person_factory_kwargs(41, "510104022000")
    form = {"full_name": "冒名者", "document_type": "resident_id", "document_number": kwargs["document_number"],
            "mobile": "13700000000", "region": "510104000000", "tier": "community", "consent": "on"}
    client = fresh_client()
    first = client.post("/volunteer/apply/", form)
    assert first.status_code == 302 and first["Location"].endswith("/volunteer/apply/received/")
    assert not Volunteer.objects.filter(person=person).exists()
    # A new document gets exactly the same answer (no oracle), and is recorded.
    fresh = dict(form, document_number=valid_id("510104", "19920202", "777"), full_name="新人")
    second = fresh_client().post("/volunteer/apply/", fresh)
    assert (second.status_code, second["Location"]) == (first.status_code, first["Location"])
    # Even when the real resident is already a volunteer, the impostor learns nothing.
    from volunteers import services

    services.volunteer_apply(full_name=person.full_name, document_type="resident_id",
                             document_number=kwargs["document_number"], mobile=kwargs["mobile"],
                             region=person.region, consent=True)
    third = fresh_client().post("/volunteer/apply/", form)
    assert (third.status_code, third["Location"]) == (first.status_code, first["Location"])
    assert Volunteer.objects.filter(person=person).count() == 1


# --- 8 and 13. imports: upload cleared, masked report, bounded size ------------------------------------------

def test_an_import_keeps_no_upload_after_it_ends_and_a_zip_bomb_is_refused(personas, django_capture_on_commit_callbacks,
                                                                           settings):
    from django.core.exceptions import ValidationError

    from redcross.imports import mask_text
    from redcross.models import ImportJob
    from tests.people.test_people_import import good_row, upload, xlsx

    with django_capture_on_commit_callbacks(execute=True):
        job = upload(personas["jinjiang"], xlsx([good_row(n) for n in range(1, 4)]))
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE and bytes(job.content) == b""
    assert (mask_text("证件号码 510104198808080017 与 13900000001 重复")
            == "证件号码 510104********0017 与 139****0001 重复")
    assert mask_text("此人已是志愿者（编号 510104202600001）") == "此人已是志愿者（编号 510104202600001）"

    # A small file that inflates far beyond the limit.
    settings.IMPORT_MAX_UNCOMPRESSED_BYTES = 20 * 1024 * 1024
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (64 * 1024 * 1024))
    assert len(buffer.getvalue()) < 200_000
    with pytest.raises(ValidationError) as refused:
        upload(personas["jinjiang"], buffer.getvalue())
    assert "MB" in str(refused.value)

    settings.IMPORT_MAX_ROWS = 5
    with django_capture_on_commit_callbacks(execute=True):
        job = upload(personas["jinjiang"], xlsx([good_row(n) for n in range(10, 20)]))
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED and "5" in job.message and bytes(job.content) == b""


def test_a_file_waiting_for_a_decision_is_deleted_after_its_hours(personas, django_capture_on_commit_callbacks,
                                                                   settings, client):
    from datetime import timedelta

    from django.core.exceptions import ValidationError

    from redcross import tasks
    from redcross.imports import import_decide
    from redcross.models import ImportJob
    from tests.people.test_people_import import good_row, upload, xlsx

    bad = ["坏行", "居民身份证", "51010419880808000X", "13900000000", "000"]
    with django_capture_on_commit_callbacks(execute=True):
        stale = upload(personas["jinjiang"], xlsx([good_row(1), bad]))
        fresh = upload(personas["jinjiang"], xlsx([good_row(2), bad]))
    assert {job.status for job in ImportJob.objects.filter(pk__in=[stale.pk, fresh.pk])} == {"needs_decision"}
    client.force_login(personas["jinjiang"])
    deadline = timezone.localtime(fresh.decide_by).strftime("%Y-%m-%d %H:%M")
    assert deadline in client.get(f"/portal/imports/{fresh.pk}/").content.decode()  # the page says until when
    ImportJob.objects.filter(pk=stale.pk).update(
        created_at=timezone.now() - timedelta(hours=settings.IMPORT_DECISION_HOURS, minutes=1))

    assert "redcross.tasks.imports_expire" in {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    tasks.imports_expire.apply()  # what beat runs every hour

    stale.refresh_from_db()
    fresh.refresh_from_db()
    assert stale.status == ImportJob.Status.EXPIRED and bytes(stale.content) == b"" and stale.finished_at
    assert stale.errors and stale.bad_rows == 1  # the masked error report stays
    assert fresh.status == ImportJob.Status.NEEDS_DECISION and bytes(fresh.content) != b""
    with pytest.raises(ValidationError):
        import_decide(job=stale, user=personas["jinjiang"], proceed=True)  # too late to import it
    assert not Person.objects.filter(full_name="导入1").exists()
    assert stale.message in client.get(f"/portal/imports/{stale.pk}/").content.decode()


# --- 11. NUL bytes -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("url", ["/transparency/receipts/A%00B/", "/training/verify/?number=%00",
                                 "/volunteer/verify/?number=a%00", "/api/v1/donations/public/ledger/?fund=%00",
                                 "/transparency/funds/%00/", "/api/v1/training/verify/%00/"])
def test_a_nul_byte_in_a_url_is_400(db, url):
    response = fresh_client().get(url)
    assert response.status_code in (400, 404)


def test_a_nul_byte_in_a_body_is_400_in_the_api_shape(personas, as_user):
    response = as_user(personas["jinjiang"]).post("/api/v1/people/persons/", {"full_name": "a\u0000b"},
                                                   format="json")
    assert response.status_code == 400 and response.json()["error"]["code"] == "invalid"
    page = fresh_client().post("/transparency/lookup/", {"receipt_number": "R\x00", "mobile": "1"})
    assert page.status_code == 400


# --- 12. a non-ASCII check-in code ---------------------------------------------------------------------------

def test_a_non_ascii_check_in_code_is_400(personas, as_user):
    from tests.volunteers.samples import signup

    entry = signup(personas)
    response = as_user(personas["jinjiang"]).post(f"/api/v1/volunteers/signups/{entry.pk}/check-in/",
                                                  {"code": "码"}, format="json")
    assert response.status_code == 400 and "code" in response.json()["error"]["fields"]


# --- 14. login lockout -------------------------------------------------------------------------------------------

def test_login_locks_out_per_user_and_per_address_and_logs_failures(personas, caplog):
    from axes.models import AccessAttempt

    user = personas["jinjiang"]
    user.set_password("right-password-1")
    user.save()
    client = fresh_client()
    for _attempt in range(5):
        client.post("/portal/login/", {"username": user.username, "password": "wrong"})
    assert AccessAttempt.objects.filter(username=user.username).exists()
    # Now even the right password from another address is refused for this user.
    locked = fresh_client().post("/portal/login/", {"username": user.username, "password": "right-password-1"})
    assert locked.status_code == 429 and "_auth_user_id" not in fresh_client().session
    # And this address is locked for any user.
    other = personas["qingyang"]
    other.set_password("right-password-2")
    other.save()
    again = client.post("/portal/login/", {"username": other.username, "password": "right-password-2"})
    assert again.status_code == 429


# --- 16. API 500 in the API shape -------------------------------------------------------------------------------

def test_an_unexpected_api_error_keeps_the_error_shape(personas, as_user, monkeypatch):
    from people.api import views

    def broken(self):
        raise RuntimeError("boom")

    monkeypatch.setattr(views.PersonViewSet, "get_queryset", broken)
    client = as_user(personas["jinjiang"])
    client.raise_request_exception = False
    response = client.get("/api/v1/people/persons/")
    assert response.status_code == 500
    assert response.json()["error"]["code"] == "server_error"


# --- 17. donor_name of an anonymous gift -------------------------------------------------------------------------

def test_an_anonymous_gift_has_an_empty_donor_name(personas, as_user, api_client):
    from donations import services
    from donations.models import Donation
    from tests.donations.samples import fund

    source = fund(personas)
    api_client.post("/api/v1/donations/public/pledges/", {
        "fund": source.code, "amount": "50", "name": "不留名", "mobile": "13855556666", "is_anonymous": True},
        format="json", HTTP_IDEMPOTENCY_KEY="anon-17")
    services.donation_confirm(donation=Donation.objects.get(), actor=personas["finance"], bank_reference="B-17")
    rows = as_user(personas["finance"]).get("/api/v1/donations/donations/").json()["results"]
    assert [row["donor_name"] for row in rows] == [""]


# --- 19. Content-Security-Policy --------------------------------------------------------------------------------

def test_every_page_carries_a_content_security_policy(db):
    for url in ("/", "/portal/login/", "/transparency/", "/api/v1/public/figures/"):
        policy = fresh_client().get(url)["Content-Security-Policy"]
        assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy and "unsafe-eval" not in policy
        assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]


def test_a_short_secret_key_is_refused_at_start():
    import os
    import subprocess
    import sys

    env = {**os.environ, "DJANGO_SECRET_KEY": "short"}
    result = subprocess.run([sys.executable, "-c", "import django; django.setup()"], env=env, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode != 0 and "DJANGO_SECRET_KEY" in result.stderr


def test_person_is_unused_import_guard():
    assert Person and timezone
