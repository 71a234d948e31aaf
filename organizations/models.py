from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from organizations.choices import (
    PREFIX_LENGTH,
    SOCIETY_KINDS,
    OrganizationKind,
    RegionLevel,
    StaffRole,
    UnitType,
    Zone,
)
from redcross.api.rows import row_property
from redcross.history import tracked
from redcross.scoping import ScopedQuerySet, prefix_index

region_code_validator = RegexValidator(
    r"^\d{12}$", _("Region code: enter the 12-digit statistical division code."), code="region_code"
)


@tracked()
class Region(models.Model):
    """A statistical division: city → district → town/street → community/village."""

    code = models.CharField(_("code"), max_length=12, primary_key=True, validators=[region_code_validator])
    name = models.CharField(_("name"), max_length=100)
    level = models.CharField(_("level"), max_length=16, choices=RegionLevel.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent region"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="children",
    )
    zone = models.CharField(
        _("zone"), max_length=16, choices=Zone.choices, blank=True,
        help_text=_("Pilot zone of a district: central, near suburb or far suburb."),
    )
    is_home_city = models.BooleanField(
        _("in Chengdu"), default=True,
        help_text=_("False for the neighbouring cities of the Chengdu–Deyang–Meishan–Ziyang area."),
    )

    objects = ScopedQuerySet.as_manager()
    scope_region_lookup = "code"

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["code"]
        indexes = [
            models.Index(fields=["level", "code"], name="region_level_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(code__regex=r"^\d{12}$"), name="region_code_12_digits",
                violation_error_message=_("Region code: enter the 12-digit statistical division code."),
            ),
            models.CheckConstraint(
                condition=Q(zone="") | Q(level=RegionLevel.DISTRICT), name="region_zone_only_on_districts",
                violation_error_message=_("Zone: only a district has a zone."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("organizations:region_detail", args=[self.code])

    @property
    def prefix(self):
        return self.code[: PREFIX_LENGTH[self.level]]


class OrganizationQuerySet(ScopedQuerySet):
    def active(self):
        return self.filter(is_active=True)


@tracked()
class Organization(models.Model):
    """A Red Cross organisation or member unit, placed in one region."""

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=32, choices=OrganizationKind.choices)
    unit_type = models.CharField(
        _("unit type"), max_length=16, choices=UnitType.choices, blank=True,
        help_text=_("For member units: university, school, enterprise, hospital, scenic area or other."),
    )
    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="organizations")
    parent = models.ForeignKey(
        "self", verbose_name=_("parent organisation"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="children",
    )
    credit_code = models.CharField(_("unified social credit code"), max_length=18, blank=True)
    established_on = models.DateField(_("established on"), null=True, blank=True)
    has_premises = models.BooleanField(
        _("has premises"), default=False, help_text=_("阵地: a place of its own for Red Cross work.")
    )
    premises_address = models.CharField(_("premises address"), max_length=255, blank=True)
    premises_area = models.DecimalField(_("premises area (m²)"), max_digits=9, decimal_places=2, null=True, blank=True)
    has_regular_work = models.BooleanField(
        _("carries out work"), default=False, help_text=_("工作: regular Red Cross work in the past year.")
    )
    head_name = models.CharField(_("person in charge"), max_length=50, blank=True,
                                 help_text=_("负责人: signs certificates and receipts issued by the organisation."))
    contact_person = models.CharField(_("contact person"), max_length=50, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=20, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = OrganizationQuerySet.as_manager()
    scope_region_lookup = "region__code"

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["region_id", "name"]
        indexes = [
            models.Index(fields=["kind", "region"], name="organization_kind_region_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "kind"], condition=Q(kind__in=SOCIETY_KINDS, is_active=True),
                name="one_society_per_region",
                violation_error_message=_("Region: this region already has an active Red Cross society of this kind."),
            ),
            models.CheckConstraint(
                condition=Q(unit_type="") | Q(kind=OrganizationKind.MEMBER_UNIT),
                name="unit_type_only_on_member_units",
                violation_error_message=_("Unit type: only a member unit has a unit type."),
            ),
            models.CheckConstraint(
                condition=~Q(kind=OrganizationKind.MEMBER_UNIT) | ~Q(unit_type=""),
                name="member_unit_has_unit_type",
                violation_error_message=_("Unit type: a member unit needs a unit type."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("organizations:organization_detail", args=[self.pk])


class StaffProfileQuerySet(ScopedQuerySet):
    pass


@tracked()
class StaffProfile(models.Model):
    """The organisation and role of a staff user; the organisation fixes the scope."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="staff_profile"
    )
    organization = models.ForeignKey(
        Organization, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="staff"
    )
    role = models.CharField(_("role"), max_length=32, choices=StaffRole.choices)
    title = models.CharField(_("job title"), max_length=100, blank=True)

    objects = StaffProfileQuerySet.as_manager()
    scope_region_lookup = "organization__region__code"

    class Meta:
        verbose_name = _("staff profile")
        verbose_name_plural = _("staff profiles")

    def __str__(self):
        return f"{self.user.get_username()} ({self.get_role_display()})"

    def get_absolute_url(self):
        return reverse("organizations:staff_detail", args=[self.pk])


class CoverageSnapshot(models.Model):
    """Grassroots coverage of one region on one day, computed by a Celery task.

    "三有" for a town: a Red Cross organisation, premises and work. A community
    is covered when it has a service centre or a work station.
    """

    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.CASCADE, related_name="coverage",
                               db_index=False)
    as_of = models.DateField(_("as of"))
    computed_at = models.DateTimeField(_("computed at"))
    towns_total = models.PositiveIntegerField(_("towns"), default=0)
    towns_with_organization = models.PositiveIntegerField(_("towns with an organisation"), default=0)
    towns_with_premises = models.PositiveIntegerField(_("towns with premises"), default=0)
    towns_with_work = models.PositiveIntegerField(_("towns with work"), default=0)
    towns_covered = models.PositiveIntegerField(_("towns with all three"), default=0)
    communities_total = models.PositiveIntegerField(_("communities"), default=0)
    communities_with_station = models.PositiveIntegerField(_("communities with a station"), default=0)

    objects = ScopedQuerySet.as_manager()
    scope_region_lookup = "region__code"
    history_exempt = "A snapshot per day computed by a task from tracked records; never edited, so itself a history."

    class Meta:
        verbose_name = _("coverage snapshot")
        verbose_name_plural = _("coverage snapshots")
        ordering = ["region_id"]
        indexes = [prefix_index("region", "coverage_region_prefix_idx")]
        constraints = [
            models.UniqueConstraint(fields=["region", "as_of"], name="one_coverage_snapshot_per_region_day"),
            models.CheckConstraint(
                condition=Q(towns_covered__lte=models.F("towns_total"))
                & Q(communities_with_station__lte=models.F("communities_total")),
                name="coverage_counts_within_totals",
            ),
        ]

    def __str__(self):
        return f"{self.region} {self.as_of}"

    @staticmethod
    def _rate(part, whole):
        return round(100 * part / whole, 1) if whole else 0.0

    @row_property("towns_covered", "towns_total")
    def town_rate(self):
        return self._rate(self.towns_covered, self.towns_total)

    @row_property("communities_with_station", "communities_total")
    def community_rate(self):
        return self._rate(self.communities_with_station, self.communities_total)


# Grassroots coverage models live in their own module to keep this one to the region tree and organisations.
from organizations.models_grassroots import (  # noqa: E402,F401
    AedInspection,
    AedStation,
    Centre,
    CentreInspection,
    CentreStaff,
    CoverageFigure,
    Institution,
    PartnerSite,
    TownWorkOverride,
)
