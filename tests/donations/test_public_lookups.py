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


def test_a_pledge_is_one_insert_one_history_event_and_a_constant_handful_of_queries(personas, client):
    """The disaster-day write (issue 15, goal 5): a returning donor's pledge reads the fund with its organisation
    and the donor, then inserts the gift once, key and reference code included: no look for either first (their
    unique indexes answer a resent form and a code already held: tests/donations/test_money.py)."""
    from pghistory.models import Events

    from donations.models import Donation

    source = fund(personas)
    form = {"fund": source.pk, "amount": "66", "donor_kind": "individual", "name": "孙善", "mobile": "13833334444"}
    response, sql = _queries(lambda: client.post("/donate/", {**form, "key": "pledge-q-1"}))
    assert response.status_code == 302
    # A new donor: inserted with the gift, its constraints checked by the service and kept by the database, not
    # validated again by a compiled query each.
    assert not [q for q in sql if "_check" in q], sql
    # The donor is inserted in the pledge's transaction: no savepoint of its own (two statements more).
    savepoints = [q for q in sql if "SAVEPOINT" in q and "RELEASE" not in q]
    assert len(savepoints) == 1, sql  # the pledge's own, nested in the test's transaction
    assert len(sql) <= 6, "\n".join(sql)
    response, sql = _queries(lambda: client.post("/donate/", {**form, "key": "pledge-q-2"}))
    assert response.status_code == 302
    writes = [q for q in sql if "INSERT" in q or "UPDATE" in q]
    assert len(writes) == 1 and 'INSERT INTO "donations_donation"' in writes[0], writes
    assert len(sql) <= 5, "\n".join(sql)
    gift = Donation.objects.get(pledge_key="pledge-q-2")
    assert gift.donor.name == "孙善" and gift.reference_code and gift.organization == source.organization
    labels = list(Events.objects.tracks(gift).values_list("pgh_label", flat=True))
    assert labels == ["insert"], labels


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
