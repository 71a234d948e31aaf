"""Generated scope test: every API endpoint and every portal page, walked from the URLconf.

A 青羊区 staffer must see and change nothing of 锦江区. New endpoints and
portal lists are covered without anyone adding them here: the walk finds
them, and a model without a sample in its app's `tests/<app>/samples.py` fails the test.
"""

import pytest
from django.urls import reverse

from redcross.api.viewsets import ScopedViewSetMixin
from redcross.portal.views import PortalDetailView, PortalListView, PortalUpdateView
from redcross.routes import named_routes
from tests.platform.discovery import samples as discovered_samples

pytestmark = pytest.mark.django_db

JINJIANG_PREFIX = "510104"
QINGYANG_PREFIX = "510105"


@pytest.fixture(scope="module")
def SAMPLES():
    # One object in 锦江区 for every model that the API or the portal shows, from each app's tests/<app>/samples.py.
    return discovered_samples()


walk = named_routes  # every named route with its namespaced name


def api_endpoints():
    found = {}
    for name, pattern in walk():
        cls = getattr(pattern.callback, "cls", None)
        actions = getattr(pattern.callback, "actions", None) or {}
        if cls and issubclass(cls, ScopedViewSetMixin):
            kind = "list" if actions.get("get") == "list" else "detail" if actions.get("get") == "retrieve" else None
            if kind:
                found.setdefault(cls, {})[kind] = name
    return found


def portal_views(base):
    return [(name, pattern.callback.view_class) for name, pattern in walk()
            if issubclass(getattr(pattern.callback, "view_class", type), base)]


def scoped_codes(model, pks):
    lookup = model.scope_region_lookup
    return list(model.objects.filter(pk__in=pks).values_list(lookup, flat=True))


def all_rows(client, url):
    rows = []
    while url:
        response = client.get(url)
        assert response.status_code == 200, (url, response.content[:300])
        body = response.json()
        rows.extend(body["results"])
        url = body.get("next")
    return rows


def pk_of(model, row):
    return row.get("id", row.get("code"))


def test_the_walk_finds_the_endpoints_and_pages():
    assert len(api_endpoints()) >= 4
    assert len(portal_views(PortalListView)) >= 5


def test_every_api_endpoint_hides_jinjiang_from_qingyang(personas, as_user, SAMPLES):
    endpoints = api_endpoints()
    missing = [cls.queryset.model.__name__ for cls in endpoints if cls.queryset.model not in SAMPLES]
    assert not missing, f"add a 锦江 sample to tests/<app>/samples.py for: {missing}"
    samples = {cls: SAMPLES[cls.queryset.model](personas) for cls in endpoints}

    owner = as_user(personas["jinjiang"])
    for cls, names in endpoints.items():
        model, sample = cls.queryset.model, samples[cls]
        owner_rows = all_rows(owner, reverse(names["list"]) + "?page_size=500")
        assert sample.pk in {pk_of(model, r) for r in owner_rows}, f"{cls.__name__}: the owner must see the sample"

    outsider = as_user(personas["qingyang"])
    for cls, names in endpoints.items():
        model, sample = cls.queryset.model, samples[cls]
        rows = all_rows(outsider, reverse(names["list"]) + "?page_size=500")
        pks = [pk_of(model, r) for r in rows]
        assert sample.pk not in pks, f"{cls.__name__} list leaks 锦江"
        assert all(str(code).startswith(QINGYANG_PREFIX) for code in scoped_codes(model, pks)), cls.__name__
        detail = reverse(names["detail"], args=[sample.pk])
        assert outsider.get(detail).status_code == 404, f"{cls.__name__} detail"
        meta = model._meta
        for method, action in (("patch", "change"), ("put", "change"), ("delete", "delete")):
            status = getattr(outsider, method)(detail, {}, format="json").status_code
            # 403 only where the role may not change such records anywhere: it tells nothing of this one.
            allowed = (404, 405) if personas["qingyang"].has_perm(f"{meta.app_label}.{action}_{meta.model_name}") \
                else (403, 404, 405)
            assert status in allowed, f"{cls.__name__} {method} answered {status}"
        sample.refresh_from_db()


def test_every_portal_page_hides_jinjiang_from_qingyang(personas, client, SAMPLES):
    samples = {model: make(personas) for model, make in SAMPLES.items()}
    client.force_login(personas["qingyang"])
    for name, view in portal_views(PortalListView):
        sample = samples.get(view.model)
        assert sample is not None, f"add a 锦江 sample to tests/<app>/samples.py for {view.model.__name__}"
        response = client.get(reverse(name))
        assert response.status_code in (200, 403), name
        if response.status_code == 200:
            shown = {obj.pk for obj in response.context["paginator"].object_list}
            assert sample.pk not in shown, f"{name} leaks 锦江"
            assert all(str(c).startswith(QINGYANG_PREFIX) for c in scoped_codes(view.model, shown)), name
            export = client.get(reverse(name) + "?export=csv")
            text = b"".join(export.streaming_content).decode()
            assert str(sample) not in text or str(sample) == "", f"{name} export leaks 锦江"
            for key, field in response.context["filter"].form.fields.items():
                queryset = getattr(field, "queryset", None)
                if queryset is not None and hasattr(queryset.model, "scope_region_lookup"):
                    codes = scoped_codes(queryset.model, [obj.pk for obj in queryset])
                    assert all(str(c).startswith(QINGYANG_PREFIX) for c in codes), f"{name} filter {key} leaks"
    for base in (PortalDetailView, PortalUpdateView):
        for name, view in portal_views(base):
            sample = samples[view.model]
            response = client.get(reverse(name, args=[sample.pk]))
            assert response.status_code in (403, 404), f"{name} answered {response.status_code}"


def test_the_owner_sees_the_sample_in_every_portal_list(personas, client, SAMPLES):
    samples = {model: make(personas) for model, make in SAMPLES.items()}
    client.force_login(personas["city_admin"])
    for name, view in portal_views(PortalListView):
        response = client.get(reverse(name), {"page_size": 10000})
        assert response.status_code == 200, name
        assert samples[view.model].pk in {obj.pk for obj in response.context["paginator"].object_list}, name
