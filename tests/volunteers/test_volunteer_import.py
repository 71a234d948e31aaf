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
    assert Person.objects.count() == 0 and Volunteer.objects.count() == 0
    job.refresh_from_db()
    assert job.status != ImportJob.Status.DONE and job.content

    monkeypatch.setattr(VolunteerImporter, "validate_row", validate_row)
    import_run(job.pk)  # the task again, as Celery delivers it to the next worker
    job.refresh_from_db()
    assert (job.status, job.imported_rows) == (ImportJob.Status.DONE, 20)
    assert [int(v.number[-5:]) for v in Volunteer.objects.order_by("number")] == list(range(1, 21))


def many_rows(count):
    """`count` good rows, each with its own document (valid_id's sequence has three digits: the birth date varies)."""
    return [row(1, name=f"导入志愿者{n}", mobile=f"1370000{n:04d}",
                number=valid_id("510104", f"1988{1 + n % 12:02d}{1 + n // 12 % 28:02d}", f"{n // 336:03d}"))
            for n in range(1, count + 1)]


def test_a_long_file_writes_each_chunks_volunteers_while_later_rows_are_checked_and_survives_a_kill(
        personas, monkeypatch):
    """1,200 rows are three chunks of 500 (redcross.imports._Pipeline, its floor lowered from 2,500 for the test):
    each chunk's people, then its numbered volunteers, go to COPY while the rows after them are checked. A worker
    killed with a chunk's COPY being ended by its thread keeps nothing; run again, the numbers run on without a gap
    across the chunks, in file order."""
    from pghistory.models import Events

    from organizations.selectors import staff_home_region
    from redcross.imports import _Pipeline, import_run
    from volunteers.importers import VolunteerImporter

    monkeypatch.setattr(_Pipeline, "min_chunk_rows", 500)

    staff = personas["jinjiang"]
    job = import_create(kind="volunteers.volunteer", user=staff, region=staff_home_region(staff),
                        file_name="volunteers.xlsx", content=xlsx(many_rows(1200), HEADER))
    validate_row = killed_at_row(monkeypatch, VolunteerImporter, at=630)  # the first chunk's people all sent
    with pytest.raises(SystemExit):
        import_run(job.pk)
    assert Person.objects.count() == 0 and Volunteer.objects.count() == 0

    checked, chunks = [], []
    monkeypatch.setattr(VolunteerImporter, "validate_row",
                        lambda self, values: checked.append(1) or validate_row(self, values))
    streamed_after = VolunteerImporter.streamed_after
    monkeypatch.setattr(VolunteerImporter, "streamed_after",
                        lambda self, rows: chunks.append((len(rows), len(checked))) or streamed_after(self, rows))
    monkeypatch.setattr(VolunteerImporter, "write", lambda self, cleaned: pytest.fail("written after the check"))
    import_run(job.pk)
    job.refresh_from_db()
    assert (job.status, job.imported_rows) == (ImportJob.Status.DONE, 1200)
    assert [size for size, _checked in chunks] == [500, 500, 200]
    assert chunks[0][1] < 1000  # the first chunk's volunteers were numbered before the second chunk was checked
    volunteers = Volunteer.objects.select_related("person").order_by("number")
    assert [int(v.number[-5:]) for v in volunteers] == list(range(1, 1201))
    assert [v.person.full_name for v in volunteers] == [f"导入志愿者{n}" for n in range(1, 1201)]
    assert Events.objects.filter(pgh_obj_model="volunteers.Volunteer", pgh_label="insert").count() == 1200


@pytest.mark.django_db(transaction=True)
def test_a_district_counter_another_transaction_holds_sends_the_file_the_checked_way(personas, monkeypatch):
    """A streamed import never waits for a lock while it holds others (it could deadlock): a volunteer being
    numbered in the district at that moment sends the file the checked way, which waits its turn and writes it
    whole, numbered after the other volunteer."""
    import threading
    import time

    from django.db import connection, transaction
    from django.utils import timezone

    from organizations.selectors import staff_home_region
    from redcross.models import Counter
    from volunteers.importers import VolunteerImporter

    key = f"volunteer:510104:{timezone.localdate().year}"
    Counter.objects.create(key=key, value=0)
    held, release = threading.Event(), threading.Event()

    def another_registration():
        with transaction.atomic():
            counter = Counter.objects.select_for_update().get(key=key)
            held.set()
            release.wait(10)
            counter.value += 1
            counter.save(update_fields=["value"])
        connection.close()

    holder = threading.Thread(target=another_registration)
    holder.start()
    assert held.wait(10)
    threading.Timer(1.0, release.set).start()
    calls = []
    for name in ("streamed_after", "write"):
        method = getattr(VolunteerImporter, name)
        monkeypatch.setattr(VolunteerImporter, name,
                            lambda self, rows, name=name, method=method: calls.append(name) or method(self, rows))
    staff = personas["jinjiang"]
    started = time.monotonic()
    job = import_create(kind="volunteers.volunteer", user=staff, region=staff_home_region(staff),
                        file_name="volunteers.xlsx", content=xlsx([row(n) for n in range(1, 21)], HEADER))
    holder.join()
    job.refresh_from_db()
    assert (job.status, job.imported_rows) == (ImportJob.Status.DONE, 20)
    assert calls == ["streamed_after", "write"] and time.monotonic() - started >= 0.9
    assert [int(v.number[-5:]) for v in Volunteer.objects.order_by("number")] == list(range(2, 22))
    assert Person.objects.count() == 20


def test_a_bad_row_after_chunks_went_to_copy_undoes_them_and_names_the_row(personas,
                                                                         django_capture_on_commit_callbacks,
                                                                         monkeypatch):
    """The first chunk's people and volunteers were already in when row 1,002 turns out bad: nothing is kept, the
    counters are as before, and the row is named; importing the good rows then numbers them from 1."""
    from redcross.imports import _Pipeline

    monkeypatch.setattr(_Pipeline, "min_chunk_rows", 500)  # chunks of 500 rows
    rows = many_rows(1200)
    rows[1000] = row(1, name="坏行", number="51010419880808999")  # 17 digits: file row 1,002
    job = upload(personas["jinjiang"], rows, capture=django_capture_on_commit_callbacks)
    assert (job.status, job.good_rows, job.bad_rows) == (ImportJob.Status.NEEDS_DECISION, 1199, 1)
    assert [error["row"] for error in job.errors] == [1002]
    assert Person.objects.count() == 0 and Volunteer.objects.count() == 0

    with django_capture_on_commit_callbacks(execute=True):
        import_decide(job=job, user=personas["jinjiang"], proceed=True)
    job.refresh_from_db()
    assert (job.status, job.imported_rows) == (ImportJob.Status.DONE, 1199)
    assert [int(v.number[-5:]) for v in Volunteer.objects.order_by("number")] == list(range(1, 1200))
