"""Grassroots coverage: disaster-prevention centres, the institutions register, AED stations, a town's work."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from organizations import grassroots_selectors as selectors
from organizations import grassroots_services as services
from organizations import services as organization_services
from organizations.choices import CentreStatus, OrganizationKind
from organizations.models import Centre, CoverageSnapshot, Region, TownWorkOverride
from organizations.services import coverage_recompute
from redcross.testing import OrganizationFactory
from tests.organizations import samples
from tests.training import samples as training_samples

pytestmark = pytest.mark.django_db

COMMUNITY = "510104022006"


def complete_checklist(centre, personas, staff=2):
    for n in range(staff):
        certificate = training_samples.certificate(personas, n=900 + n)
        services.centre_staff_add(actor=personas["jinjiang"], centre=centre,
                                  certificate_number=certificate.number, duty="值守")
    return services.centre_save(actor=personas["jinjiang"], centre=centre, premises_area=Decimal("120"), aeds=1,
                                has_supplies=True, has_signage=True, has_evacuation_map=True)


def test_a_community_centre_takes_its_zone_from_its_district(personas):
    centre = samples.centre(personas)
    assert centre.district_id == "510104000000"
    assert centre.zone == "central"
    Region.objects.filter(code="510104000000").update(zone="near")
    centre.refresh_from_db()
    assert centre.zone == "near"


def test_a_centre_with_one_checklist_item_missing_is_not_accepted(personas):
    centre = samples.centre(personas)
    complete_checklist(centre, personas)
    services.centre_save(actor=personas["jinjiang"], centre=centre, has_evacuation_map=False)
    services.centre_advance(actor=personas["jinjiang"], centre=centre, to_status=CentreStatus.BUILT)
    with pytest.raises(ValidationError) as error:
        services.centre_advance(actor=personas["jinjiang"], centre=centre, to_status=CentreStatus.ACCEPTED)
    assert "has_evacuation_map" in error.value.message_dict
    assert "疏散" in " ".join(error.value.message_dict["status"]) or "evacuation" in str(error.value)
    assert Centre.objects.get(pk=centre.pk).status == CentreStatus.BUILT


def test_a_centre_with_a_complete_checklist_is_accepted_and_then_operates(personas):
    centre = complete_checklist(samples.centre(personas), personas)
    assert centre.trained_staff == 2
    services.centre_advance(actor=personas["jinjiang"], centre=centre, to_status=CentreStatus.BUILT)
    accepted = services.centre_advance(actor=personas["jinjiang"], centre=centre, to_status=CentreStatus.ACCEPTED)
    assert accepted.accepted_on == timezone.localdate() and accepted.accepted_by == personas["jinjiang"]
    operating = services.centre_advance(actor=personas["jinjiang"], centre=centre, to_status=CentreStatus.OPERATING)
    assert operating.status == CentreStatus.OPERATING
    assert list(selectors.public_centres(town="510104022000")) == [operating]


def test_staff_count_only_with_a_valid_certificate(personas):
    centre = samples.centre(personas)
    with pytest.raises(ValidationError) as error:
        services.centre_staff_add(actor=personas["jinjiang"], centre=centre, certificate_number="NOPE-123")
    assert "certificate_number" in error.value.message_dict
    certificate = training_samples.certificate(personas, n=930)
    services.centre_staff_add(actor=personas["jinjiang"], centre=centre, certificate_number=certificate.number)
    assert Centre.objects.get(pk=centre.pk).trained_staff == 1
    # The certificate lapses: the nightly refresh takes the person off the count.
    type(certificate).objects.filter(pk=certificate.pk).update(
        issued_on=timezone.localdate() - timedelta(days=1200), expires_on=timezone.localdate() - timedelta(days=1))
    services.certificate_figures_refresh()
    assert Centre.objects.get(pk=centre.pk).trained_staff == 0


def test_a_centre_cannot_skip_a_step_or_be_registered_outside_the_area(personas):
    centre = samples.centre(personas)
    with pytest.raises(ValidationError) as error:
        services.centre_advance(actor=personas["jinjiang"], centre=centre, to_status=CentreStatus.ACCEPTED)
    assert "status" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        samples.centre(personas, actor="qingyang", name="青羊越权中心")
    assert "region" in error.value.message_dict


def test_a_scenic_area_centre_carries_its_a_grade(personas):
    unit = OrganizationFactory(region_code="510104022000", kind=OrganizationKind.MEMBER_UNIT, unit_type="scenic_area",
                               name="某4A景区红十字会员单位")
    with pytest.raises(ValidationError) as error:
        services.centre_save(actor=personas["jinjiang"], name="景区防灾避险中心", host_kind="scenic_area",
                             region=Region.objects.get(code="510104022000"), host=unit, address="景区东门")
    assert "scenic_grade" in error.value.message_dict
    centre = services.centre_save(actor=personas["jinjiang"], name="景区防灾避险中心", host_kind="scenic_area",
                                  region=Region.objects.get(code="510104022000"), host=unit, address="景区东门",
                                  scenic_grade="4A")
    assert centre.scenic_grade == "4A"


def test_an_institution_with_an_inactive_member_unit_does_not_count(personas):
    school = samples.institution(personas, kind="school", school_stage="primary", name="锦江实验小学")
    hospital = samples.institution(personas, kind="hospital", name="锦江区人民医院")
    unit = OrganizationFactory(region_code="510104022000", kind=OrganizationKind.MEMBER_UNIT, unit_type="school",
                               name="锦江实验小学红十字会")
    services.institution_save(actor=personas["jinjiang"], institution=school, member_unit=unit)
    rows = {r["key"]: r for r in selectors.institution_coverage(user=personas["jinjiang"])}
    assert (rows["school"]["covered"], rows["school"]["total"]) == (1, 1)
    assert (rows["hospital"]["covered"], rows["hospital"]["total"]) == (0, 1)
    unit.is_active = False
    unit.save()
    rows = {r["key"]: r for r in selectors.institution_coverage(user=personas["jinjiang"])}
    assert rows["school"]["covered"] == 0
    figures = selectors.institutions_covered_figures("school")()
    assert figures["510104000000"] == (0, 1)
    assert hospital.is_covered is False
    unit.is_active = True
    unit.save()
    zones = {r["key"]: (r["covered"], r["total"]) for r in selectors.institution_coverage(user=personas["city_admin"],
                                                                                          by="zone")}
    assert zones == {"central": (1, 2), "near": (0, 0), "far": (0, 0)}  # Jinjiang is a central district


def test_a_school_needs_its_stage_and_a_scenic_area_its_grade(personas):
    with pytest.raises(ValidationError) as error:
        samples.institution(personas, kind="school", name="无学段学校")
    assert "school_stage" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        samples.institution(personas, kind="scenic_area", name="无等级景区")
    assert "scenic_grade" in error.value.message_dict


def test_a_towns_work_comes_from_activity_in_the_last_twelve_months(personas):
    today = timezone.localdate()
    assert "510104022000" not in selectors.towns_with_work(on=today)
    training_samples.session(personas, starts_in=timedelta(days=-30))  # held in 春熙路街道
    assert "510104022000" in selectors.towns_with_work(on=today)
    assert "510104022000" not in selectors.towns_with_work(on=today + timedelta(days=400))
    coverage_recompute(as_of=today)
    assert CoverageSnapshot.objects.get(region_id="510104022000", as_of=today).towns_with_work == 1


def test_the_typed_flag_is_only_an_override_with_a_reason(personas):
    town = Region.objects.get(code="510104022000")
    with pytest.raises(ValidationError) as error:
        organization_services.town_work_override_set(actor=personas["jinjiang"], region=town, has_work=True, reason=" ")
    assert "reason" in error.value.message_dict
    training_samples.session(personas, starts_in=timedelta(days=-30))
    organization_services.town_work_override_set(actor=personas["jinjiang"], region=town, has_work=False,
                                    reason="培训为区级集中举办，街道未实际开展工作")
    assert "510104022000" not in selectors.towns_with_work()
    assert TownWorkOverride.objects.get(region=town).set_by == personas["jinjiang"]


def test_an_aed_counts_the_first_aiders_living_in_its_community(personas):
    certificate = training_samples.certificate(personas, n=940)
    station = samples.aed_station(personas, region_code=certificate.person.region_id)
    assert station.trained_nearby == 1
    services.aed_inspection_record(actor=personas["jinjiang"], station=station, inspected_on=timezone.localdate(),
                                   inspector="王检查", working=False)
    station.refresh_from_db()
    assert station.status == "out_of_service"
    assert station.next_inspection_on == timezone.localdate() + timedelta(days=90)


def test_inspection_reminders_go_out_once(personas):
    station = samples.aed_station(personas)
    services.aed_inspection_record(actor=personas["jinjiang"], station=station,
                                   inspected_on=timezone.localdate() - timedelta(days=85), inspector="王检查")
    assert selectors.inspection_reminders_send() == 1
    assert selectors.inspection_reminders_send() == 0


def test_coverage_figures_by_type_and_zone_are_stored_for_the_day(personas):
    samples.institution(personas, kind="hospital", name="锦江区人民医院")
    samples.centre(personas)
    services.coverage_figures_recompute()
    from organizations.models import CoverageFigure

    figure = CoverageFigure.objects.get(region_id="510104000000", key="institutions.hospital")
    assert (figure.numerator, figure.denominator) == (0, 1)
    assert CoverageFigure.objects.get(region_id="510100000000", key="centres.zone.central").denominator == 1
