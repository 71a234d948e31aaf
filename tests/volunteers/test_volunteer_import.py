"""Bulk import of volunteers: every bad row with its reason, people linked not doubled, numbers without gaps."""

import pytest

from people import services as people_services
from people.models import Person
from redcross.imports import import_create, import_decide
from redcross.models import ImportJob
from redcross.testing import person_factory_kwargs, valid_id
from tests.people.test_people_import import killed_at_row, xlsx
from tests.volunteers.test_hours import volunteer
from volunteers.models import Volunteer

pytestmark = pytest.mark.django_db

HEADER = ["姓名", "证件类型", "证件号码", "手机号码", "区划代码", "志愿者类别", "状态", "技能", "专业资质", "服务时间"]
COMMUNITY = "510104022006"


def row(n, **changes):
    values = {"name": f"导入志愿者{n}", "type": "居民身份证", "number": valid_id("510104", "19880808", f"{n:03d}"),
              "mobile": f"1370000{n:04d}", "region": COMMUNITY, "tier": "社区志愿者", "status": "",
              "skills": "护士、持证救护员", "qualifications": "", "availability": "周末"}
    values.update(changes)
    return list(values.values())


def upload(user, rows, good_rows=False, capture=None):
    from organizations.selectors import staff_home_region

    with capture(execute=True):
        job = import_create(kind="volunteers.volunteer", user=user, region=staff_home_region(user),
                            file_name="volunteers.xlsx", content=xlsx(rows, HEADER), import_good_rows=good_rows)
    job.refresh_from_db()
    return job


def test_a_clean_file_makes_numbered_volunteers(personas, django_capture_on_commit_callbacks):
    job = upload(personas["jinjiang"], [row(n) for n in range(1, 16)], capture=django_capture_on_commit_callbacks)
    assert (job.status, job.imported_rows) == (ImportJob.Status.DONE, 15)
    volunteers = Volunteer.objects.select_related("person").order_by("number")
    assert [int(v.number[-5:]) for v in volunteers] == list(range(1, 16))
    first = volunteers[0]
    assert (first.status, first.tier, first.skills) == ("signed_up", "community", ["nurse", "first_aider"])
    assert first.organization == personas["orgs"]["jinjiang"]
    assert first.person.mobile_masked == "137****0001"


def test_every_bad_row_is_reported(personas, django_capture_on_commit_callbacks):
    existing = volunteer(personas, 90)
    known = people_services.person_create(**person_factory_kwargs(91, "510104022000"))
    right = valid_id("510104", "19880808", "050")
    rows = [
        row(1),                                                          # 2: fine
        row(2, number=right[:-1] + ("1" if right[-1] != "1" else "2")),  # 3: check character
        row(3, mobile="1234"),                                           # 4: mobile
        row(4, region="510105021000"),                                   # 5: not this district's area
        row(5, number=valid_id("510104", "19880808", "001")),            # 6: same document as row 2
        row(6, number=valid_id("510104", "19900101", "090")),            # 7: already a volunteer
        row(7, tier="金牌志愿者"),                                        # 8: unknown tier
        row(8, skills="护士、魔术"),                                      # 9: unknown skill
        row(9, status="已退出"),                                          # 10: status that cannot be imported
        row(10, number=valid_id("510104", "19900101", "091"), name=known.full_name),  # 11: fine, linked
    ]
    job = upload(personas["jinjiang"], rows, capture=django_capture_on_commit_callbacks)
    assert job.status == ImportJob.Status.NEEDS_DECISION
    by_row = {}
    for error in job.errors:
        by_row.setdefault(error["row"], []).append(f'{error["column"]}: {error["message"]}')
    assert sorted(by_row) == [3, 4, 5, 6, 7, 8, 9, 10], by_row
    assert "校验码" in by_row[3][0]
    assert "第 2 行" in by_row[6][0]
    assert existing.number in by_row[7][0]
    assert Volunteer.objects.count() == 1 and Person.objects.count() == 2

    with django_capture_on_commit_callbacks(execute=True):
        import_decide(job=job, user=personas["jinjiang"], proceed=True)
    job.refresh_from_db()
    assert (job.status, job.imported_rows) == (ImportJob.Status.DONE, 2)
    assert Person.objects.count() == 3  # the known person was linked, not registered twice
    assert Volunteer.objects.filter(person=known).exists()


def test_importing_into_another_district_is_refused(personas, django_capture_on_commit_callbacks):
    job = upload(personas["qingyang"], [row(1)], capture=django_capture_on_commit_callbacks)
    assert job.status == ImportJob.Status.NEEDS_DECISION
    assert "510104022006" in job.errors[0]["message"]
    assert not Volunteer.objects.exists()


def test_a_clean_file_writes_its_people_while_it_is_checked(personas, django_capture_on_commit_callbacks,
                                                            monkeypatch):
    """New people go to COPY as their rows check out, with keys drawn first; the volunteers follow, each on its
    own person, and no second pass writes anything."""
    from volunteers.importers import VolunteerImporter

    monkeypatch.setattr(VolunteerImporter, "write", lambda self, cleaned: pytest.fail("written after the check"))
    job = upload(personas["jinjiang"], [row(n) for n in range(1, 31)], capture=django_capture_on_commit_callbacks)
    assert (job.status, job.good_rows, job.imported_rows, job.content) == (ImportJob.Status.DONE, 30, 30, b"")
    volunteers = Volunteer.objects.select_related("person").order_by("number")
    assert [v.person.mobile_masked for v in volunteers] == [f"137****{n:04d}" for n in range(1, 31)]
    assert [int(v.number[-5:]) for v in volunteers] == list(range(1, 31))
    assert Person.objects.count() == 30


def test_a_registered_person_in_a_clean_file_is_linked_after_the_copy_refuses_them(
        personas, django_capture_on_commit_callbacks):
    known = people_services.person_create(**{**person_factory_kwargs(91, "510104022000"),
                                             "document_number": valid_id("510104", "19900101", "091")})
    rows = [row(n) for n in range(1, 21)]
    rows[13] = row(14, number=valid_id("510104", "19900101", "091"), name=known.full_name)
    job = upload(personas["jinjiang"], rows, capture=django_capture_on_commit_callbacks)
    assert (job.status, job.bad_rows, job.imported_rows) == (ImportJob.Status.DONE, 0, 20)
    assert Person.objects.count() == 20  # 19 new and the registered one, not registered twice
    assert Volunteer.objects.get(person=known).number.endswith("00014")
    assert [int(v.number[-5:]) for v in Volunteer.objects.order_by("number")] == list(range(1, 21))


def test_an_import_killed_while_its_people_stream_keeps_nothing_and_runs_again_whole(personas, monkeypatch):
    from organizations.selectors import staff_home_region
    from redcross.imports import import_run
    from volunteers.importers import VolunteerImporter

    staff = personas["jinjiang"]
    job = import_create(kind="volunteers.volunteer", user=staff, region=staff_home_region(staff),
                        file_name="volunteers.xlsx", content=xlsx([row(n) for n in range(1, 21)], HEADER))
    validate_row = killed_at_row(monkeypatch, VolunteerImporter)
    with pytest.raises(SystemExit):
        import_run(job.pk)
    assert Person.objects.count() == 0 and Volunteer.objects.count() == 0  # eleven people had gone to COPY
    job.refresh_from_db()
    assert job.status != ImportJob.Status.DONE and job.content

    monkeypatch.setattr(VolunteerImporter, "validate_row", validate_row)
    import_run(job.pk)  # the task again, as Celery delivers it to the next worker
    job.refresh_from_db()
    assert (job.status, job.imported_rows) == (ImportJob.Status.DONE, 20)
    assert [int(v.number[-5:]) for v in Volunteer.objects.order_by("number")] == list(range(1, 21))
