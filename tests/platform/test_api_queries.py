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
