"""Emergency response: teams and their readiness, relief stock, plans, alerts, incidents and mutual aid."""

import pgtrigger
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from emergency.choices import (
    AidKind,
    AidStatus,
    AlertColour,
    Condition,
    DeploymentStatus,
    HazardClass,
    IncidentStatus,
    MemberRole,
    MovementKind,
    Readiness,
    ResponseLevel,
    Standby,
    StockRequestStatus,
    TeamLevel,
    TeamType,
)
from emergency.fields import CodesArrayField, PrefixArrayField
from emergency.reasons import reason_text
from redcross.history import tracked
from redcross.scoping import ScopedQuerySet, district_index, prefix_index

QUANTITY = {"max_digits": 12, "decimal_places": 2}


# --- teams ----------------------------------------------------------------------------------

@tracked()
class TeamStandard(models.Model):
    """What a team of one type needs to be ready: data the city edits, not code."""

    team_type = models.CharField(_("team type"), max_length=32, choices=TeamType.choices, unique=True)
    min_members = models.PositiveSmallIntegerField(_("minimum members"))
    required_course_kinds = ArrayField(models.CharField(max_length=32), verbose_name=_("required certificates"),
                                       default=list, blank=True,
                                       help_text=_("Course kinds of the training app whose valid certificate "
                                                   "every counted member holds."))
    kit = ArrayField(models.CharField(max_length=100), verbose_name=_("kit list"), default=list, blank=True,
                     help_text=_("Kinds of equipment the team must hold, inspected."))
    drill_interval_days = models.PositiveSmallIntegerField(_("drill interval (days)"), default=180)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("team standard")
        verbose_name_plural = _("team standards")
        ordering = ["team_type"]
        constraints = [
            models.CheckConstraint(condition=Q(min_members__gt=0), name="standard_min_members_positive",
                                   violation_error_message=_("Minimum members: at least one.")),
            models.CheckConstraint(condition=Q(drill_interval_days__gt=0), name="standard_drill_interval_positive",
                                   violation_error_message=_("Drill interval: at least one day.")),
        ]

    def __str__(self):
        return str(self.get_team_type_display())

    def get_absolute_url(self):
        return reverse("emergency:standard_list") + f"#standard-{self.pk}"


@tracked()
class TeamRequirement(models.Model):
    """The requirement matrix: which districts must have which team types (区域需求差异化)."""

    region = models.ForeignKey("organizations.Region", verbose_name=_("district"), on_delete=models.PROTECT,
                               related_name="+", db_index=False)
    team_type = models.CharField(_("team type"), max_length=32, choices=TeamType.choices)
    min_teams = models.PositiveSmallIntegerField(_("teams required"), default=1)

    objects = ScopedQuerySet.as_manager()
    scope_region_lookup = "region__code"

    class Meta:
        verbose_name = _("team requirement")
        verbose_name_plural = _("team requirements")
        ordering = ["region_id", "team_type"]
        indexes = [prefix_index("region", "requirement_region_prefix_idx")]
        constraints = [
            models.UniqueConstraint(fields=["region", "team_type"], name="one_requirement_per_district_type",
                                    violation_error_message=_("Team type: this district already has it.")),
            models.CheckConstraint(condition=Q(min_teams__gt=0), name="requirement_min_teams_positive",
                                   violation_error_message=_("Teams required: at least one.")),
        ]

    def __str__(self):
        return f"{self.region.name} · {self.get_team_type_display()}"

    def get_absolute_url(self):
        return reverse("emergency:matrix")


@tracked()
class Team(models.Model):
    name = models.CharField(_("name"), max_length=100)
    organization = models.ForeignKey("organizations.Organization", verbose_name=_("organisation"),
                                     on_delete=models.PROTECT, related_name="response_teams", db_index=False)
    region = models.ForeignKey("organizations.Region", verbose_name=_("region"), on_delete=models.PROTECT,
                               related_name="+")
    team_type = models.CharField(_("team type"), max_length=32, choices=TeamType.choices)
    level = models.CharField(_("level"), max_length=16, choices=TeamLevel.choices, default=TeamLevel.DISTRICT)
    founded_on = models.DateField(_("founded on"))
    standby = models.CharField(_("standby status"), max_length=16, choices=Standby.choices,
                               default=Standby.STANDBY)
    is_active = models.BooleanField(_("active"), default=True)
    # Computed by emergency.services.readiness_recompute, never typed.
    readiness = models.CharField(_("readiness"), max_length=8, choices=Readiness.choices, default=Readiness.RED,
                                 editable=False)
    readiness_reasons = models.JSONField(_("readiness reasons"), default=list, editable=False)
    readiness_at = models.DateTimeField(_("readiness since"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    large_choice = True  # filters take an id, not a select of every row
    objects = ScopedQuerySet.as_manager()
    scope_region_lookup = "region__code"
    scope_district_field = "region"  # its (district, id) index serves a district's pages

    class Meta:
        verbose_name = _("response team")
        verbose_name_plural = _("response teams")
        ordering = ["region_id", "team_type", "name"]
        indexes = [
            district_index("region", "eteam_district_idx"),
            models.Index(fields=["team_type", "readiness"], name="eteam_type_readiness_idx"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["organization", "name"], name="unique_response_team_name",
                                    violation_error_message=_("Name: this organisation already has a team of "
                                                              "that name.")),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("emergency:team_detail", args=[self.pk])

    @property
    def reason_texts(self):
        return [reason_text(r) for r in self.readiness_reasons]

    @property
    def reasons_shown(self):
        return [{"severity": r.get("severity"), "text": reason_text(r)} for r in self.readiness_reasons]


@tracked()
class TeamMember(models.Model):
    team = models.ForeignKey(Team, verbose_name=_("team"), on_delete=models.PROTECT, related_name="members")
    volunteer = models.ForeignKey("volunteers.Volunteer", verbose_name=_("volunteer"), on_delete=models.PROTECT,
                                  related_name="response_memberships")
    role = models.CharField(_("role"), max_length=16, choices=MemberRole.choices, default=MemberRole.MEMBER)
    joined_on = models.DateField(_("joined on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_region_lookup = "team__region__code"

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        ordering = ["team_id", "role", "id"]
        indexes = [models.Index(fields=["team"], condition=Q(left_on__isnull=True), name="emember_current_idx")]
        constraints = [
            models.UniqueConstraint(fields=["team", "volunteer"], condition=Q(left_on__isnull=True),
                                    name="one_current_membership_per_team",
                                    violation_error_message=_("Volunteer: already a member of this team.")),
            models.UniqueConstraint(fields=["team"], condition=Q(left_on__isnull=True, role="leader"),
                                    name="one_current_leader_per_team",
                                    violation_error_message=_("Role: the team already has a leader.")),
            models.CheckConstraint(condition=Q(left_on__isnull=True) | Q(left_on__gte=F("joined_on")),
                                   name="member_leaves_after_joining",
                                   violation_error_message=_("Left on: on or after the joining date.")),
        ]

    def __str__(self):
        return f"{self.team} · {self.volunteer.person.masked_name}"

    def get_absolute_url(self):
        return reverse("emergency:team_detail", args=[self.team_id]) + f"#member-{self.pk}"


@tracked()
class Equipment(models.Model):
    team = models.ForeignKey(Team, verbose_name=_("team"), on_delete=models.PROTECT, related_name="equipment")
    kind = models.CharField(_("kind"), max_length=100)
    serial = models.CharField(_("serial number"), max_length=64, blank=True)
    quantity = models.PositiveIntegerField(_("quantity"), default=1)
    condition = models.CharField(_("condition"), max_length=16, choices=Condition.choices, default=Condition.GOOD)
    next_inspection_on = models.DateField(_("next inspection"))

    objects = ScopedQuerySet.as_manager()
    scope_region_lookup = "team__region__code"

    class Meta:
        verbose_name = _("equipment")
        verbose_name_plural = _("equipment")
        ordering = ["team_id", "kind"]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="equipment_quantity_positive",
                                   violation_error_message=_("Quantity: at least one.")),
        ]

    def __str__(self):
        return f"{self.kind} {self.serial}".strip()

    def get_absolute_url(self):
        return reverse("emergency:team_detail", args=[self.team_id]) + f"#equipment-{self.pk}"


@tracked()
class Drill(models.Model):
    """A drill; each participant's hours become a confirmed service record in the volunteers app."""

    team = models.ForeignKey(Team, verbose_name=_("team"), on_delete=models.PROTECT, related_name="drills",
                             db_index=False)
    held_on = models.DateField(_("held on"))
    scenario = models.CharField(_("scenario"), max_length=200)
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=2)
    participants = models.ManyToManyField("volunteers.Volunteer", through="DrillParticipant", related_name="+",
                                          verbose_name=_("participants"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    scope_region_lookup = "team__region__code"

    class Meta:
        verbose_name = _("drill")
        verbose_name_plural = _("drills")
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["team", "-held_on"], name="drill_team_latest_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(hours__gt=0, hours__lte=24), name="drill_hours_0_to_24",
                                   violation_error_message=_("Hours: more than 0 and at most 24.")),
        ]

    def __str__(self):
        return f"{self.held_on} {self.scenario}"

    def get_absolute_url(self):
        return reverse("emergency:team_detail", args=[self.team_id]) + f"#drill-{self.pk}"


class DrillParticipant(models.Model):
    history_exempt = ("Written once with the drill, never edited: each row links to the volunteers app's "
                      "service record, which keeps its own history.")

    drill = models.ForeignKey(Drill, on_delete=models.CASCADE, related_name="attendance", db_index=False)
    volunteer = models.ForeignKey("volunteers.Volunteer", on_delete=models.PROTECT, related_name="+")
    service_record = models.OneToOneField("volunteers.ServiceRecord", on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["drill", "volunteer"], name="one_drill_entry_per_volunteer")]

    def __str__(self):
        return f"{self.drill} · {self.volunteer_id}"


# --- relief stock ---------------------------------------------------------------------------

@tracked()
class Warehouse(models.Model):
    name = models.CharField(_("name"), max_length=100)
    organization = models.ForeignKey("organizations.Organization", verbose_name=_("organisation"),
                                     on_delete=models.PROTECT, related_name="warehouses", db_index=False)
    region = models.ForeignKey("organizations.Region", verbose_name=_("region"), on_delete=models.PROTECT,
                               related_name="+")
    address = models.CharField(_("address"), max_length=255)
    is_active = models.BooleanField(_("active"), default=True)

    objects = ScopedQuerySet.as_manager()
    scope_region_lookup = "region__code"

    class Meta:
        verbose_name = _("warehouse")
        verbose_name_plural = _("warehouses")
        ordering = ["region_id", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "name"], name="unique_warehouse_name",
                                    violation_error_message=_("Name: this organisation already has a warehouse "
                                                              "of that name.")),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("emergency:warehouse_detail", args=[self.pk])


@tracked()
class Item(models.Model):
    """The city's catalogue of relief items, the same in every warehouse."""

    code = models.SlugField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=100)
    unit = models.CharField(_("unit"), max_length=16)
    category = models.CharField(_("category"), max_length=50, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("relief item")
        verbose_name_plural = _("relief items")
        ordering = ["code"]

    def __str__(self):
        return self.name


@tracked()
class StockLot(models.Model):
    """One batch of an item in a warehouse; its quantity changes only through the movement ledger."""

    warehouse = models.ForeignKey(Warehouse, verbose_name=_("warehouse"), on_delete=models.PROTECT,
                                  related_name="lots")
    item = models.ForeignKey(Item, verbose_name=_("item"), on_delete=models.PROTECT, related_name="lots")
    batch = models.CharField(_("batch"), max_length=64)
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    quantity = models.DecimalField(_("quantity"), **QUANTITY, default=0, editable=False)
    received_on = models.DateField(_("received on"))
    donation = models.ForeignKey("donations.Donation", verbose_name=_("in-kind gift"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="stock_lots")
    created_at = models.DateTimeField(auto_now_add=True)

    large_choice = True  # filters take an id, not a select of every row
    objects = ScopedQuerySet.as_manager()
    scope_region_lookup = "warehouse__region__code"

    class Meta:
        verbose_name = _("stock lot")
        verbose_name_plural = _("stock lots")
        ordering = ["expires_on", "id"]
        indexes = [models.Index(fields=["warehouse", "item", "expires_on"], condition=Q(quantity__gt=0),
                                name="lot_fefo_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gte=0), name="stock_lot_never_negative",
                                   violation_error_message=_("Quantity: more than the lot holds.")),
        ]

    def __str__(self):
        return f"{self.item.name} {self.batch}"

    def get_absolute_url(self):
        return reverse("emergency:warehouse_detail", args=[self.warehouse_id]) + f"#lot-{self.pk}"


class StockMovement(models.Model):
    """The ledger: the only way stock changes. Signed quantity; never edited or deleted."""

    history_exempt = "The ledger is itself a history: rows are only inserted, a trigger refuses updates and deletes."

    lot = models.ForeignKey(StockLot, verbose_name=_("lot"), on_delete=models.PROTECT, related_name="movements")
    kind = models.CharField(_("kind"), max_length=16, choices=MovementKind.choices)
    quantity = models.DecimalField(_("quantity"), **QUANTITY)
    balance_after = models.DecimalField(_("balance after"), **QUANTITY)
    reason = models.CharField(_("reason"), max_length=255, blank=True)
    counterpart = models.OneToOneField("self", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                       verbose_name=_("other side of the transfer"))
    stock_request = models.ForeignKey("StockRequest", verbose_name=_("stock request"), null=True, blank=True,
                                      on_delete=models.PROTECT, related_name="movements")
    donation = models.ForeignKey("donations.Donation", verbose_name=_("in-kind gift"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="stock_movements")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(_("at"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    scope_region_lookup = "lot__warehouse__region__code"

    class Meta:
        verbose_name = _("stock movement")
        verbose_name_plural = _("stock movements")
        ordering = ["-id"]
        constraints = [
            models.CheckConstraint(condition=~Q(quantity=0), name="movement_moves_something",
                                   violation_error_message=_("Quantity: not zero.")),
            models.CheckConstraint(
                condition=Q(kind__in=["in", "transfer_in"], quantity__gt=0)
                | Q(kind__in=["out", "transfer_out"], quantity__lt=0) | Q(kind="adjustment"),
                name="movement_sign_matches_kind"),
        ]
        triggers = [
            pgtrigger.Protect(name="stock_movements_are_final", operation=pgtrigger.Update | pgtrigger.Delete),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.quantity}"

    def get_absolute_url(self):
        return reverse("emergency:warehouse_detail", args=[self.lot.warehouse_id]) + f"#movement-{self.pk}"


@tracked()
class StockMinimum(models.Model):
    warehouse = models.ForeignKey(Warehouse, verbose_name=_("warehouse"), on_delete=models.PROTECT,
                                  related_name="minimums", db_index=False)
    item = models.ForeignKey(Item, verbose_name=_("item"), on_delete=models.PROTECT, related_name="+")
    minimum = models.DecimalField(_("minimum level"), **QUANTITY)

    objects = ScopedQuerySet.as_manager()
    scope_region_lookup = "warehouse__region__code"

    class Meta:
        verbose_name = _("minimum stock level")
        verbose_name_plural = _("minimum stock levels")
        ordering = ["warehouse_id", "item_id"]
        constraints = [
            models.UniqueConstraint(fields=["warehouse", "item"], name="one_minimum_per_warehouse_item",
                                    violation_error_message=_("Item: this warehouse already has a minimum for it.")),
            models.CheckConstraint(condition=Q(minimum__gte=0), name="minimum_not_negative",
                                   violation_error_message=_("Minimum level: not negative.")),
        ]

    def __str__(self):
        return f"{self.warehouse} · {self.item}"

    def get_absolute_url(self):
        return reverse("emergency:warehouse_detail", args=[self.warehouse_id])


# --- plans ----------------------------------------------------------------------------------

@tracked()
class Plan(models.Model):
    """A response plan of the library (方案库); a new version is a new row."""

    title = models.CharField(_("title"), max_length=200)
    hazard_class = models.CharField(_("hazard class"), max_length=32, choices=HazardClass.choices)
    hazard = models.CharField(_("hazard"), max_length=100)
    region = models.ForeignKey("organizations.Region", verbose_name=_("region"), on_delete=models.PROTECT,
                               related_name="+", db_index=False)
    organization = models.ForeignKey("organizations.Organization", verbose_name=_("organisation"),
                                     on_delete=models.PROTECT, related_name="response_plans")
    level = models.CharField(_("response level"), max_length=1, choices=ResponseLevel.choices)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    summary = models.TextField(_("summary"), blank=True)
    is_active = models.BooleanField(_("in force"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    scope_region_lookup = "region__code"

    class Meta:
        verbose_name = _("response plan")
        verbose_name_plural = _("response plans")
        ordering = ["hazard_class", "hazard", "level", "-version"]
        indexes = [prefix_index("region", "plan_region_prefix_idx")]
        constraints = [
            models.UniqueConstraint(fields=["region", "hazard", "level", "version"], name="unique_plan_version",
                                    violation_error_message=_("Version: this region already has that version of "
                                                              "the plan.")),
        ]

    def __str__(self):
        return f"{self.title} v{self.version}"

    def get_absolute_url(self):
        return reverse("emergency:plan_detail", args=[self.pk])


@tracked()
class PlanStep(models.Model):
    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="steps",
                             db_index=False)
    order = models.PositiveSmallIntegerField(_("order"))
    role = models.CharField(_("role"), max_length=100)
    action = models.CharField(_("action"), max_length=500)
    offset_minutes = models.PositiveIntegerField(_("minutes after activation"), default=0)

    class Meta:
        verbose_name = _("plan step")
        verbose_name_plural = _("plan steps")
        ordering = ["plan_id", "order"]
        constraints = [models.UniqueConstraint(fields=["plan", "order"], name="unique_plan_step_order")]

    def __str__(self):
        return f"{self.order}. {self.action}"


# --- alerts ---------------------------------------------------------------------------------

@tracked()
class Alert(models.Model):
    """An early warning posted by a partner agency; stored once per (source, source id)."""

    source = models.CharField(_("source agency"), max_length=100)
    source_id = models.CharField(_("source's own id"), max_length=100)
    hazard_class = models.CharField(_("hazard class"), max_length=32, choices=HazardClass.choices)
    hazard = models.CharField(_("hazard"), max_length=100)
    colour = models.CharField(_("colour level"), max_length=8, choices=AlertColour.choices)
    title = models.CharField(_("title"), max_length=200)
    message = models.TextField(_("message"), blank=True)
    regions = models.ManyToManyField("organizations.Region", verbose_name=_("regions"), related_name="+")
    area_prefixes = PrefixArrayField(verbose_name=_("area prefixes"), default=list, editable=False)
    valid_from = models.DateTimeField(_("valid from"))
    valid_until = models.DateTimeField(_("valid until"))
    posted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")
    posted_at = models.DateTimeField(_("posted at"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    scope_region_lookup = "area_prefixes"

    class Meta:
        verbose_name = _("alert")
        verbose_name_plural = _("alerts")
        ordering = ["-posted_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["source", "source_id"], name="one_alert_per_source_id",
                                    violation_error_message=_("Source id: this alert was already posted.")),
            models.CheckConstraint(condition=Q(valid_until__gt=F("valid_from")), name="alert_valid_window",
                                   violation_error_message=_("Valid until: after the start of validity.")),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("emergency:alert_detail", args=[self.pk])


@tracked()
class AlertNotice(models.Model):
    """An alert sent to one organisation, and its acknowledgement."""

    alert = models.ForeignKey(Alert, verbose_name=_("alert"), on_delete=models.PROTECT, related_name="notices",
                              db_index=False)
    organization = models.ForeignKey("organizations.Organization", verbose_name=_("organisation"),
                                     on_delete=models.PROTECT, related_name="alert_notices")
    notified_at = models.DateTimeField(_("notified at"), auto_now_add=True)
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                        related_name="+")

    objects = ScopedQuerySet.as_manager()
    scope_region_lookup = "organization__region__code"

    class Meta:
        verbose_name = _("alert notice")
        verbose_name_plural = _("alert notices")
        ordering = [F("acknowledged_at").asc(nulls_first=True), "-notified_at"]
        constraints = [models.UniqueConstraint(fields=["alert", "organization"], name="one_notice_per_organization")]

    def __str__(self):
        return f"{self.alert} · {self.organization}"

    def get_absolute_url(self):
        return reverse("emergency:alert_detail", args=[self.alert_id])


# --- incidents ------------------------------------------------------------------------------

@tracked()
class Incident(models.Model):
    title = models.CharField(_("title"), max_length=200)
    hazard_class = models.CharField(_("hazard class"), max_length=32, choices=HazardClass.choices)
    hazard = models.CharField(_("hazard"), max_length=100)
    level = models.CharField(_("response level"), max_length=1, choices=ResponseLevel.choices)
    region = models.ForeignKey("organizations.Region", verbose_name=_("main region"), on_delete=models.PROTECT,
                               related_name="+")
    regions = models.ManyToManyField("organizations.Region", verbose_name=_("affected regions"), related_name="+",
                                     blank=True)
    organization = models.ForeignKey("organizations.Organization", verbose_name=_("leading organisation"),
                                     on_delete=models.PROTECT, related_name="incidents")
    status = models.CharField(_("status"), max_length=16, choices=IncidentStatus.choices,
                              default=IncidentStatus.MONITORING)
    plan = models.ForeignKey(Plan, verbose_name=_("plan used"), null=True, blank=True, on_delete=models.PROTECT,
                             related_name="incidents")
    alert = models.ForeignKey(Alert, verbose_name=_("alert"), null=True, blank=True, on_delete=models.PROTECT,
                              related_name="incidents")
    fund = models.ForeignKey("donations.Fund", verbose_name=_("emergency fund"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="incidents")
    summary = models.TextField(_("public summary"), blank=True)
    is_public = models.BooleanField(_("shown on the public site"), default=True)
    opened_at = models.DateTimeField(_("opened at"))
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    review_lessons = models.TextField(_("lessons learned"), blank=True)
    review_actions = models.TextField(_("follow-up actions"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = ScopedQuerySet.as_manager()
    scope_region_lookup = "region__code"

    class Meta:
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")
        ordering = ["-opened_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=~Q(status="closed") | ~Q(review_lessons=""),
                                   name="closed_incident_has_review",
                                   violation_error_message=_("Lessons learned: a closed incident has its "
                                                             "after-action review.")),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("emergency:incident_detail", args=[self.pk])

    def get_public_url(self):
        return reverse("emergency-public:incident", args=[self.pk])


@tracked()
class IncidentTask(models.Model):
    """The checklist: a plan's steps copied when the incident opens, ticked off as they are done."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="tasks", db_index=False)
    order = models.PositiveSmallIntegerField(_("order"))
    role = models.CharField(_("role"), max_length=100)
    action = models.CharField(_("action"), max_length=500)
    due_at = models.DateTimeField(_("due at"))
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                related_name="+")

    class Meta:
        ordering = ["incident_id", "order"]
        constraints = [models.UniqueConstraint(fields=["incident", "order"], name="unique_incident_task_order")]

    def __str__(self):
        return f"{self.order}. {self.action}"


@tracked()
class SituationReport(models.Model):
    incident = models.ForeignKey(Incident, verbose_name=_("incident"), on_delete=models.PROTECT,
                                 related_name="sitreps")
    reported_at = models.DateTimeField(_("reported at"))
    affected = models.PositiveIntegerField(_("people affected"), default=0)
    injured = models.PositiveIntegerField(_("injured"), default=0)
    dead = models.PositiveIntegerField(_("dead"), default=0)
    displaced = models.PositiveIntegerField(_("displaced"), default=0)
    needs = models.TextField(_("needs"), blank=True)
    actions = models.TextField(_("actions taken"), blank=True)
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = ScopedQuerySet.as_manager()
    scope_region_lookup = "incident__region__code"

    class Meta:
        verbose_name = _("situation report")
        verbose_name_plural = _("situation reports")
        ordering = ["incident_id", "reported_at"]

    def __str__(self):
        return f"{self.incident} {self.reported_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self):
        return reverse("emergency:incident_detail", args=[self.incident_id]) + f"#sitrep-{self.pk}"


@tracked()
class Deployment(models.Model):
    incident = models.ForeignKey(Incident, verbose_name=_("incident"), on_delete=models.PROTECT,
                                 related_name="deployments")
    team = models.ForeignKey(Team, verbose_name=_("team"), on_delete=models.PROTECT, related_name="deployments")
    volunteers = models.ManyToManyField("volunteers.Volunteer", verbose_name=_("volunteers"), related_name="+")
    status = models.CharField(_("status"), max_length=16, choices=DeploymentStatus.choices,
                              default=DeploymentStatus.REQUESTED)
    task = models.CharField(_("task"), max_length=255, blank=True)
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    on_site_at = models.DateTimeField(_("on site at"), null=True, blank=True)
    returned_at = models.DateTimeField(_("returned at"), null=True, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = ScopedQuerySet.as_manager()
    scope_region_lookup = "incident__region__code"

    class Meta:
        verbose_name = _("deployment")
        verbose_name_plural = _("deployments")
        ordering = ["-requested_at", "-id"]

    def __str__(self):
        return f"{self.team} → {self.incident}"

    def get_absolute_url(self):
        return reverse("emergency:incident_detail", args=[self.incident_id]) + f"#deployment-{self.pk}"


@tracked()
class StockRequest(models.Model):
    """Stock an incident asks for; dispatching issues it from a warehouse, earliest expiry first."""

    incident = models.ForeignKey(Incident, verbose_name=_("incident"), on_delete=models.PROTECT,
                                 related_name="stock_requests")
    item = models.ForeignKey(Item, verbose_name=_("item"), on_delete=models.PROTECT, related_name="+")
    quantity = models.DecimalField(_("quantity"), **QUANTITY)
    warehouse = models.ForeignKey(Warehouse, verbose_name=_("from warehouse"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("status"), max_length=16, choices=StockRequestStatus.choices,
                              default=StockRequestStatus.REQUESTED)
    destination = models.CharField(_("destination"), max_length=255, blank=True)
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    dispatched_at = models.DateTimeField(_("dispatched at"), null=True, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = ScopedQuerySet.as_manager()
    scope_region_lookup = "incident__region__code"

    class Meta:
        verbose_name = _("stock request")
        verbose_name_plural = _("stock requests")
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="stock_request_quantity_positive",
                                   violation_error_message=_("Quantity: more than zero.")),
        ]

    def __str__(self):
        return f"{self.item} × {self.quantity.normalize():f}"

    def get_absolute_url(self):
        return reverse("emergency:incident_detail", args=[self.incident_id]) + f"#stock-{self.pk}"


# --- mutual aid -----------------------------------------------------------------------------

@tracked()
class MutualAid(models.Model):
    """A request for teams or stock from one society to another (a district, or a 成德眉资 partner)."""

    requester = models.ForeignKey("organizations.Organization", verbose_name=_("requesting society"),
                                  on_delete=models.PROTECT, related_name="aid_requested")
    responder = models.ForeignKey("organizations.Organization", verbose_name=_("asked society"),
                                  on_delete=models.PROTECT, related_name="aid_asked")
    incident = models.ForeignKey(Incident, verbose_name=_("incident"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="mutual_aid")
    kind = models.CharField(_("asks for"), max_length=8, choices=AidKind.choices)
    request = models.TextField(_("request"))
    status = models.CharField(_("status"), max_length=16, choices=AidStatus.choices, default=AidStatus.REQUESTED)
    offer = models.TextField(_("offer"), blank=True)
    answer = models.TextField(_("answer"), blank=True)
    sent = models.TextField(_("what was sent"), blank=True)
    returned = models.TextField(_("what came back"), blank=True)
    party_codes = CodesArrayField(default=list, editable=False)
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = ScopedQuerySet.as_manager()
    scope_region_lookup = "party_codes"

    class Meta:
        verbose_name = _("mutual aid request")
        verbose_name_plural = _("mutual aid requests")
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=~Q(requester=F("responder")), name="mutual_aid_between_two",
                                   violation_error_message=_("Asked society: another society than the "
                                                             "requester.")),
        ]

    def __str__(self):
        return f"{self.requester} → {self.responder} ({self.get_kind_display()})"

    def get_absolute_url(self):
        return reverse("emergency:aid_detail", args=[self.pk])
