"""Reads that are more than a filter: the readiness matrix, stock positions, incident figures, plan targets."""

from collections import defaultdict
from datetime import timedelta
from decimal import Decimal

from django.db.models import Count, DecimalField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from emergency.choices import Readiness, StockRequestStatus, TeamType
from emergency.models import StockLot, Team, TeamRequirement
from redcross.scoping import scope_queryset


def districts(user=None):
    from organizations.models import Region

    regions = Region.objects.filter(level="district", is_home_city=True).order_by("code")
    return scope_queryset(regions, user) if user is not None else regions


def readiness_matrix(*, user=None):
    """District × six types: teams by colour and whether the district must have that type.

    One grouped query over the stored readiness and one over the requirement
    matrix, whatever the number of teams.
    """
    teams = Team.objects.filter(is_active=True)
    requirements = TeamRequirement.objects.all()
    if user is not None:
        teams, requirements = scope_queryset(teams, user), scope_queryset(requirements, user)
    counts = defaultdict(lambda: {"green": 0, "amber": 0, "red": 0})
    for district, team_type, colour, n in (teams.annotate(district=_district_code())
                                           .values_list("district", "team_type", "readiness")
                                           .annotate(n=Count("id")).order_by()):
        counts[(district, team_type)][colour] = n
    required = {(r, t): n for r, t, n in requirements.values_list("region_id", "team_type", "min_teams")}
    rows = []
    for district in districts(user):
        cells = []
        for team_type in TeamType:
            c = counts.get((district.code, team_type.value), {"green": 0, "amber": 0, "red": 0})
            total = c["green"] + c["amber"] + c["red"]
            need = required.get((district.code, team_type.value), 0)
            if total == 0:
                colour = "none"
            elif c["green"] >= max(need, 1):
                colour = Readiness.GREEN.value
            elif c["green"] or c["amber"]:
                colour = Readiness.AMBER.value
            else:
                colour = Readiness.RED.value
            cells.append({"team_type": team_type.value, "label": team_type.label, "required": need,
                          "green": c["green"], "amber": c["amber"], "red": c["red"], "total": total,
                          "colour": colour, "missing": need > 0 and total == 0})
        rows.append({"region": district, "cells": cells})
    return rows


def _district_code():
    from django.db.models.functions import Concat, Left

    return Concat(Left("region_id", 6), Value("000000"))


def readiness_totals(*, user=None):
    teams = Team.objects.filter(is_active=True)
    if user is not None:
        teams = scope_queryset(teams, user)
    found = dict(teams.values_list("readiness").annotate(n=Count("id")).order_by())
    return {c.value: found.get(c.value, 0) for c in Readiness}


def with_on_hand(minimums, today=None):
    """Minimum levels with `on_hand`: what the warehouse holds of the item, expired lots excluded."""
    today = today or timezone.localdate()
    on_hand = (StockLot.objects.filter(warehouse_id=OuterRef("warehouse_id"), item_id=OuterRef("item_id"))
               .filter(Q(expires_on__isnull=True) | Q(expires_on__gte=today))
               .values("warehouse_id").annotate(total=Sum("quantity")).values("total"))
    return minimums.annotate(on_hand=Coalesce(Subquery(on_hand, output_field=DecimalField()), Value(Decimal(0)),
                                              output_field=DecimalField()))


def below_minimum(minimums, today=None):
    from django.db.models import F

    return with_on_hand(minimums, today).filter(on_hand__lt=F("minimum")).select_related("warehouse", "item")


def expiring_lots(lots, *, within_days=90, today=None):
    today = today or timezone.localdate()
    return lots.filter(quantity__gt=0, expires_on__isnull=False,
                       expires_on__lte=today + timedelta(days=within_days)).order_by("expires_on", "id")


def stock_totals(*, user=None, today=None):
    """On-hand quantity per item (expired lots apart), for partner agencies: no names, no batches."""
    today = today or timezone.localdate()
    lots = StockLot.objects.filter(quantity__gt=0)
    if user is not None:
        lots = scope_queryset(lots, user)
    rows = (lots.values("item__code", "item__name", "item__unit")
            .annotate(usable=Coalesce(Sum("quantity", filter=Q(expires_on__isnull=True) | Q(expires_on__gte=today)),
                                      Value(Decimal(0)), output_field=DecimalField()),
                      expired=Coalesce(Sum("quantity", filter=Q(expires_on__lt=today)), Value(Decimal(0)),
                                       output_field=DecimalField()),
                      lots=Count("id"))
            .order_by("item__code"))
    return [{"item": r["item__code"], "name": r["item__name"], "unit": r["item__unit"], "usable": r["usable"],
             "expired": r["expired"], "lots": r["lots"]} for r in rows]


def incident_figures(incident):
    """What the incident room and the public page show: latest situation, help given, money."""
    from emergency.models import StockMovement

    sitreps = list(incident.sitreps.order_by("reported_at"))
    dispatched = (StockMovement.objects.filter(stock_request__incident=incident)
                  .values("lot__item__name", "lot__item__unit").annotate(total=Sum("quantity"))
                  .order_by("lot__item__name"))
    deployments = list(incident.deployments.select_related("team").annotate(people=Count("volunteers"))
                       .order_by("requested_at"))
    fund = incident.fund
    peak = max(sitreps, key=lambda s: s.affected, default=None)
    return {
        "sitreps": sitreps,
        "latest": sitreps[-1] if sitreps else None,
        "peak_affected": peak.affected if peak else 0,
        "dispatched": [{"item": d["lot__item__name"], "unit": d["lot__item__unit"], "quantity": -d["total"]}
                       for d in dispatched],
        "deployments": deployments,
        "volunteers_deployed": sum(d.people for d in deployments if d.status in ("on_site", "returned")),
        "teams_deployed": sum(1 for d in deployments if d.status in ("on_site", "returned")),
        "fund": fund,
        "received": fund.received if fund else Decimal(0),
        "spent": fund.spent if fund else Decimal(0),
        "open_requests": incident.stock_requests.filter(status=StockRequestStatus.REQUESTED).count(),
    }


# --- plan targets (redcross/targets.py) -------------------------------------------------------

def team_types_figures(on=None):
    """Per district: required team types present (an active team founded by `on`) / required types."""
    on = on or timezone.localdate()
    required = defaultdict(set)
    for region_id, team_type in TeamRequirement.objects.values_list("region_id", "team_type"):
        required[region_id].add(team_type)
    present = defaultdict(set)
    for district, team_type in (Team.objects.filter(is_active=True, founded_on__lte=on)
                                .annotate(district=_district_code()).values_list("district", "team_type")
                                .distinct().order_by()):
        present[district].add(team_type)
    return {code: (len(types & present.get(code, set())), len(types)) for code, types in required.items()}


def team_readiness_figures(on=None):
    """Per district: teams green / active teams (readiness as last computed)."""
    on = on or timezone.localdate()
    rows = (Team.objects.filter(is_active=True, founded_on__lte=on).annotate(district=_district_code())
            .values("district").annotate(green=Count("id", filter=Q(readiness=Readiness.GREEN)), total=Count("id"))
            .order_by())
    return {r["district"]: (r["green"], r["total"]) for r in rows}
