"""Group enrolment import: registered people are enrolled as registered, repeats and mismatches are bad rows."""

import pytest

from people import services as people_services
from people.models import Person
from redcross.imports import import_create
from redcross.models import ImportJob
from redcross.testing import valid_id, xlsx_upload
from tests.training import samples
from training import services
from training.models import Enrolment

pytestmark = pytest.mark.django_db

COMMUNITY = "510104022006"


def _xlsx(rows):
    return xlsx_upload(["场次编号", "姓名", "证件类型", "证件号码", "手机号码", "区划代码", "班级或单位"], rows)


def _run(personas, rows, capture, good_rows=True):
    with capture(execute=True):
        job = import_create(kind="training.enrolment", user=personas["jinjiang"],
                            region=personas["orgs"]["jinjiang"].region, file_name="class.xlsx", content=_xlsx(rows),
                            import_good_rows=good_rows)
    job.refresh_from_db()
    return job


def test_registered_people_are_enrolled_as_registered_and_conflicts_are_named(
        personas, django_capture_on_commit_callbacks):
    session = samples.session(personas, capacity=2)
    other = samples.session(personas, capacity=5)
    region = samples.person(1).region
    holder = people_services.person_create(full_name="王小明", document_type="resident_id",
                                           document_number=valid_id("510104", "20100101", "101"), region=region)
    enrolled = people_services.person_create(full_name="李小红", document_type="resident_id",
                                             document_number=valid_id("510104", "20100101", "102"), region=region)
    services.enrolment_book(session=session, person=enrolled)
    came_back = people_services.person_create(full_name="赵小刚", document_type="resident_id",
                                              document_number=valid_id("510104", "20100101", "103"), region=region)
    cancelled = services.enrolment_book(session=session, person=came_back)
    Enrolment.objects.filter(pk=cancelled.pk).update(status="cancelled")
    people_before = Person.objects.count()
    rows = [
        [session.pk, "王小明", "居民身份证", valid_id("510104", "20100101", "101"), "坏号码", COMMUNITY, "一班"],  # 2
        [session.pk, "王大明", "居民身份证", valid_id("510104", "20100101", "101"), "", COMMUNITY, ""],  # 3: name
        [session.pk, "李小红", "居民身份证", valid_id("510104", "20100101", "102"), "", COMMUNITY, ""],  # 4: enrolled
        [session.pk, "新同学", "居民身份证", valid_id("510104", "20100101", "104"), "", COMMUNITY, "一班"],  # 5
        [session.pk, "新同学", "居民身份证", valid_id("510104", "20100101", "104"), "", COMMUNITY, ""],  # 6: repeat
        [other.pk, "新同学", "居民身份证", valid_id("510104", "20100101", "104"), "", COMMUNITY, "二班"],  # 7
        [session.pk, "赵小刚", "居民身份证", valid_id("510104", "20100101", "103"), "", COMMUNITY, ""],  # 8: again
        [99999, "王小明", "居民身份证", valid_id("510104", "20100101", "101"), "", COMMUNITY, ""],  # 9: session
    ]
    job = _run(personas, rows, django_capture_on_commit_callbacks)
    assert job.status == ImportJob.Status.DONE, job.errors
    by_row = {}
    for error in job.errors:
        by_row.setdefault(error["row"], []).append(error["message"])
    assert sorted(by_row) == [3, 4, 6, 9]
    assert "does not match" in by_row[3][0] or "不一致" in by_row[3][0]
    assert (job.good_rows, job.imported_rows) == (4, 4)
    # One new person for the two sessions; the registered holder kept, not registered twice.
    assert Person.objects.count() == people_before + 1
    statuses = dict(Enrolment.objects.filter(session=session).values_list("person__full_name", "status"))
    # Two places: 李小红 had one, 王小明 takes the other; the rest wait in file order, 赵小刚 booked again.
    assert statuses == {"李小红": "booked", "王小明": "booked", "新同学": "waitlisted", "赵小刚": "waitlisted"}
    assert Enrolment.objects.get(session=other, person__full_name="新同学").group_name == "二班"
    assert Enrolment.objects.get(session=session, person=holder).channel == "import"


def test_a_retried_job_enrols_nobody_twice(personas, django_capture_on_commit_callbacks):
    from redcross.imports import import_run

    session = samples.session(personas, capacity=10)
    rows = [[session.pk, f"学生{n}", "居民身份证", valid_id("510104", "20100101", f"{n:03d}"), "", COMMUNITY, ""]
            for n in range(200, 205)]
    job = _run(personas, rows, django_capture_on_commit_callbacks)
    assert job.imported_rows == 5
    import_run(job.pk)
    assert Enrolment.objects.filter(session=session).count() == 5


def test_a_clean_class_writes_its_new_people_while_it_is_checked_and_books_in_file_order(
        personas, django_capture_on_commit_callbacks, monkeypatch):
    from training.importers import EnrolmentImporter

    monkeypatch.setattr(EnrolmentImporter, "write", lambda self, cleaned: pytest.fail("written after the check"))
    session = samples.session(personas, capacity=20)
    people_before = Person.objects.count()
    rows = [[session.pk, f"学生{n}", "居民身份证", valid_id("510104", "20100101", f"{n:03d}"), "", COMMUNITY, "三班"]
            for n in range(300, 325)]
    job = _run(personas, rows, django_capture_on_commit_callbacks, good_rows=False)
    assert (job.status, job.good_rows, job.imported_rows) == (ImportJob.Status.DONE, 25, 25)
    assert Person.objects.count() == people_before + 25
    enrolments = Enrolment.objects.filter(session=session).order_by("person__full_name")
    assert [(e.person.full_name, e.status, e.group_name) for e in enrolments] == [
        (f"学生{n}", "booked" if n < 320 else "waitlisted", "三班") for n in range(300, 325)]


def test_one_new_person_for_two_sessions_is_registered_once_after_the_copy_refuses_the_second(
        personas, django_capture_on_commit_callbacks):
    first, second = samples.session(personas, capacity=5), samples.session(personas, capacity=5)
    people_before = Person.objects.count()
    number = valid_id("510104", "20100101", "401")
    rows = [[first.pk, "新学员", "居民身份证", number, "", COMMUNITY, ""],
            [first.pk, "另一位", "居民身份证", valid_id("510104", "20100101", "402"), "", COMMUNITY, ""],
            [second.pk, "新学员", "居民身份证", number, "", COMMUNITY, ""]]
    job = _run(personas, rows, django_capture_on_commit_callbacks, good_rows=False)
    assert (job.status, job.bad_rows, job.imported_rows) == (ImportJob.Status.DONE, 0, 3)
    assert Person.objects.count() == people_before + 2
    assert Enrolment.objects.filter(person__full_name="新学员").count() == 2


def test_a_long_class_books_chunk_by_chunk_filling_the_session_in_file_order_then_the_waiting_list(
        personas, django_capture_on_commit_callbacks, monkeypatch):
    """1,200 rows are three chunks (redcross.imports._Pipeline, its floor lowered to 500 for the test), each booked
    while later rows are checked: the 700 places go to the first 700 rows across the chunks and the other 500
    wait, as one booking at a time would."""
    from redcross.imports import _Pipeline
    from training.importers import EnrolmentImporter

    monkeypatch.setattr(_Pipeline, "min_chunk_rows", 500)

    monkeypatch.setattr(EnrolmentImporter, "write", lambda self, cleaned: pytest.fail("written after the check"))
    plans, plan_many = [], services.enrolments_plan_many
    monkeypatch.setattr(services, "enrolments_plan_many",
                        lambda **kwargs: plans.append(len(kwargs["bookings"])) or plan_many(**kwargs))
    samples.base(personas, capacity=1000)  # a sports hall
    session = samples.session(personas, capacity=700)
    rows = [[session.pk, f"学员{n:04d}", "居民身份证",
             valid_id("510104", f"2008{1 + n % 12:02d}{1 + n // 12 % 28:02d}", f"{n // 336:03d}"), "", COMMUNITY,
             f"{n // 100}班"] for n in range(1200)]
    job = _run(personas, rows, django_capture_on_commit_callbacks, good_rows=False)
    assert (job.status, job.good_rows, job.imported_rows) == (ImportJob.Status.DONE, 1200, 1200)
    enrolments = Enrolment.objects.filter(session=session).select_related("person").order_by("person__full_name")
    assert [(e.person.full_name, e.status, e.group_name) for e in enrolments] == [
        (f"学员{n:04d}", "booked" if n < 700 else "waitlisted", f"{n // 100}班") for n in range(1200)]
    assert plans == [500, 500, 200]
