"""Reads that are more than a filter: visit rates, the board, bulletin figures, visit history of a party."""

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db.models import Avg, Count, DurationField, Exists, ExpressionWrapper, F, OuterRef, Q
from django.db.models.functions import Substr
from django.utils import timezone

from followups import parties
from followups.choices import DONE_STATUSES, OPEN_STATUSES, BulletinStatus, Eligibility, IssueStatus, PartyKind
from followups.models import Bulletin, Issue, PlanItem, Visit, VisitRate, VisitTarget
from redcross.scoping import scope_queryset

# The plan's defaults (fifth action plan): what a target is when the city has entered none for a year.
DEFAULT_TARGETS = {
    PartyKind.VOLUNTEER: (Decimal("50"), Eligibility.SERVING),
    PartyKind.CARING_ENTERPRISE: (Decimal("60"), Eligibility.ALL),
}
BOARD_KINDS = (PartyKind.VOLUNTEER, PartyKind.CARING_ENTERPRISE)


def city_code() -> str:
    return settings.REDCROSS["CITY_REGION_CODE"]


def district_of(code: str) -> str:
    return code[:6] + "000000"


def districts():
    from organizations.models import Region

    return list(Region.objects.filter(parent_id=city_code()).order_by("code").values_list("code", "name"))


def targets_for(year: int, kind: str) -> dict:
    """{district code: (rate, rule, within_years)} for a year; a district's own target wins over the city's."""
    city = city_code()
    rows = {t.region_id: t for t in VisitTarget.objects.filter(year=year, party_kind=kind)}
    default_rate, default_rule = DEFAULT_TARGETS.get(kind, (Decimal("0"), parties.RULES[kind][0]))
    fallback = rows.get(city)
    fallback = (fallback.rate, fallback.eligibility, fallback.within_years) if fallback else (default_rate,
                                                                                                default_rule, 3)
    result = {}
    for code, _name in districts():
        own = rows.get(code)
        result[code] = (own.rate, own.eligibility, own.within_years) if own else fallback
    return result


def target_rate(year: int, kind: str, prefix: str) -> Decimal:
    """The rate an area aims at: a district's own target, else the city's, else the plan's default."""
    if len(prefix) >= 6:
        return targets_for(year, kind).get(district_of(prefix.ljust(12, "0")), (DEFAULT_TARGETS[kind][0],))[0]
    own = VisitTarget.objects.filter(year=year, party_kind=kind, region_id=city_code()).first()
    return own.rate if own else DEFAULT_TARGETS[kind][0]


def rate_figures(kind: str, *, on: date, prefix: str = "") -> dict:
    """{district code: (visited, eligible)} as of the end of `on`, in the year of `on`.

    The numerator is the eligible parties with at least one visit from 1 January to `on`: a party visited
    twice counts once, and a visit to someone not eligible on that day counts for nothing.
    """
    column = parties.SOURCES[kind].column
    start = on.replace(month=1, day=1)
    rules = {}
    for code, (_rate, rule, within) in targets_for(on.year, kind).items():
        if code.startswith(prefix):
            rules.setdefault((rule, within), []).append(code)
    result = {}
    path = parties.SOURCES[kind].region_path
    for (rule, within), codes in rules.items():
        visited = Visit.objects.filter(**{column: OuterRef("pk")}, visited_on__gte=start, visited_on__lte=on)
        queryset = parties.in_region(parties.eligible(kind, rule, on=on, within_years=within), kind, prefix)
        rows = (queryset.annotate(district=Substr(path, 1, 6), seen=Exists(visited))
                .values("district").annotate(eligible=Count("pk"), visited=Count("pk", filter=Q(seen=True)))
                .order_by())
        wanted = {code[:6] for code in codes}
        for row in rows:
            if row["district"] in wanted:
                result[row["district"] + "000000"] = (row["visited"], row["eligible"])
    return result


def bulletins_published(*, on: date) -> dict:
    """{district code: bulletins published in the year of `on`, up to it} (corrections are not new bulletins)."""
    start = timezone.make_aware(timezone.datetime(on.year, 1, 1))
    end = timezone.make_aware(timezone.datetime.combine(on, timezone.datetime.max.time()))
    rows = (Bulletin.objects.filter(version=1, published_at__gte=start, published_at__lte=end)
            .annotate(district=Substr("region_id", 1, 6)).values("district").annotate(n=Count("pk")).order_by())
    return {row["district"] + "000000": (row["n"], 1) for row in rows}


# --- targets registered in redcross.targets -----------------------------------------------------

def volunteer_rate_target(on: date):
    return rate_figures(PartyKind.VOLUNTEER, on=on)


def enterprise_rate_target(on: date):
    return rate_figures(PartyKind.CARING_ENTERPRISE, on=on)


def bulletins_target(on: date):
    return bulletins_published(on=on)


# --- the board -----------------------------------------------------------------------------------

def board(*, user, year: int | None = None, today: date | None = None) -> dict:
    """The follow-up board: rates per district against target (from the running figures), who is due and
    overdue, issues by status and age, the latest bulletins; a handful of queries whatever the city's size."""
    today = today or timezone.localdate()
    year = year or today.year
    rates = scope_queryset(VisitRate.objects.filter(year=year, party_kind__in=BOARD_KINDS), user)
    names = dict(districts())
    by_district = {}
    for rate in rates.order_by("region_id"):
        entry = by_district.setdefault(rate.region_id, {"code": rate.region_id, "name": names.get(rate.region_id,
                                                                                                 rate.region_id)})
        entry[rate.party_kind] = {"visited": rate.visited, "eligible": rate.eligible, "rate": rate.rate,
                                  "target": float(rate.target_rate), "met": rate.rate >= float(rate.target_rate)}
    totals = {}
    for kind in BOARD_KINDS:
        visited = sum(e[kind]["visited"] for e in by_district.values() if kind in e)
        eligible = sum(e[kind]["eligible"] for e in by_district.values() if kind in e)
        target = DEFAULT_TARGETS[kind][0]
        totals[kind] = {"visited": visited, "eligible": eligible, "target": float(target),
                        "rate": round(100 * visited / eligible, 1) if eligible else 0.0,
                        "label": PartyKind(kind).label}
    items = scope_queryset(PlanItem.objects.filter(visit__isnull=True, plan__year=year), user)
    due = items.aggregate(due=Count("pk", filter=Q(due_on__gte=today)), overdue=Count("pk", filter=Q(due_on__lt=today)))
    overdue_items = list(items.filter(due_on__lt=today).select_related("volunteer__person", "donor", "member_unit",
                                                                       "aid_case__person", "visitor", "plan")
                         .order_by("due_on", "id")[:10])
    issues = scope_queryset(Issue.objects.all(), user)
    now = timezone.now()
    status_counts = {row["status"]: row["n"] for row in issues.values("status").annotate(n=Count("pk")).order_by()}
    ages = issues.filter(status__in=OPEN_STATUSES).aggregate(
        week=Count("pk", filter=Q(opened_at__gte=now - timezone.timedelta(days=7))),
        month=Count("pk", filter=Q(opened_at__lt=now - timezone.timedelta(days=7),
                                   opened_at__gte=now - timezone.timedelta(days=30))),
        quarter=Count("pk", filter=Q(opened_at__lt=now - timezone.timedelta(days=30),
                                     opened_at__gte=now - timezone.timedelta(days=90))),
        older=Count("pk", filter=Q(opened_at__lt=now - timezone.timedelta(days=90))),
        overdue=Count("pk", filter=Q(due_on__lt=today)),
    )
    status_rows = [{"status": status, "label": IssueStatus(status).label, "count": status_counts.get(status, 0)}
                   for status in IssueStatus.values]
    highest = max((row["count"] for row in status_rows), default=0)
    for row in status_rows:
        row["width"] = round(100 * row["count"] / highest, 1) if highest else 0
    bulletins = list(scope_queryset(Bulletin.objects.filter(status=BulletinStatus.PUBLISHED), user)
                     .select_related("organization").order_by("-published_at")[:6])
    computed = rates.order_by("-computed_at").values_list("computed_at", flat=True).first()
    return {"year": year, "districts": list(by_district.values()), "totals": totals, "due": due,
            "overdue_items": overdue_items, "issue_statuses": status_rows, "issue_ages": ages,
            "bulletins": bulletins, "computed_at": computed, "kinds": BOARD_KINDS}


# --- bulletin figures ----------------------------------------------------------------------------

def bulletin_figures(*, prefix: str, start: date, end: date) -> dict:
    """The figures a bulletin freezes: visits, rates against target, issues opened and resolved, time to resolve."""
    visits = Visit.objects.filter(region__code__startswith=prefix, visited_on__gte=start, visited_on__lte=end)
    by_method = {row["method"]: row["n"] for row in visits.values("method").annotate(n=Count("pk")).order_by()}
    counts = visits.aggregate(visits=Count("pk"), parties=Count("party_key", distinct=True),
                              satisfaction=Avg("satisfaction"))
    rates = {}
    for kind in BOARD_KINDS:
        figures = rate_figures(kind, on=end, prefix=prefix)
        visited = sum(v for code, (v, _e) in figures.items() if code.startswith(prefix))
        eligible = sum(e for code, (_v, e) in figures.items() if code.startswith(prefix))
        rates[kind] = {"visited": visited, "eligible": eligible,
                       "rate": round(100 * visited / eligible, 1) if eligible else 0.0,
                       "target": float(target_rate(end.year, kind, prefix))}
    issues = Issue.objects.filter(region__code__startswith=prefix)
    start_at = timezone.make_aware(timezone.datetime.combine(start, timezone.datetime.min.time()))
    end_at = timezone.make_aware(timezone.datetime.combine(end, timezone.datetime.max.time()))
    opened = issues.filter(opened_at__gte=start_at, opened_at__lte=end_at).count()
    resolved = issues.filter(status__in=[IssueStatus.RESOLVED, IssueStatus.CLOSED], closed_at__gte=start_at,
                             closed_at__lte=end_at)
    duration = resolved.aggregate(avg=Avg(ExpressionWrapper(F("closed_at") - F("opened_at"),
                                                            output_field=DurationField())))["avg"]
    still_open = (issues.filter(opened_at__lte=end_at)
                  .filter(Q(closed_at__isnull=True) | Q(closed_at__gt=end_at)).count())
    return {
        "visits": counts["visits"], "parties": counts["parties"], "by_method": by_method,
        "satisfaction": round(float(counts["satisfaction"]), 2) if counts["satisfaction"] is not None else None,
        "rates": rates, "issues_opened": opened, "issues_resolved": resolved.count(),
        "days_to_resolve": round(duration.total_seconds() / 86400, 1) if duration else None,
        "issues_open_at_end": still_open,
    }


def typical_cases_draft(*, prefix: str, start: date, end: date) -> tuple[str, str]:
    """A first draft of the typical cases and suggestions from the visits marked typical in the period."""
    visits = (Visit.objects.filter(region__code__startswith=prefix, visited_on__gte=start, visited_on__lte=end)
              .select_related("volunteer__person", "donor", "member_unit", "aid_case__person")
              .order_by("visited_on", "id"))
    cases, suggestions = [], []
    for visit in visits.filter(is_typical=True)[:10]:
        cases.append(f"{visit.visited_on:%m月%d日} {visit.get_method_display()}回访{visit.party_name}："
                     f"{visit.difficulties_text or '—'}")
    for visit in visits.exclude(suggestions="")[:10]:
        suggestions.append(f"{visit.party_name}：{visit.suggestions}")
    return "\n".join(cases), "\n".join(suggestions)


def plan_counts(plan, *, today: date) -> dict:
    return plan.items.aggregate(total=Count("pk"), visited=Count("pk", filter=Q(visit__isnull=False)),
                                due=Count("pk", filter=Q(visit__isnull=True, due_on__gte=today)),
                                overdue=Count("pk", filter=Q(visit__isnull=True, due_on__lt=today)))


def issue_durations(issue) -> dict:
    days_open = ((issue.closed_at or timezone.now()) - issue.opened_at).days
    return {"days_open": days_open, "overdue": issue.status in OPEN_STATUSES and issue.due_on < timezone.localdate(),
            "done": issue.status in DONE_STATUSES}


def visit_history(*, kind: str, pk: int, user, limit: int = 20):
    """The visits to one party, newest first, as the caller may see them (for the volunteer, donor, member-unit
    and aid-case pages: `{% include "followups/_visit_history.html" %}` with `visits` from this selector)."""
    column = parties.SOURCES[kind].column
    return list(scope_queryset(Visit.objects.filter(**{column: pk}), user)
                .select_related("organization").prefetch_related("issues").order_by("-visited_on", "-id")[:limit])
