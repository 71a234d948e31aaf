"""Follow-up visits (回访): targets, plans, visits, the issues people raise, and the 信息专报 bulletins.

Whom a visit is for is a `PartyLink`: a kind and one nullable foreign key per kind of party, with a check
constraint that exactly the key of the kind is set. A new kind of party (an emergency response-team member,
a 三献 donor) is one value in `PartyKind`, one nullable column here and one line in `PARTY_FIELDS`.
"""

from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from followups.choices import (
    BulletinStatus,
    Difficulty,
    Eligibility,
    IssueCategory,
    IssueStatus,
    PartyKind,
    PlanPeriod,
    PlanStatus,
    VisitMethod,
)
from redcross.api.rows import row_property
from redcross.history import tracked
from redcross.scoping import ScopedQuerySet, district_index, prefix_index

# kind -> the link column that holds that kind of party
PARTY_FIELDS = {
    PartyKind.VOLUNTEER: "volunteer",
    PartyKind.TEAM_MEMBER: "volunteer",  # until the emergency app's team members exist: their volunteer record
    PartyKind.MEMBER_UNIT: "member_unit",
    PartyKind.CARING_ENTERPRISE: "donor",
    PartyKind.CARING_INDIVIDUAL: "donor",
    PartyKind.AIDED_PERSON: "aid_case",
}
LINK_COLUMNS = ("volunteer", "donor", "member_unit", "aid_case")


def _one_link(kind_values, column):
    others = [c for c in LINK_COLUMNS if c != column]
    return Q(party_kind__in=kind_values, **{f"{column}__isnull": False},
             **{f"{other}__isnull": True for other in others})


PARTY_LINK_CHECK = (_one_link([PartyKind.VOLUNTEER, PartyKind.TEAM_MEMBER], "volunteer")
                    | _one_link([PartyKind.MEMBER_UNIT], "member_unit")
                    | _one_link([PartyKind.CARING_ENTERPRISE, PartyKind.CARING_INDIVIDUAL], "donor")
                    | _one_link([PartyKind.AIDED_PERSON], "aid_case"))


class PartyLink(models.Model):
    """The person or body visited: a real link to the record of another app."""

    party_kind = models.CharField(_("kind of party"), max_length=24, choices=PartyKind.choices)
    volunteer = models.ForeignKey("volunteers.Volunteer", verbose_name=_("volunteer"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    donor = models.ForeignKey("donations.Donor", verbose_name=_("donor"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+")
    member_unit = models.ForeignKey("organizations.Organization", verbose_name=_("member unit"), null=True,
                                    blank=True, on_delete=models.PROTECT, related_name="+")
    aid_case = models.ForeignKey("donations.AidCase", verbose_name=_("aid case"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")

    class Meta:
        abstract = True

    @property
    def party(self):
        return getattr(self, PARTY_FIELDS[self.party_kind]) if self.party_kind else None

    @property
    def party_id(self):
        return getattr(self, f"{PARTY_FIELDS[self.party_kind]}_id") if self.party_kind else None

    @row_property("party_kind", "volunteer__number", "volunteer__person__full_name", "aid_case__person__full_name",
                  "donor__kind", "donor__name", "member_unit__name")
    def party_name(self) -> str:
        party = self.party
        if party is None:
            return ""
        if self.party_kind in (PartyKind.VOLUNTEER, PartyKind.TEAM_MEMBER):
            return f"{party.person.masked_name} ({party.number})"
        if self.party_kind == PartyKind.AIDED_PERSON:
            return party.person.masked_name
        return str(party)


def party_key(kind: str, pk: int) -> str:
    """One key per person or body: a volunteer visited as a volunteer or a team member is one party."""
    return f"{PARTY_FIELDS[kind]}:{pk}"


@tracked()
class VisitTarget(models.Model):
    """The rate an organisation means to reach in a year for one kind of party, and who counts as eligible."""

    year = models.PositiveSmallIntegerField(_("year"))
    organization = models.ForeignKey("organizations.Organization", verbose_name=_("organisation"),
                                     on_delete=models.PROTECT, related_name="visit_targets")
    region = models.ForeignKey("organizations.Region", verbose_name=_("region"), on_delete=models.PROTECT,
                               related_name="+")
    party_kind = models.CharField(_("kind of party"), max_length=24, choices=PartyKind.choices)
    rate = models.DecimalField(_("target rate (%)"), max_digits=5, decimal_places=2,
                               validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))])
    eligibility = models.CharField(_("who is eligible"), max_length=24, choices=Eligibility.choices)
    within_years = models.PositiveSmallIntegerField(_("within the last (years)"), default=3,
                                                    help_text=_("For commendations, evaluations and aid cases."))

    objects = ScopedQuerySet.as_manager()
    scope_region_lookup = "region__code"

    class Meta:
        verbose_name = _("visit target")
        verbose_name_plural = _("visit targets")
        ordering = ["-year", "region_id", "party_kind"]
        constraints = [
            models.UniqueConstraint(fields=["year", "organization", "party_kind"], name="one_visit_target_per_kind",
                                    violation_error_message=_("Kind of party: this organisation already has a "
                                                              "target for it in that year.")),
            models.CheckConstraint(condition=Q(rate__gte=0) & Q(rate__lte=100), name="visit_target_rate_percent",
                                   violation_error_message=_("Target rate: between 0 and 100.")),
        ]

    def __str__(self):
        return f"{self.year} {self.organization} {self.get_party_kind_display()} {self.rate}%"

    def get_absolute_url(self):
        return reverse("followups:target_list") + f"?year={self.year}"


@tracked()
class VisitPlan(models.Model):
    organization = models.ForeignKey("organizations.Organization", verbose_name=_("organisation"),
                                     on_delete=models.PROTECT, related_name="visit_plans", db_index=False)
    region = models.ForeignKey("organizations.Region", verbose_name=_("region"), on_delete=models.PROTECT,
                               related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    period = models.CharField(_("plan period"), max_length=8, choices=PlanPeriod.choices, default=PlanPeriod.YEAR)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    title = models.CharField(_("title"), max_length=200)
    status = models.CharField(_("status"), max_length=16, choices=PlanStatus.choices, default=PlanStatus.ACTIVE)
    visitors = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name=_("visitors"), blank=True,
                                      related_name="visit_plans")
    # Empty when the worker made it (yearly and quarterly plans, monthly drafts).
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    scope_region_lookup = "region__code"

    class Meta:
        verbose_name = _("visit plan")
        verbose_name_plural = _("visit plans")
        ordering = ["-year", "-starts_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "year", "period"], name="one_visit_plan_per_period",
                                    violation_error_message=_("Period: this organisation already has a plan for "
                                                              "that period.")),
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="visit_plan_dates_ordered",
                                   violation_error_message=_("Ends on: after the start.")),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("followups:plan_detail", args=[self.pk])


@tracked()
class PlanItem(PartyLink):
    """One person or body due for a visit under a plan: generated from the rule, then adjusted by hand."""

    plan = models.ForeignKey(VisitPlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="items",
                             db_index=False)
    region = models.ForeignKey("organizations.Region", verbose_name=_("region"), on_delete=models.PROTECT,
                               related_name="+")
    party_key = models.CharField(max_length=40, editable=False)
    visitor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("assigned visitor"), null=True,
                                blank=True, on_delete=models.SET_NULL, related_name="visit_plan_items")
    due_on = models.DateField(_("visit due by"))
    visit = models.ForeignKey("Visit", verbose_name=_("visit"), null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="plan_items")
    added_by_hand = models.BooleanField(_("added by hand"), default=False)

    objects = ScopedQuerySet.as_manager()
    scope_region_lookup = "region__code"

    class Meta:
        verbose_name = _("person or body due")
        verbose_name_plural = _("people and bodies due")
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["due_on"], name="planitem_due_idx", condition=Q(visit__isnull=True))]
        constraints = [
            models.CheckConstraint(condition=PARTY_LINK_CHECK, name="plan_item_one_party",
                                   violation_error_message=_("Party: link exactly the record of its kind.")),
            models.UniqueConstraint(fields=["plan", "party_key"], name="plan_item_once_per_plan",
                                    violation_error_message=_("Party: already on this plan.")),
        ]

    def __str__(self):
        return f"{self.get_party_kind_display()} {self.party_name}"

    def get_absolute_url(self):
        return reverse("followups:plan_detail", args=[self.plan_id])


@tracked()
class Visit(PartyLink):
    organization = models.ForeignKey("organizations.Organization", verbose_name=_("visiting organisation"),
                                     on_delete=models.PROTECT, related_name="visits")
    # The visited party's region: the visit counts towards that district's rate.
    region = models.ForeignKey("organizations.Region", verbose_name=_("region"), on_delete=models.PROTECT,
                               related_name="+")
    party_key = models.CharField(max_length=40, editable=False)
    method = models.CharField(_("visit method"), max_length=16, choices=VisitMethod.choices)
    visited_on = models.DateField(_("visited on"))
    visitors = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name=_("visitors"), blank=True,
                                      related_name="visits_made")
    companions = models.CharField(_("other visitors"), max_length=255, blank=True)
    difficulties = ArrayField(models.CharField(max_length=16, choices=Difficulty.choices), default=list,
                              blank=True, verbose_name=_("difficulties heard"))
    difficulties_text = models.TextField(_("difficulties in their words"), blank=True)
    suggestions = models.TextField(_("suggestions on Red Cross work"), blank=True)
    satisfaction = models.PositiveSmallIntegerField(_("satisfaction (1–5)"), null=True, blank=True,
                                                    validators=[MinValueValidator(1), MaxValueValidator(5)])
    notes_encrypted = models.TextField(editable=False, blank=True)
    is_typical = models.BooleanField(_("typical case for the bulletin"), default=False)
    plan_item = models.ForeignKey(PlanItem, verbose_name=_("plan item"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    scope_region_lookup = "region__code"
    scope_district_field = "region"  # its (district, id) index serves a district's pages

    class Meta:
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        ordering = ["-visited_on", "-id"]
        indexes = [
            district_index("region", "visit_district_idx"),
            models.Index(fields=["party_kind", "visited_on"], name="visit_kind_date_idx"),
            models.Index(fields=["party_key", "visited_on"], name="visit_party_date_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=PARTY_LINK_CHECK, name="visit_one_party",
                                   violation_error_message=_("Party: link exactly the record of its kind.")),
            models.CheckConstraint(condition=Q(satisfaction__isnull=True) | Q(satisfaction__gte=1, satisfaction__lte=5),
                                   name="visit_satisfaction_1_5",
                                   violation_error_message=_("Satisfaction: from 1 to 5.")),
        ]

    def __str__(self):
        return f"{self.visited_on} {self.get_party_kind_display()} {self.party_name}"

    def get_absolute_url(self):
        return reverse("followups:visit_detail", args=[self.pk])


@tracked()
class Issue(models.Model):
    """A problem raised in a visit, tracked to resolution (CiviCRM's case: status, assignment, activities)."""

    visit = models.ForeignKey(Visit, verbose_name=_("visit"), null=True, blank=True, on_delete=models.PROTECT,
                              related_name="issues")
    organization = models.ForeignKey("organizations.Organization", verbose_name=_("owner organisation"),
                                     on_delete=models.PROTECT, related_name="followup_issues")
    region = models.ForeignKey("organizations.Region", verbose_name=_("region"), on_delete=models.PROTECT,
                               related_name="+")
    category = models.CharField(_("category"), max_length=16, choices=IssueCategory.choices)
    title = models.CharField(_("problem"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    department = models.CharField(_("referred to (department)"), max_length=100, blank=True)
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("handled by"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="followup_issues")
    due_on = models.DateField(_("settle by"))
    status = models.CharField(_("status"), max_length=16, choices=IssueStatus.choices, default=IssueStatus.OPEN)
    resolution = models.TextField(_("result"), blank=True)
    feedback = models.TextField(_("the visited party's feedback"), blank=True)
    feedback_satisfaction = models.PositiveSmallIntegerField(_("feedback satisfaction (1–5)"), null=True, blank=True,
                                                             validators=[MinValueValidator(1), MaxValueValidator(5)])
    escalated_to = models.ForeignKey("organizations.Organization", verbose_name=_("escalated to"), null=True,
                                     blank=True, on_delete=models.PROTECT, related_name="+")
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True)
    opened_at = models.DateTimeField(_("opened at"), auto_now_add=True)
    closed_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = ScopedQuerySet.as_manager()
    scope_region_lookup = "region__code"

    class Meta:
        verbose_name = _("issue raised")
        verbose_name_plural = _("issues raised")
        ordering = ["-opened_at", "-id"]
        indexes = [
            models.Index(fields=["due_on"], name="issue_open_due_idx",
                         condition=Q(status__in=["open", "assigned", "in_progress"])),
            models.Index(fields=["status", "opened_at"], name="issue_status_opened_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(feedback_satisfaction__isnull=True)
                                   | Q(feedback_satisfaction__gte=1, feedback_satisfaction__lte=5),
                                   name="issue_feedback_1_5",
                                   violation_error_message=_("Feedback satisfaction: from 1 to 5.")),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("followups:issue_detail", args=[self.pk])


class IssueActivity(models.Model):
    """The issue's log: every referral, status change, note and escalation, never edited."""

    history_exempt = "The issue's activity log itself: rows are only ever inserted, one per referral or change."

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="activities")
    at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="+")
    action = models.CharField(max_length=32)
    from_status = models.CharField(max_length=16, blank=True)
    to_status = models.CharField(max_length=16, blank=True)
    note = models.TextField(blank=True)

    scope_region_lookup = "issue__region__code"

    class Meta:
        verbose_name = _("issue activity")
        verbose_name_plural = _("issue activities")
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.issue_id} {self.action}"


@tracked()
class Bulletin(models.Model):
    """A 信息专报: numbered without gaps per organisation and year at publication; figures frozen then."""

    organization = models.ForeignKey("organizations.Organization", verbose_name=_("organisation"),
                                     on_delete=models.PROTECT, related_name="bulletins")
    region = models.ForeignKey("organizations.Region", verbose_name=_("region"), on_delete=models.PROTECT,
                               related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    corrects = models.ForeignKey("self", verbose_name=_("corrects"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="corrections")
    title = models.CharField(_("title"), max_length=200)
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    status = models.CharField(_("status"), max_length=16, choices=BulletinStatus.choices,
                              default=BulletinStatus.DRAFT)
    typical_cases = models.TextField(_("typical cases"), blank=True)
    suggestions = models.TextField(_("suggestions"), blank=True)
    figures = models.JSONField(_("figures"), default=dict, blank=True, editable=False)
    includes = models.ManyToManyField("self", symmetrical=False, blank=True, related_name="included_in",
                                      verbose_name=_("district bulletins included"))
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    # Empty when the worker made it (yearly and quarterly plans, monthly drafts).
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    scope_region_lookup = "region__code"

    class Meta:
        verbose_name = _("bulletin (信息专报)")
        verbose_name_plural = _("bulletins (信息专报)")
        ordering = ["-year", "-number", "-version", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "year", "number", "version"],
                                    condition=Q(number__isnull=False), name="bulletin_number_version_unique",
                                    violation_error_message=_("Number: already used.")),
            models.CheckConstraint(condition=Q(period_end__gte=models.F("period_start")),
                                   name="bulletin_period_ordered",
                                   violation_error_message=_("Period to: after the start.")),
            models.CheckConstraint(condition=~Q(status__in=["published", "superseded"]) | Q(number__isnull=False),
                                   name="published_bulletin_numbered"),
        ]

    def __str__(self):
        if self.number:
            suffix = f"（第{self.version}版）" if self.version > 1 else ""
            return f"{self.organization.name}回访工作信息专报 {self.year}年第{self.number}期{suffix}"
        return self.title

    def get_absolute_url(self):
        return reverse("followups:bulletin_detail", args=[self.pk])


class VisitRate(models.Model):
    """The running figures of the board: per district, year and kind of party, recomputed after each visit."""

    history_exempt = "Running figures recomputed by a task from tracked visits; never edited by a person."

    region = models.ForeignKey("organizations.Region", on_delete=models.CASCADE, related_name="+", db_index=False)
    year = models.PositiveSmallIntegerField()
    party_kind = models.CharField(max_length=24, choices=PartyKind.choices)
    eligible = models.PositiveIntegerField(default=0)
    visited = models.PositiveIntegerField(default=0)
    target_rate = models.DecimalField(max_digits=5, decimal_places=2, default=0)
    computed_at = models.DateTimeField()

    scope_region_lookup = "region__code"

    class Meta:
        indexes = [prefix_index("region", "visitrate_region_prefix_idx")]
        constraints = [models.UniqueConstraint(fields=["region", "year", "party_kind"], name="one_visit_rate")]

    def __str__(self):
        return f"{self.region_id} {self.year} {self.party_kind} {self.visited}/{self.eligible}"

    @property
    def rate(self) -> float:
        return round(100 * self.visited / self.eligible, 1) if self.eligible else 0.0
