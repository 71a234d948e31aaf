"""The public lookups stay as cheap as their raw SQL: only the rows shown are read, nothing else per request."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from donations import services
from tests.donations.samples import disbursement, fund, gift

pytestmark = pytest.mark.django_db


def _queries(run):
    with CaptureQueriesContext(connection) as captured:
        response = run()
    return response, [q["sql"] for q in captured.captured_queries]


def _funded_and_corrected(personas):
    source = fund(personas)
    kept = gift(personas, source, "300.00")
    disbursement(personas, source, "120.00", approve=True)
    wrong = gift(personas, source, "50.00")
    services.donation_reverse(donation=wrong, actor=personas["finance"], reason="重复录入")
    return kept, wrong


def test_the_donors_lookup_page_reads_the_gift_and_its_trace_and_nothing_else(personas, client):
    kept, wrong = _funded_and_corrected(personas)
    for donation, shown in ((kept, "救灾物资采购"), (wrong, "重复录入")):
        response, sql = _queries(lambda d=donation: client.post("/transparency/lookup/", {
            "receipt_number": d.receipt_number, "mobile": "13900000001"}))
        page = response.content.decode()
        assert "lookup-result" in page and shown in page
        assert len(sql) == 2, sql  # the gift (with fund, organisation and correction), then where it went
        # A lookup writes nothing: its reads go without pghistory's context prefix.
        assert not any("pghistory" in q for q in sql), sql


def test_the_lookup_api_and_the_receipt_page_read_two_rows_sets(personas, client, api_client):
    kept, wrong = _funded_and_corrected(personas)
    response, sql = _queries(lambda: api_client.post("/api/v1/donations/public/lookup/", {
        "receipt_number": kept.receipt_number, "mobile": "13900000001"}, format="json"))
    assert response.status_code == 200 and response.json()["spent_on"][0]["amount"] == "120.00"
    assert len(sql) == 2 and not any("pghistory" in q for q in sql), sql
    for donation, shown in ((kept, "救灾物资采购"), (wrong, "重复录入")):
        response, sql = _queries(lambda d=donation: client.get(f"/transparency/receipts/{d.receipt_number}/"))
        assert response.status_code == 200 and shown in response.content.decode()
        assert len(sql) == 2, sql


def test_a_post_that_writes_still_records_who_and_where_in_the_history(personas, client):
    from pghistory.models import Events

    from donations.models import Donation

    source = fund(personas)
    response = client.post("/donate/", {"key": "form-key-h", "fund": source.pk, "amount": "66",
                                        "donor_kind": "individual", "name": "孙善", "mobile": "13833334444"})
    assert response.status_code == 302
    event = Events.objects.tracks(Donation.objects.get()).filter(pgh_label="insert").get()
    assert event.pgh_context["url"] == "/donate/"


def test_the_lookup_api_answers_exactly_what_its_serializers_describe(personas, api_client):
    """The answer is built without the ModelSerializers, byte for byte what they give (the OpenAPI contract)."""
    import json

    from rest_framework.renderers import JSONRenderer

    from donations.api.serializers import AllocationSerializer, PublicDonationSerializer
    from donations.selectors import donation_lookup, donation_trace

    kept, wrong = _funded_and_corrected(personas)
    paid = disbursement(personas, kept.fund, "30.00", approve=True)
    services.disbursement_reverse(disbursement=paid, actor=personas["city_admin"], reason="录入错误")
    for donation in (kept, wrong):
        found = donation_lookup(receipt_number=donation.receipt_number, mobile="13900000001")
        trace = donation_trace(found)
        expected = {"donation": PublicDonationSerializer(found).data,
                    "spent_on": AllocationSerializer(trace, many=True).data}
        response = api_client.post("/api/v1/donations/public/lookup/", {
            "receipt_number": donation.receipt_number, "mobile": "13900000001"}, format="json")
        assert response.content == JSONRenderer().render(expected)
        assert json.loads(response.content) == json.loads(JSONRenderer().render(expected))
    assert len(expected["spent_on"]) == 0 and len(trace) == 0  # the corrected gift was never spent


def test_a_pledge_is_one_statement_one_history_event_each_and_a_constant_handful_of_queries(personas, client):
    """The disaster-day write (issue 15, goal 5): a pledge finds or inserts its donor and inserts its gift, key and
    reference code included, in one statement: one round trip where the ORM took six, no look for the key or the
    code first (their unique indexes answer a resent form and a code already held: tests/donations/test_money.py).
    """
    from pghistory.models import Events

    from donations.models import Donation, Donor

    source = fund(personas)
    form = {"fund": source.pk, "amount": "66", "donor_kind": "individual", "name": "孙善", "mobile": "13833334444"}
    for key in ("pledge-q-1", "pledge-q-2"):  # a new donor, then the same donor again
        response, sql = _queries(lambda key=key: client.post("/donate/", {**form, "key": key}))
        assert response.status_code == 302
        writes = [q for q in sql if "INSERT" in q or "UPDATE" in q]
        assert len(writes) == 1 and 'INSERT INTO "donations_donation"' in writes[0], writes
        # The fund (always read inside a transaction, as here), and the savepoint that keeps a refused insert
        # from spoiling the test's transaction around the statement; outside one the statement is all.
        assert len(sql) == 4, "\n".join(sql)
        assert not [q for q in sql if "_check" in q], sql  # constraints checked by the service, kept by PostgreSQL
    first, second = Donation.objects.filter(pledge_key__in=["pledge-q-1", "pledge-q-2"]).order_by("pk")
    donor = Donor.objects.get(mobile_hash=first.lookup_mobile_hash)  # one donor, found the second time
    assert first.donor == second.donor == donor and donor.name == "孙善" and donor.mobile_masked == "138****4444"
    assert second.reference_code and second.organization == source.organization and second.status == "pledged"
    assert second.lookup_name_hash == first.lookup_name_hash and second.public_name == ""
    for row in (first, second, donor):
        labels = list(Events.objects.tracks(row).values_list("pgh_label", flat=True))
        assert labels == ["insert"], labels
    # The donor now agrees to be named: the same donor, changed in the same statement, and the gift named.
    response = client.post("/donate/", {**form, "key": "pledge-q-3", "publish_name": "on"})
    assert response.status_code == 302
    third = Donation.objects.get(pledge_key="pledge-q-3")
    donor.refresh_from_db()
    assert third.donor == donor and donor.publish_name and third.public_name == "孙善"
    assert list(Events.objects.tracks(donor).values_list("pgh_label", flat=True)) == ["insert", "update"]


def test_an_organisation_pledging_with_a_credit_code_another_donor_holds_is_told_and_nothing_is_written(
        personas, client):
    """The statement finds no donor with this mobile and name, and the unique index refuses a second donor with the
    credit code: the form names the field, as the look before the insert did, and neither row is written."""
    from donations.models import Donation, Donor

    source = fund(personas)
    form = {"fund": source.pk, "amount": "5000", "donor_kind": "organization", "name": "成都锦城建设有限公司",
            "mobile": "13833335555", "credit_code": "91330100716105852F"}
    assert client.post("/donate/", {**form, "key": "org-1"}).status_code == 302
    assert client.post("/donate/", {**form, "key": "org-2"}).status_code == 302  # the same donor again
    assert Donor.objects.filter(credit_code=form["credit_code"]).count() == 1
    response = client.post("/donate/", {**form, "key": "org-3", "name": "锦城建设另一家公司"})
    assert response.status_code == 200
    assert "统一社会信用代码：已有使用该代码的捐赠人。" in response.content.decode()
    assert not Donation.objects.filter(pledge_key="org-3").exists()
    assert Donor.objects.filter(credit_code=form["credit_code"]).count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_pledge_reads_the_open_funds_once_a_second_and_a_fund_closed_here_is_refused_at_once(personas, client,
                                                                                                 monkeypatch):
    """Outside a transaction (as gunicorn serves it) the pledge's fund comes from the open funds this process read
    at most a second ago: the disaster day's pledges do not read their fund each. A fund closed by another process
    is refused once that second is over; one closed in this process at once."""
    from donations import selectors
    from donations.models import Donation, Fund

    monkeypatch.setattr(selectors, "OPEN_FUNDS_REUSE_SECONDS", 3600.0)  # the second does not end by itself here
    source, other = fund(personas), fund(personas)
    form = {"amount": "66", "donor_kind": "individual", "name": "孙善", "mobile": "13833334444"}

    def pledge(key, chosen):
        return _queries(lambda: client.post("/donate/", {**form, "key": key, "fund": chosen.pk}))

    def reads_funds(sql):
        return [q for q in sql if 'FROM "donations_fund"' in q]

    response, sql = pledge("recent-1", source)
    assert response.status_code == 302 and reads_funds(sql)  # the first pledge reads the open funds
    response, sql = pledge("recent-2", other)
    assert response.status_code == 302 and not reads_funds(sql), sql
    assert Donation.objects.get(pledge_key="recent-2").organization == other.organization

    Fund.objects.filter(pk=source.pk).update(status="closed")  # no signal here: as another process closes it
    assert pledge("recent-3", source)[0].status_code == 302  # within the second this process still holds
    monkeypatch.setattr(selectors, "OPEN_FUNDS_REUSE_SECONDS", 0.0)  # the second is over
    refused, sql = pledge("recent-4", source)
    assert refused.status_code == 200 and "fund" in refused.context["form"].errors and reads_funds(sql)

    monkeypatch.setattr(selectors, "OPEN_FUNDS_REUSE_SECONDS", 3600.0)
    assert pledge("recent-5", other)[0].status_code == 302
    services.fund_close(fund=other, actor=personas["city_admin"])  # in this process: forgotten at once
    refused, sql = pledge("recent-6", other)
    assert refused.status_code == 200 and "fund" in refused.context["form"].errors
    assert not Donation.objects.filter(pledge_key__in=["recent-4", "recent-6"]).exists()
    assert Donation.objects.filter(pledge_key__startswith="recent-").count() == 4


def test_only_the_public_pledge_takes_its_fund_from_the_open_funds_staff_forms_keep_their_own_choices(personas):
    """The staff's forms choose from their own querysets: a disbursement may still spend a closed fund's balance,
    and a gift is designated only to a fund within the staffer's area."""
    from donations.forms import DisbursementForm, DonationForm, PledgeForm

    closed, theirs = fund(personas), fund(personas, org="qingyang")
    services.fund_close(fund=closed, actor=personas["city_admin"])
    spend = DisbursementForm(data={"fund": closed.pk}, user=personas["jinjiang"])
    spend.is_valid()
    assert "fund" not in spend.errors and spend.cleaned_data["fund"] == closed
    give = DonationForm(data={"fund": theirs.pk}, user=personas["jinjiang"])
    give.is_valid()
    assert "fund" in give.errors  # 青羊's fund is not among a 锦江 staffer's choices
    pledge = PledgeForm(data={"fund": closed.pk, "key": "k", "amount": "10", "mobile": "13800000000",
                              "donor_kind": "individual", "name": "王小明"})
    assert not pledge.is_valid() and "fund" in pledge.errors
