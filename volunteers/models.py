import secrets

import pgtrigger
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from redcross.history import tracked
from redcross.scoping import ScopedQuerySet, district_index, region_kept_by_trigger
from volunteers.choices import (
    ActivityKind,
    EvaluationGrade,
    ExitKind,
    RecordKind,
    RecordStatus,
    SignUpStatus,
    Skill,
    TeamKind,
    Tier,
    VolunteerStatus,
)


class VolunteerQuerySet(ScopedQuerySet):
    def serving(self):
        return self.filter(status__in=[VolunteerStatus.SIGNED_UP, VolunteerStatus.REGISTERED])


@tracked(exclude=["scope_region"])
class Volunteer(models.Model):
    """A person's volunteer record: it stays, with its hours, after an exit; the person can come back."""

    person = models.OneToOneField("people.Person", verbose_name=_("person"), on_delete=models.PROTECT,
                                  related_name="volunteer")
    organization = models.ForeignKey("organizations.Organization", verbose_name=_("organisation"),
                                     on_delete=models.PROTECT, related_name="volunteers")
    number = models.CharField(_("volunteer number"), max_length=20, blank=True)
    tier = models.CharField(_("tier"), max_length=16, choices=Tier.choices, default=Tier.COMMUNITY)
    status = models.CharField(_("status"), max_length=16, choices=VolunteerStatus.choices,
                              default=VolunteerStatus.APPLIED)
    skills = ArrayField(models.CharField(max_length=32, choices=Skill.choices), verbose_name=_("skills"),
                        default=list, blank=True)
    qualifications = models.CharField(_("professional qualifications"), max_length=255, blank=True)
    availability = models.CharField(_("availability"), max_length=255, blank=True)
    consent_at = models.DateTimeField(_("consented to the use of personal data at"))
    guardian_name = models.CharField(_("guardian"), max_length=100, blank=True)
    guardian_consent_at = models.DateTimeField(_("guardian consented at"), null=True, blank=True)
    applied_at = models.DateTimeField(_("applied at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("decided by"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    decline_reason = models.CharField(_("reason for declining"), max_length=255, blank=True)
    registered_at = models.DateTimeField(_("registered as Red Cross volunteer at"), null=True, blank=True)
    confirmed_hours = models.DecimalField(_("confirmed hours"), max_digits=10, decimal_places=2, default=0)
    stars = models.PositiveSmallIntegerField(_("stars"), default=0)
    # The region code of the volunteer's organisation, kept by the database (region_kept_by_trigger, and
    # region_follows when the organisation moves): a district's page comes from its (district, id) index, not
    # from the whole city's volunteers walked newest first and joined to their organisations.
    scope_region = models.CharField(max_length=12, editable=False, default="")

    objects = VolunteerQuerySet.as_manager()
    scope_region_lookup = "scope_region"
    scope_district_field = "scope_region"
    large_choice = ("number", "person__full_name")  # too many rows for a select: filters search these

    class Meta:
        verbose_name = _("volunteer")
        verbose_name_plural = _("volunteers")
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["status", "tier"], name="volunteer_status_tier_idx"),
            models.Index(fields=["stars"], name="volunteer_stars_idx"),
            district_index("scope_region", "volunteer_district_idx"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["number"], condition=~Q(number=""), name="unique_volunteer_number",
                                    violation_error_message=_("Volunteer number: already in use.")),
            models.CheckConstraint(condition=Q(confirmed_hours__gte=0), name="volunteer_hours_not_negative"),
            models.CheckConstraint(condition=Q(stars__lte=5), name="volunteer_stars_at_most_five"),
            models.CheckConstraint(
                condition=Q(status__in=["applied", "declined"]) | ~Q(number=""),
                name="accepted_volunteer_has_number",
            ),
        ]
        triggers = [
            region_kept_by_trigger("volunteer_scope_region", "scope_region", "organization_id",
                                   "SELECT region_id FROM organizations_organization WHERE id = NEW.organization_id"),
        ]

    def __str__(self):
        number = self.number or _("applicant")  # outside the f-string, so makemessages finds it
        return f"{number} {self.person.masked_name}"

    def get_absolute_url(self):
        return reverse("volunteers:volunteer_detail", args=[self.pk])


@tracked()
class Team(models.Model):
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=32, choices=TeamKind.choices, default=TeamKind.GENERAL)
    organization = models.ForeignKey("organizations.Organization", verbose_name=_("organisation"),
                                     on_delete=models.PROTECT, related_name="volunteer_teams", db_index=False)
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    members = models.ManyToManyField(Volunteer, through="TeamMembership", related_name="teams",
                                     verbose_name=_("members"))

    objects = ScopedQuerySet.as_manager()
    scope_region_lookup = "organization__region__code"

    class Meta:
        verbose_name = _("volunteer team")
        verbose_name_plural = _("volunteer teams")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["organization", "name"], name="unique_team_name")]

    def __str__(self):
        return self.name


@tracked()
class TeamMembership(models.Model):
    team = models.ForeignKey(Team, on_delete=models.CASCADE, db_index=False)
    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE)
    is_leader = models.BooleanField(_("team leader"), default=False)
    joined_on = models.DateField(_("joined on"), auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["team", "volunteer"], name="unique_team_member")]

    def __str__(self):
        return f"{self.team_id}: {self.volunteer_id}"


def new_checkin_code():
    return secrets.token_urlsafe(16)


@tracked()
class Activity(models.Model):
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=32, choices=ActivityKind.choices)
    organization = models.ForeignKey("organizations.Organization", verbose_name=_("organiser"),
                                     on_delete=models.PROTECT, related_name="volunteer_activities")
    region = models.ForeignKey("organizations.Region", verbose_name=_("region"), on_delete=models.PROTECT,
                               related_name="+")
    place = models.CharField(_("place"), max_length=255)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    capacity = models.PositiveIntegerField(_("capacity"))
    required_skills = ArrayField(models.CharField(max_length=32, choices=Skill.choices),
                                 verbose_name=_("required skills"), default=list, blank=True)
    is_risky = models.BooleanField(_("risky (needs accident insurance)"), default=False)
    description = models.TextField(_("description"), blank=True)
    checkin_code = models.CharField(max_length=32, unique=True, default=new_checkin_code, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    scope_region_lookup = "region__code"

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="activity_ends_after_start",
                                   violation_error_message=_("End: the activity must end after it starts.")),
            models.CheckConstraint(condition=Q(capacity__gt=0), name="activity_capacity_positive",
                                   violation_error_message=_("Capacity: at least one volunteer.")),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("volunteers:activity_detail", args=[self.pk])


@tracked()
class SignUp(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.PROTECT, related_name="signups", db_index=False)
    volunteer = models.ForeignKey(Volunteer, on_delete=models.PROTECT, related_name="signups")
    status = models.CharField(_("status"), max_length=16, choices=SignUpStatus.choices,
                              default=SignUpStatus.SIGNED_UP)
    signed_up_at = models.DateTimeField(auto_now_add=True)
    checked_in_at = models.DateTimeField(null=True, blank=True)
    checked_out_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_region_lookup = "activity__region__code"

    class Meta:
        verbose_name = _("sign-up")
        verbose_name_plural = _("sign-ups")
        constraints = [
            models.UniqueConstraint(fields=["activity", "volunteer"], name="one_signup_per_activity"),
            models.CheckConstraint(condition=Q(checked_out_at__isnull=True) | Q(checked_in_at__isnull=False),
                                   name="checkout_after_checkin"),
        ]

    def __str__(self):
        return f"{self.activity} · {self.volunteer}"


@tracked(exclude=["scope_region"])
class ServiceRecord(models.Model):
    """Hours actually served, recorded and confirmed by the organiser; final once confirmed.

    A mistake is corrected by an adjusting record with a reason, never by an edit:
    the database refuses to change or delete a confirmed record.
    """

    volunteer = models.ForeignKey(Volunteer, verbose_name=_("volunteer"), on_delete=models.PROTECT,
                                  related_name="service_records", db_index=False)
    activity = models.ForeignKey(Activity, verbose_name=_("activity"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="service_records")
    signup = models.OneToOneField(SignUp, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="service_record")
    organization = models.ForeignKey("organizations.Organization", verbose_name=_("recording organisation"),
                                     on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=16, choices=RecordKind.choices, default=RecordKind.SERVICE)
    hours = models.DecimalField(_("hours"), max_digits=6, decimal_places=2)
    served_on = models.DateField(_("served on"))
    content = models.CharField(_("content of service"), max_length=255)
    reason = models.CharField(_("reason for the correction"), max_length=255, blank=True)
    adjusts = models.ForeignKey("self", verbose_name=_("corrects"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="adjustments")
    status = models.CharField(_("status"), max_length=16, choices=RecordStatus.choices,
                              default=RecordStatus.RECORDED)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # The region code of the volunteer's organisation, kept by the database (redcross.scoping's
    # region_kept_by_trigger, and region_follows when a volunteer or an organisation moves): the
    # scope reads it without two joins, and a district's page comes from its (district, id) index.
    scope_region = models.CharField(max_length=12, editable=False, default="")

    objects = ScopedQuerySet.as_manager()
    scope_region_lookup = "scope_region"
    scope_district_field = "scope_region"

    class Meta:
        verbose_name = _("service record")
        verbose_name_plural = _("service records")
        ordering = ["-served_on", "-id"]
        indexes = [models.Index(fields=["volunteer", "status", "served_on"], name="record_volunteer_idx"),
                   district_index("scope_region", "record_district_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="service", hours__gt=0, hours__lte=24, adjusts__isnull=True)
                | Q(kind="adjustment", adjusts__isnull=False) & ~Q(hours=0) & ~Q(reason=""),
                name="record_hours_make_sense",
                violation_error_message=_("Hours: a service record has 0–24 hours; a correction names the "
                                          "record it corrects, a reason and a non-zero change."),
            ),
            models.CheckConstraint(
                condition=Q(status="recorded", confirmed_at__isnull=True)
                | Q(status="confirmed", confirmed_at__isnull=False, confirmed_by__isnull=False),
                name="confirmed_record_has_confirmer",
            ),
        ]
        triggers = [
            # Final once confirmed: nothing of it changes but the scope's copy of its region, which follows a
            # volunteer or an organisation that moves.
            pgtrigger.Protect(
                name="confirmed_records_are_final",
                operation=pgtrigger.Update,
                condition=pgtrigger.Condition("OLD.status = 'confirmed' AND to_jsonb(OLD) - 'scope_region' "
                                              "IS DISTINCT FROM to_jsonb(NEW) - 'scope_region'"),
            ),
            pgtrigger.Protect(name="confirmed_records_are_never_deleted", operation=pgtrigger.Delete,
                              condition=pgtrigger.Q(old__status="confirmed")),
            region_kept_by_trigger(
                "record_scope_region", "scope_region", "volunteer_id",
                "SELECT o.region_id FROM volunteers_volunteer AS v JOIN organizations_organization AS o "
                "ON o.id = v.organization_id WHERE v.id = NEW.volunteer_id"),
        ]

    def __str__(self):
        return f"{self.volunteer} {self.hours}h {self.served_on}"


@tracked()
class Insurance(models.Model):
    """An accident-insurance period (Volunteer Service Regulations Art 17)."""

    volunteer = models.ForeignKey(Volunteer, verbose_name=_("volunteer"), on_delete=models.PROTECT,
                                  related_name="insurances", db_index=False)
    insurer = models.CharField(_("insurer"), max_length=100)
    policy_number = models.CharField(_("policy number"), max_length=64)
    starts_on = models.DateField(_("cover from"))
    ends_on = models.DateField(_("cover until"))
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    scope_region_lookup = "volunteer__organization__region__code"

    class Meta:
        verbose_name = _("accident insurance")
        verbose_name_plural = _("accident insurance")
        ordering = ["-ends_on"]
        indexes = [models.Index(fields=["volunteer", "ends_on"], name="insurance_volunteer_end_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="insurance_ends_after_start",
                                   violation_error_message=_("Cover until: on or after the start of cover.")),
        ]

    def __str__(self):
        return f"{self.insurer} {self.starts_on}–{self.ends_on}"


@tracked()
class Commendation(models.Model):
    volunteer = models.ForeignKey(Volunteer, verbose_name=_("volunteer"), on_delete=models.PROTECT,
                                  related_name="commendations")
    title = models.CharField(_("commendation or award"), max_length=200)
    awarded_by = models.CharField(_("awarded by"), max_length=200)
    awarded_on = models.DateField(_("awarded on"))
    may_publish = models.BooleanField(_("the volunteer agreed to publication"), default=False)

    scope_region_lookup = "volunteer__organization__region__code"

    class Meta:
        verbose_name = _("commendation")
        verbose_name_plural = _("commendations")
        ordering = ["-awarded_on"]

    def __str__(self):
        return self.title


@tracked()
class Evaluation(models.Model):
    volunteer = models.ForeignKey(Volunteer, verbose_name=_("volunteer"), on_delete=models.PROTECT,
                                  related_name="evaluations", db_index=False)
    period = models.CharField(_("period"), max_length=20, help_text=_("e.g. 2025 or 2025-H1"))
    grade = models.CharField(_("grade"), max_length=16, choices=EvaluationGrade.choices)
    comments = models.TextField(_("comments"), blank=True)
    evaluated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    evaluated_on = models.DateField(_("evaluated on"), auto_now_add=True)

    scope_region_lookup = "volunteer__organization__region__code"

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        ordering = ["-evaluated_on"]
        constraints = [models.UniqueConstraint(fields=["volunteer", "period"], name="one_evaluation_per_period")]

    def __str__(self):
        return f"{self.period} {self.get_grade_display()}"


@tracked()
class Exit(models.Model):
    """Leaving is recorded, not deleted: the record and its hours stay, and the person can come back."""

    volunteer = models.ForeignKey(Volunteer, verbose_name=_("volunteer"), on_delete=models.PROTECT,
                                  related_name="exits")
    kind = models.CharField(_("kind of exit"), max_length=16, choices=ExitKind.choices)
    reason = models.CharField(_("reason"), max_length=255)
    exited_on = models.DateField(_("exit date"))
    interview_notes = models.TextField(_("exit interview notes"), blank=True)
    equipment_returned = models.BooleanField(_("equipment returned"), default=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    rejoined_at = models.DateTimeField(_("came back at"), null=True, blank=True)

    scope_region_lookup = "volunteer__organization__region__code"

    class Meta:
        verbose_name = _("exit")
        verbose_name_plural = _("exits")
        ordering = ["-exited_on"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.exited_on}"


@tracked()
class ServiceCertificate(models.Model):
    """A volunteer service certificate (DOMAIN.md fields), numbered without gaps per year.

    What it certifies is copied at issue time, so the certificate stays true to
    the day it was issued while the hours keep growing.
    """

    number = models.CharField(_("certificate number"), max_length=32, unique=True)
    volunteer = models.ForeignKey(Volunteer, verbose_name=_("volunteer"), on_delete=models.PROTECT,
                                  related_name="certificates")
    organization = models.ForeignKey("organizations.Organization", verbose_name=_("issuing organisation"),
                                     on_delete=models.PROTECT, related_name="+")
    hours = models.DecimalField(_("confirmed hours"), max_digits=10, decimal_places=2)
    first_served_on = models.DateField(_("service from"), null=True, blank=True)
    last_served_on = models.DateField(_("service until"), null=True, blank=True)
    content = models.CharField(_("content of service"), max_length=500)
    head_name = models.CharField(_("person in charge"), max_length=50)
    handler_name = models.CharField(_("handler"), max_length=50)
    contact = models.CharField(_("contact"), max_length=50)
    issued_on = models.DateField(_("issued on"))
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    scope_region_lookup = "volunteer__organization__region__code"

    class Meta:
        verbose_name = _("service certificate")
        verbose_name_plural = _("service certificates")
        ordering = ["-issued_on", "-id"]
        triggers = [
            pgtrigger.Protect(name="certificates_are_final", operation=pgtrigger.Update | pgtrigger.Delete),
        ]

    def __str__(self):
        return self.number


@tracked()
class CorrectionRequest(models.Model):
    """A volunteer asks for a correction of recorded hours (民政部令第67号).

    Staff answer with a correction or a reason.
    """

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("correction", "Open")
        CORRECTED = "corrected", pgettext_lazy("correction", "Corrected")
        DECLINED = "declined", pgettext_lazy("correction", "Declined")

    volunteer = models.ForeignKey(Volunteer, verbose_name=_("volunteer"), on_delete=models.PROTECT,
                                  related_name="correction_requests")
    record = models.ForeignKey(ServiceRecord, verbose_name=_("service record"), on_delete=models.PROTECT,
                               related_name="correction_requests")
    message = models.CharField(_("what is wrong"), max_length=500)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.OPEN)
    answer = models.CharField(_("answer"), max_length=255, blank=True)
    correction = models.ForeignKey(ServiceRecord, verbose_name=_("correction"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")

    scope_region_lookup = "volunteer__organization__region__code"

    class Meta:
        verbose_name = _("correction request")
        verbose_name_plural = _("correction requests")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["record"], condition=Q(status="open"),
                                    name="one_open_request_per_record"),
        ]

    def __str__(self):
        return f"{self.record} · {self.get_status_display()}"
