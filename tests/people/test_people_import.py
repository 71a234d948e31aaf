"""Bulk import of people: every bad row reported with its reason, nothing written unless chosen."""

import io

import pytest

from people import services as people_services
from people.models import Person
from redcross.imports import import_create, import_decide, import_run
from redcross.models import ImportJob
from redcross.testing import person_factory_kwargs, valid_id, xlsx_upload

pytestmark = pytest.mark.django_db

HEADER = ["姓名", "证件类型", "证件号码", "手机号码", "区划代码"]
COMMUNITY = "510104022006"


def xlsx(rows, header=HEADER):
    return xlsx_upload(header, rows)


def upload(user, content, name="people.xlsx", good_rows=False):
    from organizations.selectors import staff_home_region

    return import_create(kind="people.person", user=user, region=staff_home_region(user), file_name=name,
                         content=content, import_good_rows=good_rows)


def good_row(n):
    return [f"导入{n}", "居民身份证", valid_id("510104", "19880808", f"{n:03d}"), f"1390000{n:04d}", COMMUNITY]


def test_a_clean_file_is_imported_whole(personas, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = upload(personas["jinjiang"], xlsx([good_row(n) for n in range(1, 21)]))
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    assert (job.total_rows, job.good_rows, job.bad_rows, job.imported_rows) == (20, 20, 0, 20)
    assert Person.objects.count() == 20
    person = Person.objects.get(full_name="导入7")
    assert person.document_number_masked.startswith("510104") and person.mobile_masked == "139****0007"


def test_every_bad_row_is_reported_and_nothing_is_written(personas, django_capture_on_commit_callbacks):
    people_services.person_create(**{**person_factory_kwargs(1, "510104022000"),
                                     "document_number": valid_id("510104", "19700101", "001")})
    right = valid_id("510104", "19880808", "050")
    wrong_check = right[:-1] + ("1" if right[-1] != "1" else "2")
    rows = [
        good_row(1),                                                   # row 2: fine
        ["", "居民身份证", valid_id("510104", "19880808", "002"), "", COMMUNITY],   # 3: no name
        ["坏校验", "居民身份证", wrong_check, "", COMMUNITY],             # 4: bad check character
        ["旧号码", "居民身份证", "510104880808123", "", COMMUNITY],      # 5: 15 digits
        ["坏手机", "居民身份证", valid_id("510104", "19880808", "004"), "12345", COMMUNITY],  # 6
        ["坏区划", "居民身份证", valid_id("510104", "19880808", "005"), "", "510199999999"],  # 7
        ["越界", "居民身份证", valid_id("510104", "19880808", "006"), "", "510105005001"],   # 8: 青羊区
        good_row(1)[:1] + good_row(1)[1:],                             # 9: same document as row 2
        ["已登记", "居民身份证", valid_id("510104", "19700101", "001"), "", COMMUNITY],     # 10
        good_row(9),                                                   # 11: fine
    ]
    with django_capture_on_commit_callbacks(execute=True):
        job = upload(personas["jinjiang"], xlsx(rows))
    job.refresh_from_db()
    assert job.status == ImportJob.Status.NEEDS_DECISION
    assert (job.total_rows, job.good_rows, job.bad_rows) == (10, 2, 8)
    by_row = {}
    for error in job.errors:
        by_row.setdefault(error["row"], []).append(error)
    assert sorted(by_row) == [3, 4, 5, 6, 7, 8, 9, 10]
    assert by_row[3][0]["column"] == "姓名"
    assert "校验码" in by_row[4][0]["message"]
    assert "15" in by_row[5][0]["message"]
    assert by_row[6][0]["column"] == "手机号码"
    assert "510199999999" in by_row[7][0]["message"] and "510105005001" in by_row[8][0]["message"]
    assert "第 2 行" in by_row[9][0]["message"] or "2" in by_row[9][0]["message"]
    assert "已登记" in by_row[10][0]["message"]
    assert Person.objects.count() == 1  # only the one registered before

    with django_capture_on_commit_callbacks(execute=True):
        import_decide(job=job, user=personas["jinjiang"], proceed=True)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE and job.imported_rows == 2
    assert Person.objects.count() == 3


def test_running_the_task_again_writes_nothing_twice(personas, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = upload(personas["jinjiang"], xlsx([good_row(n) for n in range(1, 6)]))
    import_run(job.pk)  # a retry after the worker died
    assert Person.objects.count() == 5


def test_a_cancelled_import_writes_nothing(personas, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = upload(personas["jinjiang"], xlsx([good_row(1), ["没有证件", "", "", "", COMMUNITY]]))
    job.refresh_from_db()
    assert job.status == ImportJob.Status.NEEDS_DECISION
    import_decide(job=job, user=personas["jinjiang"], proceed=False)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.CANCELLED
    assert Person.objects.count() == 0


def test_a_file_without_a_required_column_fails_naming_it(personas, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = upload(personas["jinjiang"], xlsx([["张三", "13900000000"]], header=["姓名", "手机号码"]))
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    assert "证件号码" in job.message and "区划代码" in job.message


def test_a_gb18030_csv_with_english_headers_is_read(personas, django_capture_on_commit_callbacks):
    text = "Full name,Document number,Mobile,Region code\n" + "\n".join(
        f"导入{n},{valid_id('510104', '19880808', f'{n:03d}')},,{COMMUNITY}" for n in range(1, 4))
    with django_capture_on_commit_callbacks(execute=True):
        job = upload(personas["jinjiang"], text.encode("gb18030"), name="people.csv")
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE, job.message
    assert Person.objects.count() == 3


def test_the_portal_upload_shows_the_bad_rows(personas, client, django_capture_on_commit_callbacks):
    client.force_login(personas["jinjiang"])
    content = xlsx([good_row(1), ["坏手机", "居民身份证", valid_id("510104", "19880808", "004"), "12345", COMMUNITY]])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/portal/imports/new/people.person/",
                               {"file": io.BytesIO(content) if False else _upload_file(content)})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "手机号码" in page and "12345" not in page.split("import-errors")[0][-10:]
    status = client.get(response["Location"] + "status/").json()
    assert status["needs_decision"] and status["bad_rows"] == 1
    report = client.get(response["Location"] + "errors.xlsx")
    assert report.status_code == 200
    assert client.get("/portal/imports/template/people.person/").status_code == 200


def _upload_file(content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("people.xlsx", content)


def test_a_role_without_the_permission_cannot_import(personas, client):
    client.force_login(personas["finance"])
    assert client.get("/portal/imports/new/people.person/").status_code == 403


def test_numbers_typed_into_excel_cells_are_read_as_written(personas, django_capture_on_commit_callbacks):
    """A mobile or region code stored as a number cell is read as 13900000001, not 13900000001.0."""
    row = good_row(1)
    row[3], row[4] = int(row[3]), int(row[4])
    with django_capture_on_commit_callbacks(execute=True):
        job = upload(personas["jinjiang"], xlsx([row]))
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE, job.errors
    assert Person.objects.get().mobile_masked == "139****0001"


def test_full_garbage_collections_wait_for_the_end_of_an_import(personas, django_capture_on_commit_callbacks,
                                                                 monkeypatch):
    """While the rows are checked and written the collector makes no full pass over them; it is on again after,
    also when the file fails."""
    import gc

    from people.importers import PersonImporter

    seen = []
    validate_row = PersonImporter.validate_row
    monkeypatch.setattr(PersonImporter, "validate_row", lambda self, values: seen.append(gc.isenabled()) or
                        validate_row(self, values))
    with django_capture_on_commit_callbacks(execute=True):
        job = upload(personas["jinjiang"], xlsx([good_row(n) for n in range(1, 4)]))
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE and seen == [False] * 3 and gc.isenabled()
    with django_capture_on_commit_callbacks(execute=True):
        job = upload(personas["jinjiang"], "甲,乙\n1,2\n".encode(), name="people.csv")  # no required column
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED and gc.isenabled()


def test_a_clean_file_is_written_as_it_is_read_with_its_history(personas, django_capture_on_commit_callbacks,
                                                                monkeypatch):
    """People go to COPY row by row while the file is checked (redcross.imports.Importer.stream_model): no
    second pass writes them, and each gets its 'created' event in the history."""
    from pghistory.models import Events

    from people.importers import PersonImporter

    monkeypatch.setattr(PersonImporter, "write", lambda self, cleaned: pytest.fail("written after the check"))
    with django_capture_on_commit_callbacks(execute=True):
        job = upload(personas["jinjiang"], xlsx([good_row(n) for n in range(1, 31)]))
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE and (job.good_rows, job.imported_rows, job.bad_rows) == (30, 30, 0)
    assert job.content == b"" and job.errors == []
    people = Person.objects.filter(full_name__startswith="导入")
    assert people.count() == 30
    assert Events.objects.filter(pgh_obj_model="people.Person", pgh_label="insert").count() == 30


def test_a_file_whose_only_fault_is_a_duplicate_names_it_and_writes_nothing(personas,
                                                                           django_capture_on_commit_callbacks):
    """Every row checks out alone, so they all went to COPY; the unique index refuses the duplicates, the whole
    COPY is undone, and the rows are named as in any other file with bad rows."""
    registered = people_services.person_create(**{**person_factory_kwargs(1, "510104022000"),
                                                  "document_number": valid_id("510104", "19700101", "001")})
    # 3,000 rows: PostgreSQL refuses the duplicate while most of the file is still to be sent.
    rows = [[f"导入{n}", "居民身份证", valid_id("510104", f"198801{1 + n % 28:02d}", f"{n // 28:03d}"),
             f"1390{n:07d}", COMMUNITY] for n in range(3000)]
    rows.insert(5, rows[1])                                                            # row 7: same as row 3
    rows.insert(6, ["已登记", "居民身份证", valid_id("510104", "19700101", "001"), "", COMMUNITY])  # row 8
    with django_capture_on_commit_callbacks(execute=True):
        job = upload(personas["jinjiang"], xlsx(rows))
    job.refresh_from_db()
    assert job.status == ImportJob.Status.NEEDS_DECISION
    assert (job.total_rows, job.good_rows, job.bad_rows) == (3002, 3000, 2)
    assert [error["row"] for error in job.errors] == [7, 8]
    assert "3" in job.errors[0]["message"] and "已登记" in job.errors[1]["message"]
    assert list(Person.objects.values_list("pk", flat=True)) == [registered.pk]

    with django_capture_on_commit_callbacks(execute=True):
        import_decide(job=job, user=personas["jinjiang"], proceed=True)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE and job.imported_rows == 3000
    assert Person.objects.count() == 3001


def killed_at_row(monkeypatch, importer_class, at=12):
    """The worker dies (SystemExit) as `importer_class` checks its `at`-th row; returns the real validate_row."""
    validate_row = importer_class.validate_row
    calls = []

    def dies(self, values):
        calls.append(1)
        if len(calls) == at:
            raise SystemExit("worker killed")
        return validate_row(self, values)

    monkeypatch.setattr(importer_class, "validate_row", dies)
    return validate_row


def test_an_import_killed_half_way_through_its_copy_leaves_nothing_and_runs_again_whole(
        personas, django_capture_on_commit_callbacks, monkeypatch):
    from people.importers import PersonImporter

    validate_row = killed_at_row(monkeypatch, PersonImporter)
    job = upload(personas["jinjiang"], xlsx([good_row(n) for n in range(1, 21)]))
    with pytest.raises(SystemExit):
        import_run(job.pk)
    assert Person.objects.count() == 0
    job.refresh_from_db()
    assert job.status != ImportJob.Status.DONE and job.content

    monkeypatch.setattr(PersonImporter, "validate_row", validate_row)
    import_run(job.pk)  # the task again, as Celery delivers it to the next worker
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE and job.imported_rows == 20
    assert Person.objects.count() == 20


def test_a_query_while_rows_stream_fails_at_once_and_writes_nothing(personas, monkeypatch):
    """COPY holds the connection while rows stream: a validate_row that reads the database would wait for ever
    (as training's enrolments did when they inherited the people's stream_model). It now fails, saying why."""
    from django.core.exceptions import ImproperlyConfigured

    from people.importers import PersonImporter
    from redcross.imports import REGISTRY

    assert sorted(kind for kind, importer in REGISTRY.items() if importer.stream_model) == [
        "people.person", "training.enrolment", "volunteers.volunteer"]
    validate_row = PersonImporter.validate_row

    def reads_the_database(self, values):
        Person.objects.filter(full_name=values["full_name"]).exists()
        return validate_row(self, values)

    monkeypatch.setattr(PersonImporter, "validate_row", reads_the_database)
    job = upload(personas["jinjiang"], xlsx([good_row(n) for n in range(1, 4)]))
    with pytest.raises(ImproperlyConfigured, match="COPY"):
        import_run(job.pk)
    assert Person.objects.count() == 0
