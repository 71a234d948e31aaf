"""Every portal list answers in as many queries for a page of many rows as for one row.

Walked from the URLconf (every `PortalListView`), with each app's `SAMPLES` first and its `many()` after,
both found through the app registry: a new app's lists are covered without an edit here.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from redcross.portal.views import PortalListView
from tests.platform.discovery import many_rows, samples
from tests.platform.test_scope import portal_views

pytestmark = pytest.mark.django_db


def measure(client, url):
    client.get(url)  # the first call fills per-user caches (scope, permissions)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(ctx.captured_queries), len(response.context["object_list"])


def test_portal_lists_keep_a_constant_query_count_as_rows_grow(personas, client):
    client.force_login(personas["city_admin"])
    for make in samples().values():
        make(personas)
    lists = [(name, reverse(name)) for name, _view in portal_views(PortalListView)]
    before = {name: measure(client, url) for name, url in lists}
    many_rows(personas)
    grown, problems = 0, []
    for name, url in lists:
        queries, rows = measure(client, url)
        grown += rows > before[name][1]
        if queries != before[name][0]:
            problems.append(f"{name}: {before[name][0]} queries for {before[name][1]} rows, {queries} for {rows}")
    assert not problems, "\n".join(problems)
    assert grown >= len(lists) // 2, "many() should add rows to most lists"
