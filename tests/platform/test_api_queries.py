"""Every API list answers in a number of queries that does not grow with the page size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.platform.discovery import many_rows as discovered_many_rows
from tests.platform.test_scope import api_endpoints

pytestmark = pytest.mark.django_db


@pytest.fixture
def many_rows(personas):
    discovered_many_rows(personas)


def count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    assert len(response.json()["results"]) > 0
    return len(ctx.captured_queries), len(response.json()["results"])


def test_list_queries_do_not_grow_with_the_page_size(many_rows, personas, as_user):
    client = as_user(personas["city_admin"])
    for cls, names in api_endpoints().items():
        url = reverse(names["list"])
        client.get(url)  # the same user object caches its scope and permissions after one call
        small, n_small = count_queries(client, url + "?page_size=5")
        large, n_large = count_queries(client, url + "?page_size=50")
        assert n_large > n_small, cls.__name__
        assert small == large, f"{cls.__name__}: {small} queries for 5 rows, {large} for 50"


def test_the_person_list_is_four_queries(many_rows, personas, as_user, django_assert_num_queries):
    from django.contrib.auth import get_user_model

    client = as_user(get_user_model().objects.get(pk=personas["jinjiang"].pk))  # nothing cached on it
    # 1 the user's own permissions, 2 the permissions of the role's groups,
    # 3 the caller's staff profile and organisation (scope), 4 the page of people with their regions.
    with django_assert_num_queries(4):
        response = client.get("/api/v1/people/persons/?page_size=50")
    assert len(response.json()["results"]) == 50


def test_a_token_call_reads_its_permissions_and_scope_once_then_keeps_them(many_rows, personas, api_client):
    """One principal per caller: the second call with the same key is the page alone, one query (the key, its
    user and principal come from the cache until one of them changes: tests/security/test_tokens.py)."""
    from redcross import tokens

    _token, key = tokens.token_issue(actor=personas["jinjiang"], holder=personas["jinjiang"], name="t", days=1)
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    url = "/api/v1/people/persons/?page_size=50"
    first, _rows = count_queries(api_client, url)
    with CaptureQueriesContext(connection) as ctx:
        response = api_client.get(url)
    assert response.status_code == 200 and len(response.json()["results"]) == 50
    # The page of people with their regions.
    assert len(ctx.captured_queries) == 1, [q["sql"][:90] for q in ctx.captured_queries]
    assert first > 1
    assert {row["region"][:6] for row in response.json()["results"]} == {"510104"}  # still 锦江区 only


def test_a_role_taken_away_or_a_profile_moved_counts_at_the_next_call(many_rows, personas, api_client):
    from organizations.models import Organization
    from redcross import tokens

    user = personas["jinjiang"]
    _token, key = tokens.token_issue(actor=user, holder=user, name="t", days=1)
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api_client.get("/api/v1/people/persons/").status_code == 200
    groups = list(user.groups.all())
    user.groups.clear()
    assert api_client.get("/api/v1/people/persons/").status_code == 403
    user.groups.add(*groups)
    assert api_client.get("/api/v1/people/persons/").status_code == 200

    # Moved to another district's society: the next page is that district's.
    other = Organization.objects.filter(kind="district_society").exclude(region__code__startswith="510104").first()
    profile = user.staff_profile
    profile.organization = other
    before = {row["region"][:6] for row in api_client.get("/api/v1/people/persons/").json()["results"]}
    assert before == {"510104"}
    profile.save()
    codes = {row["region"][:6] for row in api_client.get("/api/v1/people/persons/").json()["results"]}
    assert "510104" not in codes and codes <= {other.region_id[:6]}


class CountingCache:
    """The cache as redcross.principal sees it, counting the round trips that read it."""

    def __init__(self, cache):
        self.cache, self.reads = cache, 0

    def get_many(self, keys):
        self.reads += 1
        return self.cache.get_many(keys)

    def __getattr__(self, name):
        return getattr(self.cache, name)


@pytest.mark.django_db(transaction=True)
def test_a_key_used_again_within_a_second_asks_no_cache_and_a_change_counts_within_it(personas, api_client,
                                                                                       monkeypatch):
    """Outside a transaction (as a server answers) the process's own copy answers a key used again within
    LOCAL_SECONDS: the page alone, no cache round trip. Another process's change (the generation bumped in Redis)
    counts once the second is over; a revocation in this process counts at the next call."""
    from django.core.cache import cache

    from redcross import principal, tokens

    user = personas["jinjiang"]
    token, key = tokens.token_issue(actor=user, holder=user, name="t", days=1)
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    url = "/api/v1/people/persons/?page_size=5"
    counting = CountingCache(cache)
    monkeypatch.setattr(principal, "cache", counting)
    now = [1000.0]
    monkeypatch.setattr(principal, "_clock", lambda: now[0])
    assert api_client.get(url).status_code == 200  # read and kept
    counting.reads = 0
    with CaptureQueriesContext(connection) as ctx:
        assert api_client.get(url).status_code == 200
    assert counting.reads == 0 and len(ctx.captured_queries) == 1, [q["sql"][:90] for q in ctx.captured_queries]

    cache.incr(principal.GENERATION)  # another process changed a role: its bump, not this process's
    now[0] += 0.5
    assert api_client.get(url).status_code == 200 and counting.reads == 0  # within the second: this copy
    now[0] += 0.6
    with CaptureQueriesContext(connection) as ctx:
        assert api_client.get(url).status_code == 200
    # The key from the cache, stale; then its rows, and the caller's principal from the cache: stale too.
    assert counting.reads == 2 and len(ctx.captured_queries) > 1

    tokens.token_revoke(actor=user, token=token)
    assert api_client.get(url).status_code == 401
