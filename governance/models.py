"""The supervisory board (监事会), its meetings and opinions, audit reports, and the reform/action checklist."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from governance.choices import AuditOpinion, ItemSource, ItemStatus, MemberRole, OpinionStatus
from redcross.api.rows import row_property
from redcross.api.rows import today as page_today
from redcross.history import tracked
from redcross.scoping import ScopedQuerySet
from redcross.targets import ActionPlan

ORG = "organizations.Organization"


@tracked()
class SupervisoryMember(models.Model):
    organization = models.ForeignKey(ORG, verbose_name=_("Red Cross society"), on_delete=models.PROTECT,
                                     related_name="+")
    name = models.CharField(_("name"), max_length=50)
    role = models.CharField(_("role"), max_length=16, choices=MemberRole.choices, default=MemberRole.MEMBER)
    affiliation = models.CharField(_("work unit"), max_length=200, blank=True)
    term_start = models.DateField(_("term from"))
    term_end = models.DateField(_("term until"))

    objects = ScopedQuerySet.as_manager()
    scope_region_lookup = "organization__region__code"

    class Meta:
        verbose_name = _("supervisor")
        verbose_name_plural = _("supervisory board members")
        ordering = ["organization_id", "role", "name"]
        constraints = [models.CheckConstraint(condition=Q(term_end__gt=models.F("term_start")),
                                              name="supervisor_term_ends_after_start",
                                              violation_error_message=_("Term until: after the start of the term."))]

    def __str__(self):
        return f"{self.name} ({self.get_role_display()})"

    def get_absolute_url(self):
        return reverse("governance:member_detail", args=[self.pk])


@tracked()
class SupervisoryMeeting(models.Model):
    organization = models.ForeignKey(ORG, verbose_name=_("Red Cross society"), on_delete=models.PROTECT,
                                     related_name="+")
    held_on = models.DateField(_("held on"))
    title = models.CharField(_("title"), max_length=200)
    attendees = models.PositiveSmallIntegerField(_("supervisors present"))
    minutes = models.TextField(_("minutes"))
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    scope_region_lookup = "organization__region__code"

    class Meta:
        verbose_name = _("supervisory board meeting")
        verbose_name_plural = _("supervisory board meetings")
        ordering = ["-held_on", "-id"]

    def __str__(self):
        return f"{self.held_on} {self.title}"

    def get_absolute_url(self):
        return reverse("governance:meeting_detail", args=[self.pk])


@tracked()
class SupervisionOpinion(models.Model):
    """An opinion of the supervisory board and its rectification: who, by when, how far."""

    meeting = models.ForeignKey(SupervisoryMeeting, verbose_name=_("meeting"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="opinions")
    opinion = models.TextField(_("opinion"))
    owner = models.ForeignKey(ORG, verbose_name=_("rectification owner"), on_delete=models.PROTECT,
                              related_name="+")
    due_on = models.DateField(_("rectify by"))
    status = models.CharField(_("status"), max_length=16, choices=OpinionStatus.choices, default=OpinionStatus.OPEN)
    rectification = models.TextField(_("rectification and evidence"), blank=True)
    rectified_on = models.DateField(_("rectified on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    scope_region_lookup = "owner__region__code"

    class Meta:
        verbose_name = _("supervision opinion")
        verbose_name_plural = _("supervision opinions")
        ordering = ["due_on", "id"]
        constraints = [models.CheckConstraint(
            condition=~Q(status=OpinionStatus.RECTIFIED) | (Q(rectified_on__isnull=False) & ~Q(rectification="")),
            name="rectified_opinion_has_evidence",
            violation_error_message=_("Rectification: a rectified opinion needs its evidence and date."))]

    def __str__(self):
        return self.opinion[:40]

    def get_absolute_url(self):
        return reverse("governance:opinion_detail", args=[self.pk])

    @row_property("status", "due_on")
    def is_overdue(self):
        return self.status != OpinionStatus.RECTIFIED and self.due_on < page_today()


@tracked()
class AuditReport(models.Model):
    """The yearly independent audit (红十字会法 Art. 22), published on /transparency/."""

    organization = models.ForeignKey(ORG, verbose_name=_("Red Cross society"), on_delete=models.PROTECT,
                                     related_name="+", db_index=False)
    year = models.PositiveSmallIntegerField(_("year audited"))
    auditor = models.CharField(_("audit firm"), max_length=200)
    opinion = models.CharField(_("audit opinion"), max_length=16, choices=AuditOpinion.choices)
    summary = models.TextField(_("summary"))
    published_on = models.DateField(_("published on"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_region_lookup = "organization__region__code"

    class Meta:
        verbose_name = _("audit report")
        verbose_name_plural = _("audit reports")
        ordering = ["-year", "organization_id"]
        constraints = [models.UniqueConstraint(fields=["organization", "year"], name="one_audit_per_society_year",
                                               violation_error_message=_("Year: this society's audit of that year "
                                                                         "is already recorded."))]

    def __str__(self):
        return f"{self.year} {self.auditor}"

    def get_absolute_url(self):
        return reverse("governance:audit_detail", args=[self.pk])


@tracked()
class ActionItem(models.Model):
    """One item of the plan's or the reform's checklist (项目化、清单化): owner, due date, status, evidence."""

    plan = models.PositiveSmallIntegerField(_("action plan"), choices=ActionPlan.choices)
    source = models.CharField(_("from"), max_length=16, choices=ItemSource.choices, default=ItemSource.PLAN)
    title = models.CharField(_("item"), max_length=300)
    owner = models.ForeignKey(ORG, verbose_name=_("owner organisation"), on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField(_("due on"))
    status = models.CharField(_("status"), max_length=16, choices=ItemStatus.choices, default=ItemStatus.PLANNED)
    evidence = models.TextField(_("evidence"), blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    scope_region_lookup = "owner__region__code"

    class Meta:
        verbose_name = _("checklist item")
        verbose_name_plural = _("reform and action checklist")
        ordering = ["due_on", "id"]
        constraints = [models.CheckConstraint(
            condition=~Q(status=ItemStatus.DONE) | (Q(done_on__isnull=False) & ~Q(evidence="")),
            name="done_item_has_evidence",
            violation_error_message=_("Evidence: a done item needs its evidence and date."))]

    def __str__(self):
        return self.title[:60]

    def get_absolute_url(self):
        return reverse("governance:item_detail", args=[self.pk])

    @row_property("status", "due_on")
    def is_overdue(self):
        return self.status != ItemStatus.DONE and self.due_on < timezone.localdate()
