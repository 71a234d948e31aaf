"""The registry of the five-year plan's quantified targets.

Each app registers the targets its data answers in its `AppConfig.ready()`:

    from redcross.targets import Target, register

    register(Target(
        code="grassroots.towns_sanyou", plan=3,
        title=_("Towns with an organisation, premises and work (三有)"),
        unit=Unit.PERCENT, target=Decimal("100"), level="town",
        compute=selectors.towns_sanyou_figures,
    ))

`compute(on=date)` returns `{region_code: (numerator, denominator)}` for every
region of the target's `level` (the finest level it drills down to) as the
data stood at the end of day `on`; the plumbing sums numerators and
denominators up the region tree (community → town → district → city), so a
rate at the city is the city's numerator over its denominator, never an
average of rates. Regions missing from the answer count as (0, 0).

This module never imports an app: the apps call it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

PLAN_END = date(2025, 12, 31)

Figures = Mapping[str, tuple[Decimal | int, Decimal | int]]


class Unit(models.TextChoices):
    PERCENT = "percent", _("%")
    COUNT = "count", _("count")
    PER_THOUSAND = "per_thousand", _("per 1,000")


class ActionPlan(models.IntegerChoices):
    INSTITUTIONS = 1, _("Institutions and governance")
    CAPACITY = 2, _("Professional capacity")
    GRASSROOTS = 3, _("Grassroots coverage")
    CULTURE = 4, _("Humanitarian culture")
    FOLLOWUPS = 5, _("Follow-up visits")


@dataclass(frozen=True)
class Target:
    code: str
    plan: int
    title: str
    unit: str
    target: Decimal
    compute: Callable[..., Figures]
    level: str = "district"
    deadline: date = PLAN_END
    # Yearly steps after the plan's end: ((date, target value), ...).
    steps: tuple[tuple[date, Decimal], ...] = ()
    higher_is_better: bool = True
    public: bool = True
    description: str = ""
    app_label: str = field(default="", compare=False)

    def value(self, numerator, denominator) -> Decimal | None:
        """The figure shown: a rate for PERCENT / PER_THOUSAND, the numerator for COUNT."""
        numerator, denominator = Decimal(numerator), Decimal(denominator)
        if self.unit == Unit.COUNT:
            return numerator
        if not denominator:
            return None
        scale = 100 if self.unit == Unit.PERCENT else 1000
        return (numerator * scale / denominator).quantize(Decimal("0.01"))

    def target_on(self, day: date) -> Decimal:
        """The target line on a day: the plan's value, or the latest yearly step in force."""
        current = Decimal(self.target)
        for step_date, step_value in sorted(self.steps):
            if day >= step_date:
                current = Decimal(step_value)
        return current


_registry: dict[str, Target] = {}


def register(target: Target) -> Target:
    """Add one target; registering the same code twice with a different definition is a programming error."""
    existing = _registry.get(target.code)
    if existing is not None and existing != target:
        raise ValueError(f"plan target {target.code!r} is registered twice")
    if target.plan not in ActionPlan.values:
        raise ValueError(f"plan target {target.code!r}: action plan must be 1–5")
    if target.unit not in Unit.values:
        raise ValueError(f"plan target {target.code!r}: unknown unit {target.unit!r}")
    _registry[target.code] = target
    return target


def day_end(on: date):
    """The first instant after day `on` (Asia/Shanghai): data stood "as of `on`" when created before it."""
    from datetime import datetime, time, timedelta

    from django.utils import timezone

    return timezone.make_aware(datetime.combine(on + timedelta(days=1), time.min))


def unregister(code: str) -> None:
    """For tests that register a target of their own."""
    _registry.pop(code, None)


def get(code: str) -> Target:
    return _registry[code]


def all_targets() -> list[Target]:
    return sorted(_registry.values(), key=lambda t: (t.plan, t.code))
