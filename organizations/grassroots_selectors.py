"""Reads of the grassroots models that are more than a filter: coverage tables, the public finders,
inspection reminders and the plan targets' figures."""

from collections import defaultdict
from datetime import date, timedelta
from functools import cache

from django.db.models import Count, Exists, Max, OuterRef, Q
from django.db.models.functions import Substr
from django.utils import timezone
from django.utils.translation import gettext as _

from organizations import hooks
from organizations.choices import AedStatus, CentreStatus, InstitutionKind, RegionLevel, Zone
from organizations.models import Organization, Region
from organizations.models_grassroots import AedStation, Centre, CoverageFigure, Institution, TownWorkOverride
from redcross.scoping import scope_queryset

PUBLIC_CENTRE_STATUSES = (CentreStatus.ACCEPTED, CentreStatus.OPERATING)


def institutions_covered(queryset=None):
    """Institutions annotated with `covered`: linked to a Red Cross organisation or member unit that is active."""
    queryset = Institution.objects.all() if queryset is None else queryset
    return queryset.annotate(covered=Exists(Organization.objects.filter(pk=OuterRef("member_unit_id"),
                                                                        is_active=True)))


def institution_coverage(*, user, by: str = "kind", within: str | None = None) -> list[dict]:
    """Live coverage of the register in the user's area: by type, by district or by zone; rows with a rate for CSS
    bars."""
    queryset = institutions_covered(scope_queryset(Institution.objects.filter(is_active=True), user))
    if within:
        queryset = queryset.filter(region__code__startswith=within)
    rows = []
    if by in ("district", "zone"):
        counts = defaultdict(lambda: [0, 0])
        for region, covered in queryset.values_list("region_id", "covered").iterator(chunk_size=5000):
            entry = counts[region[:6] + "000000"]
            entry[0] += covered
            entry[1] += 1
        districts = {code: (name, zone) for code, name, zone in
                     Region.objects.filter(code__in=counts).values_list("code", "name", "zone")}
        if by == "zone":  # central, near and far suburbs, from each district's zone (data an administrator sets)
            zones = defaultdict(lambda: [0, 0])
            for code, (covered, total) in counts.items():
                entry = zones[districts.get(code, ("", ""))[1]]
                entry[0] += covered
                entry[1] += total
            for zone, label in Zone.choices:
                covered, total = zones.get(zone, (0, 0))
                rows.append({"key": zone, "label": label, "covered": covered, "total": total})
        else:
            for code in sorted(counts):
                covered, total = counts[code]
                rows.append({"key": code, "label": districts.get(code, (code,))[0], "covered": covered,
                             "total": total})
    else:
        totals = {row["kind"]: row for row in queryset.values("kind").annotate(
            total=Count("id"), covered_count=Count("id", filter=Q(covered=True)))}
        for kind, label in InstitutionKind.choices:
            row = totals.get(kind, {"total": 0, "covered_count": 0})
            rows.append({"key": kind, "label": label, "covered": row["covered_count"], "total": row["total"]})
    for row in rows:
        row["rate"] = round(100 * row["covered"] / row["total"], 1) if row["total"] else 0.0
    return rows


def centre_coverage(*, user) -> list[dict]:
    """Centres by zone: registered, accepted or operating, per host kind; rows for the zone page."""
    queryset = scope_queryset(Centre.objects.all(), user)
    counts = {(r["district__zone"], r["host_kind"], r["status"]): r["n"]
              for r in queryset.values("district__zone", "host_kind", "status").annotate(n=Count("id"))}
    rows = []
    for zone, label in Zone.choices:
        row = {"key": zone, "label": label, "total": 0, "accepted": 0, "by_host": {}}
        for (z, host, status), n in counts.items():
            if z != zone:
                continue
            row["total"] += n
            row["by_host"][host] = row["by_host"].get(host, 0) + n
            if status in PUBLIC_CENTRE_STATUSES:
                row["accepted"] += n
        row["rate"] = round(100 * row["accepted"] / row["total"], 1) if row["total"] else 0.0
        rows.append(row)
    return rows


def latest_figures(*, user, prefix: str) -> dict:
    """The latest stored coverage figures of the user's home region whose key starts with `prefix`."""
    as_of = CoverageFigure.objects.aggregate(latest=Max("as_of"))["latest"]
    if as_of is None:
        return {}
    return {f.key: f for f in scope_queryset(CoverageFigure.objects.filter(as_of=as_of, key__startswith=prefix), user)}


# --- public finders --------------------------------------------------------------------

def public_districts():
    return list(Region.objects.filter(level=RegionLevel.DISTRICT, is_home_city=True).order_by("code")
                .values_list("code", "name"))


def public_towns(district_code: str):
    if not (district_code and len(district_code) == 12 and district_code.isdigit()):
        return []
    return list(Region.objects.filter(level=RegionLevel.TOWN, parent_id=district_code).order_by("code")
                .values_list("code", "name"))


def _near(queryset, district: str | None, town: str | None):
    code = town or district
    if code and len(code) == 12 and code.isdigit():
        region = Region.objects.filter(code=code).only("code", "level").first()
        if region is not None:
            return queryset.filter(region__code__startswith=region.prefix)
    return queryset.none()


def public_centres(*, district: str | None = None, town: str | None = None):
    """Accepted or operating centres near a chosen district or town; no personal data."""
    queryset = Centre.objects.filter(status__in=PUBLIC_CENTRE_STATUSES).select_related("region", "district")
    return _near(queryset, district, town).order_by("region_id", "name")


def public_aeds(*, district: str | None = None, town: str | None = None):
    queryset = AedStation.objects.exclude(status=AedStatus.REMOVED).select_related("region")
    return _near(queryset, district, town).order_by("region_id", "name")


# --- inspections due --------------------------------------------------------------------

def inspections_due(*, on: date | None = None, within_days: int = 14):
    """Centres and AED stations whose next inspection falls within `within_days` (or is overdue)."""
    on = on or timezone.localdate()
    horizon = on + timedelta(days=within_days)
    centres = Centre.objects.filter(next_inspection_on__lte=horizon).exclude(status=CentreStatus.PLANNED)
    aeds = AedStation.objects.filter(next_inspection_on__lte=horizon).exclude(status=AedStatus.REMOVED)
    return centres, aeds


def inspection_reminders_send(*, on: date | None = None) -> int:
    """One portal reminder per place and due date (redcross.notifications keeps it to once)."""
    from redcross.models import Notification
    from redcross.notifications import notify_once

    centres, aeds = inspections_due(on=on)
    sent = 0
    for centre in centres.only("id", "name", "next_inspection_on", "region_id"):
        sent += notify_once(
            kind="organizations.centre_inspection_due", key=f"{centre.pk}:{centre.next_inspection_on}",
            channel=Notification.Channel.PORTAL,
            message=_("Disaster-prevention centre %(name)s (%(region)s) is due for inspection on %(day)s.") % {
                "name": centre.name, "region": centre.region_id, "day": centre.next_inspection_on})
    for station in aeds.only("id", "name", "next_inspection_on", "region_id"):
        sent += notify_once(
            kind="organizations.aed_inspection_due", key=f"{station.pk}:{station.next_inspection_on}",
            channel=Notification.Channel.PORTAL,
            message=_("AED at %(name)s (%(region)s) is due for inspection on %(day)s.") % {
                "name": station.name, "region": station.region_id, "day": station.next_inspection_on})
    return sent


# --- plan targets (redcross/targets.py): {region_code: (numerator, denominator)} ---------------

def _on_filter(on: date | None):
    return on or timezone.localdate()


@cache
def institutions_covered_figures(kind: str | None = None):
    """Per district: institutions of a type on the register with an active Red Cross organisation or member unit."""
    def compute(on: date | None = None):
        queryset = Institution.objects.filter(is_active=True, region__is_home_city=True)
        if kind:
            queryset = queryset.filter(kind=kind)
        rows = (queryset.values(district=Substr("region_id", 1, 6))
                .annotate(total=Count("id"), covered=Count("id", filter=Q(member_unit__is_active=True)))
                .values_list("district", "covered", "total"))
        return {district + "000000": (covered, total) for district, covered, total in rows}
    return compute


@cache
def centre_pilots_figures(zone: str):
    """Per district of a zone: accepted or operating pilots (a count; the denominator is every registered pilot)."""
    def compute(on: date | None = None):
        day = _on_filter(on)
        rows = (Centre.objects.filter(district__zone=zone).values("district_id")
                .annotate(total=Count("id"), done=Count("id", filter=Q(status__in=PUBLIC_CENTRE_STATUSES,
                                                                      accepted_on__lte=day))))
        return {row["district_id"]: (row["done"], row["total"]) for row in rows}
    return compute


def towns_with_work(*, on: date | None = None) -> set[str]:
    """Towns whose work is shown by activity in the 12 months up to `on`, then overridden where staff said so."""
    on = on or timezone.localdate()
    since = on - timedelta(days=365)
    towns = hooks.towns_with_activity(since=since, until=on)
    for code, has_work in TownWorkOverride.objects.values_list("region_id", "has_work"):
        (towns.add if has_work else towns.discard)(code)
    return towns
