"""Under real concurrent connections: stock never below zero, a retried alert stored once."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from emergency import services
from emergency.models import Alert, StockLot, StockMovement
from redcross.testing import run_at_once
from tests.emergency import samples

pytestmark = pytest.mark.django_db(transaction=True)


def test_twenty_concurrent_issues_of_one_lot_never_go_below_zero(personas):
    lot = samples.lot(personas, quantity=7)
    outcomes = run_at_once(20, lambda: services.stock_issue(actor=personas["jinjiang"], warehouse=lot.warehouse,
                                                            item=lot.item, quantity=1, reason="并发领用"))
    issued = [o for o in outcomes if isinstance(o, list)]
    refused = [o for o in outcomes if isinstance(o, ValidationError)]
    assert len(issued) == 7 and len(refused) == 13, outcomes
    lot.refresh_from_db()
    assert lot.quantity == 0
    balances = sorted(StockMovement.objects.filter(lot=lot, kind="out").values_list("balance_after", flat=True))
    assert balances == list(range(0, 7))


def test_a_retried_alert_is_stored_once(personas):
    now = timezone.now()

    def post():
        return services.alert_post(actor=personas["partner"], source="四川省气象台", source_id="QX-0731-01",
                                   hazard_class="natural", hazard="暴雨", colour="red", title="暴雨红色预警",
                                   message="", regions=[samples.region()], valid_from=now,
                                   valid_until=now + timedelta(hours=6))

    outcomes = run_at_once(8, post)
    assert all(isinstance(o, tuple) for o in outcomes), outcomes
    assert sum(created for _alert, created in outcomes) == 1
    assert Alert.objects.filter(source_id="QX-0731-01").count() == 1
    assert StockLot.objects.count() == 0
