"""Every write with a rule in volunteers/: the portal, the API, the importer and tasks call these."""

import hmac
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, OuterRef, Sum
from django.db.models import Max as models_max
from django.db.models import Min as models_min
from django.utils import timezone
from django.utils.translation import gettext as _

from organizations.choices import OrganizationKind
from organizations.models import Organization
from people import crypto
from people import services as people_services
from redcross.errors import merge
from redcross.notifications import notify_once
from redcross.numbering import next_number
from redcross.scoping import require_in_scope
from volunteers.choices import (
    SERVING,
    ExitKind,
    RecordKind,
    RecordStatus,
    SignUpStatus,
    Skill,
    VolunteerStatus,
)
from volunteers.models import (
    Activity,
    Commendation,
    CorrectionRequest,
    Evaluation,
    Exit,
    Insurance,
    ServiceCertificate,
    ServiceRecord,
    SignUp,
    TeamMembership,
    Volunteer,
)
from volunteers.selectors import has_service_since, volunteers_due_for_registration


def _rules():
    return settings.REDCROSS


def stars_for_hours(hours: Decimal) -> int:
    """Stars are earned in order: the number of thresholds reached."""
    return sum(1 for threshold in _rules()["VOLUNTEER_STAR_HOURS"] if hours >= threshold)


_require_scope = require_in_scope


# --- recruitment -------------------------------------------------------------------

@transaction.atomic
def volunteer_apply(*, full_name, document_type, document_number, mobile, region, organization=None,
                    tier="community", skills=(), qualifications="", availability="", consent=False,
                    guardian_name="", guardian_consent=False, actor=None) -> Volunteer:
    """A resident applies; identity goes through the people registry (one person, one record).

    The public form has no actor and takes any district; staff entering an application (`actor`) stay within
    their own area, as for every other staff write.
    """
    if actor is not None:
        _require_scope(actor, getattr(region, "pk", None), "region")
    errors = {}
    if not consent:
        errors["consent"] = [_("Consent: you must agree to the stated use of your personal data.")]
    unknown = sorted(set(skills) - set(Skill.values))
    if unknown:
        errors["skills"] = [_("Skills: unknown skill %(skill)s.") % {"skill": unknown[0]}]
    person = people_services.person_find_by_document(document_type=document_type, document_number=document_number)
    if person is None:
        try:
            person = people_services.person_build(full_name=full_name, document_type=document_type,
                                                  document_number=document_number, mobile=mobile, region=region)
        except ValidationError as exc:
            merge(errors, exc)
            person = None
    elif Volunteer.objects.filter(person=person).exists():
        errors["document_number"] = [_("Document number: this person already has a volunteer record; "
                                       "look up its status instead.")]
    if person is not None and person.age is not None and person.age < _rules()["VOLUNTEER_ADULT_AGE"]:
        if not (guardian_name.strip() and guardian_consent):
            errors["guardian_name"] = [_("Guardian: an applicant under 18 needs a guardian's name and consent.")]
    if organization is None and region is not None:
        organization = Organization.objects.filter(
            region__code=region.code[:6] + "000000", kind=OrganizationKind.DISTRICT_SOCIETY, is_active=True
        ).first()
        if organization is None:
            errors["region"] = [_("Region: no district Red Cross society takes applications there yet.")]
    if errors:
        raise ValidationError(errors)
    if person.pk is None:
        people_services.person_save(person)
    now = timezone.now()
    volunteer = Volunteer(
        person=person, organization=organization, tier=tier, skills=list(skills), qualifications=qualifications,
        availability=availability, consent_at=now, guardian_name=guardian_name.strip(),
        guardian_consent_at=now if guardian_consent else None,
    )
    volunteer.full_clean(exclude=["person", "organization"])
    volunteer.save()
    return volunteer


VOLUNTEER_EDITABLE = ("tier", "skills", "qualifications", "availability")


@transaction.atomic
def volunteer_update(*, volunteer: Volunteer, actor, **changes) -> Volunteer:
    """Staff correct what a volunteer offers (tier, skills, qualifications, availability) within their area."""
    unknown = set(changes) - set(VOLUNTEER_EDITABLE)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    volunteer = Volunteer.objects.select_for_update().get(pk=volunteer.pk)
    _require_scope(actor, volunteer.organization.region_id, "organization")
    unknown_skills = sorted(set(changes.get("skills", ())) - set(Skill.values))
    if unknown_skills:
        raise ValidationError({"skills": _("Skills: unknown skill %(skill)s.") % {"skill": unknown_skills[0]}})
    for field, value in changes.items():
        setattr(volunteer, field, list(value) if field == "skills" else value)
    volunteer.full_clean(exclude=["person", "organization"])
    volunteer.save(update_fields=list(changes) or None)
    return volunteer


def _assign_number(volunteer):
    region = volunteer.organization.region_id[:6]
    year = timezone.localdate().year
    return f"{region}{year}{next_number(f'volunteer:{region}:{year}'):05d}"


@transaction.atomic
def volunteer_accept(*, volunteer: Volunteer, actor) -> Volunteer:
    volunteer = Volunteer.objects.select_for_update().select_related("organization").get(pk=volunteer.pk)
    _require_scope(actor, volunteer.organization.region_id, "organization")
    if volunteer.status != VolunteerStatus.APPLIED:
        raise ValidationError({"status": _("Status: only an application can be accepted.")})
    volunteer.status = VolunteerStatus.SIGNED_UP
    volunteer.number = volunteer.number or _assign_number(volunteer)
    volunteer.decided_at, volunteer.decided_by = timezone.now(), actor
    volunteer.save(update_fields=["status", "number", "decided_at", "decided_by"])
    return volunteer


@transaction.atomic
def volunteer_decline(*, volunteer: Volunteer, actor, reason: str) -> Volunteer:
    volunteer = Volunteer.objects.select_for_update().select_related("organization").get(pk=volunteer.pk)
    _require_scope(actor, volunteer.organization.region_id, "organization")
    if volunteer.status != VolunteerStatus.APPLIED:
        raise ValidationError({"status": _("Status: only an application can be declined.")})
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Reason: say why the application is declined.")})
    volunteer.status = VolunteerStatus.DECLINED
    volunteer.decline_reason = reason.strip()[:255]
    volunteer.decided_at, volunteer.decided_by = timezone.now(), actor
    volunteer.save(update_fields=["status", "decline_reason", "decided_at", "decided_by"])
    return volunteer


def hours_in_last_year(volunteer: Volunteer) -> Decimal:
    since = timezone.localdate() - timedelta(days=365)
    total = ServiceRecord.objects.filter(volunteer=volunteer, status=RecordStatus.CONFIRMED,
                                         served_on__gte=since).aggregate(total=Sum("hours"))["total"]
    return total or Decimal("0")


@transaction.atomic
def registration_due(volunteer: Volunteer) -> bool:
    """Enough confirmed hours in the last year to register (the setting VOLUNTEER_REGISTRATION_HOURS)."""
    return hours_in_last_year(volunteer) >= _rules()["VOLUNTEER_REGISTRATION_HOURS"]


def volunteer_register(*, volunteer: Volunteer, actor) -> Volunteer:
    """Signed-up → registered Red Cross volunteer, once the year's hours reach the threshold."""
    volunteer = Volunteer.objects.select_for_update().get(pk=volunteer.pk)
    if volunteer.status != VolunteerStatus.SIGNED_UP:
        raise ValidationError({"status": _("Status: only a signed-up volunteer can be registered.")})
    needed = _rules()["VOLUNTEER_REGISTRATION_HOURS"]
    if hours_in_last_year(volunteer) < needed:
        raise ValidationError({"status": _("Status: %(hours)s confirmed hours in the last year are needed.")
                               % {"hours": needed}})
    volunteer.status = VolunteerStatus.REGISTERED
    volunteer.registered_at = timezone.now()
    volunteer.save(update_fields=["status", "registered_at"])
    return volunteer


# --- activities and sign-ups ------------------------------------------------------------

SELF_CHECKIN_OPENS_BEFORE = timedelta(hours=2)

ACTIVITY_FIELDS = ("title", "kind", "organization", "region", "place", "starts_at", "ends_at", "capacity",
                   "required_skills", "is_risky", "description")


@transaction.atomic
def activity_create(*, actor, **fields) -> Activity:
    unknown = set(fields) - set(ACTIVITY_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    activity = Activity(created_by=actor, **fields)
    _require_scope(actor, activity.region_id)
    activity.full_clean()
    activity.save()
    return activity


@transaction.atomic
def activity_sign_up(*, activity: Activity, volunteer: Volunteer, actor=None) -> SignUp:
    """Sign a serving volunteer up, never beyond capacity however many try at once; staff within their area."""
    if actor is not None:
        _require_scope(actor, activity.region_id, "activity")
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    if volunteer.status not in SERVING:
        raise ValidationError({"volunteer": _("Volunteer: only a signed-up or registered volunteer can sign up.")})
    if activity.ends_at <= timezone.now():
        raise ValidationError({"activity": _("Activity: it has already ended.")})
    missing = set(activity.required_skills) - set(volunteer.skills)
    if missing:
        raise ValidationError({"activity": _("Activity: it needs skills this volunteer has not recorded.")})
    if activity.is_risky and not volunteer_covered(
        volunteer=volunteer,
        on=timezone.localtime(activity.starts_at).date(),
        until=timezone.localtime(activity.ends_at).date(),
    ):
        raise ValidationError({"volunteer": _("Volunteer: a risky activity needs accident insurance covering its "
                                              "dates.")})
    existing = SignUp.objects.filter(activity=activity, volunteer=volunteer).first()
    if existing is not None and existing.status != SignUpStatus.CANCELLED:
        return existing
    taken = SignUp.objects.filter(activity=activity).exclude(status=SignUpStatus.CANCELLED).count()
    if taken >= activity.capacity:
        raise ValidationError({"activity": _("Activity: it is full.")})
    if existing is not None:
        existing.status = SignUpStatus.SIGNED_UP
        existing.save(update_fields=["status"])
        return existing
    return SignUp.objects.create(activity=activity, volunteer=volunteer)


@transaction.atomic
def activity_check_in(*, activity: Activity, volunteer: Volunteer, code: str | None = None, actor=None) -> SignUp:
    """Check in by staff, or by the volunteer scanning the activity's QR code (which carries its code)."""
    if code is not None:
        if not hmac.compare_digest(code, activity.checkin_code):
            raise PermissionDenied(_("This check-in code does not belong to the activity."))
        now = timezone.now()
        if now < activity.starts_at - SELF_CHECKIN_OPENS_BEFORE or now > activity.ends_at:
            raise ValidationError({"activity": _("Activity: check-in by QR code opens two hours before the start "
                                                 "and closes at the end.")})
    signup = SignUp.objects.select_for_update().filter(activity=activity, volunteer=volunteer).first()
    if signup is None or signup.status == SignUpStatus.CANCELLED:
        raise ValidationError({"volunteer": _("Volunteer: not signed up for this activity.")})
    if signup.checked_in_at is None:
        signup.checked_in_at = timezone.now()
        signup.status = SignUpStatus.CHECKED_IN
        signup.save(update_fields=["checked_in_at", "status"])
    return signup


@transaction.atomic
def activity_check_out(*, activity: Activity, volunteer: Volunteer, actor=None) -> SignUp:
    signup = SignUp.objects.select_for_update().filter(activity=activity, volunteer=volunteer).first()
    if signup is None or signup.checked_in_at is None:
        raise ValidationError({"volunteer": _("Volunteer: check in first.")})
    if signup.checked_out_at is None:
        signup.checked_out_at = timezone.now()
        signup.status = SignUpStatus.CHECKED_OUT
        signup.save(update_fields=["checked_out_at", "status"])
    return signup


# --- service hours --------------------------------------------------------------------------

def _recorder_organization(actor):
    profile = getattr(actor, "staff_profile", None)
    if profile is None:
        raise PermissionDenied(_("Only staff of an organisation record service hours."))
    return profile.organization


@transaction.atomic
def service_record_create(*, volunteer: Volunteer, actor, hours, served_on, content: str,
                          activity: Activity | None = None, signup: SignUp | None = None) -> ServiceRecord:
    """Record hours actually served (travel excluded); confirmed separately by the organiser."""
    hours = Decimal(str(hours))
    errors = {}
    if hours <= 0 or hours > 24:
        errors["hours"] = [_("Hours: between 0 and 24 hours of actual service (travel time excluded).")]
    if served_on > timezone.localdate():
        errors["served_on"] = [_("Date: service cannot be recorded for a future day.")]
    if not (content or "").strip():
        errors["content"] = [_("Content: describe the service.")]
    if signup is not None and (signup.volunteer_id != volunteer.pk or signup.checked_in_at is None):
        errors["signup"] = [_("Sign-up: the volunteer did not check in to this activity.")]
    if errors:
        raise ValidationError(errors)
    # Whoever organises records: an activity's organiser records anyone who served at it, from any district.
    activity = activity or (signup.activity if signup else None)
    if activity is not None:
        _require_scope(actor, activity.region_id, "activity")
    else:
        _require_scope(actor, volunteer.organization.region_id, "volunteer")
    record = ServiceRecord(
        volunteer=volunteer, activity=activity, signup=signup,
        organization=_recorder_organization(actor), hours=hours, served_on=served_on, content=content.strip(),
        recorded_by=actor,
    )
    try:
        with transaction.atomic():
            record.save()
    except IntegrityError:
        if signup is not None:
            # The same sign-up was recorded by a concurrent or retried request: answer with that record.
            return ServiceRecord.objects.get(signup=signup)
        raise
    return record


@transaction.atomic
def service_record_confirm(*, record: ServiceRecord, actor) -> ServiceRecord:
    """Confirm once: concurrent or retried confirmations add the hours exactly once.

    "Whoever organises records, whoever records certifies": only staff of the
    recording organisation confirm.
    """
    record = ServiceRecord.objects.select_for_update().get(pk=record.pk)
    if record.status == RecordStatus.CONFIRMED:
        return record
    profile = getattr(actor, "staff_profile", None)
    if profile is None or profile.organization_id != record.organization_id:
        raise PermissionDenied(_("Only the organisation that recorded these hours confirms them."))
    volunteer = Volunteer.objects.select_for_update().get(pk=record.volunteer_id)
    total = volunteer.confirmed_hours + record.hours
    if total < 0:
        raise ValidationError({"hours": _("Hours: a correction cannot take the total below zero.")})
    record.status = RecordStatus.CONFIRMED
    record.confirmed_by, record.confirmed_at = actor, timezone.now()
    record.save(update_fields=["status", "confirmed_by", "confirmed_at"])
    volunteer.confirmed_hours = F("confirmed_hours") + record.hours
    volunteer.save(update_fields=["confirmed_hours"])
    volunteer.refresh_from_db(fields=["confirmed_hours"])
    stars = stars_for_hours(volunteer.confirmed_hours)
    if stars != volunteer.stars:
        reached = stars > volunteer.stars
        volunteer.stars = stars
        volunteer.save(update_fields=["stars"])
        if reached:
            from volunteers.tasks import remind_star_reached

            transaction.on_commit(lambda: remind_star_reached.delay(volunteer_id=volunteer.pk, stars=stars))
    return record


@transaction.atomic
def service_record_correct(*, record: ServiceRecord, actor, hours_change, reason: str) -> ServiceRecord:
    """A correction is a new record with a reason: the confirmed one is never edited."""
    hours_change = Decimal(str(hours_change))
    record = ServiceRecord.objects.select_related("volunteer", "activity").get(pk=record.pk)
    errors = {}
    if record.status != RecordStatus.CONFIRMED:
        errors["record"] = [_("Record: an unconfirmed record is corrected by the organiser before confirming.")]
    if hours_change == 0:
        errors["hours"] = [_("Hours: a correction changes the hours.")]
    if not (reason or "").strip():
        errors["reason"] = [_("Reason: say why the hours are corrected.")]
    if errors:
        raise ValidationError(errors)
    return ServiceRecord.objects.create(
        volunteer=record.volunteer, activity=record.activity, organization=_recorder_organization(actor),
        kind=RecordKind.ADJUSTMENT, hours=hours_change, served_on=record.served_on, content=record.content,
        reason=reason.strip()[:255], adjusts=record, recorded_by=actor,
    )


# --- guarantee, incentives and exit --------------------------------------------------------

def volunteer_covered(*, volunteer: Volunteer, on, until=None) -> bool:
    until = until or on
    return Insurance.objects.filter(volunteer=volunteer, starts_on__lte=on, ends_on__gte=until).exists()


@transaction.atomic
def insurance_add(*, volunteer: Volunteer, actor, insurer: str, policy_number: str, starts_on, ends_on) -> Insurance:
    _require_scope(actor, volunteer.organization.region_id, "volunteer")
    insurance = Insurance(volunteer=volunteer, insurer=insurer, policy_number=policy_number, starts_on=starts_on,
                          ends_on=ends_on)
    insurance.full_clean()
    insurance.save()
    return insurance


@transaction.atomic
def team_join(*, volunteer: Volunteer, actor, team, is_leader: bool = False):
    _require_scope(actor, volunteer.organization.region_id, "volunteer")
    _require_scope(actor, team.organization.region_id, "team")
    if volunteer.status not in SERVING:
        raise ValidationError({"team": _("Team: only a serving volunteer joins a team.")})
    membership, _created = TeamMembership.objects.get_or_create(team=team, volunteer=volunteer,
                                                                 defaults={"is_leader": is_leader})
    return membership


@transaction.atomic
def commendation_add(*, volunteer: Volunteer, actor, title: str, awarded_by: str, awarded_on,
                     may_publish: bool = False) -> Commendation:
    _require_scope(actor, volunteer.organization.region_id, "volunteer")
    commendation = Commendation(volunteer=volunteer, title=title, awarded_by=awarded_by, awarded_on=awarded_on,
                                may_publish=may_publish)
    commendation.full_clean()
    commendation.save()
    return commendation


@transaction.atomic
def evaluation_add(*, volunteer: Volunteer, actor, period: str, grade: str, comments: str = "") -> Evaluation:
    _require_scope(actor, volunteer.organization.region_id, "volunteer")
    evaluation = Evaluation(volunteer=volunteer, period=period, grade=grade, comments=comments, evaluated_by=actor)
    evaluation.full_clean()
    evaluation.save()
    return evaluation


@transaction.atomic
def volunteer_exit(*, volunteer: Volunteer, actor, kind: str, reason: str, exited_on=None,
                   interview_notes: str = "", equipment_returned: bool = False) -> Exit:
    volunteer = Volunteer.objects.select_for_update().select_related("organization").get(pk=volunteer.pk)
    _require_scope(actor, volunteer.organization.region_id, "volunteer")
    if volunteer.status not in (*SERVING, VolunteerStatus.SUSPENDED):
        raise ValidationError({"status": _("Status: only a serving or suspended volunteer can exit.")})
    exit_record = Exit(volunteer=volunteer, kind=kind, reason=(reason or "").strip(),
                       exited_on=exited_on or timezone.localdate(), interview_notes=interview_notes,
                       equipment_returned=equipment_returned, recorded_by=actor)
    exit_record.full_clean()
    exit_record.save()
    volunteer.status = VolunteerStatus.EXITED
    volunteer.save(update_fields=["status"])
    return exit_record


@transaction.atomic
def volunteer_rejoin(*, volunteer: Volunteer, actor) -> Volunteer:
    """Come back after an exit: same number, same hours, signed up again."""
    volunteer = Volunteer.objects.select_for_update().select_related("organization").get(pk=volunteer.pk)
    _require_scope(actor, volunteer.organization.region_id, "volunteer")
    if volunteer.status != VolunteerStatus.EXITED:
        raise ValidationError({"status": _("Status: only a volunteer who exited can come back.")})
    last = volunteer.exits.order_by("-exited_on", "-id").first()
    if last is not None and last.kind == ExitKind.DISMISSAL and not actor.has_perm("volunteers.delete_volunteer"):
        raise PermissionDenied(_("A dismissed volunteer comes back only with a city administrator's decision."))
    if last is not None:
        last.rejoined_at = timezone.now()
        last.save(update_fields=["rejoined_at"])
    volunteer.status = VolunteerStatus.SIGNED_UP
    volunteer.save(update_fields=["status"])
    return volunteer


# --- certificates and self-service -------------------------------------------------------------

def mobile_matches(person, mobile: str) -> bool:
    """Compare a normalised mobile with the person's, through the keyed hash (the number stays encrypted)."""
    return bool(person.mobile_hash) and hmac.compare_digest(
        person.mobile_hash, crypto.mobile_hash(mobile))


def volunteer_find_by_identity(*, document_type: str, document_number: str, mobile: str):
    """The public status page: a volunteer record only for someone who knows both the document and the mobile."""
    try:
        person = people_services.person_find_by_document(document_type=document_type, document_number=document_number)
        mobile = people_services.mobile_clean(mobile)
    except ValidationError:
        return None
    if person is None or not mobile or not mobile_matches(person, mobile):
        return None
    return Volunteer.objects.select_related("person", "organization__region").filter(person=person).first()


def _service_content(volunteer) -> str:
    from django.db.models import Count

    kinds = (ServiceRecord.objects.filter(volunteer=volunteer, status=RecordStatus.CONFIRMED,
                                          kind=RecordKind.SERVICE, activity__isnull=False)
             .values("activity__kind").annotate(n=Count("id")).order_by("-n")[:4])
    labels = dict(Activity._meta.get_field("kind").choices)
    names = [str(labels.get(row["activity__kind"], row["activity__kind"])) for row in kinds]
    if not names:
        names = list(ServiceRecord.objects.filter(volunteer=volunteer, status=RecordStatus.CONFIRMED)
                     .values_list("content", flat=True).distinct()[:3])
    return "、".join(names)[:500]


@transaction.atomic
def certificate_issue(*, volunteer: Volunteer, actor=None) -> ServiceCertificate:
    """Issue a certificate of the confirmed hours, free and truthful (Volunteer Service Regulations).

    Asking again while the hours are unchanged returns the same certificate, so
    a double click or a retry never uses a second number.
    """
    volunteer = Volunteer.objects.select_for_update().select_related("organization").get(pk=volunteer.pk)
    if actor is not None:
        _require_scope(actor, volunteer.organization.region_id, "volunteer")
    if volunteer.confirmed_hours <= 0:
        raise ValidationError({"volunteer": _("Volunteer: there are no confirmed service hours to certify yet.")})
    latest = volunteer.certificates.order_by("-id").first()
    if latest is not None and latest.hours == volunteer.confirmed_hours:
        return latest
    confirmed = ServiceRecord.objects.filter(volunteer=volunteer, status=RecordStatus.CONFIRMED)
    span = confirmed.aggregate(first=models_min("served_on"), last=models_max("served_on"))
    organization = volunteer.organization
    today = timezone.localdate()
    handler = ""
    if actor is not None:
        handler = actor.get_full_name() or actor.get_username()
    return ServiceCertificate.objects.create(
        number=f"ZYZ{today.year}{next_number(f'volunteer-certificate:{today.year}'):07d}",
        volunteer=volunteer, organization=organization, hours=volunteer.confirmed_hours,
        first_served_on=span["first"], last_served_on=span["last"], content=_service_content(volunteer),
        head_name=organization.head_name or organization.contact_person or "—",
        handler_name=handler or _("online self-service"),
        contact=organization.contact_phone or "—", issued_on=today, issued_by=actor,
    )


# --- corrections asked for by the volunteer ---------------------------------------------------------

@transaction.atomic
def correction_request_create(*, volunteer: Volunteer, record: ServiceRecord, message: str) -> CorrectionRequest:
    """The volunteer may ask for a correction of their recorded hours; one open request per record."""
    if record.volunteer_id != volunteer.pk:
        raise ValidationError({"record": _("Record: it is not one of your service records.")})
    message = (message or "").strip()
    if not message:
        raise ValidationError({"message": _("What is wrong: say what should be corrected.")})
    try:
        with transaction.atomic():
            return CorrectionRequest.objects.create(volunteer=volunteer, record=record, message=message[:500])
    except IntegrityError:
        raise ValidationError({"record": _("Record: a correction of it is already asked for and waits for an "
                                           "answer.")}) from None


@transaction.atomic
def correction_request_answer(*, request: CorrectionRequest, actor, answer: str, hours_change=None):
    """Staff answer: a correcting record (confirmed later by the organiser) or a reasoned refusal."""
    request = CorrectionRequest.objects.select_for_update().select_related("record", "volunteer__organization").get(
        pk=request.pk)
    _require_scope(actor, request.volunteer.organization.region_id, "volunteer")
    if request.status != CorrectionRequest.Status.OPEN:
        raise ValidationError({"status": _("Status: this request is already answered.")})
    answer = (answer or "").strip()
    if not answer:
        raise ValidationError({"answer": _("Answer: tell the volunteer what was decided.")})
    if hours_change:
        request.correction = service_record_correct(record=request.record, actor=actor, hours_change=hours_change,
                                                    reason=answer)
        request.status = CorrectionRequest.Status.CORRECTED
    else:
        request.status = CorrectionRequest.Status.DECLINED
    request.answer = answer[:255]
    request.answered_at, request.answered_by = timezone.now(), actor
    request.save(update_fields=["status", "answer", "correction", "answered_at", "answered_by"])
    return request


# --- reminders (beat calls these through volunteers.tasks; each is sent once) ----------------------

def reminders_activity_tomorrow():
    tomorrow = timezone.localdate() + timedelta(days=1)
    sent = 0
    signups = SignUp.objects.filter(status=SignUpStatus.SIGNED_UP, activity__starts_at__date=tomorrow).select_related(
        "activity", "volunteer__person")
    for signup in signups.iterator():
        message = _("Reminder: %(title)s starts tomorrow at %(time)s, %(place)s.") % {
            "title": signup.activity.title, "time": timezone.localtime(signup.activity.starts_at).strftime("%H:%M"),
            "place": signup.activity.place}
        sent += notify_once(kind="volunteer.activity_tomorrow", key=str(signup.pk), person=signup.volunteer.person,
                            message=message)
    return sent


def reminders_insurance_expiring(days=14):
    today = timezone.localdate()
    later = Insurance.objects.filter(volunteer=OuterRef("volunteer"), ends_on__gt=OuterRef("ends_on"))
    from django.db.models import Exists

    expiring = (Insurance.objects.filter(ends_on__gte=today, ends_on__lte=today + timedelta(days=days),
                                         volunteer__status__in=SERVING)
                .exclude(Exists(later)).select_related("volunteer__person"))
    sent = 0
    for insurance in expiring.iterator():
        message = _("Your volunteer accident insurance ends on %(date)s; please renew it before risky activities.") % {
            "date": insurance.ends_on.isoformat()}
        sent += notify_once(kind="volunteer.insurance_expiring", key=str(insurance.pk),
                            person=insurance.volunteer.person, message=message)
    return sent


def reminder_star_reached(volunteer_id, stars):
    volunteer = Volunteer.objects.select_related("person").get(pk=volunteer_id)
    message = _("Congratulations: with %(hours)s confirmed hours you are now a %(stars)s-star volunteer.") % {
        "hours": volunteer.confirmed_hours, "stars": stars}
    return notify_once(kind="volunteer.star_reached", key=f"{volunteer_id}:{stars}", person=volunteer.person,
                       message=message)


def reminders_inactive(months=6):
    since = timezone.localdate() - timedelta(days=30 * months)
    quiet = (Volunteer.objects.filter(status__in=SERVING, decided_at__date__lt=since)
             .exclude(has_service_since(OuterRef("pk"), since)).select_related("person"))
    sent = 0
    for volunteer in quiet.iterator():
        last = volunteer.service_records.filter(status="confirmed").order_by("-served_on").first()
        spell = last.served_on.isoformat() if last else "never"
        message = _("We miss you: you have not served for six months. New activities are waiting in your district.")
        sent += notify_once(kind="volunteer.inactive", key=f"{volunteer.pk}:{spell}", person=volunteer.person,
                            message=message)
    return sent


def reminders_registration_due():
    """Signed-up volunteers with 20 hours in a year are offered registration as Red Cross volunteers."""
    sent = 0
    for volunteer in volunteers_due_for_registration(Volunteer.objects.select_related("person")).iterator():
        message = _("You have served enough hours this year to become a registered Red Cross volunteer. "
                    "Your district Red Cross will contact you.")
        sent += notify_once(kind="volunteer.registration_due", key=str(volunteer.pk), person=volunteer.person,
                            message=message)
    return sent
