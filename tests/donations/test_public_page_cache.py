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
