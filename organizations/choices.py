from django.db import models
from django.utils.translation import gettext_lazy as _


class RegionLevel(models.TextChoices):
    CITY = "city", _("City")
    DISTRICT = "district", _("District / county")
    TOWN = "town", _("Town / sub-district")
    COMMUNITY = "community", _("Community / village")


class Zone(models.TextChoices):
    CENTRAL = "central", _("Central districts")
    NEAR = "near", _("Near suburbs")
    FAR = "far", _("Far suburbs")


class OrganizationKind(models.TextChoices):
    CITY_SOCIETY = "city_society", _("City Red Cross society")
    DISTRICT_SOCIETY = "district_society", _("District / county Red Cross society")
    TOWN_ORGANIZATION = "town_organization", _("Town / sub-district Red Cross organisation")
    SERVICE_CENTRE = "service_centre", _("Community Red Cross service centre")
    WORK_STATION = "work_station", _("Community Red Cross work station")
    MEMBER_UNIT = "member_unit", _("Member unit")
    PARTNER_SOCIETY = "partner_society", _("Partner society (Chengdu–Deyang–Meishan–Ziyang)")


class UnitType(models.TextChoices):
    UNIVERSITY = "university", _("University")
    SCHOOL = "school", _("School")
    ENTERPRISE = "enterprise", _("Enterprise")
    HOSPITAL = "hospital", _("Hospital")
    SCENIC_AREA = "scenic_area", _("Scenic area")
    OTHER = "other", _("Other")


class StaffRole(models.TextChoices):
    CITY_ADMIN = "city_admin", _("City administrator")
    DISTRICT_STAFF = "district_staff", _("District staff")
    ORGANISER = "organiser", _("Town / community organiser")
    FINANCE = "finance", _("Finance officer")
    AUDITOR = "auditor", _("Auditor (supervisory board)")
    PARTNER_AGENCY = "partner_agency", _("Partner agency (API only)")


# Levels whose code keeps this many leading digits for the subtree prefix.
PREFIX_LENGTH = {
    RegionLevel.CITY: 4,
    RegionLevel.DISTRICT: 6,
    RegionLevel.TOWN: 9,
    RegionLevel.COMMUNITY: 12,
}

# Kinds that count as the one Red Cross organisation of their region.
SOCIETY_KINDS = (
    OrganizationKind.CITY_SOCIETY,
    OrganizationKind.DISTRICT_SOCIETY,
    OrganizationKind.TOWN_ORGANIZATION,
    OrganizationKind.PARTNER_SOCIETY,
)
STATION_KINDS = (OrganizationKind.SERVICE_CENTRE, OrganizationKind.WORK_STATION)


# --- grassroots: disaster-prevention centres, institutions, AED stations, partner sites ---

class CentreHostKind(models.TextChoices):
    TOWN = "town", _("Town / sub-district")
    COMMUNITY = "community", _("Community / village")
    SCENIC_AREA = "scenic_area", _("4A+ scenic area")


class CentreStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    BUILT = "built", _("Built")
    ACCEPTED = "accepted", _("Accepted")
    OPERATING = "operating", _("Operating")


# The only moves a centre makes: one step forward each time.
CENTRE_NEXT_STATUS = {
    CentreStatus.PLANNED: CentreStatus.BUILT,
    CentreStatus.BUILT: CentreStatus.ACCEPTED,
    CentreStatus.ACCEPTED: CentreStatus.OPERATING,
}


class ScenicGrade(models.TextChoices):
    A4 = "4A", _("4A")
    A5 = "5A", _("5A")


class InstitutionKind(models.TextChoices):
    ENTERPRISE = "enterprise", _("Large enterprise")
    UNIVERSITY = "university", _("University")
    SCHOOL = "school", _("Primary or secondary school")
    HOSPITAL = "hospital", _("Hospital")
    SCENIC_AREA = "scenic_area", _("4A+ scenic area")
    INDUSTRIAL_PARK = "industrial_park", _("Industrial park")


class SchoolStage(models.TextChoices):
    PRIMARY = "primary", _("Primary school")
    JUNIOR = "junior", _("Junior secondary")
    SENIOR = "senior", _("Senior secondary")
    VOCATIONAL = "vocational", _("Vocational secondary")
    COMPLETE = "complete", _("Complete secondary (junior and senior)")
    NINE_YEAR = "nine_year", _("Nine-year school")


class PartnerSiteKind(models.TextChoices):
    CIVILISATION_CENTRE = "civilisation", _("New-era civilisation practice centre")
    VETERANS_STATION = "veterans", _("Community veterans' service station")
    LIFELONG_LEARNING = "lifelong", _("Open university community lifelong-learning point")


class AedStatus(models.TextChoices):
    IN_SERVICE = "in_service", _("In service")
    OUT_OF_SERVICE = "out_of_service", _("Out of service")
    REMOVED = "removed", _("Removed")
