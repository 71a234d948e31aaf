"""Every write with a rule in members/: the portal, the API and the dues task call these.

Dues receipts come from the society's own gapless yearly series
(`redcross.numbering`), not from the donations app's receipts: dues are not
gifts, and a public-welfare donation receipt (公益事业捐赠票据, 红十字会法 Art 20)
must not be issued for them.
"""

from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from members.choices import ContributionKind, MemberKind, MemberStatus, PaymentMethod
from members.models import Contribution, DuesPayment, DuesRate, Member
from people import services as people_services
from redcross.errors import collect
from redcross.notifications import notify_once
from redcross.numbering import next_number
from redcross.scoping import require_in_scope

SOCIETY_KINDS = ("city_society", "district_society", "town_organization")


def _rules():
    return settings.REDCROSS


def _money(value, field="amount"):
    if value in (None, ""):
        return None
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        raise ValidationError({field: _("Amount: enter an amount in yuan.")}) from None
    if not amount.is_finite() or amount != amount.quantize(Decimal("0.01")):
        raise ValidationError({field: _("Amount: at most two decimal places.")})
    return amount


def _clean(obj, errors, exclude=(), validate_constraints=True):
    collect(errors, obj.full_clean, exclude=list(exclude), validate_constraints=validate_constraints)
    if errors:
        raise ValidationError(errors)


# --- enrolment -------------------------------------------------------------------------------

def member_number(society, n: int) -> str:
    return f"{society.region_id}-{n:05d}"


@transaction.atomic
def member_enrol(*, actor, kind: str, society, joined_on: date, person=None, unit=None, organization=None,
                 contact_person=None) -> Member:
    """Enrol a person or a member unit; the number is the society's next, without gaps under any concurrency."""
    errors: dict = {}
    if society is None or society.kind not in SOCIETY_KINDS:
        raise ValidationError({"society": _("Society: choose a Red Cross society or town organisation.")})
    require_in_scope(actor, society.region_id, "society")
    if kind == MemberKind.INDIVIDUAL and person is None:
        errors["person"] = [_("Person: an individual member is a person from the registry.")]
    if kind == MemberKind.UNIT:
        if unit is None or unit.kind != "member_unit":
            errors["unit"] = [_("Unit: choose a member unit (a school, enterprise, hospital…).")]
        else:
            require_in_scope(actor, unit.region_id, "unit")
    if joined_on and joined_on > timezone.localdate():
        errors["joined_on"] = [_("Date: it cannot be in the future.")]
    taken = Member.objects.filter(society=society).exclude(status=MemberStatus.WITHDRAWN)
    if kind == MemberKind.INDIVIDUAL and person is not None and taken.filter(person=person).exists():
        errors["person"] = [_("Person: already a member of this society.")]
    if kind == MemberKind.UNIT and unit is not None and taken.filter(unit=unit).exists():
        errors["unit"] = [_("Unit: already a member of this society.")]
    member = Member(kind=kind, society=society, person=person if kind == MemberKind.INDIVIDUAL else None,
                    unit=unit if kind == MemberKind.UNIT else None, organization=organization,
                    contact_person=contact_person, region=society.region, joined_on=joined_on,
                    status_changed_on=joined_on, created_by=actor, number="pending")
    # The uniqueness constraints are the database's last word (IntegrityError below); checked above by field.
    _clean(member, errors, exclude=["created_by", "number"], validate_constraints=False)
    # The society's counter row is locked until commit: enrolments of one society queue here, so a refused
    # duplicate (the unique index) rolls its number back with it.
    member.number = member_number(society, next_number(f"members:{society.pk}"))
    try:
        with transaction.atomic():
            member.save()
    except IntegrityError:
        field = "person" if kind == MemberKind.INDIVIDUAL else "unit"
        raise ValidationError({field: _("Member: already a member of this society.")}) from None
    return member


@transaction.atomic
def member_enrol_person(*, actor, kind: str, full_name: str, document_type: str, document_number: str,
                        region, mobile: str = "", unit=None, **fields) -> Member:
    """Enrol from the portal form: the person (the member, or a unit's contact person) is found by document in
    the people registry or created there, then enrolled, in one transaction."""
    person = people_services.person_find_by_document(document_type=document_type, document_number=document_number)
    if person is not None and person.full_name != (full_name or "").strip():
        raise ValidationError({"full_name": _("Full name: it does not match the registered holder of this "
                                              "document.")})
    person = person or people_services.person_create(actor=actor, full_name=full_name, document_type=document_type,
                                                     document_number=document_number, mobile=mobile, region=region)
    if kind == MemberKind.INDIVIDUAL:
        return member_enrol(actor=actor, kind=kind, person=person, **fields)
    return member_enrol(actor=actor, kind=kind, unit=unit, contact_person=person, **fields)


@transaction.atomic
def member_withdraw(*, actor, member: Member, on: date | None = None) -> Member:
    member = Member.objects.select_for_update().get(pk=member.pk)
    require_in_scope(actor, member.region_id, "member")
    if member.status == MemberStatus.WITHDRAWN:
        return member
    member.status, member.status_changed_on = MemberStatus.WITHDRAWN, on or timezone.localdate()
    member.save(update_fields=["status", "status_changed_on"])
    return member


# --- dues ------------------------------------------------------------------------------------

def dues_rate(year: int, kind: str) -> Decimal | None:
    return DuesRate.objects.filter(year=year, kind=kind).values_list("amount", flat=True).first()


def receipt_number(society, year: int) -> str:
    return f"{society.region_id}-{year}-{next_number(f'members-dues:{society.pk}:{year}'):05d}"


@transaction.atomic
def dues_pay(*, actor, member: Member, year: int, paid_on: date, method: str = PaymentMethod.BANK_TRANSFER,
             amount=None, reference: str = "") -> DuesPayment:
    """Record one year's dues with the next receipt number; a lapsed member who pays is active again."""
    member = Member.objects.select_for_update().select_related("society").get(pk=member.pk)
    require_in_scope(actor, member.region_id, "member")
    errors: dict = {}
    amount = collect(errors, _money, amount)
    rate = dues_rate(year, member.kind) if year else None
    if rate is None:
        errors.setdefault("year", []).append(_("Year: no dues rate is set for %(year)s.") % {"year": year})
    elif amount is None:
        amount = rate
    elif amount < rate:
        errors.setdefault("amount", []).append(_("Amount: the dues for %(year)s are ¥%(rate)s.")
                                               % {"year": year, "rate": rate})
    if member.status == MemberStatus.WITHDRAWN:
        errors.setdefault("member", []).append(_("Member: has withdrawn."))
    if year and year < member.joined_on.year:
        errors.setdefault("year", []).append(_("Year: before the member joined."))
    if paid_on and paid_on > timezone.localdate():
        errors.setdefault("paid_on", []).append(_("Date: it cannot be in the future."))
    if method not in PaymentMethod.values:
        errors.setdefault("method", []).append(_("Payment method: choose one of the listed methods."))
    if DuesPayment.objects.filter(member=member, year=year).exists():
        errors.setdefault("year", []).append(_("Year: the dues of this year are already paid."))
    if errors:
        raise ValidationError(errors)
    payment = DuesPayment(member=member, year=year, amount=amount, paid_on=paid_on, method=method,
                          reference=(reference or "").strip()[:64], recorded_by=actor, receipt_number="pending")
    _clean(payment, {}, exclude=["recorded_by", "receipt_number", "member"])
    payment.receipt_number = receipt_number(member.society, paid_on.year)
    payment.save()
    if member.status == MemberStatus.LAPSED and year >= timezone.localdate().year:
        member.status, member.status_changed_on = MemberStatus.ACTIVE, paid_on
        member.save(update_fields=["status", "status_changed_on"])
    return payment


def dues_deadline(member: Member, year: int) -> date:
    """Dues of a year are due on 1 January (or on joining, in the first year); the grace period follows."""
    due = max(date(year, 1, 1), member.joined_on)
    return due + timedelta(days=_rules()["MEMBER_DUES_GRACE_DAYS"])


def dues_check(*, today: date | None = None) -> dict:
    """Remind members whose grace period is ending (each reminder once), lapse those past it unpaid.

    Safe to run twice: reminders go through `notify_once`, and a lapsed member is no longer active.
    """
    today = today or timezone.localdate()
    year = today.year
    reminders = sorted(_rules()["MEMBER_DUES_REMINDER_DAYS"])
    done = {"reminded": 0, "lapsed": 0}
    unpaid = (Member.objects.filter(status=MemberStatus.ACTIVE, joined_on__lte=today)
              .exclude(payments__year=year).select_related("person", "contact_person", "unit"))
    for member in unpaid.iterator(chunk_size=2000):
        deadline = dues_deadline(member, year)
        days_left = (deadline - today).days
        if days_left < 0:
            if member_lapse(member=member, today=today):
                done["lapsed"] += 1
            continue
        due = next((d for d in reminders if days_left <= d), None)
        if due is None:
            continue
        rate = dues_rate(year, member.kind)
        message = (_("Red Cross member %(number)s: your dues for %(year)s (¥%(rate)s) are due by %(date)s; unpaid "
                     "membership lapses after that day.")
                   % {"number": member.number, "year": year, "rate": rate if rate is not None else "—",
                      "date": deadline.isoformat()})
        done["reminded"] += notify_once(kind=f"members.dues_due_{due}", key=f"{member.pk}:{year}",
                                        person=member.person or member.contact_person, message=message)
    return done


@transaction.atomic
def member_lapse(*, member: Member, today: date) -> bool:
    member = Member.objects.select_for_update().get(pk=member.pk)
    if member.status != MemberStatus.ACTIVE or DuesPayment.objects.filter(member=member, year=today.year).exists():
        return False
    member.status, member.status_changed_on = MemberStatus.LAPSED, today
    member.save(update_fields=["status", "status_changed_on"])
    notify_once(kind="members.lapsed", key=f"{member.pk}:{today.year}", person=member.person or member.contact_person,
                message=_("Red Cross member %(number)s: your membership has lapsed because the dues for %(year)s "
                          "were not paid. Paying them renews it.") % {"number": member.number, "year": today.year})
    return True


# --- contributions ---------------------------------------------------------------------------

@transaction.atomic
def contribution_record(*, actor, member: Member, kind: str, contributed_on: date, description: str,
                        amount=None, people=None) -> Contribution:
    require_in_scope(actor, member.region_id, "member")
    errors: dict = {}
    if member.kind != MemberKind.UNIT:
        errors["member"] = [_("Member: contributions are recorded for unit members.")]
    amount = collect(errors, _money, amount)
    if kind in (ContributionKind.MONEY, ContributionKind.GOODS) and not amount:
        errors.setdefault("amount", []).append(_("Value: money and goods have a value in yuan."))
    if kind in (ContributionKind.VOLUNTEERS, ContributionKind.TRAINING_HOSTED) and not people:
        errors.setdefault("people", []).append(_("People: say how many people."))
    if contributed_on and contributed_on > timezone.localdate():
        errors.setdefault("contributed_on", []).append(_("Date: it cannot be in the future."))
    contribution = Contribution(member=member, kind=kind, contributed_on=contributed_on, amount=amount,
                                people=people or None, description=(description or "").strip(), recorded_by=actor)
    _clean(contribution, errors, exclude=["recorded_by", "member"])
    contribution.save()
    return contribution


@transaction.atomic
def dues_rate_set(*, actor, year: int, kind: str, amount) -> DuesRate:
    """Set a year's dues for a member kind (city administrators: the amounts are a city-wide rule)."""
    if actor is not None and not actor.has_perm("members.change_duesrate"):
        raise PermissionDenied(_("Your role does not allow this page."))
    rate = DuesRate.objects.filter(year=year, kind=kind).first() or DuesRate(year=year, kind=kind)
    rate.amount = _money(amount)
    _clean(rate, {})
    rate.save()
    return rate
