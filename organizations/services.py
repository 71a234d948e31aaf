"""Every write with a rule in organizations/: one function per use case."""

import csv
from collections import defaultdict
from datetime import date
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from organizations.choices import STATION_KINDS, OrganizationKind, RegionLevel, StaffRole
from organizations.models import CoverageSnapshot, Organization, Region, StaffProfile
from organizations.models_grassroots import TownWorkOverride
from people.identifiers import normalize_credit_code, validate_credit_code
from redcross.scoping import region_in_scope, require_in_scope

DATA_DIR = Path(__file__).resolve().parent / "data"
CHENGDU_CSV = DATA_DIR / "chengdu_divisions.csv"
NEIGHBOURS_CSV = DATA_DIR / "chengdemeizi_divisions.csv"

# Central districts per DOMAIN.md; the rest of the districts are near or far
# suburbs. Administrators change zones in the portal; loading never overwrites.
DEFAULT_ZONES = {
    "510104": "central", "510105": "central", "510106": "central", "510107": "central", "510108": "central",
    "510112": "near", "510113": "near", "510114": "near", "510115": "near", "510116": "near",
    "510117": "near", "510118": "near",
}


# --- regions ---------------------------------------------------------------------

def regions_load(*, chengdu_csv=CHENGDU_CSV, neighbours_csv=NEIGHBOURS_CSV):
    """Load Chengdu's divisions and the neighbouring cities; idempotent.

    New codes are added, names follow the file, zones set by administrators
    are kept. Returns the number of regions added.
    """
    rows = {}
    for path, _home in ((neighbours_csv, False), (chengdu_csv, True)):
        with open(path, newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                code = row["code"].strip()
                rows[code] = {
                    "code": code,
                    "name": row["name"].strip(),
                    "level": row["level"].strip(),
                    "parent_id": row["parent_code"].strip() or None,
                    "is_home_city": code.startswith("5101"),
                }
    with transaction.atomic():
        existing = set(Region.objects.values_list("code", flat=True))
        new = []
        # Parents before children: codes sort city < district < town < community.
        for level in (RegionLevel.CITY, RegionLevel.DISTRICT, RegionLevel.TOWN, RegionLevel.COMMUNITY):
            for code, row in sorted(rows.items()):
                if row["level"] == level and code not in existing:
                    zone = (
                        DEFAULT_ZONES.get(code[:6], "far")
                        if level == RegionLevel.DISTRICT and row["is_home_city"]
                        else ""
                    )
                    new.append(Region(zone=zone, **row))
        Region.objects.bulk_create(new, batch_size=1000)
        renamed = [
            Region(code=code, name=row["name"])
            for code, row in rows.items()
            if code in existing
        ]
        current = dict(Region.objects.filter(code__in=[r.code for r in renamed]).values_list("code", "name"))
        changed = [r for r in renamed if current.get(r.code) != r.name]
        if changed:
            Region.objects.bulk_update(changed, ["name"])
    return len(new)


def region_set_zone(*, region: Region, zone: str, actor) -> Region:
    if region.level != RegionLevel.DISTRICT:
        raise ValidationError({"zone": _("Zone: only a district has a zone.")})
    region.zone = zone
    region.full_clean()
    region.save(update_fields=["zone"])
    return region


# --- organisations -----------------------------------------------------------------

ORGANIZATION_FIELDS = (
    "name",
    "kind",
    "unit_type",
    "region",
    "parent",
    "credit_code",
    "established_on",
    "has_premises",
    "premises_address",
    "premises_area",
    "has_regular_work",
    "head_name",
    "contact_person",
    "contact_phone",
    "is_active",
)


# Where each kind of organisation exists: a city society only for a city, a work station only in a community.
KIND_LEVELS = {
    OrganizationKind.CITY_SOCIETY: ("city",),
    OrganizationKind.DISTRICT_SOCIETY: ("district",),
    OrganizationKind.TOWN_ORGANIZATION: ("town",),
    OrganizationKind.SERVICE_CENTRE: ("community",),
    OrganizationKind.WORK_STATION: ("community",),
}


def _organization_validate(organization: Organization, actor) -> None:
    from redcross.validation import clean_name

    errors = {}
    try:
        organization.name = clean_name(organization.name, kind="organization")
    except ValidationError as exc:
        errors["name"] = exc.messages
    levels = KIND_LEVELS.get(organization.kind)
    if levels and organization.region_id:
        region = organization.region
        if region.level not in levels:
            errors["kind"] = [_("Kind: a %(kind)s is set up for a %(level)s, not for %(region)s.") % {
                "kind": organization.get_kind_display(),
                "level": RegionLevel(levels[0]).label,
                "region": region.name}]
    if organization.credit_code:
        organization.credit_code = normalize_credit_code(organization.credit_code)
        try:
            validate_credit_code(organization.credit_code)
        except ValidationError as exc:
            errors["credit_code"] = exc.messages
    if actor is not None and organization.region_id and not region_in_scope(actor, organization.region_id):
        errors["region"] = [_("Region: you can only choose a region within your own area.")]
    if organization.has_premises is False and organization.premises_address:
        organization.premises_address = organization.premises_address.strip()
    if errors:
        raise ValidationError(errors)
    organization.full_clean()


@transaction.atomic
def organization_create(*, actor=None, **fields) -> Organization:
    unknown = set(fields) - set(ORGANIZATION_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    organization = Organization(**fields)
    _organization_validate(organization, actor)
    organization.save()
    transaction.on_commit(_coverage_changed)
    return organization


@transaction.atomic
def organization_update(*, organization: Organization, actor=None, **fields) -> Organization:
    unknown = set(fields) - set(ORGANIZATION_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(organization, name, value)
    _organization_validate(organization, actor)
    organization.save()
    transaction.on_commit(_coverage_changed)
    return organization


def _coverage_changed():
    from organizations.tasks import coverage_recompute
    from redcross.tasks import enqueue

    enqueue(coverage_recompute)


# --- a town's work set by hand (organizations.grassroots_selectors.towns_with_work reads it) -------------

@transaction.atomic
def town_work_override_set(*, actor, region: Region, has_work: bool, reason: str) -> TownWorkOverride:
    """Override what activity shows for a town's work; the reason is kept in the history."""
    require_in_scope(actor, region.code)
    errors = {}
    if region.level != RegionLevel.TOWN:
        errors["region"] = [_("Town: an override is set on a town or sub-district.")]
    if not (reason or "").strip():
        errors["reason"] = [_("Reason: say why the override is needed.")]
    if errors:
        raise ValidationError(errors)
    override, _created = TownWorkOverride.objects.update_or_create(
        region=region, defaults={"has_work": has_work, "reason": reason.strip(), "set_by": actor})
    transaction.on_commit(_coverage_changed)
    return override


def town_work_override_change(*, actor, override: TownWorkOverride, region: Region | None = None,
                              has_work: bool | None = None, reason: str | None = None) -> TownWorkOverride:
    """Change an override's answer or reason; the town stays (clear it and set another town's instead)."""
    if region is not None and region.code != override.region_id:
        raise ValidationError({"region": _("Town: an override stays on its town; clear it and set a new one.")})
    return town_work_override_set(actor=actor, region=override.region,
                                  has_work=override.has_work if has_work is None else has_work,
                                  reason=override.reason if reason is None else reason)


@transaction.atomic
def town_work_override_clear(*, actor, override: TownWorkOverride) -> None:
    require_in_scope(actor, override.region_id)
    override.delete()
    transaction.on_commit(_coverage_changed)


# --- staff -------------------------------------------------------------------------

@transaction.atomic
def staff_user_create(*, username: str, password: str, organization: Organization, role: str,
                      full_name: str = "", email: str = "", title: str = "") -> StaffProfile:
    from redcross.roles import sync_roles

    if role not in StaffRole.values:
        raise ValidationError({"role": _("Role: unknown role.")})
    User = get_user_model()
    user = User(username=username, email=email, first_name=full_name, is_staff=False)
    user.set_password(password)
    user.full_clean()
    user.save()
    sync_roles()
    user.groups.add(Group.objects.get(name=role))
    profile = StaffProfile(user=user, organization=organization, role=role, title=title)
    profile.full_clean()
    profile.save()
    return profile


# --- coverage ------------------------------------------------------------------------

COVERAGE_FIELDS = ("towns_total", "towns_with_organization", "towns_with_premises", "towns_with_work",
                   "towns_covered", "communities_total", "communities_with_station")


def coverage_recompute(*, as_of: date | None = None) -> int:
    """Compute grassroots coverage for every town, district and the city.

    Two aggregate queries and one upsert: the whole city takes well under a
    second. Running it twice on a day replaces that day's snapshot.
    """
    as_of = as_of or timezone.localdate()
    now = timezone.now()
    snapshots = [
        CoverageSnapshot(region_id=code, as_of=as_of, computed_at=now, **values)
        for code, values in coverage_counts(as_of).items()
    ]
    with transaction.atomic():
        CoverageSnapshot.objects.bulk_create(
            snapshots, batch_size=1000, update_conflicts=True,
            unique_fields=["region", "as_of"], update_fields=[*COVERAGE_FIELDS, "computed_at"],
        )
    from django.core.cache import cache

    cache.delete("public_figures")
    return len(snapshots)


def coverage_drift():
    """The latest day's stored coverage against a recomputation for that day (the nightly totals check)."""
    latest = CoverageSnapshot.objects.order_by("-as_of").values_list("as_of", flat=True).first()
    if latest is None:
        return []
    kept = {row.pop("region_id"): row for row in
            CoverageSnapshot.objects.filter(as_of=latest).values("region_id", *COVERAGE_FIELDS)}
    again = coverage_counts(latest)
    drift = []
    for code in sorted(kept.keys() | again.keys()):
        for field in COVERAGE_FIELDS:
            a, b = kept.get(code, {}).get(field, 0), again.get(code, {}).get(field, 0)
            if a != b:
                drift.append((f"organizations.coverage.{field}", f"{code}:{latest}", a, b))
    return drift


def coverage_counts(as_of: date) -> dict:
    """{region code: {figure: count}} for every town, district and the city on `as_of`."""
    active = Organization.objects.filter(is_active=True)
    town_org = active.filter(region=OuterRef("code"), kind=OrganizationKind.TOWN_ORGANIZATION)
    towns = (
        Region.objects.filter(level=RegionLevel.TOWN)
        .annotate(
            has_org=Exists(town_org),
            has_premises=Exists(town_org.filter(has_premises=True)),
        )
        .values_list("code", "parent_id", "has_org", "has_premises")
    )
    # "Work" is activity in the last 12 months reported by the domain apps, or a reasoned override.
    from organizations.grassroots_selectors import towns_with_work

    working = towns_with_work(on=as_of)
    communities = (
        Region.objects.filter(level=RegionLevel.COMMUNITY)
        .annotate(has_station=Exists(active.filter(region=OuterRef("code"), kind__in=STATION_KINDS)))
        .values_list("parent_id", "has_station")
    )
    counts = defaultdict(lambda: dict.fromkeys(COVERAGE_FIELDS, 0))
    town_parent = {}
    city_of = dict(Region.objects.filter(level=RegionLevel.DISTRICT).values_list("code", "parent_id"))
    for code, district, has_org, has_premises in towns:
        has_work = code in working
        town_parent[code] = district
        for key in (code, district, city_of.get(district)):
            if key is None:
                continue
            c = counts[key]
            c["towns_total"] += 1
            c["towns_with_organization"] += has_org
            c["towns_with_premises"] += has_org and has_premises
            c["towns_with_work"] += has_org and has_work
            c["towns_covered"] += has_org and has_premises and has_work
    for town, has_station in communities:
        district = town_parent.get(town)
        for key in (town, district, city_of.get(district)):
            if key is None:
                continue
            counts[key]["communities_total"] += 1
            counts[key]["communities_with_station"] += has_station
    return dict(counts)
