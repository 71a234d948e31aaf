"""The nightly snapshot: every registered target for every region, rolled up the region tree in one pass."""

from __future__ import annotations

import logging
from datetime import date
from decimal import Decimal

from django.apps import apps
from django.db import transaction
from django.utils import timezone

from redcross import targets as registry
from redcross.plan.models import TargetSnapshot

logger = logging.getLogger(__name__)

# Depth of each level in the region tree; a target stores rows for its level and every level above it.
LEVEL_DEPTH = {"city": 0, "district": 1, "town": 2, "community": 3}


def region_tree():
    """[(code, parent code, level)] of Chengdu's regions: one query (3,329 rows)."""
    Region = apps.get_model("organizations", "Region")
    return list(Region.objects.filter(is_home_city=True).values_list("code", "parent_id", "level"))


def roll_up(figures, tree, *, level: str) -> dict[str, tuple[Decimal, Decimal]]:
    """Sum leaf (numerator, denominator) pairs into every ancestor; every region at or above `level` gets a row."""
    parent = {code: parent_id for code, parent_id, _level in tree}
    depth = LEVEL_DEPTH[level]
    sums = {code: [Decimal(0), Decimal(0)] for code, _parent, lvl in tree if LEVEL_DEPTH.get(lvl, 9) <= depth}
    for code, (numerator, denominator) in figures.items():
        numerator, denominator = Decimal(numerator), Decimal(denominator)
        node = code
        while node is not None:
            entry = sums.get(node)
            if entry is not None:
                entry[0] += numerator
                entry[1] += denominator
            node = parent.get(node)
    return {code: (n, d) for code, (n, d) in sums.items()}


def snapshots_take(*, day: date | None = None, codes=None) -> int:
    """Compute every registered target (or `codes`) for every region as of `day` and store the figures.

    A past day is written once: its rows are inserted when missing and never
    replaced (the table's trigger refuses it too). Today's rows are replaced by
    each run, so the board follows the day's recomputations. Returns the rows written.
    """
    today = timezone.localdate()
    day = day or today
    tree = region_tree()
    now = timezone.now()
    rows = []
    for target in registry.all_targets():
        if codes is not None and target.code not in codes:
            continue
        try:
            figures = target.compute(on=day)
        except Exception:  # one broken selector must not stop the others' snapshot
            logger.exception("plan target %s failed to compute", target.code)
            continue
        line = target.target_on(day)
        for region, (numerator, denominator) in roll_up(figures, tree, level=target.level).items():
            rows.append(TargetSnapshot(
                target=target.code, region_id=region, day=day, numerator=numerator, denominator=denominator,
                value=target.value(numerator, denominator), target_value=line, computed_at=now))
    with transaction.atomic():
        if day >= today:
            TargetSnapshot.objects.bulk_create(
                rows, batch_size=5000, update_conflicts=True, unique_fields=["target", "region", "day"],
                update_fields=["numerator", "denominator", "value", "target_value", "computed_at"])
        else:
            TargetSnapshot.objects.bulk_create(rows, batch_size=5000, ignore_conflicts=True)
    return len(rows)


def status_of(target, value, line) -> str:
    """'good' at or past the line, 'near' within 80 % of it, 'behind' below, 'none' without a figure."""
    if value is None:
        return "none"
    value, line = Decimal(value), Decimal(line)
    if not target.higher_is_better:
        if value <= line:
            return "good"
        return "near" if line and value <= line * Decimal("1.25") else "behind"
    if value >= line:
        return "good"
    return "near" if value >= line * Decimal("0.8") else "behind"


