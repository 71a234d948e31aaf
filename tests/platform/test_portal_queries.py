"""Every portal list answers in as many queries for a page of many rows as for a page of two.

Walked from the URLconf (every `PortalListView`) over the rows of each app's `many()` (found through the app
registry), a page of two rows against a full page: a new app's lists are covered without an edit here.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from redcross.portal.views import PortalListView
from tests.platform.discovery import many_rows
from tests.platform.test_scope import portal_views

pytestmark = pytest.mark.django_db


def measure(client, url, warm=False):
    if warm:
        client.get(url)  # the first call fills per-user and per-list caches (scope, permissions, choices)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(ctx.captured_queries), len(response.context["object_list"])


def test_portal_lists_keep_a_constant_query_count_as_rows_grow(personas, client, monkeypatch):
    client.force_login(personas["city_admin"])
    many_rows(personas)
    lists = [(name, view, reverse(name)) for name, view in portal_views(PortalListView)]
    grown, problems = 0, []
    for name, view, url in lists:
        full = view.paginate_by
        monkeypatch.setattr(view, "paginate_by", 2)
        small, few = measure(client, url, warm=True)
        monkeypatch.setattr(view, "paginate_by", full)
        large, rows = measure(client, url)
        grown += rows > few
        if small != large:
            problems.append(f"{name}: {small} queries for {few} rows, {large} for {rows}")
    assert not problems, "\n".join(problems)
    assert grown >= len(lists) // 2, "many() should fill more than two rows of most lists"
