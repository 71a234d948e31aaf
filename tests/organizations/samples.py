"""锦江 samples for the organizations app, discovered by the platform walks (tests/platform/)."""

from organizations.models import CoverageSnapshot, Organization, Region, StaffProfile
from organizations.services import coverage_recompute
from redcross.testing import OrganizationFactory


def coverage_snapshot(personas):
    coverage_recompute()
    return CoverageSnapshot.objects.get(region_id="510104022000")




def many(personas, count=60):
    """More than a page of five of every organizations list (tests/platform/test_api_queries.py)."""
    OrganizationFactory.create_batch(count, region_code="510104022000")
    coverage_recompute()


# --- grassroots (disaster-prevention centres, institutions, AED stations, partner sites) -----------------

def centre(personas, actor="jinjiang", name="春熙路社区防灾避险中心", region_code="510104022006", **extra):
    from organizations import grassroots_services
    from organizations.models import Centre

    existing = Centre.objects.filter(name=name, region_id=region_code).first()
    if existing is not None:
        return existing
    return grassroots_services.centre_save(
        actor=personas[actor], name=name, host_kind=extra.pop("host_kind", "community"),
        region=Region.objects.get(code=region_code), batch=1, address="红星路三段1号", shelter_capacity=300, **extra)


def centre_inspection(personas):
    from datetime import timedelta

    from django.utils import timezone

    from organizations import grassroots_services

    return grassroots_services.centre_inspection_record(
        actor=personas["jinjiang"], centre=centre(personas), inspected_on=timezone.localdate() - timedelta(days=3),
        inspector="锦江区红十字会检查组")


def institution(personas, kind="enterprise", name="锦江样本企业", region_code="510104022000", actor="jinjiang",
                **extra):
    from organizations import grassroots_services
    from organizations.models import Institution

    existing = Institution.objects.filter(name=name, region_id=region_code).first()
    if existing is not None:
        return existing
    return grassroots_services.institution_save(
        actor=personas[actor], name=name, kind=kind, region=Region.objects.get(code=region_code),
        headcount=extra.pop("headcount", 1200), **extra)


def aed_station(personas, name="春熙路地铁站AED", region_code="510104022006", serial=None):
    from django.utils import timezone

    from organizations import grassroots_services
    from organizations.models import AedStation

    serial = serial or f"AED-{name}"
    existing = AedStation.objects.filter(serial_number=serial.upper()).first()
    if existing is not None:
        return existing
    return grassroots_services.aed_station_save(
        actor=personas["jinjiang"], name=name, region=Region.objects.get(code=region_code), address="春熙路站B口",
        host_unit="成都地铁运营有限公司", device_model="迈瑞 BeneHeart C2", serial_number=serial,
        installed_on=timezone.localdate())


def aed_inspection(personas):
    from django.utils import timezone

    from organizations import grassroots_services

    return grassroots_services.aed_inspection_record(
        actor=personas["jinjiang"], station=aed_station(personas), inspected_on=timezone.localdate(),
        inspector="锦江区红十字会")


def partner_site(personas, name="春熙路街道新时代文明实践所", region_code="510104022000"):
    from organizations import grassroots_services
    from organizations.models import PartnerSite

    existing = PartnerSite.objects.filter(name=name, region_id=region_code).first()
    if existing is not None:
        return existing
    return grassroots_services.partner_site_save(
        actor=personas["jinjiang"], name=name, kind="civilisation", region=Region.objects.get(code=region_code),
        agency="锦江区委宣传部", agreement_number="JJ-2025-01", services="应急救护培训、无偿献血宣传")


def work_override(personas, region_code="510104022000"):
    from organizations import services as organization_services

    return organization_services.town_work_override_set(
        actor=personas["jinjiang"], region=Region.objects.get(code=region_code), has_work=True,
        reason="街道年度工作台账已核验")


def coverage_figure(personas):
    from organizations import grassroots_services
    from organizations.models import CoverageFigure

    institution(personas)
    grassroots_services.coverage_figures_recompute()
    return CoverageFigure.objects.get(region_id="510104000000", key="institutions.enterprise")


def many_grassroots(personas, count=8):
    for n in range(count):
        centre(personas, name=f"样本防灾避险中心{n}")
        institution(personas, name=f"样本企业{n}")
        aed_station(personas, name=f"样本AED{n}")
        partner_site(personas, name=f"样本合作站点{n}")
    for _n in range(count):
        centre_inspection(personas)
        aed_inspection(personas)
    for town in Region.objects.filter(parent_id="510104000000", level="town").order_by("code")[:count]:
        work_override(personas, region_code=town.code)
    coverage_figure(personas)


def _grassroots_samples():
    from organizations.models import (
        AedInspection,
        AedStation,
        Centre,
        CentreInspection,
        CoverageFigure,
        Institution,
        PartnerSite,
        TownWorkOverride,
    )

    return {Centre: centre, CentreInspection: centre_inspection, Institution: institution, AedStation: aed_station,
            AedInspection: aed_inspection, PartnerSite: partner_site, TownWorkOverride: work_override,
            CoverageFigure: coverage_figure}


SAMPLES = {
    Region: lambda p: Region.objects.get(code="510104022000"),
    Organization: lambda p: OrganizationFactory(region_code="510104022000", name="锦江样本工作站"),
    CoverageSnapshot: coverage_snapshot,
    StaffProfile: lambda p: p["jinjiang"].staff_profile,
    **_grassroots_samples(),
}
