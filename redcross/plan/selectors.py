"""Reads for the board, the public page, the PDF and the API: a few queries for the whole page."""

from __future__ import annotations

import hashlib
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import connection

from redcross import targets as registry
from redcross.plan.geo import feature_name
from redcross.plan.models import TargetSnapshot
from redcross.plan.services import LEVEL_DEPTH, status_of
from redcross.scoping import ALL, region_in_scope, scope_queryset, user_scope_prefix

TREND_DAYS = 90


def _region_model():
    return apps.get_model("organizations", "Region")


def home_region_code(user) -> str | None:
    """The region a user's board opens on: the city for city staff, else their organisation's region."""
    prefix = user_scope_prefix(user)
    if prefix is None:
        return None
    city = settings.REDCROSS["CITY_REGION_CODE"]
    if prefix == ALL:
        return city
    return prefix.ljust(12, "0")


def latest_run():
    """(day, computed_at) of the newest snapshot row, or (None, None): one probe of snapshot_latest_idx."""
    row = TargetSnapshot.objects.order_by("-day", "-computed_at").values_list("day", "computed_at").first()
    return row or (None, None)


def latest_day():
    return latest_run()[0]


def cached(key_parts, compute, *, run):
    """The board's figures change only when a snapshot is written: cache them under the latest run."""
    if run[0] is None:
        return compute()
    parts = ":".join([connection.settings_dict["NAME"], run[0].isoformat(), str(run[1].timestamp()),
                      *map(str, key_parts)])
    key = "plan:" + hashlib.sha1(parts.encode()).hexdigest()
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout=24 * 3600)
    return value


def figures_at(*, region_code: str, day, codes, queryset=None):
    """{code: {value, line, numerator, denominator, trend}} at one region on `day`, with the trend before: two
    queries, plain data (cacheable)."""
    queryset = TargetSnapshot.objects.all() if queryset is None else queryset
    found = {code: {"trend": []} for code in codes}
    if not day:
        return found
    for code, value, line, numerator, denominator in queryset.filter(
            region_id=region_code, day=day, target__in=codes).values_list(
            "target", "value", "target_value", "numerator", "denominator"):
        found[code].update(value=value, line=line, numerator=numerator, denominator=denominator)
    history = (queryset.filter(region_id=region_code, target__in=codes, day__gt=day - timedelta(days=TREND_DAYS),
                               day__lte=day).order_by("day").values_list("target", "day", "value"))
    for code, when, value in history:
        found[code]["trend"].append([when.isoformat(), float(value) if value is not None else None])
    return found


def target_rows(*, region_code: str, day, targets, figures=None):
    """Each target's figure at one region on `day`, its target line, status and trend."""
    figures = figures or figures_at(region_code=region_code, day=day, codes=[t.code for t in targets])
    rows = []
    for target in targets:
        found = figures.get(target.code, {"trend": []})
        value = found.get("value")
        line = found.get("line")
        if line is None:
            line = target.target_on(day) if day else target.target
        rows.append({
            "target": target, "code": target.code, "value": value, "line": line,
            "status": status_of(target, value, line), "trend": found["trend"],
            "numerator": found.get("numerator"), "denominator": found.get("denominator"),
            "unit": _unit_label(target),
        })
    return rows


def _unit_label(target):
    return registry.Unit(target.unit).label


def sections(rows):
    """Rows grouped under the five action plans, in plan order (empty plans shown too)."""
    by_plan = {plan: [] for plan in registry.ActionPlan}
    for row in rows:
        by_plan[registry.ActionPlan(row["target"].plan)].append(row)
    return [{"plan": plan, "rows": by_plan[plan]} for plan in registry.ActionPlan]


def breadcrumb(region_code: str, user):
    """The region's ancestors from the user's home region down to it: one query."""
    codes = [settings.REDCROSS["CITY_REGION_CODE"], region_code[:6] + "000000", region_code[:9] + "000", region_code]
    codes = list(dict.fromkeys(c for c in codes if region_in_scope(user, c)))
    regions = {r.code: r for r in _region_model().objects.filter(code__in=codes)}
    return [regions[c] for c in codes if c in regions]


def children(*, target, region, day, user):
    """The child regions of `region` with the target's figure on `day` (one query), for the drill-down table."""
    if LEVEL_DEPTH.get(region.level, 9) >= LEVEL_DEPTH[target.level] or day is None:
        return []
    Region = _region_model()
    kids = list(scope_queryset(Region.objects.filter(parent=region), user).order_by("code"))
    figures = {s.region_id: s for s in TargetSnapshot.objects.filter(
        target=target.code, day=day, region_id__in=[k.code for k in kids])}
    rows = []
    for kid in kids:
        snapshot = figures.get(kid.code)
        value = snapshot.value if snapshot else None
        line = snapshot.target_value if snapshot else target.target_on(day)
        rows.append({"region": kid, "snapshot": snapshot, "value": value, "line": line,
                     "status": status_of(target, value, line),
                     "can_drill": LEVEL_DEPTH.get(kid.level, 9) < LEVEL_DEPTH[target.level]})
    return rows


def district_map(*, targets, day, user):
    """{target code: [{name, code, value}]} per district in the user's scope (all for the public page,
    `user=None`), for the map: one query."""
    result = {t.code: [] for t in targets}
    if day is None:
        return result
    snapshots = TargetSnapshot.objects.all() if user is None else scope_queryset(TargetSnapshot.objects.all(), user)
    districts = _district_names()
    rows = (snapshots
            .filter(day=day, region_id__in=list(districts), target__in=list(result))
            .values_list("target", "region_id", "value").order_by("region_id"))
    for code, region, value in rows:
        name = districts[region]
        result[code].append({"name": feature_name(region, name), "code": region,
                             "value": float(value) if value is not None else None})
    return result


def _district_names():
    """{code: name} of Chengdu's districts (20-odd rows; they change once in years)."""
    key = "plan:" + connection.settings_dict["NAME"] + ":districts"
    names = cache.get(key)
    if names is None:
        city = settings.REDCROSS["CITY_REGION_CODE"]
        names = dict(_region_model().objects.filter(parent_id=city).values_list("code", "name"))
        cache.set(key, names, timeout=3600)
    return names


def public_targets():
    return [t for t in registry.all_targets() if t.public]
