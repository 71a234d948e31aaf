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


def test_quick_representations_answer_what_the_fields_would():
    """rows.quick_representation against each DRF field's own to_representation, on the values a column gives and
    on the ones it hands back to the field (a naive or far datetime, a Decimal of another scale, an enum)."""
    import datetime as dt
    from decimal import Decimal
    from zoneinfo import ZoneInfo

    from django.db import models
    from django.utils import timezone
    from rest_framework import serializers

    from redcross.api.rows import _PAGE_ZONE, quick_representation

    class Kind(models.TextChoices):
        PLEDGED = "pledged", "已认捐"

    utc = dt.UTC
    cases = [
        (serializers.CharField(), ["", "锦江区", 7, Kind.PLEDGED]),
        (serializers.IntegerField(), [0, -3, 2**40, True, "12", 4.0]),
        (serializers.BigIntegerField(), [1, 2**62]),
        (serializers.BooleanField(), [True, False, 0, 1, "true", "no"]),
        (serializers.ChoiceField(choices=[("pledged", "已认捐"), (1, "one")]), ["pledged", "other", "", 1, "1",
                                                                                Kind.PLEDGED]),
        (serializers.DateField(), [dt.date(2026, 12, 2), "2026-12-02"]),
        (serializers.DateTimeField(), [dt.datetime(2026, 12, 2, 16, 30, 5, 120, tzinfo=utc),
                                       dt.datetime(2026, 12, 2, 23, 59, tzinfo=ZoneInfo("America/New_York")),
                                       dt.datetime(2026, 12, 2, 8, 0), "2026-12-02T08:00:00Z",
                                       dt.datetime(9999, 12, 31, 23, 0, tzinfo=utc)]),
        (serializers.DecimalField(max_digits=12, decimal_places=2), [Decimal("1234.50"), Decimal("-0.00"),
                                                                      Decimal("3.5"), Decimal("2.345"), 7,
                                                                      "8.10", 1.25]),
        (serializers.DecimalField(max_digits=4, decimal_places=2), [Decimal("12.34")]),
    ]
    checked = 0
    for zone in ("Asia/Shanghai", "UTC"):
        with timezone.override(zone):
            token = _PAGE_ZONE.set(timezone.get_current_timezone())
            try:
                for field, values in cases:
                    quick = quick_representation(field)
                    assert quick is not None, type(field).__name__
                    for value in values:
                        try:
                            expected = field.to_representation(value)
                        except Exception as exc:  # noqa: BLE001 - the quick one must fail the same way
                            with pytest.raises(type(exc)):
                                quick(value)
                            continue
                        got = quick(value)
                        assert got == expected and type(got) is type(expected), (type(field).__name__, value)
                        checked += 1
            finally:
                _PAGE_ZONE.reset(token)
    assert checked > 60
    # Fields with their own format, time zone or localisation, and subclasses, keep DRF's.
    assert quick_representation(serializers.DateTimeField(format="%Y")) is None
    assert quick_representation(serializers.DateTimeField(default_timezone=dt.UTC)) is None
    assert quick_representation(serializers.DecimalField(max_digits=5, decimal_places=2, localize=True)) is None
    assert quick_representation(serializers.EmailField()) is None
