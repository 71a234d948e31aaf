"""Relief stock: the ledger is the only way stock changes; earliest expiry first; never below zero."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone

from emergency import selectors, services
from emergency.models import StockLot, StockMinimum, StockMovement
from redcross.models import Notification
from tests.emergency import samples

pytestmark = pytest.mark.django_db


def test_receiving_goods_is_a_lot_and_one_movement_in(personas):
    lot = samples.lot(personas, quantity=30)
    assert lot.quantity == 30
    movement = lot.movements.get()
    assert (movement.kind, movement.quantity, movement.balance_after) == ("in", 30, 30)


def test_an_issue_takes_the_earliest_expiry_first_and_skips_expired_lots(personas):
    late = samples.lot(personas, quantity=10, expires_in=300, batch="LATE")
    soon = samples.lot(personas, quantity=5, expires_in=20, batch="SOON")
    never = samples.lot(personas, quantity=10, expires_in=None, batch="NEVER")
    expired = samples.lot(personas, quantity=50, expires_in=10, batch="OLD")
    StockLot.objects.filter(pk=expired.pk).update(expires_on=timezone.localdate() - timedelta(days=1))
    moves = services.stock_issue(actor=personas["jinjiang"], warehouse=late.warehouse, item=late.item, quantity=12,
                                 reason="安置点")
    assert [(m.lot.batch, m.quantity) for m in moves] == [("SOON", -5), ("LATE", -7)]
    for lot, left in ((soon, 0), (late, 3), (never, 10), (expired, 50)):
        lot.refresh_from_db()
        assert lot.quantity == left, lot.batch
    with pytest.raises(ValidationError) as refused:
        services.stock_issue(actor=personas["jinjiang"], warehouse=late.warehouse, item=late.item, quantity=14)
    assert "13" in refused.value.message_dict["quantity"][0]
    with pytest.raises(ValidationError) as refused:
        services.stock_issue(actor=personas["jinjiang"], warehouse=late.warehouse, item=late.item, quantity=1,
                             lot=StockLot.objects.get(pk=expired.pk))
    assert "lot" in refused.value.message_dict


def test_transfer_and_adjustment_are_movements_and_the_ledger_is_final(personas):
    lot = samples.lot(personas, quantity=20)
    other = samples.warehouse(personas, name="锦江区第二仓库")
    moved = services.stock_transfer(actor=personas["jinjiang"], lot=lot, to_warehouse=other, quantity=8)
    lot.refresh_from_db()
    assert (lot.quantity, moved.quantity, moved.batch, moved.expires_on) == (12, 8, lot.batch, lot.expires_on)
    incoming = moved.movements.get()
    assert incoming.counterpart.lot_id == lot.pk and incoming.counterpart.quantity == -8
    with pytest.raises(ValidationError):
        services.stock_adjust(actor=personas["jinjiang"], lot=lot, quantity=-3, reason="")
    services.stock_adjust(actor=personas["jinjiang"], lot=lot, quantity=-3, reason="盘点受潮报损")
    lot.refresh_from_db()
    assert lot.quantity == 9
    assert sum(lot.movements.values_list("quantity", flat=True)) == 9
    with pytest.raises(DatabaseError), transaction.atomic():
        StockMovement.objects.filter(lot=lot).update(quantity=100)
    with pytest.raises(ValidationError):
        services.stock_adjust(actor=personas["jinjiang"], lot=lot, quantity=-10, reason="超出")


def test_staff_of_another_district_cannot_move_jinjiang_stock(personas):
    lot = samples.lot(personas)
    with pytest.raises(ValidationError):
        services.stock_issue(actor=personas["qingyang"], warehouse=lot.warehouse, item=lot.item, quantity=1)
    with pytest.raises(ValidationError):
        services.stock_adjust(actor=personas["qingyang"], lot=lot, quantity=1, reason="x")


def test_an_in_kind_gift_is_received_with_its_link(personas):
    from donations import services as donation_services
    from tests.donations import samples as donation_samples

    fund = donation_samples.fund(personas)
    gift = donation_services.donation_record(
        actor=personas["jinjiang"], fund=fund, amount="12000.00", channel="goods", kind="goods",
        goods_description="棉被", goods_quantity=200, goods_unit="床", donor=donation_samples.donor(personas))
    with pytest.raises(ValidationError) as refused:
        services.stock_receive(actor=personas["jinjiang"], warehouse=samples.warehouse(personas),
                               item=samples.item("quilt"), quantity=200, batch="G1", donation=gift)
    assert "donation" in refused.value.message_dict  # not confirmed yet
    donation_services.donation_confirm(donation=gift, actor=personas["finance"])
    gift.refresh_from_db()
    lot = services.stock_receive(actor=personas["jinjiang"], warehouse=samples.warehouse(personas),
                                 item=samples.item("quilt"), quantity=200, batch=gift.receipt_number, donation=gift)
    assert lot.donation == gift and lot.movements.get().donation == gift
    assert list(gift.stock_lots.all()) == [lot]


def test_reminders_for_expiring_lots_and_low_stock_go_out_once(personas):
    samples.lot(personas, quantity=5, expires_in=25, code="first-aid-kit")
    samples.lot(personas, quantity=5, expires_in=80, code="tent")
    samples.minimum(personas, code="quilt", level=50)
    assert services.stock_reminders() == 1 + 2 + 1  # 30-day, two 90-day, one below minimum
    assert services.stock_reminders() == 0
    kinds = sorted(Notification.objects.filter(kind__startswith="emergency.").values_list("kind", flat=True))
    assert kinds == ["emergency.below_minimum", "emergency.lot_expiring_30", "emergency.lot_expiring_90",
                     "emergency.lot_expiring_90"]


def test_below_minimum_and_totals_leave_expired_lots_out(personas):
    samples.minimum(personas, code="tent", level=20)
    lot = samples.lot(personas, quantity=30, code="tent", expires_in=5)
    assert not selectors.below_minimum(StockMinimum.objects.all()).exists()
    StockLot.objects.filter(pk=lot.pk).update(expires_on=timezone.localdate() - timedelta(days=1))
    low = selectors.below_minimum(StockMinimum.objects.all()).get()
    assert low.on_hand == 0
    totals = {t["item"]: t for t in selectors.stock_totals(user=personas["partner"])}
    assert totals["tent"]["usable"] == 0 and totals["tent"]["expired"] == Decimal(30)
