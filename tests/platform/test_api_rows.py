"""API lists and detail reads as value rows answer exactly what their serializers would (redcross/api/rows.py)."""

from datetime import date

import pytest
from django.urls import reverse

from redcross.api.rows import row_plan
from redcross.api.viewsets import RowListMixin
from tests.platform.discovery import many_rows
from tests.platform.test_scope import api_endpoints

pytestmark = pytest.mark.django_db

# The hot lists of ARCHITECTURE.md's budgets must stay on the fast path.
HOT_LISTS = {"PersonViewSet", "VolunteerViewSet", "RegionViewSet", "ServiceRecordViewSet", "CertificateViewSet",
             "DonationViewSet", "MemberViewSet", "DonationPledgeViewSet", "CareRecipientViewSet", "TeamViewSet",
             "VisitViewSet"}


def test_every_list_answers_the_same_from_rows_and_from_instances(personas, as_user, monkeypatch):
    many_rows(personas)
    client = as_user(personas["city_admin"])
    compared = details = 0
    for cls, names in api_endpoints().items():
        url = reverse(names["list"]) + "?page_size=7"
        fast = client.get(url)
        assert fast.status_code == 200, (url, fast.content[:300])
        monkeypatch.setattr(RowListMixin, "read_rows", False)
        slow = client.get(url)
        monkeypatch.setattr(RowListMixin, "read_rows", True)
        assert fast.json() == slow.json(), cls.__name__
        following = fast.json().get("next")
        if following:
            deeper_fast = client.get(following).json()
            monkeypatch.setattr(RowListMixin, "read_rows", False)
            deeper_slow = client.get(following).json()
            monkeypatch.setattr(RowListMixin, "read_rows", True)
            assert deeper_fast == deeper_slow, f"{cls.__name__} second page"
        compared += bool(fast.json()["results"])
        if fast.json()["results"] and "detail" in names and "id" in fast.json()["results"][0]:
            detail = reverse(names["detail"], args=[fast.json()["results"][0]["id"]])
            one_fast = client.get(detail)
            monkeypatch.setattr(RowListMixin, "read_rows", False)
            one_slow = client.get(detail)
            monkeypatch.setattr(RowListMixin, "read_rows", True)
            assert one_fast.status_code == one_slow.status_code == 200, (detail, one_fast.status_code)
            assert one_fast.json() == one_slow.json(), f"{cls.__name__} detail"
            details += 1
    assert compared >= 10
    assert details >= 10


def test_the_hot_lists_are_read_as_rows(personas, rf):
    found = set()
    for cls, _names in api_endpoints().items():
        if cls.__name__ not in HOT_LISTS:
            continue
        view = cls(action="list", request=None, format_kwarg=None, kwargs={})
        view.request = None
        assert row_plan(view, cls.queryset.model) is not None, f"{cls.__name__} fell back to serializer instances"
        found.add(cls.__name__)
    assert found == HOT_LISTS



def test_a_visit_with_several_visitors_and_problems_reads_the_same_from_rows(personas, as_user, monkeypatch):
    """Many relations on value rows: the ids of both, in the order the instance path gives (visitors by id,
    problems newest first), for the list and the detail."""
    from tests.followups import samples

    raised = [{"category": "enterprise", "title": title, "description": "", "department": "区经信局"}
              for title in ("融资渠道不畅", "用工紧张", "场地租金上涨")]
    visit = samples.visit(personas, issues=raised)
    visit.visitors.add(personas["city_admin"], personas["finance"])
    client = as_user(personas["city_admin"])
    answers = {}
    for read_rows in (True, False):
        monkeypatch.setattr(RowListMixin, "read_rows", read_rows)
        listed = client.get("/api/v1/followups/visits/?page_size=50").json()["results"]
        detail = client.get(f"/api/v1/followups/visits/{visit.pk}/").json()
        answers[read_rows] = ([row for row in listed if row["id"] == visit.pk], detail)
    assert answers[True] == answers[False]
    detail = answers[True][1]
    assert detail["visitors"] == sorted(detail["visitors"]) and len(detail["visitors"]) == 3
    assert len(detail["issue_ids"]) == 3 and detail["issue_ids"] == sorted(detail["issue_ids"], reverse=True)
    assert detail["party_name"] == visit.party_name


def test_a_list_whose_fields_depend_on_the_caller_is_planned_once_per_answer(personas, as_user):
    """The person list withholds the birth date from a role without reveal: two plans, kept, whoever asks next."""
    from redcross.api import rows

    rows._VARIANT_PLANS.clear()
    for role in ("auditor", "jinjiang", "auditor", "jinjiang"):
        assert as_user(personas[role]).get("/api/v1/people/persons/").status_code == 200
    kept = {key[2]: plan for key, plan in rows._VARIANT_PLANS.items() if key[0].__name__ == "PersonListSerializer"}
    assert set(kept) == {False, True}
    assert "birth_date" in {name for name, _columns, _read in kept[True]}
    withheld = dict((name, read) for name, _columns, read in kept[False])["birth_date"]
    assert withheld({"birth_date": date(1990, 1, 1)}, None) is None
