from django.core.cache import cache
from django.db.models import Max

from organizations.choices import STATION_KINDS, OrganizationKind, RegionLevel
from organizations.models import CoverageSnapshot, Organization, Region, StaffProfile
from redcross.scoping import ALL, scope_queryset


def staff_scope_prefix(user):
    """Region prefix of the user's organisation: ALL for city staff, None without one."""
    profile = (
        StaffProfile.objects.select_related("organization__region")
        .filter(user_id=user.pk)
        .only("organization__kind", "organization__region__code", "organization__region__level")
        .first()
    )
    if profile is None:
        return None
    if profile.organization.kind == OrganizationKind.CITY_SOCIETY:
        return ALL
    return profile.organization.region.prefix


def region_picker_choices(user):
    """Districts, each with its towns, that the user may see: a picker instead of a typed 12-digit code."""
    from django.utils.translation import gettext as _

    regions = scope_queryset(Region.objects.filter(level__in=["district", "town"], is_home_city=True), user) \
        .order_by("code").values_list("code", "name", "level", "parent_id")
    choices, groups = [("", _("All regions"))], {}
    for code, name, level, parent_id in regions:
        if level == "district":
            groups[code] = (name, [(code, _("%(name)s (whole district)") % {"name": name})])
            choices.append(groups[code])
        elif parent_id in groups:
            groups[parent_id][1].append((code, name))
        else:  # a town staffer sees only their town
            choices.append((code, name))
    return choices


def staff_home_region(user):
    profile = StaffProfile.objects.select_related("organization__region").filter(user_id=user.pk).first()
    if profile is None:
        return Region.objects.filter(level=RegionLevel.CITY, is_home_city=True).first() if user.is_superuser else None
    org = profile.organization
    if org.kind == OrganizationKind.CITY_SOCIETY:
        return Region.objects.filter(level=RegionLevel.CITY, is_home_city=True).first()
    return org.region


def coverage_latest_date():
    return CoverageSnapshot.objects.aggregate(latest=Max("as_of"))["latest"]


def coverage_drilldown(*, region, user):
    """The region's own snapshot and those of its children, from the latest run.

    Answers (None, []) when nothing has been computed yet. Children of a town
    are communities: they come with their station flag instead of a snapshot.
    """
    as_of = coverage_latest_date()
    if as_of is None:
        return None, []
    snapshots = scope_queryset(CoverageSnapshot.objects.select_related("region"), user).filter(as_of=as_of)
    own = snapshots.filter(region=region).first()
    if region.level == RegionLevel.TOWN:
        communities = list(
            scope_queryset(Region.objects.filter(parent=region), user).order_by("code")
        )
        with_station = set(
            Organization.objects.active()
            .filter(kind__in=STATION_KINDS, region__parent=region)
            .values_list("region_id", flat=True)
        )
        for community in communities:
            community.has_station = community.code in with_station
        return own, communities
    children = list(snapshots.filter(region__parent=region).order_by("region_id"))
    return own, children


def public_figures():
    """The home page's live figures, cached briefly: the public page must stay fast."""
    figures = cache.get("public_figures")
    if figures is None:
        city = Region.objects.filter(level=RegionLevel.CITY, is_home_city=True).first()
        snapshot = None
        district_coverage = []
        if city is not None:
            snapshot = CoverageSnapshot.objects.filter(region=city).order_by("-as_of").first()
        if snapshot is not None:
            district_coverage = [
                {"name": s.region.name, "town_rate": s.town_rate, "community_rate": s.community_rate}
                for s in CoverageSnapshot.objects.filter(region__parent=city, as_of=snapshot.as_of)
                .select_related("region").order_by("region_id")
            ]
        figures = {
            "organizations": Organization.objects.active().filter(region__is_home_city=True).count(),
            "member_units": Organization.objects.active().filter(kind=OrganizationKind.MEMBER_UNIT).count(),
            "districts": Region.objects.filter(level=RegionLevel.DISTRICT, is_home_city=True).count(),
            "towns": Region.objects.filter(level=RegionLevel.TOWN).count(),
            "communities": Region.objects.filter(level=RegionLevel.COMMUNITY).count(),
            "town_rate": snapshot.town_rate if snapshot else 0.0,
            "community_rate": snapshot.community_rate if snapshot else 0.0,
            "as_of": snapshot.as_of.isoformat() if snapshot else None,
            "district_coverage": district_coverage,
        }
        cache.set("public_figures", figures, 60)
    return figures


# --- plan targets (registered in apps.py; redcross.targets rolls them up) -------------------

def towns_sanyou_figures(*, on):
    """Per town: (1, 1) with "三有" — an active town organisation with premises and work — else (0, 1)."""
    from redcross.targets import day_end

    covered = set(Organization.objects.filter(
        is_active=True, kind=OrganizationKind.TOWN_ORGANIZATION, has_premises=True, has_regular_work=True,
        created_at__lt=day_end(on), region__level=RegionLevel.TOWN,
    ).values_list("region_id", flat=True))
    towns = Region.objects.filter(level=RegionLevel.TOWN, is_home_city=True).values_list("code", flat=True)
    return {code: (int(code in covered), 1) for code in towns}


def community_stations_figures(*, on):
    """Per community or village: (1, 1) with an active Red Cross service centre or work station, else (0, 1)."""
    from redcross.targets import day_end

    covered = set(Organization.objects.filter(
        is_active=True, kind__in=STATION_KINDS, created_at__lt=day_end(on), region__level=RegionLevel.COMMUNITY,
    ).values_list("region_id", flat=True))
    communities = (Region.objects.filter(level=RegionLevel.COMMUNITY, is_home_city=True)
                   .values_list("code", flat=True))
    return {code: (int(code in covered), 1) for code in communities}


# --- for other apps: the institutions register --------------------------------------------

def scenic_areas_on_register() -> list[tuple[str, int | None, int]]:
    """The 4A+ scenic areas on the register of Chengdu's districts: (region code, member unit id or None, staff
    headcount), one row each. Training's scenic-staff targets take their denominator from here: all staff of
    every scenic area on the register, whether or not it has a Red Cross member unit yet."""
    from organizations.choices import InstitutionKind, ScenicGrade
    from organizations.models_grassroots import Institution

    return list(Institution.objects.filter(kind=InstitutionKind.SCENIC_AREA, scenic_grade__in=ScenicGrade.values,
                                           is_active=True, region__is_home_city=True)
                .order_by("region_id", "pk").values_list("region_id", "member_unit_id", "headcount"))


def scenic_area_headcounts(unit_ids) -> dict[int, int]:
    """{member unit id: staff headcount} of the scenic areas on the register linked to those member units (a unit
    linked to two register rows counts both); units not on the register are absent."""
    from django.db.models import Sum

    from organizations.choices import InstitutionKind, ScenicGrade
    from organizations.models_grassroots import Institution

    rows = (Institution.objects.filter(kind=InstitutionKind.SCENIC_AREA, scenic_grade__in=ScenicGrade.values,
                                       is_active=True, member_unit_id__in=list(unit_ids))
            .values("member_unit_id").annotate(staff=Sum("headcount")).values_list("member_unit_id", "staff"))
    return dict(rows)


def schools_on_register(*, user) -> dict[tuple[str, str], int]:
    """{(region code, name): id} of the schools and universities on the register within the user's area."""
    from organizations.choices import InstitutionKind
    from organizations.models_grassroots import Institution

    rows = scope_queryset(Institution.objects.filter(
        kind__in=[InstitutionKind.SCHOOL, InstitutionKind.UNIVERSITY], is_active=True), user)
    return {(code, name): pk for pk, code, name in rows.values_list("pk", "region_id", "name")}
