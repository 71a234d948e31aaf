"""Reads that are more than a filter: the 三献 figures by district and year, counted from the records.

Nothing here returns a person: every figure is a count over a district and a
year, so public pages and exports built on it carry no health detail of anyone.
"""

from collections import defaultdict
from datetime import date

from django.db.models import Count, Sum
from django.db.models.functions import ExtractYear, Left

from organizations.models import Region
from redcross.scoping import scope_queryset
from sanxian.choices import PledgeStatus, StemCellEventKind
from sanxian.models import BloodDrive, DonationPledge, MemorialEntry, StemCellDonor, StemCellEvent

FIGURES = ("drives", "donors", "units", "registrants", "matches", "donations", "pledges", "realised")


def _district(queryset, lookup):
    return queryset.annotate(district=Left(lookup, 6))


def figures_by_district_and_year(*, user=None, year: int | None = None, on: date | None = None) -> dict:
    """{(district prefix, year): {figure: value}} — drives, donors registered and units collected (as the
    blood centre reported), new stem-cell registrants, high-resolution matches, stem-cell donations, pledges
    registered and realised donations. Narrowed to the user's area when a user is given."""

    def scoped(queryset):
        return scope_queryset(queryset, user) if user is not None else queryset

    table: dict = defaultdict(lambda: dict.fromkeys(FIGURES, 0))

    def add(queryset, date_field, lookup, figures):
        queryset = scoped(queryset)
        if on is not None:
            queryset = queryset.filter(**{f"{date_field}__lte": on})
        if year is not None:
            queryset = queryset.filter(**{f"{date_field}__year": year})
        rows = (_district(queryset, lookup).annotate(y=ExtractYear(date_field)).values("district", "y")
                .annotate(**figures).order_by())
        for row in rows:
            entry = table[(row["district"], row["y"])]
            for name in figures:
                entry[name] += row[name] or 0

    add(BloodDrive.objects.all(), "held_on", "region_id",
        {"drives": Count("id"), "donors": Sum("donors_registered"), "units": Sum("units_collected")})
    add(StemCellDonor.objects.all(), "sampled_on", "region_id", {"registrants": Count("id")})
    add(StemCellEvent.objects.filter(kind=StemCellEventKind.HIGH_RESOLUTION), "occurred_on", "donor__region_id",
        {"matches": Count("id")})
    add(StemCellEvent.objects.filter(kind=StemCellEventKind.DONATED), "occurred_on", "donor__region_id",
        {"donations": Count("id")})
    add(DonationPledge.objects.all(), "registered_on", "region_id", {"pledges": Count("id")})
    add(DonationPledge.objects.filter(status=PledgeStatus.REALISED), "realised_on", "region_id",
        {"realised": Count("id")})
    return dict(table)


def district_names() -> dict:
    return dict(Region.objects.filter(level="district").values_list("code", "name"))


def dashboard(*, user, year: int) -> dict:
    """The 三献 dashboard: this year's totals, a row per district, and the trend over the years."""
    table = figures_by_district_and_year(user=user)
    names = district_names()
    totals = dict.fromkeys(FIGURES, 0)
    rows = {}
    years: dict = defaultdict(lambda: dict.fromkeys(FIGURES, 0))
    for (district, y), figures in table.items():
        for name, value in figures.items():
            years[y][name] += value
        if y != year:
            continue
        row = rows.setdefault(district, {"code": district, "name": names.get(f"{district}000000", district),
                                         **dict.fromkeys(FIGURES, 0)})
        for name, value in figures.items():
            row[name] += value
            totals[name] += value
    districts = sorted(rows.values(), key=lambda r: (-r["units"], -r["registrants"], r["code"]))
    for name in FIGURES:
        top = max([r[name] for r in districts] or [0]) or 1
        for r in districts:
            r[f"{name}_width"] = round(100 * float(r[name]) / float(top), 1)
    trend = [{"year": y, **years[y]} for y in sorted(years)][-6:]
    for name in FIGURES:
        top = max([t[name] for t in trend] or [0]) or 1
        for t in trend:
            t[f"{name}_width"] = round(100 * float(t[name]) / float(top), 1)
    return {"totals": totals, "districts": districts, "trend": trend, "year": year}


def public_yearly_figures() -> list:
    """City-wide totals per year for the public page: counts only, never a person."""
    years: dict = defaultdict(lambda: dict.fromkeys(FIGURES, 0))
    for (_district_code, y), figures in figures_by_district_and_year().items():
        for name, value in figures.items():
            years[y][name] += value
    return [{"year": y, **years[y]} for y in sorted(years, reverse=True)]


def memorial_wall():
    """Published entries: the name the family chose, the year and their words; nothing about health."""
    return (MemorialEntry.objects.filter(is_published=True, consent__withdrawn_on__isnull=True)
            .only("display_name", "tribute", "year").order_by("-year", "display_name"))


# --- plan targets (redcross/targets.py): counts per district as of a day --------------------

def _per_district(counts) -> dict:
    return {f"{district}000000": (value or 0, 0) for district, value in counts}


def stem_cell_registrants_figures(*, on: date) -> dict:
    rows = (StemCellDonor.objects.filter(sampled_on__lte=on).annotate(district=Left("region_id", 6))
            .values_list("district").annotate(n=Count("id")).order_by())
    return _per_district(rows)


def blood_units_figures(*, on: date) -> dict:
    rows = (BloodDrive.objects.filter(held_on__lte=on, units_collected__isnull=False)
            .annotate(district=Left("region_id", 6)).values_list("district")
            .annotate(n=Sum("units_collected")).order_by())
    return _per_district(rows)


def pledges_figures(*, on: date) -> dict:
    """Pledges registered by the day and not withdrawn by then."""
    from django.db.models import Q

    rows = (DonationPledge.objects.filter(registered_on__lte=on)
            .exclude(Q(withdrawn_on__isnull=False) & Q(withdrawn_on__lte=on))
            .annotate(district=Left("region_id", 6)).values_list("district").annotate(n=Count("id")).order_by())
    return _per_district(rows)


def donor_family_visits(*, year: int, user=None) -> dict:
    """For the follow-up visits app: donor families eligible for a visit (realised donations) and those visited in
    the year, as pledge ids — `{"eligible": set, "visited": set}`."""
    from sanxian.choices import CareKind
    from sanxian.models import CareEvent

    pledges = DonationPledge.objects.filter(status=PledgeStatus.REALISED, realised_on__year__lte=year)
    visits = CareEvent.objects.filter(kind=CareKind.VISIT, occurred_on__year=year, pledge__isnull=False)
    if user is not None:
        pledges, visits = scope_queryset(pledges, user), scope_queryset(visits, user)
    eligible = set(pledges.values_list("id", flat=True))
    return {"eligible": eligible, "visited": set(visits.values_list("pledge_id", flat=True)) & eligible}
