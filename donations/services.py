"""Every write with a rule in donations/: the portal, the API, the public site and tasks call these.

Locks are always taken in the same order (disbursement, fund, donations by id)
so that concurrent approvals, payments and reversals queue instead of
deadlocking, and a fund's balance is read and changed under its row lock.
"""

from contextlib import nullcontext
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Case, DecimalField, F, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from donations.choices import (
    BeneficiaryKind,
    Channel,
    ConfirmedVia,
    DisbursementStatus,
    DonationKind,
    DonationStatus,
    DonorKind,
    FundKind,
    FundStatus,
    StatementLineStatus,
)
from donations.models import (
    MONEY,
    AidCase,
    Allocation,
    Disbursement,
    Disclosure,
    Donation,
    Donor,
    Fund,
    LedgerMonth,
)
from donations.money import CENT, lookup_name_hash, management_cost_cap, money
from donations.selectors import disclosures_due, ledger_changed
from donations.statements import codes_in, new_reference_code
from people import crypto
from people import services as people_services
from people.identifiers import mask_mobile, normalize_credit_code, validate_credit_code
from people.models import PersonalDataAccess
from redcross.errors import collect
from redcross.instances import insert_values
from redcross.numbering import next_number
from redcross.scoping import region_in_scope, require_in_scope, scope_queryset
from redcross.validation import clean_name


def _staff_organization(actor):
    profile = getattr(actor, "staff_profile", None) if actor is not None else None
    if profile is None:
        raise PermissionDenied(_("Only staff of an organisation record this."))
    return profile.organization


def _require_scope(actor, organization, field):
    require_in_scope(actor, organization.region_id, field,
                     _("Organisation: you can only choose one within your own area."))


# --- donors ------------------------------------------------------------------------------

def donor_create(**fields) -> Donor:
    """A donor, in a transaction of its own (the fields of `_donor_insert`)."""
    with transaction.atomic():
        return _donor_insert(**fields)


def _donor_insert(**fields) -> Donor:
    """A donor, in the caller's transaction (the fields of `_donor_build`)."""
    donor = _donor_build(**fields)
    donor.save()
    return donor


def _donor_build(*, actor=None, kind: str, name: str, organization=None, credit_code: str = "",
                 is_caring_enterprise: bool = False, publish_name: bool = False, mobile: str = "",
                 document_type: str = "", document_number: str = "", region=None,
                 code_looked_up: bool = True) -> Donor:
    """A checked, unsaved donor; an individual with an identity document goes through the people registry (one
    person, one record: a new one is saved here, in the caller's transaction). Without `code_looked_up` an
    organisation's credit code is not looked for first: the unique index refuses one already recorded."""
    errors: dict = {}
    try:
        name = clean_name(name, kind="organization" if kind == DonorKind.ORGANIZATION else "person")
    except ValidationError as exc:
        errors["name"] = exc.messages
    if kind not in DonorKind.values:
        errors["kind"] = [_("Kind of donor: choose a person or an organisation.")]
    code = normalize_credit_code(credit_code)
    if kind == DonorKind.ORGANIZATION:
        try:
            code = validate_credit_code(code)
        except ValidationError as exc:
            errors["credit_code"] = exc.messages
        if code_looked_up and code and not errors.get("credit_code") and Donor.objects.filter(
                credit_code=code).exists():
            errors["credit_code"] = [_("Credit code: a donor with this code is already recorded.")]
    elif code or is_caring_enterprise:
        errors["credit_code"] = [_("Credit code: only an organisation has one or is a caring enterprise.")]
    clean_mobile = ""
    if mobile:
        clean_mobile = collect(errors, people_services.mobile_clean, mobile) or ""
    person = None
    if kind == DonorKind.INDIVIDUAL and document_number:
        person = people_services.person_find_by_document(document_type=document_type or "resident_id",
                                                         document_number=document_number)
        if person is None:
            person = collect(
                errors, people_services.person_build, actor=actor, full_name=name,
                document_type=document_type or "resident_id", document_number=document_number,
                mobile=clean_mobile, region=region)
    if organization is None and actor is not None:
        organization = _staff_organization(actor)
    if organization is None:
        errors["organization"] = [_("Organisation: this field is required.")]
    elif actor is not None and not region_in_scope(actor, organization.region_id):
        errors["organization"] = [_("Organisation: you can only choose one within your own area.")]
    if errors:
        raise ValidationError(errors)
    if person is not None and person.pk is None:
        people_services.person_save(person)
    donor = Donor(kind=kind, name=name[:200], person=person, credit_code=code if kind == DonorKind.ORGANIZATION else "",
                  is_caring_enterprise=bool(is_caring_enterprise) and kind == DonorKind.ORGANIZATION,
                  publish_name=bool(publish_name), organization=organization)
    if clean_mobile:
        donor.mobile_encrypted = crypto.encrypt(clean_mobile)
        donor.mobile_hash = crypto.mobile_hash(clean_mobile)
        donor.mobile_masked = mask_mobile(clean_mobile)
    # The fields' own checks only: the constraints (one donor per credit code, a kind's fields) were checked above
    # with their messages, and the database keeps them; validating them again cost a compiled query each
    # (half of a new donor's pledge, issue 15 goal 5).
    donor.full_clean(exclude=["person", "organization"], validate_constraints=False)
    return donor


# --- funds -------------------------------------------------------------------------------

FUND_FIELDS = ("code", "name", "kind", "purpose", "organization", "community", "budget", "starts_on", "ends_on",
               "management_cost_rate")


@transaction.atomic
def fund_create(*, actor, **fields) -> Fund:
    unknown = set(fields) - set(FUND_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    fund = Fund(**fields)
    errors = {}
    collect(errors, fund.full_clean)  # also turns the values into their Python types
    rate = fund.management_cost_rate if isinstance(fund.management_cost_rate, Decimal) else Decimal("0")
    if rate > management_cost_cap():
        errors["management_cost_rate"] = [_("Management cost rate: at most %(cap)s.")
                                          % {"cap": f"{management_cost_cap() * 100:.1f} %"}]
    if fund.organization_id and actor is not None and not region_in_scope(actor, fund.organization.region_id):
        errors["organization"] = [_("Organisation: you can only choose one within your own area.")]
    if fund.kind == FundKind.COMMUNITY_CARE and fund.community_id and fund.community.level != "community":
        errors["community"] = [_("Community: choose a community or village.")]
    if errors:
        raise ValidationError(errors)
    fund.save()
    return fund


@transaction.atomic
def fund_close(*, fund: Fund, actor) -> Fund:
    fund = Fund.objects.select_for_update().get(pk=fund.pk)
    fund.status = FundStatus.CLOSED
    fund.ends_on = fund.ends_on or timezone.localdate()
    fund.save(update_fields=["status", "ends_on"])
    return fund


# --- donations ---------------------------------------------------------------------------

def _public_name(donor, is_anonymous) -> str:
    if is_anonymous or donor is None or not donor.publish_name:
        return ""
    return donor.name


def _check_fund_open(fund, errors):
    if fund is not None and fund.status != FundStatus.OPEN:
        errors["fund"] = [_("Fund: it is closed and takes no more gifts.")]


@transaction.atomic
def donation_record(*, actor, fund: Fund, amount, channel: str, donor: Donor | None = None,
                    is_anonymous: bool = False, kind: str = DonationKind.MONEY, goods_description: str = "",
                    goods_quantity=None, goods_unit: str = "", receipt_declined: bool = False,
                    note: str = "", organization=None) -> Donation:
    """Staff record a gift received (bank transfer, cash, goods); confirmed separately by finance."""
    donation = _donation_build(
        actor=actor, fund=fund, amount=amount, channel=channel, donor=donor, is_anonymous=is_anonymous, kind=kind,
        goods_description=goods_description, goods_quantity=goods_quantity, goods_unit=goods_unit,
        receipt_declined=receipt_declined, note=note, organization=organization)
    donation.save()
    return donation


def _donation_build(*, actor, fund, amount, channel, donor=None, is_anonymous=False, kind=DonationKind.MONEY,
                    goods_description="", goods_quantity=None, goods_unit="", receipt_declined=False, note="",
                    organization=None, reference_code=None) -> Donation:
    """The checked, unsaved gift of `donation_record` (a pledge adds its key and saves it in one INSERT).

    A money gift gets a reference code nobody holds yet; a pledge passes one drawn without that check and draws
    again when the unique index refuses it (`donation_pledge`)."""
    errors: dict = {}
    amount = collect(errors, money, amount)
    if channel not in Channel.values:
        errors["channel"] = [_("Channel: choose one of the listed channels.")]
    if kind == DonationKind.GOODS:
        if not (goods_description or "").strip():
            errors["goods_description"] = [_("Goods: describe the items and their quantity.")]
        goods_quantity = collect(errors, money, goods_quantity, "goods_quantity") \
            if goods_quantity not in (None, "") else None
        if goods_quantity is None:
            errors.setdefault("goods_quantity", [_("Quantity: more than zero.")])
    if donor is None and not is_anonymous:
        errors["donor"] = [_("Donor: choose a donor or mark the gift anonymous.")]
    _check_fund_open(fund, errors)
    organization = organization or fund.organization
    if actor is not None and not region_in_scope(actor, organization.region_id):
        errors["fund"] = [_("Fund: you can only record gifts to funds within your own area.")]
    if errors:
        raise ValidationError(errors)
    donation = Donation(
        organization=organization, donor=None if is_anonymous else donor, is_anonymous=is_anonymous, fund=fund,
        kind=kind, channel=Channel.GOODS if kind == DonationKind.GOODS else channel, amount=amount,
        goods_description=(goods_description or "").strip(), goods_quantity=goods_quantity,
        goods_unit=(goods_unit or "").strip(), receipt_declined=receipt_declined, note=(note or "").strip()[:255],
        public_name=_public_name(donor, is_anonymous),
    )
    if donor is not None:
        donation.lookup_name_hash = lookup_name_hash(donor.name)
        donation.lookup_mobile_hash = donor.mobile_hash
    if kind == DonationKind.MONEY:
        donation.reference_code = reference_code or _unused_reference_code()
    return donation


def _unused_reference_code() -> str:
    """A fresh eight-character code; the unique constraint backs the check (29^8 ≈ 5·10^11 codes)."""
    for _attempt in range(10):
        code = new_reference_code()
        if not Donation.objects.filter(reference_code=code).exists():
            return code
    raise RuntimeError("no free reference code found in ten draws")


def pledge_validate(*, fund, amount, name, mobile, publish_name=False, is_anonymous=False,
                    donor_kind=DonorKind.INDIVIDUAL, credit_code="") -> str:
    """Every problem of a pledge at once, so the donor fixes the form in one go; returns the clean mobile."""
    errors: dict = {}
    if fund is None:
        errors["fund"] = [_("Fund: this field is required.")]
    else:
        _check_fund_open(fund, errors)
    collect(errors, money, amount)
    clean_mobile = collect(errors, people_services.mobile_clean, mobile)
    if not clean_mobile and "mobile" not in errors:
        errors["mobile"] = [_("Mobile number: needed to look up your gift later.")]
    if donor_kind not in DonorKind.values:
        errors["donor_kind"] = [_("Kind of donor: choose a person or an organisation.")]
    if is_anonymous and publish_name:
        errors["publish_name"] = [_("Publish my name: not together with an anonymous gift; choose one.")]
    if not is_anonymous:
        try:
            clean_name(name, kind="organization" if donor_kind == DonorKind.ORGANIZATION else "person")
        except ValidationError as exc:
            errors["name"] = exc.messages
        if donor_kind == DonorKind.ORGANIZATION:
            try:
                validate_credit_code(normalize_credit_code(credit_code))
            except ValidationError as exc:
                errors["credit_code"] = exc.messages
    elif name:
        try:
            clean_name(name, kind="person")
        except ValidationError as exc:
            errors["name"] = exc.messages
    if errors:
        raise ValidationError(errors)
    return clean_mobile


PLEDGE_CODE_DRAWS = 5  # reference codes a pledge draws before it gives up (each refused by another gift's)


def donation_pledge(*, key: str, fund: Fund, amount, name: str, mobile: str, publish_name: bool = False,
                    is_anonymous: bool = False, receipt_declined: bool = False, donor_kind: str = DonorKind.INDIVIDUAL,
                    credit_code: str = "") -> Donation:
    """An online pledge from the public site or an app: one donation per key, however often it is sent.

    The pledge waits for finance to match it against the bank statement
    (`donation_confirm`); a payment gateway's notification would call the same
    function with `via=gateway`.
    """
    key = (key or "").strip()
    if not key or len(key) > 64:
        raise ValidationError({"idempotency_key": _("Idempotency-Key: 1 to 64 characters.")})
    # No look for the key first: the unique index on it answers a resent form (the disaster day's write is the
    # first send; a resend costs one rolled-back transaction and one read instead).
    try:
        clean_mobile = pledge_validate(fund=fund, amount=amount, name=name, mobile=mobile, publish_name=publish_name,
                                       is_anonymous=is_anonymous, donor_kind=donor_kind, credit_code=credit_code)
    except ValidationError:
        stored = Donation.objects.filter(pledge_key=key).first()  # sent before, when the form was still good
        if stored is None:
            raise
        return stored
    draws = PLEDGE_CODE_DRAWS
    while True:
        try:
            return _pledge_insert(key=key, fund=fund, amount=amount, name=name, clean_mobile=clean_mobile,
                                  publish_name=publish_name, is_anonymous=is_anonymous,
                                  receipt_declined=receipt_declined, donor_kind=donor_kind, credit_code=credit_code)
        except IntegrityError as exc:
            # The same key sent at the same moment or before: the first insert won; answer with it.
            stored = Donation.objects.filter(pledge_key=key).first()
            if stored is not None:
                return stored
            # Or a new organisation donor's credit code is another donor's (the one statement found no donor with
            # this mobile and name, and inserting one was refused).
            constraint = _violated_constraint(exc)
            if constraint == "one_donor_per_credit_code":
                raise ValidationError({"credit_code": [_("Credit code: a donor with this code is already recorded.")]}
                                      ) from exc
            # Or another gift holds the code drawn (two pledges in a million, when a million gifts hold codes).
            draws -= 1
            if constraint != "unique_donation_reference_code" or not draws:
                raise


def _violated_constraint(exc: IntegrityError) -> str:
    diag = getattr(exc.__cause__, "diag", None)
    return getattr(diag, "constraint_name", None) or ""


def _pledge_insert(*, key, fund, amount, name, clean_mobile, publish_name, is_anonymous, receipt_declined,
                   donor_kind, credit_code) -> Donation:
    """The pledge in one statement, so one round trip: its donor found (the newest with the same mobile, name and
    kind) or inserted, and its gift inserted with its key and a code drawn without a look (the unique indexes on
    both refuse a repeat, and the donor's insert goes with the refused gift: `donation_pledge`).

    The ORM's five statements (BEGIN, the donor's look, its insert, the gift's, COMMIT), each a round trip and
    a query built, were most of a disaster day's pledge (issue 15, goal 5); the instances are built and checked
    as `save()` would have them.
    """
    donor = None
    if not is_anonymous:  # an anonymous gift keeps only the digests the donor's lookup needs
        donor = _donor_build(kind=donor_kind, name=name, mobile=clean_mobile, publish_name=publish_name,
                             credit_code=credit_code, organization=fund.organization, code_looked_up=False)
    donation = _donation_build(actor=None, fund=fund, amount=amount, channel=Channel.ONLINE, donor=donor,
                               is_anonymous=is_anonymous, receipt_declined=receipt_declined,
                               reference_code=new_reference_code())
    if is_anonymous:
        donation.lookup_name_hash = lookup_name_hash(name) if name else ""
        donation.lookup_mobile_hash = crypto.mobile_hash(clean_mobile)
    donation.pledge_key = key
    with connection.cursor() as cursor, _statement_savepoint():
        if donor is None:
            columns, values = insert_values(donation, connection)
            cursor.execute(f'INSERT INTO "donations_donation" ({", ".join(columns)}) '
                           f"VALUES ({', '.join(['%s'] * len(values))}) RETURNING id, donor_id", values)
        else:
            donor_columns, donor_values = insert_values(donor, connection)
            columns, values = insert_values(donation, connection, exclude={"donor_id"})
            cursor.execute(PLEDGE_SQL.format(
                donor_columns=", ".join(donor_columns), donor_values=", ".join(["%s"] * len(donor_values)),
                columns=", ".join(columns), values=", ".join(["%s"] * len(values)),
            ), [donor.mobile_hash, donor.name, donor.kind, donor.publish_name, donor.publish_name,
                *donor_values, *values])
        donation.pk, donor_pk = cursor.fetchone()
    donation._state.adding = False
    if donor is not None:
        donor.pk = donor_pk  # the donor found, or the one inserted
        donor._state.adding = False
        donation.donor = donor
    return donation


# The donor as `Donor.objects.filter(mobile_hash=…, name=…, kind=…).first()` finds it (the newest), its choice to
# be named publicly updated as the donor asks now, or a new donor; then the gift. Data-modifying CTEs all run.
PLEDGE_SQL = """
WITH found AS MATERIALIZED (
    SELECT id FROM "donations_donor" WHERE mobile_hash = %s AND name = %s AND kind = %s ORDER BY id DESC LIMIT 1
), republished AS (
    UPDATE "donations_donor" SET publish_name = %s WHERE id = (SELECT id FROM found) AND publish_name <> %s
), added AS (
    INSERT INTO "donations_donor" ({donor_columns}) SELECT {donor_values} WHERE NOT EXISTS (SELECT FROM found)
    RETURNING id
)
INSERT INTO "donations_donation" ({columns}, "donor_id")
VALUES ({values}, COALESCE((SELECT id FROM found), (SELECT id FROM added)))
RETURNING id, donor_id
"""


def _statement_savepoint():
    """Nothing around a statement that is its own transaction; inside the caller's, a savepoint, so a refused
    insert leaves the caller's transaction usable (the tests', or a client's batch)."""
    return transaction.atomic() if connection.in_atomic_block else nullcontext()


def _receipt_number(year: int) -> str:
    return f"{year}-{next_number(f'donations.receipt:{year}'):06d}"


def _ledger_moved(*, fund_id: int, day: date, income=Decimal("0"), spending=Decimal("0"), gifts: int = 0,
                  disbursements: int = 0, corrections: int = 0) -> None:
    """Add one movement to the fund's running ledger of that month, in the caller's transaction.

    An UPDATE with F() expressions: the month's row stays locked until the movement commits, so concurrent
    movements add up exactly. The month's first movement creates the row (a concurrent creator is waited for).
    """
    changes = {"income": F("income") + income, "spending": F("spending") + spending, "gifts": F("gifts") + gifts,
               "disbursements": F("disbursements") + disbursements, "corrections": F("corrections") + corrections}
    month = day.replace(day=1)
    if not LedgerMonth.objects.filter(fund_id=fund_id, month=month).update(**changes):
        LedgerMonth.objects.get_or_create(fund_id=fund_id, month=month)
        LedgerMonth.objects.filter(fund_id=fund_id, month=month).update(**changes)


@transaction.atomic
def donation_confirm(*, donation: Donation, actor, received_on: date | None = None, bank_reference: str = "",
                     via: str = ConfirmedVia.STAFF) -> Donation:
    """Money seen on the statement (or goods received): the gift becomes final and gets its receipt number.

    Receipt numbers are gapless per year: the counter row is bumped in this
    transaction, so a failed confirmation gives its number back.
    """
    # Only the gift is locked (not its organisation): a correction inserting a gift of the same organisation
    # while holding the fund would otherwise wait on this lock while this waits on the fund.
    donation = Donation.objects.select_for_update(of=("self",)).select_related("organization").get(pk=donation.pk)
    if actor is not None and not region_in_scope(actor, donation.organization.region_id):
        raise ValidationError({"organization": _("Organisation: you can only choose one within your own area.")})
    if donation.status == DonationStatus.CONFIRMED:
        return donation  # a retried confirmation changes nothing
    if donation.status != DonationStatus.PLEDGED:
        raise ValidationError({"status": _("Status: only a pledge can be confirmed.")})
    if via not in ConfirmedVia.values:
        raise ValidationError({"via": _("Confirmed via: choose staff or gateway.")})
    today = timezone.localdate()
    received_on = received_on or today
    if received_on > today:
        raise ValidationError({"received_on": _("Received on: not a future day.")})
    if donation.channel in (Channel.BANK_TRANSFER, Channel.ONLINE) and not (bank_reference or "").strip():
        raise ValidationError({"bank_reference": _("Bank statement reference: needed to confirm a transfer.")})
    now = timezone.now()
    donation.status = DonationStatus.CONFIRMED
    donation.received_on = received_on
    donation.confirmed_at, donation.confirmed_by, donation.confirmed_via = now, actor, via
    donation.bank_reference = (bank_reference or "").strip()[:64]
    donation.receipt_number = _receipt_number(timezone.localtime(now).year)
    donation.save(update_fields=["status", "received_on", "confirmed_at", "confirmed_by", "confirmed_via",
                                 "bank_reference", "receipt_number"])
    Fund.objects.filter(pk=donation.fund_id).update(received=F("received") + donation.amount)
    _ledger_moved(fund_id=donation.fund_id, day=received_on, income=donation.amount, gifts=1)
    ledger_changed()
    return donation


@transaction.atomic
def donation_cancel(*, donation: Donation, actor, reason: str) -> Donation:
    """A pledge that never arrived; confirmed gifts are never cancelled."""
    donation = Donation.objects.select_for_update().get(pk=donation.pk)
    if donation.status != DonationStatus.PLEDGED:
        raise ValidationError({"status": _("Status: only a pledge can be cancelled.")})
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Reason: say why.")})
    donation.status = DonationStatus.CANCELLED
    donation.note = reason.strip()[:255]
    donation.save(update_fields=["status", "note"])
    return donation


@transaction.atomic
def donation_reverse(*, donation: Donation, actor, reason: str) -> Donation:
    """Correct a confirmed gift recorded by mistake: a negative entry that cancels it, published as a correction.

    Only an unspent gift can be cancelled (first correct the disbursements it
    funded); the fund is locked before the gift, in the same order as approvals.
    """
    fund = Fund.objects.select_for_update().get(pk=donation.fund_id)
    original = Donation.objects.select_for_update().get(pk=donation.pk)
    if original.status != DonationStatus.CONFIRMED or original.reverses_id is not None:
        raise ValidationError({"status": _("Status: only a confirmed gift can be corrected.")})
    if Donation.objects.filter(reverses=original).exists():
        raise ValidationError({"status": _("Status: this gift has already been corrected.")})
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Reason: say why.")})
    if original.allocated > 0:
        raise ValidationError({"amount": _("Amount: part of this gift is spent; correct those disbursements first.")})
    if fund.balance < original.amount:
        raise ValidationError({"amount": _("Amount: more than the fund's balance (%(balance)s yuan).")
                               % {"balance": fund.balance}})
    now = timezone.now()
    reversal = Donation.objects.create(
        organization=original.organization, donor=original.donor, is_anonymous=original.is_anonymous, fund=fund,
        kind=original.kind, channel=original.channel, amount=-original.amount, status=DonationStatus.CONFIRMED,
        received_on=timezone.localdate(), confirmed_at=now, confirmed_by=actor, confirmed_via=ConfirmedVia.STAFF,
        public_name=original.public_name, note=reason.strip()[:255], reverses=original,
        goods_description=original.goods_description, goods_quantity=original.goods_quantity,
        goods_unit=original.goods_unit,
    )
    Fund.objects.filter(pk=fund.pk).update(received=F("received") - original.amount)
    _ledger_moved(fund_id=fund.pk, day=reversal.received_on, income=reversal.amount, corrections=1)
    ledger_changed()
    return reversal


# --- aid cases ---------------------------------------------------------------------------

@transaction.atomic
def aid_case_create(*, actor, person, category: str, situation: str, assistance: str, opened_on: date,
                    region=None) -> AidCase:
    organization = _staff_organization(actor)
    region = region or person.region
    errors = {}
    if not region_in_scope(actor, region.code):
        errors["region"] = [_("Region: you can only choose a region within your own area.")]
    if not (situation or "").strip():
        errors["situation"] = [_("Situation: describe it.")]
    if errors:
        raise ValidationError(errors)
    case = AidCase(person=person, organization=organization, region=region, category=category,
                   situation_encrypted=crypto.encrypt(situation.strip()), assistance=(assistance or "").strip(),
                   opened_on=opened_on, created_by=actor)
    case.full_clean(exclude=["person", "organization", "region", "created_by"])
    case.save()
    return case


def aid_case_situation(*, case: AidCase, actor, reason: str, channel: str = "portal", ip_address=None) -> str:
    """The sensitive situation in clear, for a role that needs it; always logged."""
    if not actor.has_perm("people.reveal_personal_data"):
        raise PermissionDenied(_("You are not allowed to see unmasked personal data."))
    if len((reason or "").strip()) < 2:
        raise ValidationError({"reason": _("Reason: say why you need the unmasked data.")})
    PersonalDataAccess.objects.create(person=case.person, user=actor, fields="aid_case.situation",
                                      reason=reason.strip()[:255], channel=channel, ip_address=ip_address)
    return crypto.decrypt(case.situation_encrypted)


# --- disbursements -----------------------------------------------------------------------

@transaction.atomic
def disbursement_request(*, actor, fund: Fund, beneficiary_kind: str, amount, purpose: str,
                         aid_case: AidCase | None = None, beneficiary_organization=None,
                         beneficiary_name: str = "", allocate_from=()) -> Disbursement:
    errors: dict = {}
    amount = collect(errors, money, amount)
    if beneficiary_kind not in BeneficiaryKind.values:
        errors["beneficiary_kind"] = [_("Beneficiary: choose one of the listed kinds.")]
    if beneficiary_kind == BeneficiaryKind.AID_CASE and aid_case is None:
        errors["aid_case"] = [_("Aid case: choose the case this helps.")]
    if beneficiary_kind == BeneficiaryKind.ORGANIZATION and beneficiary_organization is None:
        errors["beneficiary_organization"] = [_("Beneficiary organisation: choose one.")]
    if beneficiary_kind == BeneficiaryKind.EMERGENCY and not (beneficiary_name or "").strip():
        errors["beneficiary_name"] = [_("Beneficiary: name the operation.")]
    if not (purpose or "").strip():
        errors["purpose"] = [_("Purpose: say what the money is for.")]
    if actor is None or not region_in_scope(actor, fund.organization.region_id):
        errors["fund"] = [_("Fund: you can only spend from funds within your own area.")]
    ids = sorted({int(i) for i in allocate_from or ()})
    if ids:
        found = set(Donation.objects.filter(pk__in=ids, fund=fund, status=DonationStatus.CONFIRMED)
                    .values_list("pk", flat=True))
        if found != set(ids):
            errors["allocate_from"] = [_("Donations: only confirmed gifts to this fund can be chosen.")]
    if errors:
        raise ValidationError(errors)
    if not beneficiary_name:
        if aid_case is not None:
            beneficiary_name = str(aid_case)
        elif beneficiary_organization is not None:
            beneficiary_name = beneficiary_organization.name
        elif beneficiary_kind == BeneficiaryKind.MANAGEMENT_COST:
            beneficiary_name = fund.organization.name
    disbursement = Disbursement(
        fund=fund, beneficiary_kind=beneficiary_kind, aid_case=aid_case,
        beneficiary_organization=beneficiary_organization, beneficiary_name=(beneficiary_name or "").strip()[:200],
        purpose=purpose.strip()[:255], amount=amount, allocate_from=ids, requested_by=actor,
    )
    disbursement.save()
    return disbursement


def _locked(disbursement):
    return Disbursement.objects.select_for_update().get(pk=disbursement.pk)


# Gifts read, locked and moved per statement: a disbursement spread over thousands of small gifts costs a few
# statements, not one per gift, and locks only the gifts it spends from (and the rest of its last page).
ALLOCATION_PAGE = 500


def _allocate(disbursement: Disbursement, fund: Fund) -> None:
    """Spend the disbursement from the fund's donations: the chosen ones, else the oldest first."""
    donations = Donation.objects.select_for_update(of=("self",)).filter(
        fund=fund, status=DonationStatus.CONFIRMED, allocated__lt=F("amount"), reversal__isnull=True)
    if disbursement.allocate_from:
        donations = donations.filter(pk__in=disbursement.allocate_from)
    donations = donations.order_by("received_on", "id").only("id", "amount", "allocated", "received_on")
    need = disbursement.amount
    shares = {}
    page = donations
    while need > 0:
        rows = list(page[:ALLOCATION_PAGE])
        for donation in rows:
            share = min(donation.amount - donation.allocated, need)
            shares[donation.pk] = share
            need -= share
            if need == 0:
                break
        if len(rows) < ALLOCATION_PAGE:
            break
        last = rows[-1]  # a confirmed gift always has its day (a model constraint), so the keyset sees every gift
        page = donations.filter(Q(received_on__gt=last.received_on) | Q(received_on=last.received_on, id__gt=last.pk))
    if need > 0:
        raise ValidationError({"allocate_from": _("Donations: the chosen gifts do not cover the amount.")})
    _shift_allocated(shares)
    Allocation.objects.bulk_create([Allocation(disbursement=disbursement, donation_id=pk, amount=share)
                                    for pk, share in shares.items()])


def _shift_allocated(shares: dict) -> None:
    """Add {gift id: amount} to each gift's spent share, one UPDATE per page of gifts."""
    ids = sorted(shares)
    for start in range(0, len(ids), ALLOCATION_PAGE):
        chunk = ids[start:start + ALLOCATION_PAGE]
        Donation.objects.filter(pk__in=chunk).update(allocated=F("allocated") + Case(
            *[When(pk=pk, then=Value(shares[pk])) for pk in chunk], output_field=DecimalField(**MONEY)))


@transaction.atomic
def disbursement_approve(*, disbursement: Disbursement, actor) -> Disbursement:
    """Approve and commit the money: never by the requester, never beyond the fund's balance."""
    disbursement = _locked(disbursement)
    if disbursement.status != DisbursementStatus.REQUESTED:
        raise ValidationError({"status": _("Status: only a request can be approved.")})
    if actor is None or actor.pk == disbursement.requested_by_id:
        raise ValidationError({"approved_by": _("Approver: someone other than the requester.")})
    fund = Fund.objects.select_for_update().get(pk=disbursement.fund_id)
    if not region_in_scope(actor, fund.organization.region_id if fund.organization_id else None):
        raise ValidationError({"fund": _("Fund: you can only spend from funds within your own area.")})
    if disbursement.amount > fund.balance:
        raise ValidationError({"amount": _("Amount: more than the fund's balance (%(balance)s yuan).")
                               % {"balance": fund.balance}})
    is_cost = disbursement.beneficiary_kind == BeneficiaryKind.MANAGEMENT_COST
    if is_cost and fund.management_spent + disbursement.amount > (fund.received * fund.management_cost_rate).quantize(
        CENT
    ):
        raise ValidationError({"amount": _("Amount: beyond the project's management cost rate.")})
    _allocate(disbursement, fund)
    Fund.objects.filter(pk=fund.pk).update(
        spent=F("spent") + disbursement.amount,
        management_spent=F("management_spent") + (disbursement.amount if is_cost else Decimal("0")))
    disbursement.status = DisbursementStatus.APPROVED
    disbursement.approved_by, disbursement.approved_at = actor, timezone.now()
    disbursement.save(update_fields=["status", "approved_by", "approved_at"])
    _ledger_moved(fund_id=fund.pk, day=timezone.localtime(disbursement.approved_at).date(),
                  spending=disbursement.amount, disbursements=1)
    ledger_changed()
    return disbursement


@transaction.atomic
def disbursement_reject(*, disbursement: Disbursement, actor, reason: str) -> Disbursement:
    disbursement = _locked(disbursement)
    if disbursement.status != DisbursementStatus.REQUESTED:
        raise ValidationError({"status": _("Status: only a request can be rejected.")})
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Reason: say why.")})
    disbursement.status = DisbursementStatus.REJECTED
    disbursement.reason = reason.strip()[:255]
    disbursement.save(update_fields=["status", "reason"])
    return disbursement


@transaction.atomic
def disbursement_pay(*, disbursement: Disbursement, actor, payment_reference: str) -> Disbursement:
    disbursement = _locked(disbursement)
    if disbursement.status == DisbursementStatus.PAID:
        return disbursement
    if disbursement.status != DisbursementStatus.APPROVED:
        raise ValidationError({"status": _("Status: only an approved disbursement can be paid.")})
    if not (payment_reference or "").strip():
        raise ValidationError({"payment_reference": _("Payment reference: the bank's reference of the payment.")})
    disbursement.status = DisbursementStatus.PAID
    disbursement.paid_at = timezone.now()
    disbursement.payment_reference = payment_reference.strip()[:64]
    disbursement.save(update_fields=["status", "paid_at", "payment_reference"])
    return disbursement


@transaction.atomic
def disbursement_reverse(*, disbursement: Disbursement, actor, reason: str) -> Disbursement:
    """Correct an approved or paid disbursement by a reversing entry that gives every yuan back to its gift."""
    original = _locked(disbursement)
    if original.reverses_id is not None:
        raise ValidationError({"status": _("Status: a correction is not corrected again; record a new one.")})
    if original.status not in (DisbursementStatus.APPROVED, DisbursementStatus.PAID):
        raise ValidationError({"status": _("Status: only an approved or paid disbursement can be corrected.")})
    if Disbursement.objects.filter(reverses=original).exists():
        raise ValidationError({"status": _("Status: this disbursement has already been corrected.")})
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Reason: say why.")})
    fund = Fund.objects.select_for_update().get(pk=original.fund_id)
    now = timezone.now()
    reversal = Disbursement.objects.create(
        fund=fund, beneficiary_kind=original.beneficiary_kind, aid_case=original.aid_case,
        beneficiary_organization=original.beneficiary_organization, beneficiary_name=original.beneficiary_name,
        purpose=original.purpose, amount=-original.amount, status=DisbursementStatus.PAID, requested_by=actor,
        approved_by=actor, approved_at=now, paid_at=now, reverses=original, reason=reason.strip()[:255],
    )
    allocations = list(Allocation.objects.filter(disbursement=original).order_by("donation_id"))
    returned = {}
    for allocation in allocations:
        returned[allocation.donation_id] = returned.get(allocation.donation_id, Decimal("0")) - allocation.amount
    _shift_allocated(returned)
    Allocation.objects.bulk_create([Allocation(disbursement=reversal, donation_id=a.donation_id, amount=-a.amount)
                                    for a in allocations])
    is_cost = original.beneficiary_kind == BeneficiaryKind.MANAGEMENT_COST
    Fund.objects.filter(pk=fund.pk).update(
        spent=F("spent") - original.amount,
        management_spent=F("management_spent") - (original.amount if is_cost else Decimal("0")))
    _ledger_moved(fund_id=fund.pk, day=timezone.localtime(now).date(), spending=reversal.amount, disbursements=1,
                  corrections=1)
    ledger_changed()
    return reversal


# --- disclosures -------------------------------------------------------------------------

def disclosure_title(kind: str, fund, start: date, end: date) -> str:
    from donations.choices import DisclosureKind

    subject = fund.name if fund is not None else _("Chengdu Red Cross Society")
    label = {
        DisclosureKind.EMERGENCY: _("donations received and used"),
        DisclosureKind.QUARTERLY: _("quarterly report"),
        DisclosureKind.CLOSING: _("closing report"),
        DisclosureKind.ANNUAL: _("annual work and financial report"),
    }[kind]
    return f"{subject} · {label} ({start.isoformat()} – {end.isoformat()})"


def disclosure_publish(*, kind: str, fund, period_start: date, period_end: date, due_on: date):
    """Publish one disclosure with its figures frozen; once per (kind, fund, period), however often called."""
    from donations.selectors import disclosure_figures
    from organizations.models import Organization

    existing = Disclosure.objects.filter(kind=kind, fund=fund, period_start=period_start).first()
    if existing is not None:
        return existing
    organization = fund.organization if fund is not None else Organization.objects.filter(
        kind="city_society", is_active=True).order_by("id").first()
    try:
        with transaction.atomic():
            return Disclosure.objects.create(
                kind=kind, fund=fund, organization=organization, period_start=period_start, period_end=period_end,
                due_on=due_on, title=disclosure_title(kind, fund, period_start, period_end),
                figures=disclosure_figures(fund=fund, start=period_start, end=period_end))
    except IntegrityError:
        return Disclosure.objects.get(kind=kind, fund=fund, period_start=period_start)


# --- paying a pledge: bank statements and online payment -------------------------------------

@transaction.atomic
def bank_statement_import(*, actor, file_name: str, content: bytes, organization=None):
    """Read a bank statement, keep its credits once (by bank serial) and match each to a pledge.

    A line matches when its memo holds a pledge's reference code and the amount
    is the pledged amount; a code with another amount, or no code, is left for
    matching by hand. Nothing is confirmed here: finance confirms the matches.
    """
    from donations.models import BankStatement, StatementLine
    from donations.statements import read_statement
    from redcross.imports import FileProblem

    organization = organization or _staff_organization(actor)
    _require_scope(actor, organization, "organization")
    try:
        lines, problems = read_statement(content, file_name or "")
    except FileProblem as exc:
        raise ValidationError({"file": str(exc)}) from None
    seen = set(StatementLine.objects.filter(bank_serial__in=[line.serial for line in lines])
               .values_list("bank_serial", flat=True))
    fresh = [line for line in lines if line.serial not in seen]
    statement = BankStatement.objects.create(organization=organization, file_name=(file_name or "")[:255],
                                             imported_by=actor, line_count=len(fresh),
                                             skipped_count=len(lines) - len(fresh))
    codes = {}
    for line in fresh:
        found = codes_in(line.memo)
        codes[line.serial] = found[0] if found else ""
    pledges = {d.reference_code: d for d in scope_queryset(
        Donation.objects.filter(reference_code__in=[c for c in codes.values() if c], status=DonationStatus.PLEDGED),
        actor)}
    taken = set()
    rows = []
    for line in fresh:
        code = codes[line.serial]
        pledge = pledges.get(code)
        matched = pledge is not None and pledge.amount == line.amount and pledge.pk not in taken
        if matched:
            taken.add(pledge.pk)
        rows.append(StatementLine(
            statement=statement, row_number=line.row_number, booked_on=line.booked_on, amount=line.amount,
            payer_name=line.payer_name, payer_account=line.payer_account, memo=line.memo, bank_serial=line.serial,
            reference_code=code, donation=pledge if matched else None,
            status=StatementLineStatus.MATCHED if matched else StatementLineStatus.UNMATCHED))
    StatementLine.objects.bulk_create(rows)
    statement.problems = problems
    return statement


def _locked_line(line, actor):
    from donations.models import StatementLine

    line = StatementLine.objects.select_for_update().select_related("statement__organization").get(pk=line.pk)
    _require_scope(actor, line.statement.organization, "statement")
    if line.status == StatementLineStatus.CONFIRMED:
        raise ValidationError({"status": _("Status: this line is already confirmed.")})
    return line


@transaction.atomic
def statement_line_match(*, line, actor, reference_code: str):
    """Match a line by hand to the pledge whose reference code finance reads or learns from the donor."""
    from donations.statements import normalise_code

    line = _locked_line(line, actor)
    code = normalise_code(reference_code)
    pledge = scope_queryset(Donation.objects.filter(reference_code=code), actor).first() if code else None
    if pledge is None:
        raise ValidationError({"reference_code": _("Reference code: no pledge has this code.")})
    if pledge.status != DonationStatus.PLEDGED:
        raise ValidationError({"reference_code": _("Reference code: this pledge is already confirmed or cancelled.")})
    if pledge.amount != line.amount:
        message = _("Reference code: the pledge is for ¥%(pledged)s, the credit ¥%(paid)s.")
        raise ValidationError({"reference_code": message
                               % {"pledged": f"{pledge.amount:,.2f}", "paid": f"{line.amount:,.2f}"}})
    line.donation, line.status = pledge, StatementLineStatus.MATCHED
    line.save(update_fields=["donation", "status"])
    return line


@transaction.atomic
def statement_line_ignore(*, line, actor):
    """Not a donation (interest, a refund): kept on the statement, out of the list to match."""
    line = _locked_line(line, actor)
    line.donation, line.status = None, StatementLineStatus.IGNORED
    line.save(update_fields=["donation", "status"])
    return line


@transaction.atomic
def statement_line_confirm(*, line, actor):
    """The matched pledge becomes a confirmed gift with its receipt, received on the statement's booking day."""
    line = _locked_line(line, actor)
    if line.status != StatementLineStatus.MATCHED or line.donation_id is None:
        raise ValidationError({"status": _("Status: match the line to a pledge first.")})
    donation = donation_confirm(donation=line.donation, actor=actor, received_on=line.booked_on,
                                bank_reference=line.bank_serial)
    line.status, line.confirmed_at = StatementLineStatus.CONFIRMED, timezone.now()
    line.save(update_fields=["status", "confirmed_at"])
    return donation


def statement_confirm_matched(*, statement, actor) -> int:
    """Confirm every matched line of one statement; each in its own transaction, so one refusal stops nothing else."""
    count = 0
    for line in statement.lines.filter(status=StatementLineStatus.MATCHED).order_by("row_number"):
        try:
            statement_line_confirm(line=line, actor=actor)
        except ValidationError:
            continue
        count += 1
    return count


def payment_qr(*, donation: Donation, provider_name: str) -> str:
    """The provider's payment link for a pledge (shown as a QR code); the pledge's code is the order number."""
    from donations.payments import PaymentUnavailable, get_provider

    provider = get_provider(provider_name)
    if provider is None:
        raise ValidationError({"provider": _("Payment: this way of paying is not available.")})
    if donation.status != DonationStatus.PLEDGED or not donation.reference_code:
        raise ValidationError({"status": _("Status: this pledge is already paid or cancelled.")})
    try:
        return provider.create_qr(out_trade_no=donation.reference_code, amount=donation.amount,
                                  description=_("Donation to %(fund)s") % {"fund": donation.fund.name})
    except PaymentUnavailable:
        raise ValidationError({"provider": _("Payment: the provider cannot be reached; try again or transfer.")}) \
            from None


def payment_notification_receive(*, provider_name: str, headers, body: bytes):
    """A provider's payment notification: verified, recorded once per transaction, the pledge confirmed once.

    Providers deliver the same notification until they get a success answer,
    sometimes concurrently: the unique (provider, transaction) row is taken
    first, so a second delivery waits for the first and then only counts itself.
    Returns the notification record; raises NotificationRejected for a forged or
    unreadable one.
    """
    from donations.models import PaymentNotification
    from donations.payments import NotificationRejected, get_provider

    provider = get_provider(provider_name)
    if provider is None:
        raise NotificationRejected("provider disabled")
    notice = provider.parse_notification(headers, body)
    with transaction.atomic():
        record, created = PaymentNotification.objects.get_or_create(
            provider=notice.provider, transaction_id=notice.transaction_id[:64], defaults={"amount": notice.amount})
        if not created:
            PaymentNotification.objects.filter(pk=record.pk).update(deliveries=F("deliveries") + 1)
            return record
        donation = Donation.objects.filter(reference_code=notice.out_trade_no).first()
        if donation is None:
            record.outcome = "unknown order"
        elif not notice.paid:
            record.outcome = "not paid"
        elif donation.amount != notice.amount:
            record.outcome = "amount differs"
        elif donation.status == DonationStatus.CANCELLED:
            record.outcome = "pledge cancelled"
        else:
            donation_confirm(donation=donation, actor=None, via=ConfirmedVia.GATEWAY,
                             bank_reference=f"{notice.provider}:{notice.transaction_id}"[:64])
            record.outcome = "confirmed"
        record.donation = donation
        record.save(update_fields=["donation", "outcome"])
    return record


def disclosures_publish_due() -> int:
    """Publish every disclosure that is due and not yet published (one per kind, fund and period)."""
    published = set(Disclosure.objects.values_list("kind", "fund_id", "period_start"))
    count = 0
    for kind, fund, start, end, due in disclosures_due():
        if (kind, fund.pk if fund else None, start) in published:
            continue
        disclosure_publish(kind=kind, fund=fund, period_start=start, period_end=end, due_on=due)
        count += 1
    return count
