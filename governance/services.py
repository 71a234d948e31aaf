"""Every governance write: keyword-only, scoped to the actor's area, validated, in one transaction."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from governance.choices import ItemStatus, OpinionStatus
from governance.models import ActionItem, AuditReport, SupervisionOpinion, SupervisoryMeeting, SupervisoryMember
from redcross.scoping import require_in_scope


def _save(instance, *, actor, region_field, scope_field, fields, update_fields=None):
    for name, value in fields.items():
        setattr(instance, name, value)
    organization = getattr(instance, region_field, None)
    require_in_scope(actor, organization.region_id if organization else None, field=scope_field,
                     message=_("Organisation: choose an organisation within your own area."))
    instance.full_clean()
    instance.save(update_fields=update_fields)
    return instance


MEMBER_FIELDS = {"organization", "name", "role", "affiliation", "term_start", "term_end"}
MEETING_FIELDS = {"organization", "held_on", "title", "attendees", "minutes"}
OPINION_FIELDS = {"meeting", "opinion", "owner", "due_on", "status", "rectification", "rectified_on"}
AUDIT_FIELDS = {"organization", "year", "auditor", "opinion", "summary", "published_on"}
ITEM_FIELDS = {"plan", "source", "title", "owner", "due_on", "status", "evidence", "done_on"}


def _check(fields, allowed):
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")


@transaction.atomic
def member_save(*, actor, instance: SupervisoryMember | None = None, **fields) -> SupervisoryMember:
    _check(fields, MEMBER_FIELDS)
    return _save(instance or SupervisoryMember(), actor=actor, region_field="organization",
                 scope_field="organization", fields=fields)


@transaction.atomic
def meeting_record(*, actor, **fields) -> SupervisoryMeeting:
    _check(fields, MEETING_FIELDS)
    return _save(SupervisoryMeeting(), actor=actor, region_field="organization", scope_field="organization",
                 fields=fields)


def _closing(fields, *, done_status, status_field="status", date_field, evidence_field):
    """Marking done/rectified stamps today's date unless given; reopening clears it."""
    if fields.get(status_field) == done_status:
        fields.setdefault(date_field, None)
        fields[date_field] = fields[date_field] or timezone.localdate()
        if not (fields.get(evidence_field) or "").strip():
            raise ValidationError({evidence_field: _("Evidence: describe what was done and where it is kept.")})
    elif status_field in fields:
        fields[date_field] = None


@transaction.atomic
def opinion_save(*, actor, instance: SupervisionOpinion | None = None, **fields) -> SupervisionOpinion:
    _check(fields, OPINION_FIELDS)
    if instance is not None:
        instance = SupervisionOpinion.objects.select_for_update().get(pk=instance.pk)
        merged = {"rectification": instance.rectification, **fields}
    else:
        merged = dict(fields)
    _closing(merged, done_status=OpinionStatus.RECTIFIED, date_field="rectified_on", evidence_field="rectification")
    return _save(instance or SupervisionOpinion(), actor=actor, region_field="owner", scope_field="owner",
                 fields=merged)


@transaction.atomic
def audit_report_save(*, actor, instance: AuditReport | None = None, **fields) -> AuditReport:
    _check(fields, AUDIT_FIELDS)
    return _save(instance or AuditReport(), actor=actor, region_field="organization", scope_field="organization",
                 fields=fields)


@transaction.atomic
def action_item_save(*, actor, instance: ActionItem | None = None, **fields) -> ActionItem:
    _check(fields, ITEM_FIELDS)
    if instance is not None:
        instance = ActionItem.objects.select_for_update().get(pk=instance.pk)
        merged = {"evidence": instance.evidence, **fields}
    else:
        merged = dict(fields)
    _closing(merged, done_status=ItemStatus.DONE, date_field="done_on", evidence_field="evidence")
    return _save(instance or ActionItem(), actor=actor, region_field="owner", scope_field="owner", fields=merged)
