"""Every write with a rule in sanxian/: the portal, the API, the importer and tasks call these.

Health details go in encrypted (`people.crypto`) and come out only through a
`*_reveal` service that logs who looked and why (`PersonalDataAccess`).
"""

import json
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from people import crypto
from people import services as people_services
from people.identifiers import mask_name
from people.models import PersonalDataAccess
from redcross.errors import collect
from redcross.scoping import require_in_scope
from sanxian.choices import (
    STEM_CELL_STEPS,
    CareKind,
    ConsentPurpose,
    FigureSource,
    PledgeKind,
    PledgeStatus,
    StemCellEventKind,
    StemCellStatus,
)
from sanxian.models import (
    BloodDrive,
    CareEvent,
    DonationPledge,
    HealthConsent,
    MemorialEntry,
    StemCellDonor,
    StemCellEvent,
)


def _full_clean(obj, errors: dict, exclude=()):
    collect(errors, obj.full_clean, exclude=list(exclude))
    if errors:
        raise ValidationError(errors)


def _actor_organization(actor, fallback=None):
    profile = getattr(actor, "staff_profile", None)
    return fallback or (profile.organization if profile else None)


def _not_future(day, field, errors):
    if day and day > timezone.localdate():
        errors.setdefault(field, []).append(_("Date: it cannot be in the future."))


# --- blood drives ----------------------------------------------------------------------------

DRIVE_FIELDS = ("held_on", "place", "region", "blood_centre", "organization", "activity", "donors_registered",
                "units_collected", "notes")


def _units(value):
    if value in (None, ""):
        return None
    try:
        units = Decimal(str(value))
    except InvalidOperation:
        raise ValidationError({"units_collected": _("Units collected: enter a number.")}) from None
    if not units.is_finite() or units < 0:
        raise ValidationError({"units_collected": _("Units collected: cannot be negative.")})
    return units.quantize(Decimal("0.1"))


@transaction.atomic
def drive_save(*, actor, drive: BloodDrive | None = None, figures_source=FigureSource.ENTERED,
               **fields) -> BloodDrive:
    """Record a drive, or change one; figures the blood centre reported mark the drive as reported."""
    unknown = set(fields) - set(DRIVE_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    if drive is not None:
        drive = BloodDrive.objects.select_for_update().get(pk=drive.pk)
        require_in_scope(actor, drive.region_id)
    drive = drive or BloodDrive(created_by=actor)
    errors: dict = {}
    if "units_collected" in fields:
        units = collect(errors, _units, fields.pop("units_collected"))
        if "units_collected" not in errors:
            fields["units_collected"] = units
    for name, value in fields.items():
        setattr(drive, name, value)
    if drive.organization_id is None:
        drive.organization = _actor_organization(actor)
    require_in_scope(actor, drive.region_id)
    activity = drive.activity
    if activity is not None:
        if activity.region_id[:6] != (drive.region_id or "")[:6]:
            errors.setdefault("activity", []).append(_("Volunteer activity: choose an activity in the drive's "
                                                       "district."))
        elif timezone.localtime(activity.starts_at).date() != drive.held_on:
            errors.setdefault("activity", []).append(_("Volunteer activity: it is on another day than the drive."))
    reported = drive.donors_registered is not None or drive.units_collected is not None
    if reported and drive.figures_source == FigureSource.PENDING:
        drive.figures_source = figures_source
    if reported and drive.held_on and drive.held_on > timezone.localdate():
        errors.setdefault("units_collected", []).append(_("Figures: a drive still to come has no figures yet."))
    _full_clean(drive, errors, exclude=["created_by"])
    drive.save()
    return drive


# --- people and consent ----------------------------------------------------------------------

def person_for_registration(*, full_name, document_type, document_number, mobile="", region, actor=None):
    """The registered person with this document, or a new one; a name that does not match is refused."""
    try:
        person = people_services.person_find_by_document(document_type=document_type,
                                                         document_number=document_number)
    except ValidationError:
        person = None
    if person is not None:
        if person.full_name != (full_name or "").strip():
            raise ValidationError({"full_name": _("Full name: it does not match the registered holder of this "
                                                  "document.")})
        return person
    return people_services.person_create(actor=actor, full_name=full_name, document_type=document_type,
                                         document_number=document_number, mobile=mobile, region=region)


IDENTITY_FIELDS = ("full_name", "document_type", "document_number", "mobile", "region")


def _person_from(fields: dict, actor):
    """The person named by a form's identity fields (popped from `fields`), found or created in the registry."""
    identity = {key: fields.pop(key) for key in IDENTITY_FIELDS if key in fields}
    return person_for_registration(actor=actor, **identity)


def consent_give(*, actor, person, purpose: str, given_on: date | None = None, given_by: str = "") -> HealthConsent:
    """The person's open consent for this purpose, or a new one (each purpose its own consent)."""
    if purpose not in ConsentPurpose.values:
        raise ValidationError({"consent": _("Consent: unknown purpose.")})
    existing = HealthConsent.objects.filter(person=person, purpose=purpose, withdrawn_on__isnull=True).first()
    if existing is not None:
        return existing
    consent = HealthConsent(person=person, purpose=purpose, given_on=given_on or timezone.localdate(),
                            given_by=(given_by or "").strip()[:100], recorded_by=actor)
    consent.full_clean(exclude=["person", "recorded_by"])
    consent.save()
    return consent


def _consent_withdraw(person, purpose, on):
    HealthConsent.objects.filter(person=person, purpose=purpose, withdrawn_on__isnull=True).update(withdrawn_on=on)


# --- stem-cell donor registry ----------------------------------------------------------------

@transaction.atomic
def stem_cell_register(*, actor, person, sampled_on: date, consent: bool, drive: BloodDrive | None = None,
                       region=None, organization=None) -> StemCellDonor:
    """A person sampled for the registry, at a drive or elsewhere; needs the registry's own consent."""
    errors: dict = {}
    if not consent:
        errors["consent"] = [_("Consent: the donor must agree separately to the registry's use of their health "
                               "data.")]
    if drive is not None:
        require_in_scope(actor, drive.region_id, "drive")
        region = region or drive.region
        if sampled_on and sampled_on != drive.held_on:
            errors.setdefault("sampled_on", []).append(_("Sampled on: a sample taken at a drive is dated the day "
                                                         "of the drive."))
    region = region or person.region
    require_in_scope(actor, region.pk)
    _not_future(sampled_on, "sampled_on", errors)
    if StemCellDonor.objects.filter(person=person).exists():
        errors.setdefault("person", []).append(_("Donor: this person is already in the registry."))
    if errors:
        raise ValidationError(errors)
    given = consent_give(actor=actor, person=person, purpose=ConsentPurpose.STEM_CELL_REGISTRY, given_on=sampled_on)
    donor = StemCellDonor(person=person, drive=drive, region=region, sampled_on=sampled_on, consent=given,
                          organization=_actor_organization(actor, organization or (drive.organization if drive
                                                                                   else None)),
                          created_by=actor)
    _full_clean(donor, {}, exclude=["created_by", "person", "consent"])
    try:
        with transaction.atomic():
            donor.save()
    except IntegrityError:
        raise ValidationError({"person": _("Donor: this person is already in the registry.")}) from None
    return donor


@transaction.atomic
def stem_cell_event_record(*, actor, donor: StemCellDonor, kind: str, occurred_on: date, hospital: str = "",
                           notes: str = "") -> StemCellEvent:
    """A later step, in order and dated no earlier than the one before; hospital and notes encrypted."""
    donor = StemCellDonor.objects.select_for_update().get(pk=donor.pk)
    require_in_scope(actor, donor.region_id, "donor")
    errors: dict = {}
    if kind not in StemCellEventKind.values:
        raise ValidationError({"kind": _("Event: choose one of the listed steps.")})
    done = dict(StemCellEvent.objects.filter(donor=donor).values_list("kind", "occurred_on"))
    if donor.status == StemCellStatus.WITHDRAWN:
        errors["kind"] = [_("Event: the donor has withdrawn from the registry.")]
    elif kind in done:
        errors["kind"] = [_("Event: already recorded for this donor.")]
    elif kind == StemCellEventKind.WITHDRAWN and donor.status == StemCellStatus.DONATED:
        errors["kind"] = [_("Event: the donor has already donated.")]
    elif kind in STEM_CELL_STEPS:
        index = STEM_CELL_STEPS.index(kind)
        missing = [str(StemCellEventKind(k).label) for k in STEM_CELL_STEPS[:index]
                   if k not in done and k != StemCellEventKind.HEALTH_CHECK]
        if missing:
            errors["kind"] = [_("Event: record %(steps)s first.") % {"steps": "、".join(missing)}]
    if occurred_on is None:
        errors.setdefault("occurred_on", []).append(_("Date: this field is required."))
    else:
        _not_future(occurred_on, "occurred_on", errors)
        earliest = max([donor.sampled_on, *done.values()])
        if occurred_on < earliest:
            errors.setdefault("occurred_on", []).append(
                _("Date: not before %(date)s, the donor's previous step.") % {"date": earliest.isoformat()})
    hospital, notes = (hospital or "").strip(), (notes or "").strip()
    if kind == StemCellEventKind.DONATED and not hospital:
        errors.setdefault("hospital", []).append(_("Hospital: name the hospital where the donor donated."))
    if errors:
        raise ValidationError(errors)
    details = json.dumps({"hospital": hospital, "notes": notes}, ensure_ascii=False) if hospital or notes else ""
    event = StemCellEvent.objects.create(donor=donor, kind=kind, occurred_on=occurred_on, recorded_by=actor,
                                         details_encrypted=crypto.encrypt(details))
    donor.status = kind  # the registry's status names the latest step
    donor.save(update_fields=["status"])
    if kind == StemCellEventKind.WITHDRAWN:
        _consent_withdraw(donor.person, ConsentPurpose.STEM_CELL_REGISTRY, occurred_on)
    return event


@transaction.atomic
def stem_cell_register_person(*, actor, **fields) -> StemCellDonor:
    """Register a donor given by identity (name, document, mobile, region of residence): the person is found or
    created in the people registry, then registered, in one transaction."""
    person = _person_from(fields, actor)
    return stem_cell_register(actor=actor, person=person, **fields)


def _reveal(*, actor, person, reason, fields, channel, ip_address):
    if not actor.has_perm("people.reveal_personal_data"):
        raise PermissionDenied(_("You are not allowed to see unmasked personal data."))
    reason = (reason or "").strip()
    if len(reason) < 2:
        raise ValidationError({"reason": _("Reason: say why you need the unmasked data.")})
    PersonalDataAccess.objects.create(person=person, user=actor, fields=fields, reason=reason[:255],
                                      channel=channel, ip_address=ip_address)


def stem_cell_reveal(*, donor: StemCellDonor, actor, reason: str, channel: str = "portal", ip_address=None) -> list:
    """The donor's events with their hospitals and notes in clear; always logged."""
    _reveal(actor=actor, person=donor.person, reason=reason, fields="stem_cell.details", channel=channel,
            ip_address=ip_address)
    shown = []
    for event in donor.steps.order_by("occurred_on", "id"):
        details = json.loads(crypto.decrypt(event.details_encrypted) or "{}")
        shown.append({"kind": event.get_kind_display(), "occurred_on": event.occurred_on,
                      "hospital": details.get("hospital", ""), "notes": details.get("notes", "")})
    return shown


# --- body and organ donation pledges ---------------------------------------------------------

def _kinds(values, field="kinds"):
    values = [v for v in (values or []) if v]
    if not values or any(v not in PledgeKind.values for v in values):
        raise ValidationError({field: _("Pledged: choose organs, corneas or the body.")})
    return sorted(set(values), key=PledgeKind.values.index)


@transaction.atomic
def pledge_register(*, actor, person, kinds, channel: str, registered_on: date, consent: bool,
                    witness_name: str = "", witness_relation: str = "", region=None,
                    organization=None) -> DonationPledge:
    """A person's registered wish; needs the pledge's own consent, and names who in the family was told."""
    errors: dict = {}
    if not consent:
        errors["consent"] = [_("Consent: the person must agree separately to the use of their data for the "
                               "pledge.")]
    kinds = collect(errors, _kinds, kinds)
    _not_future(registered_on, "registered_on", errors)
    witness_name = (witness_name or "").strip()
    if not witness_name:
        errors.setdefault("witness_name", []).append(_("Witness: name the family member or witness informed."))
    region = region or person.region
    require_in_scope(actor, region.pk)
    if DonationPledge.objects.filter(person=person, status=PledgeStatus.REGISTERED).exists():
        errors.setdefault("person", []).append(_("Person: already has a registered pledge."))
    if errors:
        raise ValidationError(errors)
    given = consent_give(actor=actor, person=person, purpose=ConsentPurpose.ORGAN_PLEDGE, given_on=registered_on)
    pledge = DonationPledge(person=person, region=region, organization=_actor_organization(actor, organization),
                            consent=given, kinds=kinds, channel=channel, registered_on=registered_on,
                            witness_name_encrypted=crypto.encrypt(witness_name),
                            witness_name_masked=mask_name(witness_name),
                            witness_relation=(witness_relation or "").strip()[:32], created_by=actor)
    _full_clean(pledge, {}, exclude=["created_by", "person", "consent"])
    try:
        with transaction.atomic():
            pledge.save()
    except IntegrityError:
        raise ValidationError({"person": _("Person: already has a registered pledge.")}) from None
    return pledge


@transaction.atomic
def pledge_register_person(*, actor, **fields) -> DonationPledge:
    """Register a pledge given by identity: the person is found or created in the registry, in one transaction."""
    person = _person_from(fields, actor)
    return pledge_register(actor=actor, person=person, **fields)


@transaction.atomic
def pledge_withdraw(*, actor, pledge: DonationPledge, withdrawn_on: date) -> DonationPledge:
    """The person changed their mind: the pledge and its consent end, the record stays."""
    pledge = DonationPledge.objects.select_for_update().get(pk=pledge.pk)
    require_in_scope(actor, pledge.region_id, "pledge")
    errors: dict = {}
    if pledge.status != PledgeStatus.REGISTERED:
        errors["status"] = [_("Status: only a registered pledge can be withdrawn.")]
    if withdrawn_on is None or withdrawn_on < pledge.registered_on:
        errors["withdrawn_on"] = [_("Withdrawn on: not before the registration.")]
    else:
        _not_future(withdrawn_on, "withdrawn_on", errors)
    if errors:
        raise ValidationError(errors)
    pledge.status, pledge.withdrawn_on = PledgeStatus.WITHDRAWN, withdrawn_on
    pledge.save(update_fields=["status", "withdrawn_on"])
    _consent_withdraw(pledge.person, ConsentPurpose.ORGAN_PLEDGE, withdrawn_on)
    return pledge


@transaction.atomic
def pledge_realise(*, actor, pledge: DonationPledge, realised_on: date, donated, hospital: str = "",
                   notes: str = "") -> DonationPledge:
    """The donation took place: the date in clear (for the figures), what was donated and where encrypted."""
    pledge = DonationPledge.objects.select_for_update().get(pk=pledge.pk)
    require_in_scope(actor, pledge.region_id, "pledge")
    errors: dict = {}
    if pledge.status != PledgeStatus.REGISTERED:
        errors["status"] = [_("Status: only a registered pledge can be realised.")]
    donated = collect(errors, _kinds, donated, "donated")
    if realised_on is None or realised_on < pledge.registered_on:
        errors["realised_on"] = [_("Realised on: not before the registration.")]
    else:
        _not_future(realised_on, "realised_on", errors)
    if errors:
        raise ValidationError(errors)
    details = {"donated": donated, "hospital": (hospital or "").strip(), "notes": (notes or "").strip()}
    pledge.status, pledge.realised_on = PledgeStatus.REALISED, realised_on
    pledge.realised_details_encrypted = crypto.encrypt(json.dumps(details, ensure_ascii=False))
    pledge.save(update_fields=["status", "realised_on", "realised_details_encrypted"])
    return pledge


def pledge_reveal(*, pledge: DonationPledge, actor, reason: str, channel: str = "portal", ip_address=None) -> dict:
    """The witness's name and what was donated, in clear; always logged."""
    _reveal(actor=actor, person=pledge.person, reason=reason, fields="pledge.witness,pledge.realisation",
            channel=channel, ip_address=ip_address)
    details = json.loads(crypto.decrypt(pledge.realised_details_encrypted) or "{}")
    labels = dict(PledgeKind.choices)
    return {"witness_name": crypto.decrypt(pledge.witness_name_encrypted),
            "donated": "、".join(str(labels.get(k, k)) for k in details.get("donated", [])),
            "hospital": details.get("hospital", ""), "notes": details.get("notes", "")}


# --- care for donor families and the memorial wall -------------------------------------------

CARE_FIELDS = ("kind", "occurred_on", "title", "region", "organization", "pledge", "families", "notes")


@transaction.atomic
def care_event_record(*, actor, **fields) -> CareEvent:
    """A visit to a donor's family or a memorial event; a visit is to the family of a realised donation."""
    unknown = set(fields) - set(CARE_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    event = CareEvent(created_by=actor, **fields)
    errors: dict = {}
    if event.pledge_id:
        require_in_scope(actor, event.pledge.region_id, "pledge")
        if event.pledge.status != PledgeStatus.REALISED:
            errors["pledge"] = [_("Donor: choose a donor whose donation took place.")]
        if event.region_id is None:
            event.region = event.pledge.region
    if event.kind == CareKind.VISIT and not event.pledge_id:
        errors["pledge"] = [_("Donor: a visit is to one donor's family.")]
    if event.organization_id is None:
        event.organization = _actor_organization(actor)
    require_in_scope(actor, event.region_id)
    _not_future(event.occurred_on, "occurred_on", errors)
    _full_clean(event, errors, exclude=["created_by"])
    event.save()
    return event


@transaction.atomic
def memorial_add(*, actor, pledge: DonationPledge, display_name: str, family_member: str, consent: bool,
                 tribute: str = "", given_on: date | None = None) -> MemorialEntry:
    """Put a donor on the public memorial wall, only with the family's separate consent to publish."""
    pledge = DonationPledge.objects.select_for_update().get(pk=pledge.pk)
    require_in_scope(actor, pledge.region_id, "pledge")
    errors: dict = {}
    if not consent:
        errors["consent"] = [_("Consent: the family must agree to the name being published.")]
    if not (family_member or "").strip():
        errors["family_member"] = [_("Family member: name who in the family gave consent.")]
    if pledge.status != PledgeStatus.REALISED:
        errors["pledge"] = [_("Donor: only a realised donation is remembered on the wall.")]
    if MemorialEntry.objects.filter(pledge=pledge).exists():
        errors["pledge"] = [_("Donor: already on the memorial wall.")]
    display_name = (display_name or "").strip()
    if not display_name:
        errors["display_name"] = [_("Name shown: this field is required.")]
    if errors:
        raise ValidationError(errors)
    given = consent_give(actor=actor, person=pledge.person, purpose=ConsentPurpose.MEMORIAL_PUBLICATION,
                         given_on=given_on, given_by=family_member)
    entry = MemorialEntry(pledge=pledge, consent=given, display_name=display_name[:50],
                          tribute=(tribute or "").strip()[:300], year=pledge.realised_on.year, created_by=actor)
    _full_clean(entry, {}, exclude=["created_by", "pledge", "consent"])
    entry.save()
    return entry


@transaction.atomic
def memorial_withdraw(*, actor, entry: MemorialEntry) -> MemorialEntry:
    """The family withdrew consent: the name leaves the public wall at once."""
    entry = MemorialEntry.objects.select_for_update().select_related("pledge").get(pk=entry.pk)
    require_in_scope(actor, entry.pledge.region_id, "pledge")
    entry.is_published = False
    entry.save(update_fields=["is_published"])
    _consent_withdraw(entry.pledge.person, ConsentPurpose.MEMORIAL_PUBLICATION, timezone.localdate())
    return entry
