import secrets

from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import ArrayField, DateTimeRangeField, RangeOperators
from django.db import models
from django.db.models import F, Func, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from redcross.api.rows import row_property
from redcross.api.rows import today as page_today
from redcross.history import tracked
from redcross.scoping import ScopedQuerySet, district_index, prefix_index, region_kept_by_trigger
from training.choices import (
    Audience,
    BaseLevel,
    CertificateState,
    CourseKind,
    EnrolmentChannel,
    EnrolmentStatus,
    InstructorTier,
    Outcome,
    SessionStatus,
    SevenAbility,
)


@tracked()
class Course(models.Model):
    """The city's curriculum catalogue, the same in every district: hours, passing marks and validity are data."""

    code = models.SlugField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=32, choices=CourseKind.choices)
    hours = models.DecimalField(_("teaching hours"), max_digits=5, decimal_places=1)
    passing_score = models.PositiveSmallIntegerField(_("passing mark (of 100)"), null=True, blank=True,
                                                     help_text=_("Empty: attendance only, no exam."))
    requires_skills_test = models.BooleanField(_("skills test required"), default=False)
    validity_years = models.PositiveSmallIntegerField(_("certificate valid for (years)"), null=True, blank=True,
                                                      help_text=_("Empty: no certificate is issued."))
    description = models.TextField(_("description"), blank=True)
    abilities = ArrayField(models.CharField(max_length=16, choices=SevenAbility.choices), verbose_name=_(
        "abilities built (七种能力)"), default=list, blank=True,
        help_text=_("For cadre courses: which of the seven abilities the course builds."))
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(condition=Q(hours__gt=0), name="course_hours_positive",
                                   violation_error_message=_("Hours: a course has some teaching hours.")),
            models.CheckConstraint(condition=Q(validity_years__isnull=True) | Q(passing_score__isnull=False),
                                   name="certificate_course_has_exam",
                                   violation_error_message=_("Passing mark: a course that certifies has an exam.")),
            models.CheckConstraint(condition=Q(passing_score__isnull=True) | Q(passing_score__lte=100),
                                   name="course_passing_score_at_most_100",
                                   violation_error_message=_("Passing mark: at most 100.")),
        ]

    def __str__(self):
        return self.name

    @property
    def certifies(self) -> bool:
        return self.validity_years is not None


@tracked()
class TrainingBase(models.Model):
    """A practical training base (实训基地) with its manikins and AEDs."""

    name = models.CharField(_("name"), max_length=100)
    organization = models.ForeignKey("organizations.Organization", verbose_name=_("organisation"),
                                     on_delete=models.PROTECT, related_name="training_bases")
    region = models.ForeignKey("organizations.Region", verbose_name=_("region"), on_delete=models.PROTECT,
                               related_name="+", db_index=False)
    level = models.CharField(_("level"), max_length=16, choices=BaseLevel.choices, default=BaseLevel.DISTRICT)
    address = models.CharField(_("address"), max_length=255)
    capacity = models.PositiveIntegerField(_("capacity (trainees)"))
    manikins = models.PositiveIntegerField(_("CPR manikins"), default=0)
    aeds = models.PositiveIntegerField(_("training AEDs"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    objects = ScopedQuerySet.as_manager()
    scope_region_lookup = "region__code"

    class Meta:
        verbose_name = _("training base")
        verbose_name_plural = _("training bases")
        ordering = ["region_id", "name"]
        indexes = [prefix_index("region", "base_region_prefix_idx")]
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="unique_training_base_name",
                                    violation_error_message=_("Name: this region already has a base of that name.")),
            models.CheckConstraint(condition=Q(capacity__gt=0), name="training_base_capacity_positive",
                                   violation_error_message=_("Capacity: at least one trainee.")),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("training:base_detail", args=[self.pk])


@tracked()
class Instructor(models.Model):
    """A first-aid instructor (救护师资) in one of the plan's three tiers."""

    person = models.OneToOneField("people.Person", verbose_name=_("person"), on_delete=models.PROTECT,
                                  related_name="instructor")
    organization = models.ForeignKey("organizations.Organization", verbose_name=_("organisation"),
                                     on_delete=models.PROTECT, related_name="instructors")
    user = models.OneToOneField(settings.AUTH_USER_MODEL, verbose_name=_("portal login"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="instructor")
    tier = models.CharField(_("tier"), max_length=16, choices=InstructorTier.choices)
    qualification = models.CharField(_("qualification"), max_length=200)
    qualification_number = models.CharField(_("qualification certificate number"), max_length=64, blank=True)
    qualified_until = models.DateField(_("qualification valid until"))
    is_active = models.BooleanField(_("active"), default=True)

    objects = ScopedQuerySet.as_manager()
    scope_region_lookup = "organization__region__code"

    class Meta:
        verbose_name = _("instructor")
        verbose_name_plural = _("instructors")
        ordering = ["-id"]

    def __str__(self):
        return f"{self.person.masked_name} ({self.get_tier_display()})"

    def get_absolute_url(self):
        return reverse("training:instructor_detail", args=[self.pk])

    @property
    def hours_expected(self) -> int:
        return settings.REDCROSS["TRAINING_INSTRUCTOR_YEARLY_HOURS"].get(self.tier, 0)


@tracked()
class TrainingSession(models.Model):
    course = models.ForeignKey(Course, verbose_name=_("course"), on_delete=models.PROTECT, related_name="sessions")
    base = models.ForeignKey(TrainingBase, verbose_name=_("training base"), on_delete=models.PROTECT,
                             related_name="sessions")
    organization = models.ForeignKey("organizations.Organization", verbose_name=_("organiser"),
                                     on_delete=models.PROTECT, related_name="training_sessions")
    region = models.ForeignKey("organizations.Region", verbose_name=_("region"), on_delete=models.PROTECT,
                               related_name="+")
    title = models.CharField(_("title"), max_length=200, blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    capacity = models.PositiveIntegerField(_("capacity"))
    audience = models.CharField(_("audience"), max_length=32, choices=Audience.choices)
    unit = models.ForeignKey("organizations.Organization", verbose_name=_("for the staff of (member unit)"),
                             null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                             help_text=_("A scenic area, school or enterprise whose people this session trains."))
    is_public = models.BooleanField(_("open for public booking"), default=False)
    status = models.CharField(_("status"), max_length=16, choices=SessionStatus.choices,
                              default=SessionStatus.SCHEDULED)
    notes = models.TextField(_("notes"), blank=True)
    instructors = models.ManyToManyField(Instructor, through="SessionInstructor", related_name="sessions",
                                         verbose_name=_("instructors"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    scope_region_lookup = "region__code"
    large_choice = ("title", "course__name")  # too many rows for a select: filters search these

    class Meta:
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        ordering = ["-starts_at"]
        indexes = [
            models.Index(fields=["starts_at"], name="session_starts_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="training_session_ends_after_start",
                                   violation_error_message=_("End: the session must end after it starts.")),
            models.CheckConstraint(condition=Q(capacity__gt=0), name="training_session_capacity_positive",
                                   violation_error_message=_("Capacity: at least one trainee.")),
        ]

    def __str__(self):
        day = timezone.localtime(self.starts_at).strftime("%Y-%m-%d")
        return f"{self.name} {day}"

    def get_absolute_url(self):
        return reverse("training:session_detail", args=[self.pk])

    @property
    def name(self):
        return self.title or self.course.name


class TsTzRange(Func):
    function = "TSTZRANGE"
    output_field = DateTimeRangeField()


@tracked()
class SessionInstructor(models.Model):
    """An instructor on a session; the database refuses the same instructor in two overlapping sessions."""

    session = models.ForeignKey(TrainingSession, on_delete=models.CASCADE, related_name="teaching", db_index=False)
    instructor = models.ForeignKey(Instructor, on_delete=models.PROTECT, related_name="teaching")
    # The session's times, copied so the exclusion constraint can see them.
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    is_active = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "instructor"], name="one_instructor_entry_per_session"),
            ExclusionConstraint(
                name="instructor_not_double_booked",
                expressions=[("instructor", RangeOperators.EQUAL),
                             (TsTzRange("starts_at", "ends_at"), RangeOperators.OVERLAPS)],
                condition=Q(is_active=True),
                violation_error_message=_("Instructors: an instructor is already teaching at that time."),
            ),
        ]

    def __str__(self):
        return f"{self.session_id}: {self.instructor_id}"


@tracked()
class Enrolment(models.Model):
    session = models.ForeignKey(TrainingSession, verbose_name=_("session"), on_delete=models.PROTECT,
                                related_name="enrolments", db_index=False)
    person = models.ForeignKey("people.Person", verbose_name=_("trainee"), on_delete=models.PROTECT,
                               related_name="enrolments")
    status = models.CharField(_("status"), max_length=16, choices=EnrolmentStatus.choices,
                              default=EnrolmentStatus.BOOKED)
    channel = models.CharField(_("channel"), max_length=16, choices=EnrolmentChannel.choices,
                               default=EnrolmentChannel.STAFF)
    group_name = models.CharField(_("group (class, enterprise)"), max_length=100, blank=True)
    booked_at = models.DateTimeField(_("booked at"), auto_now_add=True)
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    exam_score = models.DecimalField(_("exam score"), max_digits=4, decimal_places=1, null=True, blank=True)
    skills_passed = models.BooleanField(_("skills test passed"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices, default=Outcome.PENDING)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField(_("result recorded at"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_region_lookup = "session__region__code"

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["-id"]
        indexes = [models.Index(fields=["session", "status", "booked_at"], name="enrolment_session_idx")]
        constraints = [
            models.UniqueConstraint(fields=["session", "person"], name="one_enrolment_per_session",
                                    violation_error_message=_("Trainee: already enrolled in this session.")),
            models.CheckConstraint(condition=Q(exam_score__isnull=True) | Q(exam_score__gte=0, exam_score__lte=100),
                                   name="enrolment_score_0_to_100",
                                   violation_error_message=_("Exam score: between 0 and 100.")),
            models.CheckConstraint(condition=Q(outcome="pending") | Q(status="booked"),
                                   name="results_only_for_booked_trainees"),
        ]

    def __str__(self):
        return f"{self.session} · {self.person.masked_name}"

    def get_absolute_url(self):
        return reverse("training:session_detail", args=[self.session_id]) + f"#enrolment-{self.pk}"


class CertificateQuerySet(ScopedQuerySet):
    def with_holder(self):
        """With the holder's masked data, the course and the issuer, and none of the holder's encrypted columns."""
        return self.select_related("person", "course", "organization").only(
            *[f.attname for f in Certificate._meta.concrete_fields], "person__full_name",
            "person__document_number_masked", "course__name", "course__kind", "organization__name",
            "organization__region_id")


def new_verification_code():
    return secrets.token_urlsafe(12)


@tracked(exclude=["scope_region"])
class Certificate(models.Model):
    """A numbered certificate; retraining issues a new one that renews the old."""

    number = models.CharField(_("certificate number"), max_length=20, unique=True)
    person = models.ForeignKey("people.Person", verbose_name=_("holder"), on_delete=models.PROTECT,
                               related_name="training_certificates", db_index=False)
    course = models.ForeignKey(Course, verbose_name=_("course"), on_delete=models.PROTECT, related_name="+")
    enrolment = models.OneToOneField(Enrolment, verbose_name=_("enrolment"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="certificate")
    organization = models.ForeignKey("organizations.Organization", verbose_name=_("issued by"),
                                     on_delete=models.PROTECT, related_name="+")
    issued_on = models.DateField(_("issued on"))
    expires_on = models.DateField(_("valid until"))
    renewed_by = models.OneToOneField("self", verbose_name=_("renewed by"), null=True, blank=True,
                                      on_delete=models.PROTECT, related_name="renews")
    verification_code = models.CharField(max_length=32, unique=True, default=new_verification_code, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    # The issuing organisation's region code, kept by the database (region_kept_by_trigger, and region_follows
    # when the organisation moves): a district's page comes from its (district, id) index.
    scope_region = models.CharField(max_length=12, editable=False, default="")

    objects = CertificateQuerySet.as_manager()
    scope_region_lookup = "scope_region"
    scope_district_field = "scope_region"

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["expires_on", "id"], condition=Q(renewed_by__isnull=True),
                         name="certificate_current_expiry_idx"),
            models.Index(fields=["person", "course"], name="certificate_person_idx"),
            district_index("scope_region", "certificate_district_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(expires_on__gt=F("issued_on")), name="certificate_expires_after_issue",
                                   violation_error_message=_("Valid until: after the issue date.")),
        ]
        triggers = [
            region_kept_by_trigger("certificate_scope_region", "scope_region", "organization_id",
                                   "SELECT region_id FROM organizations_organization WHERE id = NEW.organization_id"),
        ]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("training:certificate_detail", args=[self.pk])

    @row_property("renewed_by_id", "expires_on")
    def state(self) -> str:
        """valid, expiring (within the first reminder), expired, or renewed; as of today."""
        return self.state_on(page_today())

    def state_on(self, today) -> str:
        if self.renewed_by_id:
            return CertificateState.RENEWED
        if self.expires_on < today:
            return CertificateState.EXPIRED
        from datetime import timedelta

        if self.expires_on <= today + timedelta(days=max(settings.REDCROSS["TRAINING_CERTIFICATE_REMINDER_DAYS"])):
            return CertificateState.EXPIRING
        return CertificateState.VALID

    def get_state_display(self):
        return CertificateState(self.state).label

    @property
    def verify_path(self):
        return reverse("training-public:verify-number", args=[self.number]) + f"?c={self.verification_code}"


@tracked()
class Feedback(models.Model):
    """A trainee's feedback on a session, one per enrolment."""

    enrolment = models.OneToOneField(Enrolment, verbose_name=_("enrolment"), on_delete=models.CASCADE,
                                     related_name="feedback")
    rating = models.PositiveSmallIntegerField(_("rating (1–5)"))
    comment = models.TextField(_("comment"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)

    scope_region_lookup = "enrolment__session__region__code"

    class Meta:
        verbose_name = _("trainee feedback")
        verbose_name_plural = _("trainee feedback")
        constraints = [
            models.CheckConstraint(condition=Q(rating__gte=1, rating__lte=5), name="feedback_rating_1_to_5",
                                   violation_error_message=_("Rating: from 1 to 5.")),
        ]

    def __str__(self):
        return f"{self.enrolment_id}: {self.rating}"


@tracked()
class Assessment(models.Model):
    """A yearly third-party expert assessment of a district's (or one base's) training."""

    year = models.PositiveSmallIntegerField(_("year"))
    region = models.ForeignKey("organizations.Region", verbose_name=_("district"), on_delete=models.PROTECT,
                               related_name="+")
    base = models.ForeignKey(TrainingBase, verbose_name=_("training base"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="assessments")
    assessor = models.CharField(_("expert team"), max_length=200)
    method_score = models.DecimalField(_("method"), max_digits=4, decimal_places=1)
    approach_score = models.DecimalField(_("approach"), max_digits=4, decimal_places=1)
    quality_score = models.DecimalField(_("quality"), max_digits=4, decimal_places=1)
    findings = models.TextField(_("findings"))
    assessed_on = models.DateField(_("assessed on"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = ScopedQuerySet.as_manager()
    scope_region_lookup = "region__code"

    class Meta:
        verbose_name = _("third-party assessment")
        verbose_name_plural = _("third-party assessments")
        ordering = ["-year", "region_id"]
        constraints = [
            models.UniqueConstraint(fields=["year", "region", "base"], nulls_distinct=False,
                                    name="one_assessment_per_year_and_place",
                                    violation_error_message=_("Year: this place was already assessed that year.")),
            models.CheckConstraint(
                condition=Q(method_score__gte=0, method_score__lte=100, approach_score__gte=0,
                            approach_score__lte=100, quality_score__gte=0, quality_score__lte=100),
                name="assessment_scores_0_to_100",
                violation_error_message=_("Scores: between 0 and 100."),
            ),
        ]

    def __str__(self):
        return f"{self.year} {self.region.name}{' · ' + self.base.name if self.base_id else ''}"

    def get_absolute_url(self):
        return reverse("training:assessment_detail", args=[self.pk])

    @property
    def overall(self):
        return round((self.method_score + self.approach_score + self.quality_score) / 3, 1)


@tracked()
class TrainingTarget(models.Model):
    """How many of an audience a region must train by a year; progress is computed by a Celery task."""

    audience = models.CharField(_("audience"), max_length=32, choices=Audience.choices)
    region = models.ForeignKey("organizations.Region", verbose_name=_("region"), on_delete=models.PROTECT,
                               related_name="+")
    unit = models.ForeignKey("organizations.Organization", verbose_name=_("member unit"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+",
                             help_text=_("For a target per unit, e.g. the staff of one 4A+ scenic area."))
    year = models.PositiveSmallIntegerField(_("by the end of"))
    target_count = models.PositiveIntegerField(_("people to train"))
    population = models.PositiveIntegerField(_("population"), null=True, blank=True,
                                             help_text=_("Residents of the region, for first-aiders per 1,000."))
    trained = models.PositiveIntegerField(_("trained"), default=0, editable=False)
    certified = models.PositiveIntegerField(_("holding a valid certificate"), default=0, editable=False)
    computed_at = models.DateTimeField(_("computed at"), null=True, blank=True, editable=False)

    objects = ScopedQuerySet.as_manager()
    scope_region_lookup = "region__code"

    class Meta:
        verbose_name = _("training target")
        verbose_name_plural = _("training targets")
        ordering = ["region_id", "audience"]
        constraints = [
            models.UniqueConstraint(fields=["audience", "region", "unit", "year"], nulls_distinct=False,
                                    name="one_target_per_audience_place_year",
                                    violation_error_message=_("Audience: this region already has that target.")),
            models.CheckConstraint(condition=Q(target_count__gt=0), name="training_target_positive",
                                   violation_error_message=_("People to train: at least one.")),
        ]

    def __str__(self):
        place = self.unit.name if self.unit_id else self.region.name
        return f"{place} · {self.get_audience_display()} · {self.year}"

    def get_absolute_url(self):
        return reverse("training:coverage") + f"?region={self.region_id}"

    @row_property("trained", "target_count")
    def rate(self):
        return round(min(100.0, 100 * self.trained / self.target_count), 1) if self.target_count else 0.0

    @row_property("certified", "population")
    def per_thousand(self):
        return round(1000 * self.certified / self.population, 2) if self.population else None
