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
