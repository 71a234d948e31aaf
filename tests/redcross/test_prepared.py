"""Reads compiled once per process (redcross.prepared): the same rows and instances as the queryset, one query."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test.utils import CaptureQueriesContext

from redcross.prepared import Prepared
from tests.training.samples import certificate
from training.models import Certificate
from training.selectors import _certificate_by_number, certificate_for_verification

pytestmark = pytest.mark.django_db


def _same(left, right, fields):
    return [getattr(left, name) for name in fields] == [getattr(right, name) for name in fields]


def test_a_prepared_read_gives_the_queryset_s_instances_with_their_relations_in_one_query(personas):
    issued = certificate(personas)
    expected = Certificate.objects.with_holder().filter(number=issued.number).order_by("pk")[0]
    with CaptureQueriesContext(connection) as queries:
        (found,) = _certificate_by_number(issued.number)
        # What the public page shows, read from the one row: holder, course and issuer came with it.
        shown = (found.number, found.person.masked_name, found.course.name, found.organization.name, found.state)
    assert len(queries) == 1, [q["sql"] for q in queries]
    assert issued.number in queries[0]["sql"]  # the value sent where the marker stood
    assert shown == (expected.number, expected.person.masked_name, expected.course.name,
                     expected.organization.name, expected.state)
    fields = [f.attname for f in Certificate._meta.concrete_fields]
    assert _same(found, expected, fields) and found.pk == issued.pk and not found._state.adding
    assert found.get_deferred_fields() == expected.get_deferred_fields()  # the holder's encrypted columns too
    assert found.person.get_deferred_fields() == expected.person.get_deferred_fields()


def test_a_prepared_read_answers_each_value_and_none_for_a_missing_one(personas):
    first, second = certificate(personas, n=711), certificate(personas, n=712)
    assert [c.pk for c in _certificate_by_number(first.number)] == [first.pk]
    assert [c.pk for c in _certificate_by_number(second.number)] == [second.pk]
    assert _certificate_by_number("NO-SUCH-NUMBER") == []
    assert certificate_for_verification(f"  {second.number.lower()} ").pk == second.pk  # as the page gets it


def test_a_value_the_orm_changes_before_sending_is_refused_not_answered_wrongly(personas):
    """A marker must reach the SQL as it is given: a containment lookup wraps it in wildcards, so a read prepared
    that way would match the wrong rows; it is refused at its first call."""
    contains = Prepared(lambda number: Certificate.objects.filter(number__icontains=number)[:1])
    with pytest.raises(ImproperlyConfigured, match="not sent once, as it is given"):
        contains("ABC")
    twice = Prepared(lambda number: Certificate.objects.filter(number=number, verification_code=number)[:1])
    with pytest.raises(ImproperlyConfigured, match="not sent once, as it is given"):
        twice("ABC")


def test_a_key_read_gives_every_row_in_order_with_its_relation(personas):
    """`@prepared(int)`: a gift's trace (the disbursements it funded), as the donor's lookup shows it."""
    from donations.models import Allocation
    from donations.selectors import TRACE_FIELDS, donation_trace
    from tests.donations.samples import disbursement, fund, gift

    source = fund(personas)
    given, other = gift(personas, source, "300.00"), gift(personas, source, "80.00")
    for amount in ("120.00", "100.00"):
        disbursement(personas, source, amount, approve=True)
    expected = list(Allocation.objects.filter(donation=given).select_related("disbursement").order_by("id"))
    assert len(expected) == 2
    with CaptureQueriesContext(connection) as queries:
        trace = donation_trace(given)
        shown = [(a.pk, a.amount, a.disbursement.purpose, a.disbursement.status) for a in trace]
    assert len(queries) == 1 and shown == [
        (a.pk, a.amount, a.disbursement.purpose, a.disbursement.status) for a in expected]
    assert all(getattr(a.disbursement, name) == getattr(e.disbursement, name)
               for a, e in zip(trace, expected, strict=True) for name in TRACE_FIELDS)
    # Another gift, another value in the same compiled read.
    assert [a.pk for a in donation_trace(other)] == list(
        Allocation.objects.filter(donation=other).order_by("id").values_list("pk", flat=True))
