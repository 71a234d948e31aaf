"""A gift holds its receiving organisation's region code, kept by the database on every path that writes it."""

import pytest
from django.test.utils import CaptureQueriesContext

from donations import services
from donations.models import Donation, DonationEvent
from organizations import services as organization_services
from organizations.models import Region
from organizations.selectors import staff_home_region
from redcross.imports import import_create
from redcross.testing import xlsx_upload
from tests.donations.samples import fund, gift

pytestmark = pytest.mark.django_db


def test_every_write_path_keeps_the_receiving_organisation_s_region(personas, django_capture_on_commit_callbacks):
    jinjiang = personas["orgs"]["jinjiang"]
    recorded = gift(personas, fund(personas))  # a service, then confirmed
    reversal = services.donation_reverse(donation=recorded, actor=personas["finance"], reason="录入错误")
    header = ["基金编号", "金额（元）", "渠道", "捐赠人", "统一社会信用代码", "手机号码", "同意公开名称", "备注"]
    city_fund = fund(personas, org="city")
    with django_capture_on_commit_callbacks(execute=True):  # an import's COPY
        import_create(kind="donations.donation", user=personas["city_admin"],
                      region=staff_home_region(personas["city_admin"]), file_name="gifts.xlsx",
                      content=xlsx_upload(header, [[city_fund.code, "100", "现金", "", "", "", "", "匿名"]]),
                      import_good_rows=True)
    imported = Donation.objects.get(fund=city_fund)
    assert {d.pk: d.scope_region for d in Donation.objects.all()} == {
        recorded.pk: jinjiang.region_id, reversal.pk: jinjiang.region_id,
        imported.pk: personas["orgs"]["city"].region_id}
    # A change of organisation takes the new one's region, whatever the statement says of the column.
    forged = Donation.objects.filter(pk=gift(personas, fund(personas), confirm=False).pk)
    assert forged.get().scope_region == jinjiang.region_id
    forged.update(scope_region="510105000000")
    assert forged.get().scope_region == "510105000000"  # only a change of organisation recomputes it…
    forged.update(organization=personas["orgs"]["city"])
    assert forged.get().scope_region == personas["orgs"]["city"].region_id  # …and then it is the new one's


def test_an_organisation_that_moves_takes_its_gifts_along_without_history_noise(personas, as_user):
    moving = personas["orgs"]["chunxilu"]
    source = fund(personas, org="chunxilu")
    given = gift(personas, source)
    events = DonationEvent.objects.count()
    assert as_user(personas["jinjiang"]).get(f"/api/v1/donations/donations/{given.pk}/").status_code == 200
    qingyang_town = Region.objects.get(code="510105002000")
    organization_services.organization_update(organization=moving, region=qingyang_town)
    given.refresh_from_db()
    assert given.scope_region == "510105002000"
    assert DonationEvent.objects.count() == events  # the gift did not change: its history says nothing
    assert as_user(personas["jinjiang"]).get(f"/api/v1/donations/donations/{given.pk}/").status_code == 404
    assert as_user(personas["qingyang"]).get(f"/api/v1/donations/donations/{given.pk}/").status_code == 200


def test_the_migration_gives_every_gift_its_region_a_batch_at_a_time(personas):
    from types import SimpleNamespace

    from django.db import connection

    from redcross.scoping import region_backfill

    gifts = [gift(personas, fund(personas), confirm=n % 2 == 0).pk for n in range(5)]  # final ones among them
    Donation.objects.filter(pk__in=gifts).update(scope_region="")  # as the rows were before the column
    backfill = region_backfill("donations_donation", "scope_region = o.region_id",
                               "FROM organizations_organization AS o WHERE o.id = t.organization_id", batch=2)
    events = DonationEvent.objects.count()
    with CaptureQueriesContext(connection) as queries:
        backfill.code(None, SimpleNamespace(connection=connection))
    assert set(Donation.objects.filter(pk__in=gifts).values_list("scope_region", flat=True)) == {
        personas["orgs"]["jinjiang"].region_id}
    updates = [q for q in queries.captured_queries if q["sql"].startswith("UPDATE")]
    assert len(updates) == (max(gifts) - min(Donation.objects.values_list("id", flat=True))) // 2 + 1
    assert DonationEvent.objects.count() == events
