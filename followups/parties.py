"""Who may be visited, and who is eligible on a day: the one place followups reads the other apps' records.

Each kind of party maps to a queryset of another app's records (volunteers, donors, member units, aid
cases), read through that app's selectors, the path from that record to its region code, and the link column
on `PartyLink`. Adding a kind (emergency response-team members) is one entry in `SOURCES` and one rule branch.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Q
from django.utils import timezone

from donations import selectors as donations
from followups.choices import Eligibility, PartyKind
from organizations.models import Organization
from volunteers import selectors as volunteers


@dataclass(frozen=True)
class Source:
    column: str  # the PartyLink column
    region_path: str  # from the record to its region code
    select_related: tuple = ()


SOURCES = {
    PartyKind.VOLUNTEER: Source("volunteer", "organization__region__code", ("person", "organization")),
    PartyKind.TEAM_MEMBER: Source("volunteer", "organization__region__code", ("person", "organization")),
    PartyKind.MEMBER_UNIT: Source("member_unit", "region__code", ("region",)),
    PartyKind.CARING_ENTERPRISE: Source("donor", "organization__region__code", ("organization",)),
    PartyKind.CARING_INDIVIDUAL: Source("donor", "organization__region__code", ("organization",)),
    PartyKind.AIDED_PERSON: Source("aid_case", "region__code", ("person",)),
}

# The rules a kind of party may use; the first is the default.
RULES = {
    PartyKind.VOLUNTEER: (Eligibility.SERVING, Eligibility.REGISTERED, Eligibility.COMMENDED, Eligibility.EXCELLENT,
                          Eligibility.ALL),
    PartyKind.TEAM_MEMBER: (Eligibility.COMMENDED, Eligibility.EXCELLENT, Eligibility.SERVING),
    PartyKind.MEMBER_UNIT: (Eligibility.ACTIVE, Eligibility.ALL),
    PartyKind.CARING_ENTERPRISE: (Eligibility.ALL,),
    PartyKind.CARING_INDIVIDUAL: (Eligibility.ALL,),
    PartyKind.AIDED_PERSON: (Eligibility.AIDED_IN_YEAR,),
}
VOLUNTEER_STANDING = {Eligibility.SERVING: "serving", Eligibility.REGISTERED: "registered",
                      Eligibility.COMMENDED: "commended", Eligibility.EXCELLENT: "excellent"}


def _end_of(day: date):
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def all_of_kind(kind):
    """Every record that can be visited as this kind of party, eligible or not."""
    if kind in (PartyKind.VOLUNTEER, PartyKind.TEAM_MEMBER):
        return volunteers.volunteers_visitable()
    if kind == PartyKind.MEMBER_UNIT:
        return Organization.objects.filter(kind="member_unit")
    if kind in (PartyKind.CARING_ENTERPRISE, PartyKind.CARING_INDIVIDUAL):
        return donations.donors_visitable(caring_enterprise=kind == PartyKind.CARING_ENTERPRISE)
    return donations.aid_cases_visitable()


def eligible(kind, rule, *, on: date, within_years: int = 3):
    """The records eligible for a visit as they stood at the end of day `on`."""
    end = _end_of(on)
    since = _years_before(on, within_years)
    if kind in (PartyKind.VOLUNTEER, PartyKind.TEAM_MEMBER):
        return volunteers.volunteers_in_standing(VOLUNTEER_STANDING.get(rule, "all"), before=end, since=since,
                                                 until=on)
    if kind == PartyKind.MEMBER_UNIT:
        queryset = all_of_kind(kind).filter(created_at__lt=end)
        return queryset.filter(is_active=True) if rule == Eligibility.ACTIVE else queryset
    if kind in (PartyKind.CARING_ENTERPRISE, PartyKind.CARING_INDIVIDUAL):
        return donations.donors_visitable(caring_enterprise=kind == PartyKind.CARING_ENTERPRISE, created_before=end)
    if kind == PartyKind.AIDED_PERSON:
        return donations.aid_cases_visitable(since=since, until=on)
    return all_of_kind(kind).none()


def in_region(queryset, kind, prefix: str):
    if not prefix:
        return queryset
    return queryset.filter(**{f"{SOURCES[kind].region_path}__startswith": prefix})


def region_of(kind, record) -> str:
    """The region code a party belongs to (its visits count there)."""
    value = record
    for part in SOURCES[kind].region_path.removesuffix("__region__code").removesuffix("region__code").split("__"):
        if part:
            value = getattr(value, part)
    return value.region_id


def get_party(kind, pk):
    """The record of a kind of party, or None when there is none of that kind with this id."""
    if kind not in SOURCES or not pk:
        return None
    try:
        return all_of_kind(kind).select_related(*SOURCES[kind].select_related).filter(pk=pk).first()
    except (ValueError, TypeError):
        return None


def search(kind, text: str, *, prefix: str = "", limit: int = 20):
    """Candidates of a kind by name or number, for the visit form's picker."""
    queryset = in_region(all_of_kind(kind), kind, prefix).select_related(*SOURCES[kind].select_related)
    text = (text or "").strip()
    if text:
        if kind in (PartyKind.VOLUNTEER, PartyKind.TEAM_MEMBER):
            queryset = queryset.filter(Q(number=text) | Q(person__full_name__startswith=text))
        elif kind == PartyKind.AIDED_PERSON:
            queryset = queryset.filter(person__full_name__startswith=text)
        else:
            queryset = queryset.filter(name__icontains=text)
    return list(queryset.order_by("-pk")[:limit])
