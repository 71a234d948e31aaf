"""PIPL Art. 44–47: a person sees, corrects or deletes their data; each request recorded, answered and logged.

Services (keyword-only, `actor=`, transactional, scoped): record a request, export everything held about the
person (logged as a PersonalDataAccess), correct through `person_update`, and anonymise where records must be
kept (receipts, service hours, certificates keep pointing at a person row that no longer identifies anyone).
"""

import logging
import secrets

from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from people import crypto, services
from people.models import Person, PersonalDataAccess, PersonalDataRequest
from redcross.scoping import require_in_scope

logger = logging.getLogger("people.rights")

ANONYMISED_NAME = "已匿名"


def _require(actor, person, permission):
    if not actor.has_perm(permission):
        raise PermissionDenied(_("Your role may not handle personal data requests."))
    require_in_scope(actor, person.region_id, "person")


@transaction.atomic
def data_request_record(*, actor, person: Person, kind: str, details: str = "", received_via: str = ""):
    _require(actor, person, "people.add_personaldatarequest")
    request = PersonalDataRequest(person=person, kind=kind, details=details.strip(), received_via=received_via.strip(),
                                  recorded_by=actor)
    request.full_clean()
    request.save()
    logger.info("PIPL request %s (%s) recorded by %s", request.pk, kind, actor.get_username())
    return request


def _answer(request, actor, answer, status=PersonalDataRequest.Status.ANSWERED):
    request.status, request.answer = status, answer
    request.answered_at, request.answered_by = timezone.now(), actor
    request.save(update_fields=["status", "answer", "answered_at", "answered_by"])
    logger.info("PIPL request %s %s by %s", request.pk, status, actor.get_username())
    return request


def _open(request, actor, kind=None):
    request = PersonalDataRequest.objects.select_for_update().select_related("person").get(pk=request.pk)
    _require(actor, request.person, "people.change_personaldatarequest")
    if request.status != PersonalDataRequest.Status.RECEIVED:
        raise ValidationError({"status": _("Status: this request has already been answered.")})
    if kind is not None and request.kind != kind:
        raise ValidationError({"kind": _("Request: this answer does not fit the kind of request.")})
    return request


def _related_rows(person):
    """Every record of another app that points at the person: {model label: [row dicts]}."""
    held = {}
    for model in apps.get_models():
        if model in (Person, PersonalDataRequest, PersonalDataAccess) or model._meta.app_label in ("pghistory",):
            continue
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is Person:
                rows = list(model._default_manager.filter(**{field.name: person}).values())
                if rows:
                    held.setdefault(model._meta.label, []).extend(rows)
    return held


@transaction.atomic
def data_request_export(*, request: PersonalDataRequest, actor, ip_address=None) -> dict:
    """Art. 45: everything held about the person, in clear; the access is logged and the request answered."""
    request = _open(request, actor, PersonalDataRequest.Kind.ACCESS)
    person = request.person
    PersonalDataAccess.objects.create(person=person, user=actor, fields="all (PIPL Art. 45)",
                                      reason=_("Personal data request %(id)s") % {"id": request.pk},
                                      channel=PersonalDataAccess.Channel.PORTAL, ip_address=ip_address)
    data = {
        "person": {
            "full_name": person.full_name, "document_type": person.document_type,
            "document_number": crypto.decrypt(person.document_number_encrypted)
            if person.document_number_encrypted else "",
            "mobile": crypto.decrypt(person.mobile_encrypted) if person.mobile_encrypted else "",
            "birth_date": person.birth_date, "sex": person.sex, "region": person.region_id,
            "created_at": person.created_at,
        },
        "records": _related_rows(person),
        "accesses": list(person.accesses.values("accessed_at", "user__username", "fields", "reason", "channel")),
    }
    _answer(request, actor, _("The data held was exported and handed over."))
    return data


@transaction.atomic
def data_request_correct(*, request: PersonalDataRequest, actor, answer: str, **changes) -> PersonalDataRequest:
    """Art. 46: the correction goes through the registry's own service (validation, history)."""
    request = _open(request, actor, PersonalDataRequest.Kind.CORRECT)
    if changes:
        services.person_update(person=request.person, actor=actor, **changes)
    return _answer(request, actor, answer or _("Corrected as asked."))


@transaction.atomic
def data_request_anonymise(*, request: PersonalDataRequest, actor) -> PersonalDataRequest:
    """Art. 47: nothing identifies the person any more; the records the law keeps stay, pointing at no one."""
    request = _open(request, actor, PersonalDataRequest.Kind.DELETE)
    person = Person.objects.select_for_update().get(pk=request.person_id)
    placeholder = "anonymised-" + secrets.token_hex(16)
    person.full_name = ANONYMISED_NAME
    person.document_number_encrypted = ""
    person.document_number_hash = crypto.document_hash(placeholder)
    person.document_number_masked = ANONYMISED_NAME
    person.mobile_encrypted = person.mobile_hash = person.mobile_masked = ""
    person.birth_date, person.sex = None, ""
    # The change history held the old values too: its rows of this person go, the anonymising update is recorded.
    _forget_history(person)
    person.save()
    logger.info("PIPL request %s: person %s anonymised by %s", request.pk, person.pk, actor.get_username())
    return _answer(request, actor, _("The person's data was anonymised; receipts and service records are kept "
                                     "without anything that identifies the person."))


def _forget_history(person):
    """Delete the change-history events that hold the person's former identity (their old values)."""
    for model in apps.get_models():
        tracked = getattr(model, "pgh_tracked_model", None)
        if tracked is Person:
            model.objects.filter(pgh_obj_id=person.pk).delete()


@transaction.atomic
def data_request_refuse(*, request: PersonalDataRequest, actor, answer: str) -> PersonalDataRequest:
    request = _open(request, actor)
    if not (answer or "").strip():
        raise ValidationError({"answer": _("Answer: say why the request is refused.")})
    return _answer(request, actor, answer.strip(), PersonalDataRequest.Status.REFUSED)
