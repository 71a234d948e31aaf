"""Writes to the people registry. Portal, API and importers all come through here."""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from people import crypto
from people.identifiers import (
    DocumentType,
    mask_document_number,
    mask_mobile,
    normalize_document_number,
    normalize_mobile,
    validate_document_number,
)
from people.models import Person, PersonalDataAccess
from redcross.errors import collect
from redcross.instances import build
from redcross.scoping import region_in_scope

DOCUMENT_TYPES = frozenset(DocumentType.values)


@dataclass
class CleanIdentity:
    document_type: str
    document_number: str
    birth_date: object = None
    sex: str = ""
    warnings: list = field(default_factory=list)


def identity_clean(*, document_type: str, document_number: str) -> CleanIdentity:
    """Validate a document; raise ValidationError keyed by field name."""
    if document_type not in DOCUMENT_TYPES:
        raise ValidationError({"document_type": _("Document type: choose one of the listed types.")})
    number = normalize_document_number(document_type, document_number or "")
    try:
        info = validate_document_number(document_type, number)
    except ValidationError as exc:
        raise ValidationError({"document_number": exc.error_list}) from None
    if info is None:
        return CleanIdentity(document_type, number)
    return CleanIdentity(document_type, number, info.birth_date, info.sex, [str(w) for w in info.warnings])


def mobile_clean(mobile: str) -> str:
    if not mobile:
        return ""
    try:
        return normalize_mobile(mobile)
    except ValidationError as exc:
        raise ValidationError({"mobile": exc.error_list}) from None


def person_find_by_document(*, document_type: str, document_number: str):
    number = normalize_document_number(document_type, document_number)
    return Person.objects.filter(
        document_type=document_type, document_number_hash=crypto.document_hash(number)
    ).first()


def _apply_identity(person: Person, identity: CleanIdentity) -> None:
    person.document_type = identity.document_type
    person.document_number_encrypted = crypto.encrypt(identity.document_number)
    person.document_number_hash = crypto.document_hash(identity.document_number)
    person.document_number_masked = mask_document_number(identity.document_number)
    if identity.birth_date:
        person.birth_date = identity.birth_date
        person.sex = identity.sex


def _apply_mobile(person: Person, mobile: str) -> None:
    person.mobile_encrypted = crypto.encrypt(mobile)
    person.mobile_hash = crypto.mobile_hash(mobile)
    person.mobile_masked = mask_mobile(mobile) if mobile else ""


def _check_scope(errors, actor, region):
    if actor is not None and region is not None and not region_in_scope(actor, getattr(region, "pk", region)):
        errors.setdefault("region", []).append(_("Region: you can only choose a region within your own area."))


def person_save(person: Person) -> Person:
    """Save a person built by `person_build`; a document registered meanwhile is a ValidationError, not a 500."""
    try:
        with transaction.atomic():
            person.save()
    except IntegrityError as exc:
        if "one_person_per_document" in str(exc):
            raise ValidationError(
                {"document_number": _("Document number: a person with this document is already registered.")}
            ) from None
        raise
    return person


def person_build(*, actor=None, full_name: str, document_type: str, document_number: str,
                 region, mobile: str = "", birth_date=None, sex: str = "") -> Person:
    """A validated, unsaved Person: the one place its rules are checked (create and import)."""
    errors: dict = {}
    full_name = (full_name or "").strip()
    if not full_name:
        errors["full_name"] = [_("Full name: this field is required.")]
    elif len(full_name) > 100:
        errors["full_name"] = [_("Full name: at most 100 characters.")]
    identity = collect(errors, identity_clean, document_type=document_type, document_number=document_number)
    mobile = collect(errors, mobile_clean, mobile)
    if region is None:
        errors.setdefault("region", []).append(_("Region: this field is required."))
    _check_scope(errors, actor, region)
    if errors:
        raise ValidationError(errors)
    person = build(Person, full_name=full_name, region=region, birth_date=birth_date, sex=sex or "")
    _apply_identity(person, identity)
    _apply_mobile(person, mobile)
    person.warnings = identity.warnings
    return person


@transaction.atomic
def person_create(*, actor=None, **fields) -> Person:
    person = person_build(actor=actor, **fields)
    warnings = person.warnings
    person_save(person)
    person.warnings = warnings
    return person


@transaction.atomic
def person_update(*, person: Person, actor=None, **changes) -> Person:
    allowed = {"full_name", "document_type", "document_number", "mobile", "region"}
    unknown = set(changes) - allowed
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    errors: dict = {}
    identity = None
    if "document_number" in changes or "document_type" in changes:
        document_type = changes.get("document_type", person.document_type)
        number = changes.get("document_number")
        if number is None:
            number = crypto.decrypt(person.document_number_encrypted)
        identity = collect(errors, identity_clean, document_type=document_type, document_number=number)
    mobile = None
    if "mobile" in changes:
        mobile = collect(errors, mobile_clean, changes["mobile"])
    if "full_name" in changes:
        name = (changes["full_name"] or "").strip()
        if not name:
            errors["full_name"] = [_("Full name: this field is required.")]
        person.full_name = name
    if "region" in changes:
        _check_scope(errors, actor, changes["region"])
        person.region = changes["region"]
    if errors:
        raise ValidationError(errors)
    if identity is not None:
        _apply_identity(person, identity)
    if mobile is not None:
        _apply_mobile(person, mobile)
    person_save(person)
    person.warnings = identity.warnings if identity else []
    return person


def person_reveal(*, person: Person, actor, reason: str, channel: str, ip_address=None) -> dict:
    """The unmasked document number and mobile, for a role that needs them; always logged."""
    if not actor.has_perm("people.reveal_personal_data"):
        raise PermissionDenied(_("You are not allowed to see unmasked personal data."))
    reason = (reason or "").strip()
    if len(reason) < 2:
        raise ValidationError({"reason": _("Reason: say why you need the unmasked data.")})
    PersonalDataAccess.objects.create(
        person=person, user=actor, fields="document_number,mobile", reason=reason[:255],
        channel=channel, ip_address=ip_address,
    )
    return {
        "document_number": crypto.decrypt(person.document_number_encrypted),
        "mobile": crypto.decrypt(person.mobile_encrypted),
    }
