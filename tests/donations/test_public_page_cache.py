"""The public pages served whole from the cache on a surge (redcross/pagecache.py): each visitor still gets a form
of their own, money shows at once, and a signed-in user never sees a stored copy."""

import re

import pytest
from django.test import Client

from donations.models import Donation
from tests.donations.samples import fund, gift

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
KEY = re.compile(r'name="key" value="([^"]+)"')


def test_two_visitors_of_the_cached_donate_page_each_get_their_own_form_and_both_pledges_count(personas):
    source = fund(personas)
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    pages = [visitor.get("/donate/") for visitor in (first, second)]
    assert pages[0].context is not None and pages[1].context is None  # the second copy came from the cache
    forms = [page.content.decode() for page in pages]
    keys = [KEY.search(form).group(1) for form in forms]
    assert keys[0] != keys[1]
    for n, (visitor, form, key) in enumerate(zip((first, second), forms, keys, strict=True)):
        response = visitor.post("/donate/", {"csrfmiddlewaretoken": TOKEN.search(form).group(1), "key": key,
                                             "fund": source.pk, "amount": "88", "donor_kind": "individual",
                                             "name": f"赈灾{n}", "mobile": f"1370000000{n}"})
        assert response.status_code == 302, response.content[:300]
    assert Donation.objects.filter(pledge_key__in=keys).count() == 2
    # Without the visitor's own cookie the cached page's token is refused, as on any page.
    stranger = Client(enforce_csrf_checks=True)
    refused = stranger.post("/donate/", {"csrfmiddlewaretoken": TOKEN.search(forms[0]).group(1), "key": "other",
                                         "fund": source.pk, "amount": "88", "donor_kind": "individual",
                                         "name": "赈灾", "mobile": "13700000009"})
    assert refused.status_code == 403


def test_the_cached_ledger_shows_a_gift_as_soon_as_it_is_confirmed(personas, client):
    source = fund(personas, name="锦江区抗震救灾")
    gift(personas, source, "120.00")
    client.get("/transparency/")
    assert client.get("/transparency/").context is None  # served from the cache
    later = gift(personas, source, "345.00")
    page = client.get("/transparency/").content.decode()
    assert later.receipt_number in page or "345" in page


def test_a_signed_in_user_is_never_served_a_stored_page(personas, client):
    fund(personas)
    client.get("/donate/")
    client.get("/donate/")
    staff = Client()
    staff.force_login(personas["jinjiang"])
    assert staff.get("/donate/").context is not None


def test_the_cached_home_page_shows_a_new_campaign_at_once(personas, client, django_capture_on_commit_callbacks):
    from tests.outreach.samples import campaign

    client.get("/")
    assert client.get("/").context is None  # served from the cache
    with django_capture_on_commit_callbacks(execute=True):
        campaign(personas, title="赈灾募捐宣传周")
    assert "赈灾募捐宣传周" in client.get("/").content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_stored_ledger_page_is_served_without_the_database_and_money_still_shows(personas, client, monkeypatch,
                                                                                  django_assert_num_queries):
    """Outside a transaction (as under gunicorn) the ledger's stamp is read at most once a second per process.

    A gift confirmed in this process shows at once; a stamp written by another process (a second connection here)
    is seen once the second has passed.
    """
    import time

    from django.db import connections

    from donations import selectors

    source = fund(personas, name="锦江区抗震救灾")
    gift(personas, source, "120.00")
    client.get("/transparency/")
    with django_assert_num_queries(0):
        assert client.get("/transparency/").status_code == 200
    gift(personas, source, "345.00")
    page = client.get("/transparency/").content.decode()
    assert "345.00" in page and "465.00" in page

    other = connections.create_connection("default")
    with other.cursor() as cursor:  # another worker process confirms a gift: only its stamp matters here
        cursor.execute("UPDATE redcross_counter SET value = value + 1 WHERE key = %s", [selectors.LEDGER_COUNTER_KEY])
    other.close()
    stamp = selectors.ledger_version()
    with django_assert_num_queries(0):
        client.get("/transparency/")  # within the second: the stored page of the stamp read before
    read_at = time.monotonic()
    monkeypatch.setattr(time, "monotonic", lambda: read_at + selectors.LEDGER_STAMP_REUSE_SECONDS)
    client.get("/transparency/")
    assert selectors.ledger_version_recent() == stamp
