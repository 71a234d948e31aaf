"""Bad input never answers 500 and never writes half: walked over every API list and portal list."""

import pytest
from django.urls import reverse

from organizations.models import Organization
from people.models import Person
from redcross.portal.views import PortalListView
from tests.platform.test_scope import api_endpoints, portal_views

pytestmark = pytest.mark.django_db

BAD_QUERIES = [
    {"cursor": "not-a-cursor"},
    {"page_size": "many"},
    {"born_after": "yesterday", "established_after": "2025-13-45", "as_of": "soon"},
    {"region": "5101", "within": "'; DROP TABLE organizations_region; --"},
    {"level": "planet", "kind": "spaceship", "is_active": "perhaps", "document_type": "library-card"},
    {"ordering": "-no_such_field"},
    {"mobile": "+86 999", "document_number": "x" * 300},
]


def test_api_lists_answer_bad_query_strings_with_the_error_shape(personas, as_user):
    client = as_user(personas["city_admin"])
    for cls, names in api_endpoints().items():
        for query in BAD_QUERIES:
            response = client.get(reverse(names["list"]), query)
            assert response.status_code < 500, (cls.__name__, query)
            if response.status_code >= 400:
                assert set(response.json()["error"]) == {"code", "message", "fields"}, (cls.__name__, query)


# The API's own parameters (cursor, page_size, ordering) mean nothing to a portal list: it pages and sorts by
# `page` and `sort`.
API_ONLY = {"cursor", "page_size", "ordering"}


def test_portal_lists_answer_bad_query_strings_without_an_error_page(personas, client):
    client.force_login(personas["city_admin"])
    queries = [query for query in BAD_QUERIES if not API_ONLY & set(query)]
    for name, _view in portal_views(PortalListView):
        for query in queries + [{"page": "last"}, {"page": "-3"}, {"sort": "password"}]:
            response = client.get(reverse(name), query)
            assert response.status_code in (200, 404), (name, query, response.status_code)


@pytest.mark.parametrize("body", ["{not json", "[]", '"just a string"', "null"])
def test_malformed_json_is_a_400_naming_the_problem(personas, as_user, body):
    client = as_user(personas["jinjiang"])
    for url in ("/api/v1/people/persons/", "/api/v1/organizations/organizations/"):
        response = client.post(url, body, content_type="application/json")
        assert response.status_code == 400, (url, body, response.content[:200])
        assert response.json()["error"]["message"]
    assert not Person.objects.exists()


def test_a_bad_field_among_good_ones_writes_nothing(personas, as_user):
    client = as_user(personas["jinjiang"])
    before = Organization.objects.count()
    response = client.post("/api/v1/organizations/organizations/", {
        "name": "半截写入测试", "kind": "work_station", "region": "510104022006", "established_on": "2025-02-30",
        "premises_area": "很大"}, format="json")
    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == {"established_on", "premises_area"}
    assert Organization.objects.count() == before
