"""Grassroots coverage beyond the 三有 towns (action plan 3): disaster-prevention centres, the register of
institutions to cover, AED stations, partner sites, and the reasoned override of a town's "work"."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from organizations.choices import (
    AedStatus,
    CentreHostKind,
    CentreStatus,
    InstitutionKind,
    PartnerSiteKind,
    ScenicGrade,
    SchoolStage,
)
from redcross.history import tracked
from redcross.scoping import ScopedQuerySet, prefix_index

ACCEPTED_STATUSES = (CentreStatus.ACCEPTED, CentreStatus.OPERATING)


def centre_min_trained_staff() -> int:
    return settings.REDCROSS.get("CENTRE_MIN_TRAINED_STAFF", 2)


@tracked()
class Centre(models.Model):
    """A 红十字防灾避险中心 pilot, hosted by a town, a community or a 4A+ scenic area."""

    name = models.CharField(_("name"), max_length=200)
    host_kind = models.CharField(_("host"), max_length=16, choices=CentreHostKind.choices)
    region = models.ForeignKey("organizations.Region", verbose_name=_("region"), on_delete=models.PROTECT,
                               related_name="centres",
                               help_text=_("The hosting town or community; for a scenic area, the town it lies in."),
                               db_index=False)
    district = models.ForeignKey("organizations.Region", verbose_name=_("district"), on_delete=models.PROTECT,
                                 related_name="+", editable=False, db_index=False)
    host = models.ForeignKey("organizations.Organization", verbose_name=_("host organisation"), null=True,
                             blank=True, on_delete=models.PROTECT, related_name="centres",
                             help_text=_("The town or community Red Cross organisation, or the scenic area's "
                                         "member unit."))
    scenic_grade = models.CharField(_("scenic area grade"), max_length=2, choices=ScenicGrade.choices, blank=True)
    batch = models.PositiveSmallIntegerField(_("pilot batch"), default=1)
    status = models.CharField(_("status"), max_length=16, choices=CentreStatus.choices, default=CentreStatus.PLANNED)
    address = models.CharField(_("address"), max_length=255)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    shelter_capacity = models.PositiveIntegerField(_("shelter capacity (people)"), default=0)
    # The checklist: every item must be met before acceptance.
    premises_area = models.DecimalField(_("premises area (m²)"), max_digits=9, decimal_places=2, null=True,
                                        blank=True)
    aeds = models.PositiveSmallIntegerField(_("AEDs"), default=0)
    has_supplies = models.BooleanField(_("emergency supplies stocked"), default=False)
    has_signage = models.BooleanField(_("signage in place"), default=False)
    has_evacuation_map = models.BooleanField(_("evacuation map posted"), default=False)
    trained_staff = models.PositiveSmallIntegerField(
        _("trained staff on site"), default=0, editable=False,
        help_text=_("Staff listed by certificate number whose first-aid certificate is valid today."))
    accepted_on = models.DateField(_("accepted on"), null=True, blank=True, editable=False)
    accepted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("accepted by"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+", editable=False)
    next_inspection_on = models.DateField(_("next inspection due"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    scope_region_lookup = "region__code"

    class Meta:
        verbose_name = _("disaster-prevention centre")
        verbose_name_plural = _("disaster-prevention centres")
        ordering = ["region_id", "name"]
        indexes = [prefix_index("region", "centre_region_prefix_idx"),
                   models.Index(fields=["district", "status"], name="centre_district_status_idx")]
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="unique_centre_name_in_region",
                                    violation_error_message=_("Name: this region already has a centre of that name.")),
            models.CheckConstraint(
                condition=Q(host_kind=CentreHostKind.SCENIC_AREA, scenic_grade__in=ScenicGrade.values)
                | (~Q(host_kind=CentreHostKind.SCENIC_AREA) & Q(scenic_grade="")),
                name="centre_scenic_grade_for_scenic_hosts",
                violation_error_message=_("Scenic area grade: a scenic-area host has its A grade; others have none.")),
            models.CheckConstraint(
                condition=~Q(status__in=ACCEPTED_STATUSES)
                | Q(accepted_on__isnull=False, premises_area__gt=0, aeds__gte=1, has_supplies=True, has_signage=True,
                    has_evacuation_map=True),
                name="centre_accepted_with_checklist",
                violation_error_message=_("Status: a centre is accepted only with a complete checklist.")),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("organizations:centre_detail", args=[self.pk])

    @property
    def zone(self):
        return self.district.zone if self.district_id else ""

    def get_zone_display(self):
        from organizations.choices import Zone

        return Zone(self.zone).label if self.zone else ""

    def checklist(self):
        """[(key, label, met)] in the order the acceptance form shows them."""
        return [
            ("premises_area", _("premises area (m²)"), bool(self.premises_area and self.premises_area > 0)),
            ("aeds", _("AEDs"), self.aeds >= 1),
            ("has_supplies", _("emergency supplies stocked"), self.has_supplies),
            ("has_signage", _("signage in place"), self.has_signage),
            ("has_evacuation_map", _("evacuation map posted"), self.has_evacuation_map),
            ("trained_staff", _("trained staff on site"), self.trained_staff >= centre_min_trained_staff()),
        ]

    def checklist_missing(self):
        return [key for key, _label, met in self.checklist() if not met]

    @property
    def checklist_complete(self) -> bool:
        return not self.checklist_missing()


@tracked()
class CentreStaff(models.Model):
    """A person on duty at a centre, known by their first-aid certificate number (no personal data here)."""

    centre = models.ForeignKey(Centre, verbose_name=_("centre"), on_delete=models.CASCADE, related_name="staff",
                               db_index=False)
    certificate_number = models.CharField(_("certificate number"), max_length=20)
    duty = models.CharField(_("duty"), max_length=100, blank=True)

    scope_region_lookup = "centre__region__code"

    class Meta:
        verbose_name = _("centre staff member")
        verbose_name_plural = _("centre staff")
        constraints = [models.UniqueConstraint(
            fields=["centre", "certificate_number"], name="one_staff_entry_per_certificate",
            violation_error_message=_("Certificate number: already listed at this centre."))]

    def __str__(self):
        return self.certificate_number


@tracked()
class CentreInspection(models.Model):
    centre = models.ForeignKey(Centre, verbose_name=_("centre"), on_delete=models.CASCADE, related_name="inspections")
    inspected_on = models.DateField(_("inspected on"))
    inspector = models.CharField(_("inspector"), max_length=100)
    passed = models.BooleanField(_("passed"), default=True)
    findings = models.TextField(_("findings"), blank=True)
    next_due_on = models.DateField(_("next inspection due"))

    objects = ScopedQuerySet.as_manager()
    scope_region_lookup = "centre__region__code"

    class Meta:
        verbose_name = _("centre inspection")
        verbose_name_plural = _("centre inspections")
        ordering = ["-inspected_on", "-id"]
        constraints = [models.CheckConstraint(
            condition=Q(next_due_on__gt=models.F("inspected_on")), name="centre_inspection_next_after",
            violation_error_message=_("Next inspection due: after the inspection date."))]

    def __str__(self):
        return f"{self.centre} · {self.inspected_on}"

    def get_absolute_url(self):
        return reverse("organizations:centre_detail", args=[self.centre_id]) + f"#inspection-{self.pk}"


@tracked()
class Institution(models.Model):
    """An institution the plan wants a Red Cross organisation or member unit in (the district's register)."""

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("type"), max_length=16, choices=InstitutionKind.choices)
    school_stage = models.CharField(_("school stage"), max_length=16, choices=SchoolStage.choices, blank=True)
    scenic_grade = models.CharField(_("scenic area grade"), max_length=2, choices=ScenicGrade.choices, blank=True)
    region = models.ForeignKey("organizations.Region", verbose_name=_("region"), on_delete=models.PROTECT,
                               related_name="institutions", db_index=False)
    credit_code = models.CharField(_("unified social credit code"), max_length=18, blank=True)
    headcount = models.PositiveIntegerField(_("headcount (staff)"), default=0)
    address = models.CharField(_("address"), max_length=255, blank=True)
    member_unit = models.ForeignKey(
        "organizations.Organization", verbose_name=_("Red Cross organisation or member unit"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="institutions",
        help_text=_("Counts for coverage only while that organisation is active."))
    is_active = models.BooleanField(_("on the register"), default=True)

    objects = ScopedQuerySet.as_manager()
    scope_region_lookup = "region__code"
    large_choice = True  # filters take an id, not a select of every row

    class Meta:
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")
        ordering = ["region_id", "kind", "name"]
        indexes = [prefix_index("region", "institution_region_prefix_idx"),
                   models.Index(fields=["kind", "region"], name="institution_kind_region_idx")]
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="unique_institution_name_in_region",
                                    violation_error_message=_("Name: this region already has an institution of "
                                                              "that name.")),
            models.CheckConstraint(
                condition=Q(kind=InstitutionKind.SCHOOL, school_stage__in=SchoolStage.values)
                | (~Q(kind=InstitutionKind.SCHOOL) & Q(school_stage="")),
                name="institution_stage_for_schools",
                violation_error_message=_("School stage: a school has its stage; other institutions have none.")),
            models.CheckConstraint(
                condition=Q(kind=InstitutionKind.SCENIC_AREA, scenic_grade__in=ScenicGrade.values)
                | (~Q(kind=InstitutionKind.SCENIC_AREA) & Q(scenic_grade="")),
                name="institution_grade_for_scenic_areas",
                violation_error_message=_("Scenic area grade: a scenic area has its A grade; other institutions "
                                          "have none.")),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("organizations:institution_detail", args=[self.pk])

    @property
    def is_covered(self) -> bool:
        return bool(self.member_unit_id and self.member_unit.is_active)


@tracked()
class AedStation(models.Model):
    """A public AED and the place it hangs, with its inspections and the first-aiders living nearby."""

    name = models.CharField(_("place"), max_length=200)
    region = models.ForeignKey("organizations.Region", verbose_name=_("region"), on_delete=models.PROTECT,
                               related_name="aed_stations")
    address = models.CharField(_("address"), max_length=255)
    host_unit = models.CharField(_("host unit"), max_length=200)
    institution = models.ForeignKey(Institution, verbose_name=_("institution"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="aed_stations")
    device_model = models.CharField(_("device model"), max_length=100)
    serial_number = models.CharField(_("serial number"), max_length=64)
    installed_on = models.DateField(_("installed on"))
    status = models.CharField(_("status"), max_length=16, choices=AedStatus.choices, default=AedStatus.IN_SERVICE)
    opening_hours = models.CharField(_("opening hours"), max_length=100, blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    trained_nearby = models.PositiveIntegerField(
        _("trained people nearby"), default=0, editable=False,
        help_text=_("Residents of the same community holding a valid first-aid certificate."))
    next_inspection_on = models.DateField(_("next inspection due"), null=True, blank=True, editable=False)

    objects = ScopedQuerySet.as_manager()
    scope_region_lookup = "region__code"

    class Meta:
        verbose_name = _("AED station")
        verbose_name_plural = _("AED stations")
        ordering = ["region_id", "name"]
        constraints = [models.UniqueConstraint(fields=["serial_number"], name="unique_aed_serial",
                                               violation_error_message=_("Serial number: this device is already "
                                                                         "registered."))]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("organizations:aed_detail", args=[self.pk])


@tracked()
class AedInspection(models.Model):
    station = models.ForeignKey(AedStation, verbose_name=_("AED station"), on_delete=models.CASCADE,
                                related_name="inspections")
    inspected_on = models.DateField(_("inspected on"))
    inspector = models.CharField(_("inspector"), max_length=100)
    working = models.BooleanField(_("device working"), default=True)
    battery_ok = models.BooleanField(_("battery good"), default=True)
    pads_expire_on = models.DateField(_("pads expire on"), null=True, blank=True)
    findings = models.TextField(_("findings"), blank=True)
    next_due_on = models.DateField(_("next inspection due"))

    objects = ScopedQuerySet.as_manager()
    scope_region_lookup = "station__region__code"

    class Meta:
        verbose_name = _("AED inspection")
        verbose_name_plural = _("AED inspections")
        ordering = ["-inspected_on", "-id"]
        constraints = [models.CheckConstraint(
            condition=Q(next_due_on__gt=models.F("inspected_on")), name="aed_inspection_next_after",
            violation_error_message=_("Next inspection due: after the inspection date."))]

    def __str__(self):
        return f"{self.station} · {self.inspected_on}"

    def get_absolute_url(self):
        return reverse("organizations:aed_detail", args=[self.station_id]) + f"#inspection-{self.pk}"


@tracked()
class PartnerSite(models.Model):
    """A partner's site where Red Cross services are embedded, under an agreement."""

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=PartnerSiteKind.choices)
    region = models.ForeignKey("organizations.Region", verbose_name=_("region"), on_delete=models.PROTECT,
                               related_name="partner_sites")
    agency = models.CharField(_("responsible agency"), max_length=200)
    agreement_number = models.CharField(_("agreement number"), max_length=64, blank=True)
    agreement_signed_on = models.DateField(_("agreement signed on"), null=True, blank=True)
    services = models.TextField(_("Red Cross services offered"))
    is_active = models.BooleanField(_("active"), default=True)

    objects = ScopedQuerySet.as_manager()
    scope_region_lookup = "region__code"

    class Meta:
        verbose_name = _("partner site")
        verbose_name_plural = _("partner sites")
        ordering = ["region_id", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("organizations:partnersite_detail", args=[self.pk])


@tracked()
class TownWorkOverride(models.Model):
    """A town's "work" in its 三有 set by hand, overriding what the last 12 months of activity show."""

    region = models.OneToOneField("organizations.Region", verbose_name=_("town"), on_delete=models.CASCADE,
                                  related_name="work_override")
    has_work = models.BooleanField(_("carries out work"))
    reason = models.TextField(_("reason"))
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("set by"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+",
                               help_text=_("Empty for the overrides carried over from the old typed flag."))
    set_at = models.DateTimeField(_("set at"), auto_now=True)

    objects = ScopedQuerySet.as_manager()
    scope_region_lookup = "region__code"

    class Meta:
        verbose_name = _("town work override")
        verbose_name_plural = _("town work overrides")
        ordering = ["region_id"]
        constraints = [models.CheckConstraint(condition=~Q(reason=""), name="work_override_has_reason",
                                              violation_error_message=_("Reason: say why the override is needed."))]

    def __str__(self):
        return f"{self.region} · {self.has_work}"

    def get_absolute_url(self):
        return reverse("organizations:workoverride_detail", args=[self.pk])


class CoverageFigure(models.Model):
    """One extended coverage figure of one region on one day (institutions by type, centres by zone, squares…).

    Keys are dotted names such as `institutions.school` or `centres.zone.central`; the figure is
    numerator over denominator (a count has the denominator it was counted against, or equal to it).
    """

    region = models.ForeignKey("organizations.Region", verbose_name=_("region"), on_delete=models.CASCADE,
                               related_name="coverage_figures", db_index=False)
    as_of = models.DateField(_("as of"))
    key = models.CharField(_("figure"), max_length=64)
    numerator = models.DecimalField(_("numerator"), max_digits=14, decimal_places=2)
    denominator = models.DecimalField(_("denominator"), max_digits=14, decimal_places=2)
    computed_at = models.DateTimeField(_("computed at"))

    objects = ScopedQuerySet.as_manager()
    scope_region_lookup = "region__code"
    history_exempt = "A figure per region and day computed by a task from tracked records; never edited by hand."

    class Meta:
        verbose_name = _("coverage figure")
        verbose_name_plural = _("coverage figures")
        ordering = ["region_id", "key"]
        indexes = [prefix_index("region", "coverage_figure_prefix_idx"),
                   models.Index(fields=["as_of", "key"], name="coverage_figure_day_key_idx")]
        constraints = [models.UniqueConstraint(fields=["region", "as_of", "key"], name="one_figure_per_region_day")]

    def __str__(self):
        return f"{self.region} {self.key} {self.as_of}"

    @property
    def rate(self):
        return round(float(100 * self.numerator / self.denominator), 1) if self.denominator else 0.0
