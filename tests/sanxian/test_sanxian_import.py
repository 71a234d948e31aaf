"""The blood centre's figures imported from Excel: every bad row named, nothing written from a file with errors."""

from decimal import Decimal

import pytest

from redcross.imports import import_create
from redcross.models import ImportJob
from redcross.testing import xlsx_upload
from sanxian.models import BloodDrive
from tests.sanxian import samples
from tests.sanxian.samples import days_ago

pytestmark = pytest.mark.django_db
HEADER = ["献血活动编号", "登记献血人数", "采血量（单位）"]


def xlsx(rows):
    return xlsx_upload(HEADER, rows)


def upload(personas, content, user="jinjiang"):
    from organizations.selectors import staff_home_region

    return import_create(kind="sanxian.drive_figures", user=personas[user], region=staff_home_region(personas[user]),
                         file_name="血液中心报送.xlsx", content=content)


def test_the_blood_centres_figures_are_imported_per_drive(personas, django_capture_on_commit_callbacks):
    first = samples.drive(personas, staffed=False, units=None, donors=None)
    second = samples.drive(personas, held_on=days_ago(50), staffed=False, units=None, donors=None, place="太古里")
    with django_capture_on_commit_callbacks(execute=True):
        job = upload(personas, xlsx([[first.pk, 86, 152.5], [second.pk, 40, "70"]]))
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE, job.errors
    first.refresh_from_db()
    assert (first.donors_registered, first.units_collected, first.figures_source) == (86, Decimal("152.5"),
                                                                                        "imported")


def test_bad_rows_are_named_and_nothing_is_written(personas, django_capture_on_commit_callbacks):
    drive = samples.drive(personas, staffed=False, units=None, donors=None)
    coming = samples.drive(personas, held_on=days_ago(-3), staffed=False, units=None, donors=None, place="下周")
    qingyang = samples.drive(personas, actor="qingyang", owner="qingyang", region_code="510105005000",
                             staffed=False, units=None, donors=None)
    rows = [[drive.pk, 10, 20], [coming.pk, 5, 5], [qingyang.pk, 5, 5], [drive.pk, "很多", -3], [drive.pk, 1, 1]]
    with django_capture_on_commit_callbacks(execute=True):
        job = upload(personas, xlsx(rows))
    job.refresh_from_db()
    assert job.status == ImportJob.Status.NEEDS_DECISION
    by_row = {}
    for error in job.errors:
        by_row.setdefault(error["row"], []).append(error["column"])
    assert sorted(by_row) == [3, 4, 5, 6]
    assert set(by_row[5]) == {"登记献血人数", "采血量（单位）"}
    assert not BloodDrive.objects.filter(units_collected__isnull=False).exists()
