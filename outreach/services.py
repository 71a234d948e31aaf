"""Every write of outreach/ with a rule; keyword-only, `actor=`, one transaction, errors keyed by field."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from organizations.choices import InstitutionKind, RegionLevel
from outreach import selectors
from outreach.choices import CareKind, ConsentGiver, StoryStatus
from outreach.models import (
    Campaign,
    CareRecipient,
    CareRecord,
    CultureSquare,
    Story,
    VillageCompact,
    YouthActivity,
    YouthCentre,
)
from people import crypto
from redcross.scoping import require_in_scope


def _check_fields(model, fields, allowed):
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"{model.__name__}: unknown fields {sorted(unknown)}")


def _not_future(errors, field, value, label):
    if value and value > timezone.localdate():
        errors[field] = [_("%(field)s: not in the future.") % {"field": label}]


def _save(model, allowed, instance, fields, actor, region_attr="region", extra_check=None, locked=False):
    _check_fields(model, fields, allowed)
    if instance is None:
        instance = model(**fields)
    else:
        require_in_scope(actor, getattr(instance, f"{region_attr}_id"), field=region_attr)
        if not locked:  # the row as it is now, locked: a stale copy must not write back old values
            instance = model.objects.select_for_update().get(pk=instance.pk)
        for name, value in fields.items():
            setattr(instance, name, value)
    if getattr(instance, f"{region_attr}_id"):
        require_in_scope(actor, getattr(instance, f"{region_attr}_id"), field=region_attr)
    if extra_check is not None:
        extra_check(instance)
    instance.full_clean()
    instance.save()
    return instance


# --- culture squares ---------------------------------------------------------------------

SQUARE_FIELDS = ("name", "place_kind", "region", "host", "address", "opened_on", "themes", "photos", "is_active")


@transaction.atomic
def square_save(*, actor, square: CultureSquare | None = None, **fields) -> CultureSquare:
    def check(square):
        errors = {}
        _not_future(errors, "opened_on", square.opened_on, _("Opened on"))
        if errors:
            raise ValidationError(errors)
    transaction.on_commit(selectors.home_culture_changed)
    return _save(CultureSquare, SQUARE_FIELDS, square, fields, actor, extra_check=check)


# --- stories --------------------------------------------------------------------------------

STORY_FIELDS = ("title", "kind", "region", "person", "public_name", "summary", "body", "photos")


@transaction.atomic
def story_save(*, actor, story: Story | None = None, **fields) -> Story:
    """Write or edit a story. Editing an approved or published story sends it back for approval."""
    def check(story):
        if story.person_id:
            require_in_scope(actor, story.person.region_id, field="person")
    creating = story is None
    if creating:
        fields = {**fields, "created_by": actor}
        allowed = (*STORY_FIELDS, "created_by")
    else:
        allowed = STORY_FIELDS
        story = Story.objects.select_for_update().get(pk=story.pk)
        if story.status in (StoryStatus.APPROVED, StoryStatus.PUBLISHED) and any(
                getattr(story, name) != value for name, value in fields.items()):
            story.status = StoryStatus.DRAFT
            story.approved_by = None
            story.approved_at = None
            story.published_at = None
        if "person" in fields and fields["person"] != story.person:
            story.consent_giver = story.consent_name = story.consent_reference = ""
            story.consent_on = None
    return _save(Story, allowed, story, fields, actor, extra_check=check, locked=not creating)


@transaction.atomic
def story_record_consent(*, actor, story: Story, given_by: str, name: str, reference: str,
                         given_on: date | None = None) -> Story:
    """The person's separate consent to publication (PIPL Art 29); a guardian's for a minor (Art 31)."""
    story = Story.objects.select_for_update(of=("self",)).select_related("person").get(pk=story.pk)
    require_in_scope(actor, story.region_id)
    errors = {}
    given_on = given_on or timezone.localdate()
    if story.person_id is None:
        errors["person"] = [_("Person: this story names no registered person; no consent is recorded for it.")]
    if given_by not in ConsentGiver.values:
        errors["given_by"] = [_("Consent given by: the person or a guardian.")]
    age = story.person.age if story.person_id else None
    adult_age = 18
    if age is not None and age < adult_age and given_by != ConsentGiver.GUARDIAN:
        errors["given_by"] = [_("Consent given by: the person is a minor; a guardian consents.")]
    if not (name or "").strip():
        errors["name"] = [_("Name: who gave the consent.")]
    if not (reference or "").strip():
        errors["reference"] = [_("Consent form reference: the number or file of the signed form.")]
    _not_future(errors, "given_on", given_on, _("Consent given on"))
    if errors:
        raise ValidationError(errors)
    story.consent_giver, story.consent_name = given_by, name.strip()
    story.consent_reference, story.consent_on = reference.strip(), given_on
    story.save(update_fields=["consent_giver", "consent_name", "consent_reference", "consent_on"])
    return story


@transaction.atomic
def story_approve(*, actor, story: Story) -> Story:
    """A second person approves the text; the writer cannot approve their own story."""
    story = Story.objects.select_for_update().get(pk=story.pk)
    require_in_scope(actor, story.region_id)
    if story.status != StoryStatus.DRAFT:
        raise ValidationError({"status": _("Status: only a draft is approved.")})
    if story.created_by_id == actor.pk:
        raise ValidationError({"approved_by": _("Approved by: someone other than the writer approves a story.")})
    story.status, story.approved_by, story.approved_at = StoryStatus.APPROVED, actor, timezone.now()
    story.save(update_fields=["status", "approved_by", "approved_at"])
    return story


@transaction.atomic
def story_publish(*, actor, story: Story) -> Story:
    """Publish on the public site: only with an approver and, for a story about a person, their consent."""
    story = Story.objects.select_for_update().get(pk=story.pk)
    require_in_scope(actor, story.region_id)
    errors = {}
    if story.person_id and story.consent_on is None:
        errors["consent"] = [_("Consent: the person's separate consent (a guardian's for a minor) is needed before "
                               "publication.")]
    if story.status != StoryStatus.APPROVED:
        errors["status"] = [_("Status: an approver must approve the story before publication.")]
    if errors:
        raise ValidationError(errors)
    story.status, story.published_at = StoryStatus.PUBLISHED, timezone.now()
    story.full_clean()
    story.save(update_fields=["status", "published_at"])
    return story


@transaction.atomic
def story_withdraw(*, actor, story: Story) -> Story:
    story = Story.objects.select_for_update().get(pk=story.pk)
    require_in_scope(actor, story.region_id)
    story.status = StoryStatus.WITHDRAWN
    story.save(update_fields=["status"])
    return story


# --- youth education centres ---------------------------------------------------------------

YOUTH_CENTRE_FIELDS = ("name", "school", "opened_on", "pilot_batch", "contact_person", "is_active")


@transaction.atomic
def youth_centre_save(*, actor, centre: YouthCentre | None = None, **fields) -> YouthCentre:
    _check_fields(YouthCentre, fields, YOUTH_CENTRE_FIELDS)
    if centre is None:
        centre = YouthCentre(**fields)
    else:
        require_in_scope(actor, centre.region_id)
        centre = YouthCentre.objects.select_for_update().get(pk=centre.pk)
        for name, value in fields.items():
            setattr(centre, name, value)
    errors = {}
    school = centre.school if centre.school_id else None
    if school is not None:
        if school.kind not in (InstitutionKind.SCHOOL, InstitutionKind.UNIVERSITY):
            errors["school"] = [_("Host school: choose a school or university from the institutions register.")]
        require_in_scope(actor, school.region_id, field="school")
        centre.region_id = school.region_id
    _not_future(errors, "opened_on", centre.opened_on, _("Opened on"))
    if errors:
        raise ValidationError(errors)
    centre.full_clean()
    centre.save()
    return centre


@transaction.atomic
def youth_activity_record(*, actor, centre: YouthCentre, title: str, held_on: date, participants: int,
                          description: str = "") -> YouthActivity:
    require_in_scope(actor, centre.region_id, field="centre")
    errors = {}
    _not_future(errors, "held_on", held_on, _("Held on"))
    if errors:
        raise ValidationError(errors)
    activity = YouthActivity(centre=centre, title=title, held_on=held_on, participants=participants,
                             description=description)
    activity.full_clean()
    activity.save()
    return activity


# --- campaigns ---------------------------------------------------------------------------------

CAMPAIGN_FIELDS = ("title", "kind", "held_on", "region", "square", "place", "organiser", "participants",
                   "online_reach", "summary", "photos")


@transaction.atomic
def campaign_save(*, actor, campaign: Campaign | None = None, **fields) -> Campaign:
    def check(campaign):
        if campaign.square_id:
            require_in_scope(actor, campaign.square.region_id, field="square")
            if not campaign.place:
                campaign.place = campaign.square.name
        if campaign.organiser_id:
            require_in_scope(actor, campaign.organiser.region_id, field="organiser")
    transaction.on_commit(selectors.home_culture_changed)
    return _save(Campaign, CAMPAIGN_FIELDS, campaign, fields, actor, extra_check=check)


# --- village compacts ----------------------------------------------------------------------------

COMPACT_FIELDS = ("community", "title", "adopted_on", "document_url", "red_cross_clauses")


@transaction.atomic
def compact_save(*, actor, compact: VillageCompact | None = None, **fields) -> VillageCompact:
    def check(compact):
        errors = {}
        if compact.community_id and compact.community.level != RegionLevel.COMMUNITY:
            errors["community"] = [_("Community or village: a compact belongs to one community or village.")]
        _not_future(errors, "adopted_on", compact.adopted_on, _("Adopted on"))
        if errors:
            raise ValidationError(errors)
    return _save(VillageCompact, COMPACT_FIELDS, compact, fields, actor, region_attr="community", extra_check=check)


# --- community care -------------------------------------------------------------------------------

CARE_FIELDS = ("person", "region", "category", "care_team", "consent_on", "consent_giver", "is_active")


@transaction.atomic
def care_recipient_save(*, actor, recipient: CareRecipient | None = None, **fields) -> CareRecipient:
    def check(recipient):
        errors = {}
        person = recipient.person if recipient.person_id else None
        if person is not None:
            require_in_scope(actor, person.region_id, field="person")
            if person.age is not None and person.age < 18 and recipient.consent_giver != ConsentGiver.GUARDIAN:
                errors["consent_giver"] = [_("Consent given by: the person is a minor; a guardian consents.")]
        if recipient.region_id and recipient.region.level != RegionLevel.COMMUNITY:
            errors["region"] = [_("Community: choose the community or village where the person lives.")]
        _not_future(errors, "consent_on", recipient.consent_on, _("Consent given on"))
        if errors:
            raise ValidationError(errors)
    if recipient is None:
        fields = {**fields, "created_by": actor}
        return _save(CareRecipient, (*CARE_FIELDS, "created_by"), None, fields, actor, extra_check=check)
    return _save(CareRecipient, CARE_FIELDS, recipient, fields, actor, extra_check=check)


@transaction.atomic
def care_record_add(*, actor, recipient: CareRecipient, kind: str, given_on: date, notes: str,
                    aid_case=None) -> CareRecord:
    """Record care given. Economic help links to an aid case of the same person (donations' own record)."""
    from donations import selectors as donation_selectors

    require_in_scope(actor, recipient.region_id, field="recipient")
    errors = {}
    if not recipient.is_active:
        errors["recipient"] = [_("Person cared for: no longer in care.")]
    _not_future(errors, "given_on", given_on, _("Given on"))
    if kind == CareKind.ECONOMIC:
        if aid_case is None:
            errors["aid_case"] = [_("Aid case: economic help is recorded as an aid case; open one in Donations "
                                    "first.")]
        elif not donation_selectors.aid_cases_of_person(person=recipient.person, user=actor).filter(
                pk=aid_case.pk).exists():
            errors["aid_case"] = [_("Aid case: choose an aid case of this person within your area.")]
    elif aid_case is not None:
        errors["aid_case"] = [_("Aid case: only economic help links to an aid case.")]
    if not (notes or "").strip():
        errors["notes"] = [_("Notes: what was done.")]
    if errors:
        raise ValidationError(errors)
    record = CareRecord(recipient=recipient, kind=kind, given_on=given_on, aid_case=aid_case,
                        notes_encrypted=crypto.encrypt(notes.strip()), recorded_by=actor)
    record.full_clean()
    record.save()
    return record
