"""The nightly snapshot: every registered target for every region, rolled up the region tree in one pass."""

from __future__ import annotations

import logging
from datetime import date
from decimal import Decimal

from django.apps import apps
from django.db import connection, transaction
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
    columns = {name: [] for name in ("target", "region", "numerator", "denominator", "value", "line")}
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
            columns["target"].append(target.code)
            columns["region"].append(region)
            columns["numerator"].append(numerator)
            columns["denominator"].append(denominator)
            columns["value"].append(target.value(numerator, denominator))
            columns["line"].append(line)
    if not columns["target"]:
        return 0
    # One statement for all rows: arrays unnested server-side (no model instances for ~4,000 rows a day).
    conflict = ("DO UPDATE SET numerator = EXCLUDED.numerator, denominator = EXCLUDED.denominator, "
                "value = EXCLUDED.value, target_value = EXCLUDED.target_value, computed_at = EXCLUDED.computed_at"
                if day >= today else "DO NOTHING")
    table = TargetSnapshot._meta.db_table
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"""INSERT INTO {table} (target, region_id, day, numerator, denominator, value, target_value, computed_at)
                SELECT t, r, %s, n, d, v, l, %s
                FROM unnest(%s::varchar[], %s::varchar[], %s::numeric[], %s::numeric[], %s::numeric[],
                            %s::numeric[]) AS u(t, r, n, d, v, l)
                ON CONFLICT (target, region_id, day) {conflict}""",
            [day, now, columns["target"], columns["region"], columns["numerator"], columns["denominator"],
             columns["value"], columns["line"]])
    return len(columns["target"])


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


