"""Reads for the board, the public page, the PDF and the API: a few queries for the whole page."""

from __future__ import annotations

from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.db.models import Max

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


def latest_day():
    return TargetSnapshot.objects.aggregate(day=Max("day"))["day"]


def target_rows(*, region_code: str, day, targets, queryset=None):
    """Each target's figure at one region on `day` and its trend over the days before: two queries."""
    queryset = TargetSnapshot.objects.all() if queryset is None else queryset
    codes = [t.code for t in targets]
    current = {s.target: s for s in queryset.filter(region_id=region_code, day=day, target__in=codes)} if day else {}
    trends: dict[str, list] = {code: [] for code in codes}
    if day:
        history = (queryset.filter(region_id=region_code, target__in=codes, day__gt=day - timedelta(days=TREND_DAYS),
                                   day__lte=day).order_by("day").values_list("target", "day", "value"))
        for code, when, value in history:
            trends[code].append([when.isoformat(), float(value) if value is not None else None])
    rows = []
    for target in targets:
        snapshot = current.get(target.code)
        value = snapshot.value if snapshot else None
        line = snapshot.target_value if snapshot else target.target_on(day) if day else target.target
        rows.append({
            "target": target, "code": target.code, "snapshot": snapshot, "value": value, "line": line,
            "status": status_of(target, value, line), "trend": trends[target.code],
            "numerator": snapshot.numerator if snapshot else None,
            "denominator": snapshot.denominator if snapshot else None,
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
    city = settings.REDCROSS["CITY_REGION_CODE"]
    snapshots = TargetSnapshot.objects.all() if user is None else scope_queryset(TargetSnapshot.objects.all(), user)
    rows = (snapshots
            .filter(day=day, region__parent_id=city, target__in=list(result))
            .values_list("target", "region_id", "region__name", "value").order_by("region_id"))
    for code, region, name, value in rows:
        result[code].append({"name": feature_name(region, name), "code": region,
                             "value": float(value) if value is not None else None})
    return result


def public_targets():
    return [t for t in registry.all_targets() if t.public]
