"""锦江 samples for the organizations app, discovered by the platform walks (tests/platform/)."""

from organizations.models import CoverageSnapshot, Organization, Region, StaffProfile
from organizations.services import coverage_recompute
from redcross.testing import OrganizationFactory


def coverage_snapshot(personas):
    coverage_recompute()
    return CoverageSnapshot.objects.get(region_id="510104022000")


SAMPLES = {
    Region: lambda p: Region.objects.get(code="510104022000"),
    Organization: lambda p: OrganizationFactory(region_code="510104022000", name="锦江样本工作站"),
    CoverageSnapshot: coverage_snapshot,
    StaffProfile: lambda p: p["jinjiang"].staff_profile,
}


def many(personas, count=60):
    """More than a page of five of every organizations list (tests/platform/test_api_queries.py)."""
    OrganizationFactory.create_batch(count, region_code="510104022000")
    coverage_recompute()
