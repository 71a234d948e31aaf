"""The public volunteer pages: apply, status and certificate, verification, QR check-in."""

import secrets
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from organizations.models import Region
from redcross.testing import valid_id
from tests.volunteers.test_hours import activity, volunteer
from volunteers import services
from volunteers.models import ServiceCertificate, Volunteer

pytestmark = pytest.mark.django_db

JINJIANG = "510104000000"


@pytest.fixture
def client():
    """Each test from its own address, so the lookup rate limits of one test never reach another."""
    return Client(REMOTE_ADDR=f"10.{secrets.randbelow(250)}.{secrets.randbelow(250)}.{secrets.randbelow(250)}")


def application(**changes):
    data = {
        "full_name": "林小雨", "document_type": "resident_id", "document_number": valid_id("510104", "19950505", "321"),
        "mobile": "13912345678", "region": JINJIANG, "tier": "professional", "skills": ["nurse", "first_aider"],
        "qualifications": "护士执业证书", "availability": "周末", "consent": "on",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_a_resident_applies_in_chinese_and_can_look_up_the_status(personas, client):
    page = client.get(reverse("volunteers-public:apply"))
    assert page.status_code == 200
    assert "成为红十字志愿者" in page.content.decode()
    assert "锦江区" in page.content.decode()  # the districts to choose from
    response = client.post(reverse("volunteers-public:apply"), application())
    assert response.status_code == 302 and response.url == reverse("volunteers-public:applied")
    volunteer = Volunteer.objects.get()
    assert (volunteer.status, volunteer.tier, volunteer.organization) == ("applied", "professional",
                                                                          personas["orgs"]["jinjiang"])
    assert volunteer.skills == ["nurse", "first_aider"]
    assert "锦江区红十字会" in client.get(response.url).content.decode()

    wrong = client.post(reverse("volunteers-public:status"), {
        "document_type": "resident_id", "document_number": valid_id("510104", "19950505", "321"),
        "mobile": "13900000000"})
    assert "没有找到" in wrong.content.decode()
    found = client.post(reverse("volunteers-public:status"), {
        "document_type": "resident_id", "document_number": valid_id("510104", "19950505", "321"),
        "mobile": "139 1234 5678"}, follow=True)
    text = found.content.decode()
    assert "已申请" in text and "林*雨" in text and "林小雨" not in text


@pytest.mark.parametrize("changes, field, message", [
    ({"document_number": valid_id("510104", "19950505", "321")[:-1] + "0"}, "document_number", "校验码"),
    ({"mobile": "12345"}, "mobile", "手机"),
    ({"consent": None}, "consent", "同意"),
    ({"region": "510105999999"}, "region", "选择"),
    ({"document_number": valid_id("510104", "20150505", "321")}, "guardian_name", "监护人"),
])
def test_a_bad_application_names_the_field_and_writes_nothing(personas, client, changes, field, message):
    response = client.post(reverse("volunteers-public:apply"), application(**changes))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors, errors
    assert message in " ".join(errors[field])
    assert not Volunteer.objects.exists()


def test_applying_twice_is_refused_with_a_pointer_to_the_status_page(personas, client):
    client.post(reverse("volunteers-public:apply"), application())
    again = client.post(reverse("volunteers-public:apply"), application())
    assert "document_number" in again.context["form"].errors
    assert Volunteer.objects.count() == 1


def test_the_volunteer_downloads_a_certificate_and_anyone_verifies_it(personas, client):
    v = volunteer(personas, 5)
    record = services.service_record_create(volunteer=v, actor=personas["jinjiang"], hours="6.5",
                                            served_on=timezone.localdate(), content="社区关爱")
    services.service_record_confirm(record=record, actor=personas["jinjiang"])
    client.post(reverse("volunteers-public:status"), {
        "document_type": "resident_id", "document_number": valid_id("510104", "19900101", "005"),
        "mobile": "13900000005"})
    pdf = client.post(reverse("volunteers-public:certificate"))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF") and len(pdf.content) > 3000
    again = client.post(reverse("volunteers-public:certificate"))
    assert again.status_code == 200
    certificate = ServiceCertificate.objects.get()  # a second download does not use a second number
    assert certificate.hours == v.__class__.objects.get(pk=v.pk).confirmed_hours == 6.5
    assert certificate.number in pdf["Content-Disposition"]

    public = client.get(reverse("volunteers-public:verify"), {"number": certificate.number.lower()})
    text = public.content.decode()
    assert "真实有效" in text and "6.50" in text and "志**" in text
    assert "志愿者5" not in text and valid_id("510104", "19900101", "005") not in text
    missing = client.get(reverse("volunteers-public:verify"), {"number": "ZYZ2026999999"})
    assert "没有" in missing.content.decode() and missing.context["certificate"] is None


def test_a_certificate_needs_confirmed_hours(personas, client):
    volunteer(personas, 6)
    client.post(reverse("volunteers-public:status"), {
        "document_type": "resident_id", "document_number": valid_id("510104", "19900101", "006"),
        "mobile": "13900000006"})
    response = client.post(reverse("volunteers-public:certificate"), follow=True)
    assert "还没有已确认的服务时长" in response.content.decode()
    assert not ServiceCertificate.objects.exists()


def test_without_a_lookup_there_is_no_certificate(client, db):
    response = client.post(reverse("volunteers-public:certificate"))
    assert response.status_code == 302 and not ServiceCertificate.objects.exists()


def test_a_volunteer_checks_in_by_scanning_the_activity_qr_code(personas, client):
    event = activity(personas)
    v = volunteer(personas, 7)
    services.activity_sign_up(activity=event, volunteer=v)
    url = reverse("volunteers-public:checkin", args=[event.checkin_code])
    assert event.title in client.get(url).content.decode()
    wrong = client.post(url, {"number": v.number, "mobile": "13800000000"})
    assert "不匹配" in wrong.content.decode()
    done = client.post(url, {"number": v.number, "mobile": "13900000007"})
    assert "已签到" in done.content.decode()
    assert v.signups.get().checked_in_at is not None
    assert client.get(reverse("volunteers-public:checkin", args=["forged-code"])).status_code == 404


def test_qr_check_in_is_refused_long_before_the_start(personas, client):
    event = activity(personas)
    event.starts_at = timezone.now() + timedelta(days=2)
    event.ends_at = event.starts_at + timedelta(hours=3)
    event.save()
    v = volunteer(personas, 8)
    services.activity_sign_up(activity=event, volunteer=v)
    response = client.post(reverse("volunteers-public:checkin", args=[event.checkin_code]),
                           {"number": v.number, "mobile": "13900000008"})
    assert "两小时" in response.content.decode()
    assert v.signups.get().checked_in_at is None


def test_lookups_are_rate_limited(personas, client):
    data = {"document_type": "resident_id", "document_number": valid_id("510104", "19900101", "009"),
            "mobile": "13900000009"}
    answers = [client.post(reverse("volunteers-public:status"), data).content.decode() for _ in range(12)]
    assert "尝试次数过多" in answers[-1]
    assert "尝试次数过多" not in answers[0]


def test_the_district_list_offers_only_chengdu(client, platform_data):
    form = client.get(reverse("volunteers-public:apply")).context["form"]
    codes = {r.code for r in form.fields["region"].queryset}
    assert JINJIANG in codes and len(codes) >= 20
    assert all(Region.objects.get(code=c).is_home_city for c in codes)


def test_a_volunteer_asks_for_a_correction_and_staff_answer_it(personas, client):
    from volunteers.models import CorrectionRequest, ServiceRecord

    v = volunteer(personas, 10)
    record = services.service_record_create(volunteer=v, actor=personas["jinjiang"], hours=2,
                                            served_on=timezone.localdate(), content="探访")
    services.service_record_confirm(record=record, actor=personas["jinjiang"])
    client.post(reverse("volunteers-public:status"), {
        "document_type": "resident_id", "document_number": valid_id("510104", "19900101", "010"),
        "mobile": "13900000010"})
    ask = reverse("volunteers-public:correction", args=[record.pk])
    empty = client.post(ask, {"message": ""}, follow=True)
    assert "请说明需要更正的内容" in empty.content.decode() and not CorrectionRequest.objects.exists()
    client.post(ask, {"message": "实际服务 4 小时"})
    again = client.post(ask, {"message": "再问一次"}, follow=True)
    assert "等待答复" in again.content.decode()
    request = CorrectionRequest.objects.get()
    assert request.status == "open"

    staff = Client()
    staff.force_login(personas["qingyang"])
    answer = reverse("volunteers:correction_answer", args=[request.pk])
    assert staff.post(answer, {"hours_change": "2", "answer": "已核实"}).status_code == 404
    staff.force_login(personas["jinjiang"])
    refused = staff.post(answer, {"hours_change": "2", "answer": ""}, follow=True)
    assert "答复" in refused.content.decode()
    staff.post(answer, {"hours_change": "2", "answer": "签到记录显示服务 4 小时"})
    request.refresh_from_db()
    assert request.status == "corrected" and request.correction.hours == 2
    services.service_record_confirm(record=request.correction, actor=personas["jinjiang"])
    v.refresh_from_db()
    assert v.confirmed_hours == 4
    assert ServiceRecord.objects.get(pk=record.pk).hours == 2  # the original stays as it was
    page = client.get(reverse("volunteers-public:status") + "?show=1").content.decode()
    assert "签到记录显示服务 4 小时" in page


def test_the_public_home_links_the_volunteer_pages_and_shows_live_figures(personas, client):
    from django.core.cache import cache as django_cache

    v = volunteer(personas, 11)
    record = services.service_record_create(volunteer=v, actor=personas["jinjiang"], hours="12.5",
                                            served_on=timezone.localdate(), content="探访")
    services.service_record_confirm(record=record, actor=personas["jinjiang"])
    django_cache.delete("public_volunteer_figures")
    page = client.get("/")
    assert page.context["volunteer_figures"] == {"serving": 1, "hours_this_year": 12.5}
    text = page.content.decode()
    for name in ("apply", "status", "verify"):
        assert reverse(f"volunteers-public:{name}") in text


def test_the_volunteer_sees_the_reminders_sent_to_them(personas, client):
    from volunteers.tasks import remind_activity_tomorrow

    event = activity(personas)
    event.starts_at = timezone.now() + timedelta(days=1)
    event.ends_at = event.starts_at + timedelta(hours=3)
    event.save()
    v = volunteer(personas, 12)
    services.activity_sign_up(activity=event, volunteer=v)
    assert remind_activity_tomorrow() == 1
    assert remind_activity_tomorrow() == 0  # once only
    client.post(reverse("volunteers-public:status"), {
        "document_type": "resident_id", "document_number": valid_id("510104", "19900101", "012"),
        "mobile": "13900000012"})
    page = client.get(reverse("volunteers-public:status") + "?show=1").content.decode()
    assert "您的提醒" in page and event.title in page
