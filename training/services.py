"""Every write with a rule in training/: the portal, the public site, the API, the importer and tasks call these."""

from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from people import services as people_services
from redcross.errors import merge
from redcross.instances import build
from redcross.notifications import notify_once
from redcross.numbering import next_number
from redcross.scoping import require_in_scope
from training.choices import EnrolmentChannel, EnrolmentStatus, Outcome, SessionStatus
from training.models import (
    Assessment,
    Certificate,
    Enrolment,
    Feedback,
    Instructor,
    SessionInstructor,
    TrainingBase,
    TrainingSession,
    TrainingTarget,
)


def _rules():
    return settings.REDCROSS


_require_scope = require_in_scope


def tier_may_teach(tier: str, course_kind: str) -> bool:
    return course_kind in _rules()["TRAINING_TIER_COURSES"].get(tier, ())


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=day.year + years, day=28)


# --- instructors ---------------------------------------------------------------------------

INSTRUCTOR_FIELDS = ("person", "organization", "user", "tier", "qualification", "qualification_number",
                     "qualified_until", "is_active")


@transaction.atomic
def instructor_add(*, actor, **fields) -> Instructor:
    unknown = set(fields) - set(INSTRUCTOR_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    instructor = Instructor(**fields)
    _require_scope(actor, instructor.organization.region_id, "organization")
    if Instructor.objects.filter(person=instructor.person).exists():
        raise ValidationError({"person": _("Person: already registered as an instructor.")})
    instructor.full_clean()
    instructor.save()
    return instructor


BASE_FIELDS = ("name", "organization", "region", "level", "address", "capacity", "manikins", "aeds", "is_active")


@transaction.atomic
def training_base_save(*, actor, base=None, **fields) -> TrainingBase:
    """Create a base, or change one (`base`); the region stays within the actor's area."""
    unknown = set(fields) - set(BASE_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    if base is not None:
        _require_scope(actor, base.region_id)
    base = base or TrainingBase()
    for name, value in fields.items():
        setattr(base, name, value)
    _require_scope(actor, base.region_id)
    base.full_clean()
    base.save()
    return base


# --- sessions ------------------------------------------------------------------------------

def _check_instructors(*, course, instructors, starts_at, ends_at, exclude_session=None) -> list:
    """Messages for instructors who may not teach this course at that time; locks their rows."""
    problems = []
    if not instructors:
        return [_("Instructors: name at least one instructor.")]
    locked = list(Instructor.objects.select_for_update().select_related("person")
                  .filter(pk__in=[i.pk for i in instructors]).order_by("pk"))
    day = timezone.localtime(starts_at).date()
    for instructor in locked:
        name = instructor.person.masked_name
        if not instructor.is_active:
            problems.append(_("Instructors: %(name)s is not active.") % {"name": name})
        if not tier_may_teach(instructor.tier, course.kind):
            problems.append(_("Instructors: a %(tier)s may not teach the %(course)s.")
                            % {"tier": instructor.get_tier_display(), "course": course.name})
        if instructor.qualified_until < day:
            problems.append(_("Instructors: the qualification of %(name)s expired on %(date)s.")
                            % {"name": name, "date": instructor.qualified_until.isoformat()})
        clash = (SessionInstructor.objects.filter(instructor=instructor, is_active=True, starts_at__lt=ends_at,
                                                  ends_at__gt=starts_at)
                 .exclude(session=exclude_session).select_related("session__course").first())
        if clash is not None:
            problems.append(_("Instructors: %(name)s already teaches %(session)s at that time.")
                            % {"name": name, "session": clash.session})
    return problems


SESSION_FIELDS = ("course", "base", "title", "starts_at", "ends_at", "capacity", "audience", "unit", "is_public",
                  "notes")


@transaction.atomic
def session_schedule(*, actor, instructors, organization=None, **fields) -> TrainingSession:
    """Schedule a session; refuses an instructor double-booked or not qualified for the course."""
    unknown = set(fields) - set(SESSION_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    base = fields["base"]
    profile = getattr(actor, "staff_profile", None)
    session = TrainingSession(created_by=actor, region=base.region,
                              organization=organization or (profile.organization if profile else base.organization),
                              **fields)
    errors = {}
    _require_scope(actor, base.region_id, "base")
    try:
        session.full_clean(exclude=["created_by", "instructors"])
    except ValidationError as exc:
        merge(errors, exc)
    if not errors:
        if not session.course.is_active:
            errors["course"] = [_("Course: this course is no longer offered.")]
        if session.unit_id and session.unit.kind != "member_unit":
            errors["unit"] = [_("Member unit: choose a member unit (a scenic area, school or enterprise).")]
        if session.capacity > base.capacity:
            errors["capacity"] = [_("Capacity: the base takes at most %(n)s trainees.") % {"n": base.capacity}]
        problems = _check_instructors(course=session.course, instructors=list(instructors),
                                      starts_at=session.starts_at, ends_at=session.ends_at)
        if problems:
            errors["instructors"] = problems
    if errors:
        raise ValidationError(errors)
    session.save()
    try:
        with transaction.atomic():
            SessionInstructor.objects.bulk_create([
                SessionInstructor(session=session, instructor=i, starts_at=session.starts_at, ends_at=session.ends_at)
                for i in instructors])
    except IntegrityError:
        # A concurrent schedule took the instructor between the check and the insert.
        raise ValidationError(
            {"instructors": _("Instructors: an instructor is already teaching at that time.")}) from None
    return session


@transaction.atomic
def session_cancel(*, session: TrainingSession, actor) -> TrainingSession:
    session = TrainingSession.objects.select_for_update().get(pk=session.pk)
    _require_scope(actor, session.region_id, "session")
    if session.status != SessionStatus.SCHEDULED:
        raise ValidationError({"status": _("Status: only a scheduled session can be cancelled.")})
    session.status = SessionStatus.CANCELLED
    session.save(update_fields=["status"])
    SessionInstructor.objects.filter(session=session).update(is_active=False)
    for enrolment in session.enrolments.exclude(status=EnrolmentStatus.CANCELLED).select_related("person"):
        notify_once(kind="training.session_cancelled", key=str(enrolment.pk), person=enrolment.person,
                    message=_("The first-aid session %(session)s is cancelled. Please book another one.")
                    % {"session": session})
    return session


@transaction.atomic
def session_complete(*, session: TrainingSession, actor) -> TrainingSession:
    session = TrainingSession.objects.select_for_update().get(pk=session.pk)
    _require_scope(actor, session.region_id, "session")
    if session.status != SessionStatus.SCHEDULED or session.starts_at > timezone.now():
        raise ValidationError({"status": _("Status: only a scheduled session that has started can be completed.")})
    session.status = SessionStatus.COMPLETED
    session.save(update_fields=["status"])
    return session


# --- bookings and the waiting list ---------------------------------------------------------

def _booked_count(session) -> int:
    return Enrolment.objects.filter(session=session, status=EnrolmentStatus.BOOKED).count()


@transaction.atomic
def enrolment_book(*, session: TrainingSession, person, channel=EnrolmentChannel.STAFF, group_name="",
                   waitlist=True, actor=None) -> Enrolment:
    """Book a place, never beyond capacity however many try at once; a full session puts people on the waiting list.

    Booking again answers the existing enrolment (a retried request books once).
    """
    session = TrainingSession.objects.select_for_update().get(pk=session.pk)
    if actor is not None:
        _require_scope(actor, session.region_id, "session")
    if session.status != SessionStatus.SCHEDULED or session.starts_at <= timezone.now():
        raise ValidationError({"session": _("Session: it is no longer open for booking.")})
    if channel == EnrolmentChannel.PUBLIC and not session.is_public:
        raise ValidationError({"session": _("Session: it is not open for public booking.")})
    existing = Enrolment.objects.filter(session=session, person=person).first()
    if existing is not None and existing.status != EnrolmentStatus.CANCELLED:
        return existing
    full = _booked_count(session) >= session.capacity
    if full and not waitlist:
        raise ValidationError({"session": _("Session: it is full.")})
    status = EnrolmentStatus.WAITLISTED if full else EnrolmentStatus.BOOKED
    if existing is not None:
        existing.status, existing.channel, existing.booked_at = status, channel, timezone.now()
        existing.save(update_fields=["status", "channel", "booked_at"])
        return existing
    return Enrolment.objects.create(session=session, person=person, status=status, channel=channel,
                                    group_name=(group_name or "").strip()[:100])


@transaction.atomic
def enrolments_book_many(*, session: TrainingSession, bookings, channel=EnrolmentChannel.IMPORT) -> int:
    """`enrolment_book` for many people at once (a group import): the same rules, one lock and three queries.

    `bookings` is [(person id, group name)] in file order. Places go in that order until the session is full,
    the rest wait; a cancelled enrolment is booked again, an active one is left as it is. Returns how many
    people the session now holds of those asked for.
    """
    from redcross.imports import copy_insert

    plan = enrolments_plan_many(session=session, bookings=bookings, channel=channel)
    copy_insert(Enrolment, plan.enrolments)
    return plan.held


class BookingPlan(NamedTuple):
    enrolments: list  # the new enrolments, unsaved, in file order
    held: int  # how many people the session holds of those asked for
    booked: int  # the session's booked places once the new enrolments are in


def enrolments_plan_many(*, session: TrainingSession, bookings, channel=EnrolmentChannel.IMPORT, nowait=False,
                         people_new=False, booked=None) -> BookingPlan:
    """`enrolments_book_many` up to its writes. The session stays locked, and cancelled enrolments are booked
    again, in the caller's transaction; the caller inserts the new ones before booking the session again.

    A streamed import, booking a chunk of the file at a time, passes `nowait`: a session another transaction holds
    raises DatabaseError at once. Its people were all added in this transaction (`people_new`), so none has an
    enrolment to look up; and from its second chunk on it holds the session's lock, so it passes the `booked` of
    its last plan rather than count them again. (PostgreSQL cannot know how many rows of the session this
    transaction added: looking a chunk's people up among them, or counting them, walked them all each time.)"""
    session = TrainingSession.objects.select_for_update(nowait=nowait).get(pk=session.pk)
    if session.status != SessionStatus.SCHEDULED or session.starts_at <= timezone.now():
        raise ValidationError({"session": _("Session: it is no longer open for booking.")})
    person_ids = [] if people_new else [person_id for person_id, _group in bookings]
    existing = {}
    for start in range(0, len(person_ids), 5000):
        existing.update((e.person_id, e) for e in Enrolment.objects.filter(
            session=session, person_id__any=person_ids[start:start + 5000]))
    if booked is None:
        booked = _booked_count(session)
    now = timezone.now()
    new, seen = [], set()
    for person_id, group_name in bookings:
        if person_id in seen:
            continue
        seen.add(person_id)
        found = existing.get(person_id)
        if found is not None and found.status != EnrolmentStatus.CANCELLED:
            continue
        status = EnrolmentStatus.WAITLISTED if booked >= session.capacity else EnrolmentStatus.BOOKED
        booked += status == EnrolmentStatus.BOOKED
        if found is not None:  # rare: booked again after cancelling
            found.status, found.channel, found.booked_at = status, channel, now
            found.save(update_fields=["status", "channel", "booked_at"])
            continue
        new.append(build(Enrolment, session=session, person_id=person_id, status=status, channel=channel,
                         group_name=(group_name or "").strip()[:100]))
    return BookingPlan(new, len(seen), booked)


def person_for_trainee(*, full_name, document_type, document_number, mobile, region):
    """The registered person with this document, or a validated unsaved one; ValidationError keyed by field."""
    try:
        person = people_services.person_find_by_document(document_type=document_type,
                                                         document_number=document_number)
    except ValidationError:
        person = None
    if person is not None and person.full_name != (full_name or "").strip():
        # Nobody books or enrols on another person's document; the message reveals nothing of the holder.
        raise ValidationError({"full_name": _("Full name: it does not match the registered holder of this "
                                              "document.")})
    return person or people_services.person_build(full_name=full_name, document_type=document_type,
                                                  document_number=document_number, mobile=mobile, region=region)


def save_person(person):
    """Save a person built by person_for_trainee (a document registered meanwhile is a ValidationError)."""
    if person.pk is None:
        people_services.person_save(person)
    return person


@transaction.atomic
def enrolment_add(*, session: TrainingSession, actor, full_name, document_type, document_number, mobile, region,
                  group_name="") -> Enrolment:
    """Staff enrol one person (through the people registry) on a session in their area."""
    person = save_person(person_for_trainee(full_name=full_name, document_type=document_type,
                                            document_number=document_number, mobile=mobile, region=region))
    return enrolment_book(session=session, person=person, group_name=group_name, actor=actor)


@transaction.atomic
def public_book(*, session: TrainingSession, full_name, document_type, document_number, mobile, region,
                consent=False) -> Enrolment:
    """A resident books on the public site; identity goes through the people registry."""
    errors = {}
    if not consent:
        errors["consent"] = [_("Consent: you must agree to the stated use of your personal data.")]
    person = None
    try:
        person = person_for_trainee(full_name=full_name, document_type=document_type,
                                    document_number=document_number, mobile=mobile, region=region)
    except ValidationError as exc:
        merge(errors, exc)
    if errors:
        raise ValidationError(errors)
    enrolment = enrolment_book(session=session, person=save_person(person), channel=EnrolmentChannel.PUBLIC)
    if enrolment.status == EnrolmentStatus.BOOKED:
        message = _("Your place in %(session)s is booked: %(time)s, %(place)s.")
    else:
        message = _("%(session)s is full; you are on the waiting list and will be told when a place frees up.")
    notify_once(kind=f"training.{enrolment.status}", key=str(enrolment.pk), person=enrolment.person,
                message=message % {"session": session, "place": session.base.address,
                                   "time": timezone.localtime(session.starts_at).strftime("%Y-%m-%d %H:%M")})
    return enrolment


def _promote_waiting(session) -> Enrolment | None:
    """Fill a freed place with the first on the waiting list; the session row is locked by the caller."""
    if _booked_count(session) >= session.capacity:
        return None
    waiting = (Enrolment.objects.select_for_update().filter(session=session, status=EnrolmentStatus.WAITLISTED)
               .select_related("person").order_by("booked_at", "pk").first())
    if waiting is None:
        return None
    waiting.status = EnrolmentStatus.BOOKED
    waiting.save(update_fields=["status"])
    notify_once(kind="training.place_freed", key=str(waiting.pk), person=waiting.person,
                message=_("A place is free for you in %(session)s; your booking is confirmed.") % {"session": session})
    return waiting


@transaction.atomic
def enrolment_cancel(*, enrolment: Enrolment, actor=None) -> Enrolment:
    session = TrainingSession.objects.select_for_update().get(pk=enrolment.session_id)
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if actor is not None:
        _require_scope(actor, session.region_id, "session")
    if enrolment.status == EnrolmentStatus.CANCELLED:
        return enrolment
    if enrolment.outcome != Outcome.PENDING:
        raise ValidationError({"status": _("Status: a result is recorded; the enrolment cannot be cancelled.")})
    enrolment.status = EnrolmentStatus.CANCELLED
    enrolment.save(update_fields=["status"])
    _promote_waiting(session)
    return enrolment


# --- results and certificates --------------------------------------------------------------

def _score(value):
    if value in (None, ""):
        return None
    try:
        score = Decimal(str(value))
    except InvalidOperation:
        raise ValidationError({"exam_score": _("Exam score: enter a number between 0 and 100.")}) from None
    if not score.is_finite() or score < 0 or score > 100:
        raise ValidationError({"exam_score": _("Exam score: enter a number between 0 and 100.")})
    return score.quantize(Decimal("0.1"))


def outcome_for(course, *, attended, exam_score, skills_passed) -> str:
    if not attended:
        return Outcome.ABSENT
    if course.passing_score is None:
        return Outcome.ATTENDED
    passed = exam_score is not None and exam_score >= course.passing_score
    if course.requires_skills_test:
        passed = passed and bool(skills_passed)
    return Outcome.PASSED if passed else Outcome.FAILED


@transaction.atomic
def enrolment_record_result(*, enrolment: Enrolment, actor, attended: bool, exam_score=None,
                            skills_passed=None) -> Enrolment:
    """Attendance, exam and skills; a pass in a certifying course issues the certificate (once)."""
    enrolment = Enrolment.objects.select_for_update().select_related("session__course").get(pk=enrolment.pk)
    session, course = enrolment.session, enrolment.session.course
    _require_scope(actor, session.region_id, "session")
    score = _score(exam_score)
    errors = {}
    if enrolment.status != EnrolmentStatus.BOOKED:
        errors["status"] = [_("Status: results are recorded for booked trainees only.")]
    if session.status == SessionStatus.CANCELLED or session.starts_at > timezone.now():
        errors["session"] = [_("Session: results are recorded once the session has started.")]
    if attended and course.passing_score is not None and score is None:
        errors["exam_score"] = [_("Exam score: this course has an exam; enter the score.")]
    if attended and course.requires_skills_test and skills_passed is None:
        errors["skills_passed"] = [_("Skills test: say whether the trainee passed it.")]
    if errors:
        raise ValidationError(errors)
    outcome = outcome_for(course, attended=attended, exam_score=score, skills_passed=skills_passed)
    if enrolment.outcome == Outcome.PASSED and course.certifies:
        if outcome == Outcome.PASSED:
            return enrolment  # a retried pass changes nothing
        raise ValidationError({"outcome": _("Result: a certificate was issued on this pass; it stands.")})
    enrolment.attended = bool(attended)
    enrolment.exam_score = score if attended else None
    enrolment.skills_passed = skills_passed if attended else None
    enrolment.outcome = outcome
    enrolment.recorded_by, enrolment.recorded_at = actor, timezone.now()
    enrolment.save(update_fields=["attended", "exam_score", "skills_passed", "outcome", "recorded_by",
                                  "recorded_at"])
    if outcome == Outcome.PASSED and course.certifies:
        certificate_issue(enrolment=enrolment)
    if outcome in (Outcome.PASSED, Outcome.ATTENDED, Outcome.FAILED):
        notify_once(kind="training.feedback_invite", key=str(enrolment.pk), person=enrolment.person,
                    message=_("Thank you for attending %(session)s. Tell us how it went: %(path)s")
                    % {"session": session, "path": feedback_path(enrolment)})
    return enrolment


FEEDBACK_SALT = "training.feedback"


def feedback_path(enrolment) -> str:
    """The trainee's own feedback page: a signed link, no login."""
    from django.core import signing
    from django.urls import reverse

    return reverse("training-public:feedback", args=[signing.dumps(enrolment.pk, salt=FEEDBACK_SALT)])


def _certificate_number(organization, year) -> str:
    district = organization.region_id[:6]
    return f"{district}{year}{next_number(f'training-certificate:{district}:{year}'):06d}"


@transaction.atomic
def certificate_issue(*, enrolment: Enrolment, issued_on=None) -> Certificate:
    """The numbered certificate of a pass; never twice for one enrolment, never one number twice.

    Retraining renews: the holder's current certificate of the same course is
    marked renewed by the new one.
    """
    existing = Certificate.objects.filter(enrolment=enrolment).first()
    if existing is not None:
        return existing
    session = enrolment.session
    course = session.course
    issued_on = issued_on or timezone.localdate()
    organization = session.organization
    previous = (Certificate.objects.select_for_update()
                .filter(person_id=enrolment.person_id, course=course, renewed_by__isnull=True)
                .order_by("-expires_on").first())
    certificate = Certificate.objects.create(
        number=_certificate_number(organization, issued_on.year), person_id=enrolment.person_id, course=course,
        enrolment=enrolment, organization=organization, issued_on=issued_on,
        expires_on=add_years(issued_on, course.validity_years),
    )
    if previous is not None:
        previous.renewed_by = certificate
        previous.save(update_fields=["renewed_by"])
    return certificate


# --- evaluation ----------------------------------------------------------------------------

@transaction.atomic
def feedback_submit(*, enrolment: Enrolment, rating, comment="", actor=None) -> Feedback:
    """A trainee's feedback (public link: no actor), or staff entering it for them within their area."""
    enrolment = Enrolment.objects.select_for_update().select_related("session").get(pk=enrolment.pk)
    if actor is not None:
        _require_scope(actor, enrolment.session.region_id, "session")
    errors = {}
    try:
        rating = int(rating)
    except (TypeError, ValueError):
        rating = 0
    if not 1 <= rating <= 5:
        errors["rating"] = [_("Rating: from 1 to 5.")]
    if enrolment.status != EnrolmentStatus.BOOKED or enrolment.outcome in (Outcome.PENDING, Outcome.ABSENT):
        errors["enrolment"] = [_("Enrolment: only trainees who attended give feedback.")]
    if Feedback.objects.filter(enrolment=enrolment).exists():
        errors["enrolment"] = [_("Enrolment: feedback was already given.")]
    if errors:
        raise ValidationError(errors)
    return Feedback.objects.create(enrolment=enrolment, rating=rating, comment=(comment or "").strip())


ASSESSMENT_FIELDS = ("year", "region", "base", "assessor", "method_score", "approach_score", "quality_score",
                     "findings", "assessed_on")


@transaction.atomic
def course_set_abilities(*, course, abilities, actor):
    """Tag a course with the seven abilities (七种能力) it builds; the cadre plan sums hours per ability."""
    from training.choices import SevenAbility

    unknown = [a for a in abilities if a not in SevenAbility.values]
    if unknown:
        raise ValidationError({"abilities": [_("Abilities: choose among the seven abilities.")]})
    course.abilities = list(dict.fromkeys(abilities))
    course.full_clean()
    course.save(update_fields=["abilities"])
    return course


@transaction.atomic
def assessment_record(*, actor, **fields) -> Assessment:
    unknown = set(fields) - set(ASSESSMENT_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    assessment = Assessment(created_by=actor, **fields)
    _require_scope(actor, assessment.region_id)
    errors = {}
    if assessment.region_id and assessment.region.level != "district":
        errors["region"] = [_("District: choose a district or county.")]
    if assessment.base_id and assessment.base.region_id[:6] != (assessment.region_id or "")[:6]:
        errors["base"] = [_("Training base: choose a base in that district.")]
    try:
        assessment.full_clean()
    except ValidationError as exc:
        merge(errors, exc)
    if errors:
        raise ValidationError(errors)
    assessment.save()
    return assessment


def certificates_remind_expiring() -> int:
    """90 and 30 days before expiry (a setting), once each; a renewed certificate is not reminded."""
    sent = 0
    for days, first, last in reminder_due_days():
        expiring = (Certificate.objects.filter(renewed_by__isnull=True, expires_on__gte=first, expires_on__lte=last)
                    .select_related("person", "course"))
        for certificate in expiring.iterator(chunk_size=2000):
            message = _("Your %(course)s certificate %(number)s expires on %(date)s. Book a retraining session to "
                        "renew it.") % {"course": certificate.course.name, "number": certificate.number,
                                        "date": certificate.expires_on.isoformat()}
            sent += notify_once(kind=f"training.certificate_expiring_{days}", key=str(certificate.pk),
                                person=certificate.person, message=message)
    return sent


def reminder_due_days(today=None):
    """[(days, first day, last day)]: each reminder covers the days up to the next one, so each goes once."""
    today = today or timezone.localdate()
    days = sorted(_rules()["TRAINING_CERTIFICATE_REMINDER_DAYS"])
    windows, lower = [], 0
    for d in days:
        windows.append((d, today + timedelta(days=lower), today + timedelta(days=d)))
        lower = d + 1
    return windows


# --- coverage targets ----------------------------------------------------------------------

@transaction.atomic
def target_create(*, actor, **fields):
    """A coverage target in the user's area; its progress is recomputed by the worker after the commit."""
    from redcross.tasks import enqueue_on_commit
    from training.tasks import targets_recompute as recompute_task

    target = TrainingTarget(**fields)
    _require_scope(actor, target.region_id)
    _scenic_staff_from_register(target)
    target.full_clean()
    target.save()
    enqueue_on_commit(recompute_task)
    return target


def _scenic_staff_from_register(target):
    """A scenic-area staff target is all the staff of one 4A+ scenic area: its count is the headcount on the
    institutions register (organizations/), never a typed number."""
    from organizations.selectors import scenic_area_headcounts
    from training.choices import Audience

    if target.audience != Audience.SCENIC_STAFF:
        return
    if target.unit_id is None:
        raise ValidationError({"unit": [_("Member unit: a scenic-area staff target is for one scenic area's member "
                                          "unit.")]})
    headcount = scenic_area_headcounts([target.unit_id]).get(target.unit_id)
    if not headcount:
        raise ValidationError({"unit": [_("Member unit: this scenic area is not on the institutions register with "
                                          "its staff headcount; add it there first.")]})
    target.target_count = headcount


TARGET_FIELDS = ("audience", "region", "unit", "year", "target_count", "population")


@transaction.atomic
def target_update(*, target, actor, **changes):
    """Change a coverage target within the user's area (before and after); progress is recomputed after the commit.
    """
    from redcross.tasks import enqueue_on_commit
    from training.tasks import targets_recompute as recompute_task

    unknown = set(changes) - set(TARGET_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    _require_scope(actor, target.region_id)
    for field, value in changes.items():
        setattr(target, field, value)
    _require_scope(actor, target.region_id)
    _scenic_staff_from_register(target)
    target.full_clean()
    target.save()
    enqueue_on_commit(recompute_task)
    return target


def targets_recompute(*, today=None) -> int:
    """Progress of every target: people trained per audience and region, and valid first-aider certificates.

    Residents count where they live; the other audiences where they were
    trained (their workplace or school); a target of one member unit (a 4A+
    scenic area) counts its sessions for that unit, against its staff headcount on the institutions register.
    Four queries and one bulk update,
    rolled up by region-code prefix; running it twice gives the same figures.
    """
    from collections import defaultdict

    from training.choices import Audience, CourseKind

    today = today or timezone.localdate()
    targets = list(TrainingTarget.objects.select_related("region"))
    lengths = {len(t.region.prefix) for t in targets}
    trained = defaultdict(set)
    rows = (Enrolment.objects.filter(status=EnrolmentStatus.BOOKED, outcome__in=[Outcome.PASSED, Outcome.ATTENDED])
            .values_list("session__audience", "person__region_id", "session__region_id", "session__unit_id",
                         "person_id").distinct())
    for audience, home, place, unit, person in rows.iterator(chunk_size=10000):
        code = home if audience == Audience.RESIDENTS else place
        for length in lengths:
            trained[(audience, code[:length])].add(person)
        if unit is not None:
            trained[(audience, unit)].add(person)
    certified = defaultdict(set)
    holders = (Certificate.objects.filter(course__kind=CourseKind.FIRST_AIDER, renewed_by__isnull=True,
                                          expires_on__gte=today)
               .values_list("person__region_id", "person_id"))
    for home, person in holders.iterator(chunk_size=10000):
        for length in lengths:
            certified[home[:length]].add(person)
    from organizations.selectors import scenic_area_headcounts

    # A scenic area's target follows its headcount on the institutions register.
    headcounts = scenic_area_headcounts({t.unit_id for t in targets
                                         if t.audience == Audience.SCENIC_STAFF and t.unit_id})
    now = timezone.now()
    for target in targets:
        if target.audience == Audience.SCENIC_STAFF and headcounts.get(target.unit_id):
            target.target_count = headcounts[target.unit_id]
        prefix = target.region.prefix
        target.trained = len(trained.get((target.audience, target.unit_id or prefix), ()))
        # First-aiders per 1,000 residents: certificate holders living in the region.
        target.certified = len(certified.get(prefix, ())) if target.audience == Audience.RESIDENTS else 0
        target.computed_at = now
    TrainingTarget.objects.bulk_update(targets, ["trained", "certified", "computed_at", "target_count"],
                                       batch_size=1000)
    return len(targets)
