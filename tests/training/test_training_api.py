"""The training API for branch systems, the public booking and verification pages, the PDF and group import."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from people.models import Person
from redcross.imports import import_create
from redcross.models import ImportJob
from redcross.testing import valid_id, xlsx_upload
from tests.training import samples
from training.models import Certificate, Enrolment

pytestmark = pytest.mark.django_db


def test_an_enrolment_retried_with_the_same_idempotency_key_books_once(personas, as_user):
    session = samples.session(personas, capacity=5)
    person = samples.person(790)
    client = as_user(personas["jinjiang"])
    body = {"session": session.pk, "person": person.pk, "group_name": "成都七中高一(3)班"}
    first = client.post("/api/v1/training/enrolments/", body, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    again = client.post("/api/v1/training/enrolments/", body, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    assert first.status_code == 201, first.content
    assert again.json() == first.json() and again.headers["Idempotent-Replayed"] == "true"
    assert Enrolment.objects.filter(session=session).count() == 1
    assert first.json()["status"] == "booked" and first.json()["channel"] == "api"


def test_results_through_the_api_issue_the_certificate(personas, as_user):
    booking = samples.enrolment(personas, n=791)
    samples.start_now(booking.session)
    client = as_user(personas["jinjiang"])
    url = f"/api/v1/training/enrolments/{booking.pk}/result/"
    bad = client.post(url, {"attended": True, "exam_score": "很高", "skills_passed": True}, format="json")
    assert bad.status_code == 400 and "exam_score" in bad.json()["error"]["fields"]
    response = client.post(url, {"attended": True, "exam_score": "91.5", "skills_passed": True}, format="json")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["outcome"] == "passed" and body["certificate"]
    certificate = client.get(f"/api/v1/training/certificates/?number={body['certificate']}").json()["results"][0]
    assert certificate["state"] == "valid" and certificate["verify_url"].startswith("http://testserver/training/verify/")
    assert client.get("/api/v1/training/certificates/?expires_within=30").json()["results"] == []


def test_scheduling_through_the_api_refuses_a_double_booked_instructor(personas, as_user):
    teacher = samples.instructor(personas, n=792)
    taken = samples.session(personas, teacher=teacher)
    client = as_user(personas["jinjiang"])
    body = {"course": taken.course_id, "base": taken.base_id, "starts_at": taken.starts_at.isoformat(),
            "ends_at": taken.ends_at.isoformat(), "capacity": 10, "audience": "students", "instructors": [teacher.pk]}
    response = client.post("/api/v1/training/sessions/", body, format="json")
    assert response.status_code == 400 and "instructors" in response.json()["error"]["fields"]
    body["ends_at"] = body["starts_at"]
    response = client.post("/api/v1/training/sessions/", {**body, "capacity": 0}, format="json")
    assert response.status_code == 400


def test_the_course_catalogue_is_the_same_for_every_district(personas, as_user):
    samples.course()
    for persona in ("jinjiang", "qingyang"):
        codes = {c["code"] for c in as_user(personas[persona]).get("/api/v1/training/courses/").json()["results"]}
        assert {"first-aider-16", "awareness-4"} <= codes


def test_a_resident_books_on_the_public_site_and_a_full_session_waitlists(personas, client):
    session = samples.session(personas, capacity=1, title="春熙路社区救护员培训")
    page = client.get("/training/")
    assert "春熙路社区救护员培训" in page.content.decode()
    form = {
        "full_name": "王小红",
        "document_type": "resident_id",
        "document_number": valid_id("510104", "19900307", "128"),
        "mobile": "13812345678",
        "region": "510104000000",
        "consent": "on",
    }
    refused = client.post(f"/training/sessions/{session.pk}/book/", {**form, "consent": "", "mobile": "12"})
    assert refused.status_code == 200 and not Person.objects.filter(full_name="王小红").exists()
    assert "mobile" in refused.context["form"].errors and "consent" in refused.context["form"].errors
    booked = client.post(f"/training/sessions/{session.pk}/book/", form, follow=True)
    assert "您的名额已预约" in booked.content.decode() or "booked" in booked.content.decode()
    impostor = client.post(f"/training/sessions/{session.pk}/book/", {**form, "full_name": "张冒名"})
    assert "full_name" in impostor.context["form"].errors and Enrolment.objects.count() == 1
    other = {**form, "full_name": "李四", "document_number": valid_id("510104", "19900307", "130")}
    waiting = client.post(f"/training/sessions/{session.pk}/book/", other, follow=True)
    assert Enrolment.objects.get(person__full_name="李四").status == "waitlisted"
    assert waiting.status_code == 200
    from redcross.models import Notification

    assert sorted(Notification.objects.values_list("kind", flat=True)) == ["training.booked", "training.waitlisted"]


def test_the_public_page_verifies_a_certificate_and_shows_an_expired_one_as_expired(personas, client):
    certificate = samples.certificate(personas, n=793)
    page = client.get(certificate.verify_path)
    text = page.content.decode()
    assert page.status_code == 200 and certificate.number in text and certificate.person.masked_name in text
    assert certificate.person.full_name not in text
    Certificate.objects.filter(pk=certificate.pk).update(issued_on=timezone.localdate() - timedelta(days=1200),
                                                         expires_on=timezone.localdate() - timedelta(days=5))
    expired = client.get("/training/verify/", {"number": certificate.number})
    assert 'state-expired' in expired.content.decode()
    assert client.get("/training/verify/", {"number": "NOPE"}).status_code == 404


def test_the_certificate_pdf_carries_the_number_and_only_staff_in_scope_get_it(personas, client):
    certificate = samples.certificate(personas, n=794)
    url = reverse("training:certificate_pdf", args=[certificate.pk])
    client.force_login(personas["qingyang"])
    assert client.get(url).status_code == 404
    client.force_login(personas["jinjiang"])
    response = client.get(url)
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert response["Content-Type"] == "application/pdf"


def _xlsx(rows):
    return xlsx_upload(["场次编号", "姓名", "证件类型", "证件号码", "手机号码", "区划代码", "班级或单位"], rows)


def test_a_class_is_enrolled_from_excel_with_every_bad_row_named(personas, django_capture_on_commit_callbacks):
    session = samples.session(personas, capacity=3)
    rows = [[session.pk, f"学生{n}", "居民身份证", valid_id("510104", "20100101", f"{n:03d}"), "", "510104022006",
             "七中初一(2)班"] for n in range(1, 5)]
    rows.append([99999, "错场次", "居民身份证", valid_id("510104", "20100101", "090"), "", "510104022006", ""])
    rows.append([session.pk, "错号码", "居民身份证", "510104201001011234", "", "510104022006", ""])
    with django_capture_on_commit_callbacks(execute=True):
        job = import_create(
            kind="training.enrolment",
            user=personas["jinjiang"],
            region=personas["orgs"]["jinjiang"].region,
            file_name="class.xlsx",
            content=_xlsx(rows),
        )
    job.refresh_from_db()
    assert job.status == ImportJob.Status.NEEDS_DECISION and job.bad_rows == 2
    assert {e["row"] for e in job.errors} == {6, 7} and not Enrolment.objects.exists()
    from redcross.imports import import_decide

    with django_capture_on_commit_callbacks(execute=True):
        import_decide(job=job, user=personas["jinjiang"], proceed=True)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE and job.imported_rows == 4
    statuses = sorted(Enrolment.objects.filter(session=session).values_list("status", flat=True))
    assert statuses == ["booked", "booked", "booked", "waitlisted"]


def test_portal_pages_render_for_the_district(personas, client):
    certificate = samples.certificate(personas, n=795)
    samples.target(personas)
    samples.assessment(personas)
    client.force_login(personas["jinjiang"])
    for name in ("training:calendar", "training:courses", "training:coverage", "training:evaluation",
                 "training:cadres", "training:instructor_list", "training:certificate_list"):
        response = client.get(reverse(name))
        assert response.status_code == 200, name
    page = client.get(reverse("training:session_detail", args=[certificate.enrolment.session_id]))
    assert certificate.number in page.content.decode()
    export = client.get(reverse("training:certificate_list") + "?state=valid&export=xlsx")
    assert export.status_code == 200
    cadres = client.get(reverse("training:cadres") + "?export=csv")
    assert b"".join(cadres.streaming_content).decode().lstrip("\ufeff").startswith("干部,")


def test_the_portal_schedules_a_session_and_names_a_double_booked_instructor(personas, client):
    teacher = samples.instructor(personas, n=796)
    taken = samples.session(personas, teacher=teacher)
    client.force_login(personas["jinjiang"])
    start = timezone.localtime(taken.starts_at)
    form = {
        "course": taken.course_id,
        "base": taken.base_id,
        "title": "七中急救进校园",
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (start + timedelta(hours=4)).strftime("%Y-%m-%dT%H:%M"),
        "capacity": 20,
        "audience": "students",
        "instructors": [teacher.pk],
        "notes": "",
    }
    refused = client.post(reverse("training:session_create"), form)
    assert refused.status_code == 200 and "instructors" in refused.context["form"].errors
    assert not type(taken).objects.filter(title="七中急救进校园").exists()
    later = start + timedelta(days=1)
    form.update(
        starts_at=later.strftime("%Y-%m-%dT%H:%M"), ends_at=(later + timedelta(hours=4)).strftime("%Y-%m-%dT%H:%M")
    )
    created = client.post(reverse("training:session_create"), form)
    assert created.status_code == 302
    session = type(taken).objects.get(title="七中急救进校园")
    assert created["Location"] == session.get_absolute_url() and list(session.instructors.all()) == [teacher]


@pytest.mark.parametrize(
    "url, body",
    [
        (
            "/api/v1/training/sessions/",
            {"course": 1, "base": "x", "starts_at": "soon", "capacity": -1, "instructors": ["a"]},
        ),
        ("/api/v1/training/enrolments/", {"session": 999999, "person": "nobody"}),
        ("/api/v1/training/bases/", {"name": "", "region": "5101", "capacity": 0, "organization": 1}),
        (
            "/api/v1/training/targets/",
            {"audience": "martians", "region": "510104000000", "year": "next", "target_count": 0},
        ),
        (
            "/api/v1/training/assessments/",
            {
                "year": 2025,
                "region": "510104000000",
                "method_score": "great",
                "approach_score": 101,
                "quality_score": 50,
                "findings": "",
                "assessor": "",
                "assessed_on": "2025-02-30",
            },
        ),
    ],
)
def test_bad_bodies_are_a_400_naming_the_fields_and_write_nothing(personas, as_user, url, body):
    from training.models import Assessment, TrainingBase, TrainingSession, TrainingTarget

    client = as_user(personas["jinjiang"])
    before = [m.objects.count() for m in (Assessment, TrainingBase, TrainingSession, TrainingTarget, Enrolment)]
    for payload in (body, "{not json", []):
        response = client.post(url, payload, format="json") if not isinstance(payload, str) else client.post(
            url, payload, content_type="application/json")
        assert response.status_code == 400, (url, payload, response.content[:300])
        assert response.json()["error"]["message"]
    assert set(body) & set(client.post(url, body, format="json").json()["error"]["fields"])
    assert before == [m.objects.count() for m in (Assessment, TrainingBase, TrainingSession, TrainingTarget,
                                                   Enrolment)]


def test_staff_enrol_one_person_on_the_session_page(personas, client):
    session = samples.session(personas, capacity=1)
    client.force_login(personas["organiser"])
    url = reverse("training:session_action", args=[session.pk, "enrol"])
    form = {
        "full_name": "赵敏",
        "document_type": "resident_id",
        "document_number": valid_id("510104", "19850505", "222"),
        "mobile": "",
        "region": "510104022006",
        "group_name": "春熙路街道办",
    }
    page = client.post(url, {**form, "document_number": "123"}, follow=True)
    assert "身份证号码" in " ".join(str(m) for m in page.context["messages"]) and not Enrolment.objects.exists()
    client.post(url, form)
    client.post(url, {**form, "full_name": "钱多", "document_number": valid_id("510104", "19850505", "224")})
    assert sorted(Enrolment.objects.values_list("person__full_name", "status")) == [
        ("赵敏", "booked"), ("钱多", "waitlisted")]


def test_a_trainee_rates_the_session_from_the_signed_link_once(personas, client):
    from redcross.models import Notification
    from training.models import Feedback

    certificate = samples.certificate(personas, n=797)
    invite = Notification.objects.get(kind="training.feedback_invite", key=str(certificate.enrolment_id))
    path = invite.message.split(" ")[-1].split("：")[-1]
    assert path.startswith("/training/feedback/")
    assert client.get(path).status_code == 200
    assert client.get(path[:-5] + "xxxx/").status_code == 404
    refused = client.post(path, {"rating": "9"})
    assert "rating" in refused.context["form"].errors and not Feedback.objects.exists()
    client.post(path, {"rating": "5", "comment": "实操练习很充分"})
    again = client.post(path, {"rating": "4"})
    assert again.context["form"].errors and Feedback.objects.get().rating == 5


def test_the_public_verification_api_needs_no_login_and_shows_no_full_name(personas, api_client):
    certificate = samples.certificate(personas, n=798)
    body = api_client.get(f"/api/v1/training/verify/{certificate.number}/").json()
    assert body == {"number": certificate.number, "holder": certificate.person.masked_name,
                    "course_name": "红十字救护员培训", "issued_on": certificate.issued_on.isoformat(),
                    "expires_on": certificate.expires_on.isoformat(), "state": "valid",
                    "issued_by": certificate.organization.name}
    missing = api_client.get("/api/v1/training/verify/510104209900000000/")
    assert missing.status_code == 404 and missing.json()["error"]["code"]


def test_a_target_posted_to_the_api_goes_through_its_service_and_is_recomputed(
        personas, as_user, django_capture_on_commit_callbacks):
    from training.models import TrainingTarget

    body = {"audience": "residents", "region": "510104000000", "year": 2025, "target_count": 1000,
            "population": 900000}
    with django_capture_on_commit_callbacks(execute=True):
        created = as_user(personas["jinjiang"]).post("/api/v1/training/targets/", body, format="json")
    assert created.status_code == 201, created.json()
    target = TrainingTarget.objects.get(pk=created.json()["id"])
    assert target.computed_at is not None  # the recompute the service queues ran after the commit

    outsider = as_user(personas["qingyang"])
    refused = outsider.post("/api/v1/training/targets/", {**body, "audience": "students"}, format="json")
    assert refused.status_code == 400 and "region" in refused.json()["error"]["fields"]
    assert outsider.patch(f"/api/v1/training/targets/{target.pk}/", {"target_count": 1}, format="json"
                          ).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        changed = as_user(personas["jinjiang"]).patch(f"/api/v1/training/targets/{target.pk}/",
                                                      {"target_count": 2000}, format="json")
    assert changed.status_code == 200 and changed.json()["target_count"] == 2000, changed.json()
    moved = as_user(personas["jinjiang"]).patch(f"/api/v1/training/targets/{target.pk}/",
                                                {"region": "510105000000"}, format="json")
    assert moved.status_code == 400 and TrainingTarget.objects.get().region_id == "510104000000"
