"""COPY for bulk writes (redcross.imports.copy_stream): foreign keys checked when the COPY ends, the transaction's
own deferred checks left as they were."""

import psycopg
import pytest
from django.db import IntegrityError, connection, transaction

from organizations.choices import RegionLevel
from organizations.models import Region
from redcross.imports import copy_stream

pytestmark = pytest.mark.django_db

NOWHERE = "519999999999"  # no such region


def community(code, parent):
    return Region(code=code, name=f"社区{code[-3:]}", level=RegionLevel.COMMUNITY, parent_id=parent)


def test_a_copied_row_pointing_nowhere_is_refused_when_the_copy_ends(platform_data):
    with pytest.raises(psycopg.errors.ForeignKeyViolation), transaction.atomic():
        with copy_stream(Region, with_pk=True) as send:
            send(community("510104022901", "510104022000"))
            send(community("510104022902", NOWHERE))
    assert not Region.objects.filter(code__in=["510104022901", "510104022902"]).exists()


def test_after_a_copy_the_transaction_checks_its_other_writes_at_commit_as_before(platform_data):
    written = []
    with pytest.raises(IntegrityError), transaction.atomic():
        with copy_stream(Region, with_pk=True) as send:
            send(community("510104022903", "510104022000"))
        # Accepted for now: Django's foreign keys are checked at commit, and the COPY left them so.
        Region.objects.create(code="510104022904", name="悬空", level=RegionLevel.COMMUNITY, parent_id=NOWHERE)
        written = list(Region.objects.filter(code__startswith="5101040229").values_list("code", flat=True))
        connection.check_constraints()  # what a commit would find
    assert sorted(written) == ["510104022903", "510104022904"]
    assert not Region.objects.filter(code__in=["510104022903", "510104022904"]).exists()
