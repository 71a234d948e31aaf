"""Every portal list exports the same values from value rows as from model instances (redcross.portal.views).

Walked from the URLconf over the rows of each app's `many()`: a new app's lists are covered without an edit here.
"""

import pytest
from django.http import HttpResponse
from django.urls import reverse

from redcross.portal.views import PortalListView, export_plan
from tests.platform.discovery import many_rows
from tests.platform.test_scope import portal_views

pytestmark = pytest.mark.django_db

# The lists an export of 100,000 rows is asked of (issue 15, goal 6) must stay on value rows.
HOT_EXPORTS = {"people:person_list", "volunteers:volunteer_list", "volunteers:record_list",
               "donations:donation_list", "training:certificate_list", "members:member_list"}


def _typed_rows(client, url, monkeypatch):
    """The rows the list's export hands to the writer, each value with its type (1 and 1.00 differ)."""
    captured = []

    def export(view, queryset, kind):
        captured.extend([(type(value), value) for value in row] for row in view.rows(queryset))
        return HttpResponse()

    with monkeypatch.context() as patch:
        patch.setattr(PortalListView, "export", export)
        response = client.get(f"{url}?export=xlsx")
    assert response.status_code == 200, (url, response.status_code)
    return captured


def test_every_list_exports_the_same_cells_from_rows_and_from_instances(personas, client, monkeypatch):
    """Value rows and model instances give each export the same typed values.

    Compared before the writer (the CSV and XLSX writers are the same for both, and tests/redcross/test_exports.py
    reads their files back), through the list's own request: its scope, filters and sort.
    """
    many_rows(personas)
    client.force_login(personas["city_admin"])
    compared = rows_read = 0
    for name, _view in portal_views(PortalListView):
        url = reverse(name)
        fast = _typed_rows(client, url, monkeypatch)
        monkeypatch.setattr(PortalListView, "read_rows", False)
        slow = _typed_rows(client, url, monkeypatch)
        monkeypatch.setattr(PortalListView, "read_rows", True)
        assert fast == slow, name
        compared += len(slow) > 0
        for kind, start in (("xlsx", b"PK"), ("csv", "\ufeff".encode())):  # the real writers take every value
            response = client.get(f"{url}?export={kind}")
            assert response.status_code == 200 and b"".join(response.streaming_content).startswith(start), (name, kind)
    for _name, view in portal_views(PortalListView):
        rows_read += export_plan(view.model.objects.all(), [path for path, _label in view.columns]) is not None
    assert compared >= 20, "many() should fill most lists"
    assert rows_read >= compared // 2, "most lists should export from value rows"


def test_the_hot_lists_export_from_value_rows(personas):
    found = set()
    for name, view in portal_views(PortalListView):
        if name in HOT_EXPORTS:
            plan = export_plan(view.model.objects.all(), [path for path, _label in view.columns])
            assert plan is not None, f"{name} exports from model instances"
            found.add(name)
    assert found == HOT_EXPORTS

