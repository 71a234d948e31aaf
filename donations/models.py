"""Donors, donations, funds, disbursements and where each yuan went.

Money is Decimal yuan with two places. Posted records (a confirmed donation,
a paid disbursement, an allocation) are final: database triggers refuse to
change or delete them, and a mistake is corrected by a reversing entry.
"""

import pgtrigger
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from donations.choices import (
    AidCategory,
    BeneficiaryKind,
    Channel,
    ConfirmedVia,
    DisbursementStatus,
    DisclosureKind,
    DonationKind,
    DonationStatus,
    DonorKind,
    FundKind,
    FundStatus,
    PaymentProvider,
    StatementLineStatus,
)
from people.identifiers import history_mask_name
from redcross.api.rows import row_property
from redcross.history import tracked
from redcross.scoping import ScopedQuerySet, district_index, region_kept_by_trigger

MONEY = {"max_digits": 14, "decimal_places": 2}


def _final_unless(table_columns, status_sql):
    """A trigger condition: the row is posted (status_sql) and one of the posted columns changes."""
    changes = " OR ".join(f'OLD."{c}" IS DISTINCT FROM NEW."{c}"' for c in table_columns)
    return pgtrigger.Condition(f"{status_sql} AND ({changes})")


@tracked()
class Donor(models.Model):
    """A giver: a person from the people registry or an organisation with a credit code."""

    kind = models.CharField(_("kind of donor"), max_length=16, choices=DonorKind.choices)
    name = models.CharField(_("name"), max_length=200)
    person = models.ForeignKey("people.Person", verbose_name=_("person"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="donors")
    credit_code = models.CharField(_("unified social credit code"), max_length=18, blank=True)
    is_caring_enterprise = models.BooleanField(_("caring enterprise (爱心企业)"), default=False)
    publish_name = models.BooleanField(_("the donor agreed to publication of the name"), default=False)
    mobile_encrypted = models.TextField(blank=True, editable=False)
    mobile_hash = models.CharField(max_length=64, blank=True, editable=False)
    mobile_masked = models.CharField(_("mobile"), max_length=16, blank=True, editable=False)
    organization = models.ForeignKey("organizations.Organization", verbose_name=_("recorded by"),
                                     on_delete=models.PROTECT, related_name="donors")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    scope_region_lookup = "organization__region__code"
    large_choice = ("name",)  # too many rows for a select: filters search these
    # A person's name is masked in the change history for readers without reveal_personal_data (redcross.history).
    history_masks = {"name": lambda name, row: name if row.get("kind") == DonorKind.ORGANIZATION
                     else history_mask_name(name)}

    class Meta:
        verbose_name = _("donor")
        verbose_name_plural = _("donors")
        ordering = ["-id"]
        indexes = [models.Index(fields=["mobile_hash"], name="donor_mobile_hash_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["credit_code"],
                condition=~Q(credit_code=""),
                name="one_donor_per_credit_code",
                violation_error_message=_("Credit code: a donor with this code is already recorded."),
            ),
            models.CheckConstraint(
                condition=Q(kind="individual", credit_code="", is_caring_enterprise=False)
                | Q(kind="organization") & ~Q(credit_code=""),
                name="donor_kind_fields",
                violation_error_message=_("Credit code: an organisation needs one; a person has none."),
            ),
        ]

    def __str__(self):
        if self.kind == DonorKind.ORGANIZATION:
            return self.name
        from people.identifiers import mask_name

        return mask_name(self.name)

    def get_absolute_url(self):
        return reverse("donations:donor_detail", args=[self.pk])

    @row_property("kind", "name")
    def label(self):
        """What lists show: the masked name, the receipt number or the case."""
        return str(self)


@tracked()
class Fund(models.Model):
    """Where money is designated: the general fund, a project, an emergency response, a community care fund."""

    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=FundKind.choices)
    purpose = models.TextField(_("purpose"))
    organization = models.ForeignKey("organizations.Organization", verbose_name=_("organisation"),
                                     on_delete=models.PROTECT, related_name="funds")
    community = models.ForeignKey("organizations.Region", verbose_name=_("community"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    budget = models.DecimalField(_("budget (yuan)"), **MONEY, default=0)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=FundStatus.choices, default=FundStatus.OPEN)
    management_cost_rate = models.DecimalField(_("management cost rate"), max_digits=5, decimal_places=4, default=0,
                                               help_text=_("A share of income, e.g. 0.0650 for 6.5 %."))
    received = models.DecimalField(_("received"), **MONEY, default=0, editable=False)
    spent = models.DecimalField(_("committed and paid"), **MONEY, default=0, editable=False)
    management_spent = models.DecimalField(_("management cost spent"), **MONEY, default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    scope_region_lookup = "organization__region__code"

    class Meta:
        verbose_name = _("fund or project")
        verbose_name_plural = _("funds and projects")
        ordering = ["-starts_on", "code"]
        constraints = [
            models.CheckConstraint(condition=Q(spent__lte=F("received")), name="fund_never_below_zero",
                                   violation_error_message=_("Amount: more than the fund's balance.")),
            models.CheckConstraint(condition=Q(spent__gte=0, received__gte=0, management_spent__gte=0,
                                               management_spent__lte=F("spent")), name="fund_totals_sane"),
            models.CheckConstraint(condition=Q(management_cost_rate__gte=0, management_cost_rate__lte=1),
                                   name="fund_rate_is_a_share"),
            models.CheckConstraint(condition=~Q(kind="community_care") | Q(community__isnull=False),
                                   name="community_fund_has_community",
                                   violation_error_message=_("Community: a community care fund names its community.")),
            models.CheckConstraint(condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                                   name="fund_ends_after_start",
                                   violation_error_message=_("Ends on: on or after the start.")),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("donations:fund_detail", args=[self.pk])

    @property
    def balance(self):
        return self.received - self.spent


@tracked(exclude=["scope_region"])
class Donation(models.Model):
    """A gift of money or goods; a pledge until finance confirms it, then final with a receipt number."""

    organization = models.ForeignKey("organizations.Organization", verbose_name=_("received by"),
                                     on_delete=models.PROTECT, related_name="donations")
    donor = models.ForeignKey(Donor, verbose_name=_("donor"), null=True, blank=True, on_delete=models.PROTECT,
                              related_name="donations")
    is_anonymous = models.BooleanField(_("anonymous"), default=False)
    fund = models.ForeignKey(Fund, verbose_name=_("designated to"), on_delete=models.PROTECT, related_name="donations",
                             db_index=False)
    kind = models.CharField(_("kind of property"), max_length=8, choices=DonationKind.choices,
                            default=DonationKind.MONEY)
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    amount = models.DecimalField(_("amount (yuan)"), **MONEY)
    goods_description = models.CharField(_("goods"), max_length=200, blank=True)
    goods_quantity = models.DecimalField(_("quantity"), max_digits=12, decimal_places=2, null=True, blank=True)
    goods_unit = models.CharField(_("unit"), max_length=16, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=DonationStatus.choices,
                              default=DonationStatus.PLEDGED)
    # NULL, not "": many gifts have no pledge key (or receipt number) under the unique constraint.
    pledge_key = models.CharField(max_length=64, null=True, blank=True, editable=False,  # noqa: DJ001
                                  help_text="The donor's Idempotency-Key: one pledge per key.")
    reference_code = models.CharField(  # noqa: DJ001 - unique when present, absent for goods and old rows
        _("payment reference code"), max_length=8, null=True, blank=True, editable=False,
        help_text=_("Eight characters without look-alikes, written in the transfer memo."))
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    received_on = models.DateField(_("received on"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("handled by"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    confirmed_via = models.CharField(_("confirmed via"), max_length=16, choices=ConfirmedVia.choices, blank=True)
    bank_reference = models.CharField(_("bank statement reference"), max_length=64, blank=True)
    receipt_number = models.CharField(_("receipt number"), max_length=20, null=True, blank=True)  # noqa: DJ001
    receipt_declined = models.BooleanField(_("the donor declined a receipt"), default=False)
    public_name = models.CharField(_("name shown publicly"), max_length=200, blank=True, editable=False)
    lookup_name_hash = models.CharField(max_length=64, blank=True, editable=False)
    lookup_mobile_hash = models.CharField(max_length=64, blank=True, editable=False)
    allocated = models.DecimalField(_("spent from this gift"), **MONEY, default=0, editable=False)
    note = models.CharField(_("note"), max_length=255, blank=True)
    reverses = models.OneToOneField("self", verbose_name=_("corrects"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="reversal",
                                    help_text=_("A correction: the negative entry that cancels a confirmed gift."))
    # The receiving organisation's region code, kept by the database (see region_kept_by_trigger): the scope
    # reads it without a join, and a district's page comes from its (district, id) index even when the city's
    # fund holds nearly every gift, as it does the day after an earthquake.
    scope_region = models.CharField(max_length=12, editable=False, default="")

    objects = ScopedQuerySet.as_manager()
    scope_region_lookup = "scope_region"
    scope_district_field = "scope_region"

    class Meta:
        verbose_name = _("donation")
        verbose_name_plural = _("donations")
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["fund", "status", "received_on", "id"], name="donation_fund_oldest_idx"),
            models.Index(fields=["status", "received_on"], name="donation_status_day_idx"),
            district_index("scope_region", "donation_district_idx"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["receipt_number"], name="unique_receipt_number",
                                    violation_error_message=_("Receipt number: already issued.")),
            models.UniqueConstraint(fields=["pledge_key"], name="one_donation_per_pledge_key"),
            models.UniqueConstraint(fields=["reference_code"], name="unique_donation_reference_code"),
            models.CheckConstraint(condition=Q(amount__gt=0, reverses__isnull=True)
                                   | Q(amount__lt=0, reverses__isnull=False, status="confirmed"),
                                   name="donation_amount_positive",
                                   violation_error_message=_("Amount: more than zero.")),
            models.CheckConstraint(condition=Q(allocated__gte=0, allocated__lte=F("amount"))
                                   | Q(allocated=0, reverses__isnull=False), name="donation_never_overspent"),
            models.CheckConstraint(condition=Q(is_anonymous=True) | Q(donor__isnull=False),
                                   name="donation_has_donor_unless_anonymous",
                                   violation_error_message=_("Donor: choose a donor or mark the gift anonymous.")),
            models.CheckConstraint(
                condition=~Q(status="confirmed") | Q(confirmed_at__isnull=False, received_on__isnull=False)
                & (Q(receipt_number__isnull=False) | Q(reverses__isnull=False)),
                name="confirmed_donation_has_receipt"),
            models.CheckConstraint(condition=Q(kind="money") | ~Q(goods_description="") & Q(goods_quantity__gt=0),
                                   name="goods_are_described",
                                   violation_error_message=_("Goods: describe the items and their quantity.")),
        ]
        triggers = [
            pgtrigger.Protect(name="confirmed_donations_are_final_update", operation=pgtrigger.Update,
                              condition=_final_unless(
                                  ["amount", "fund_id", "donor_id", "receipt_number", "kind", "status",
                                   "received_on", "organization_id", "is_anonymous", "public_name"],
                                  "OLD.status = 'confirmed'")),
            pgtrigger.Protect(name="confirmed_donations_are_final_delete", operation=pgtrigger.Delete,
                              condition=pgtrigger.Q(old__status="confirmed")),
            region_kept_by_trigger("donation_scope_region", "scope_region", "organization_id",
                                   "SELECT region_id FROM organizations_organization WHERE id = NEW.organization_id"),
        ]

    def __str__(self):
        return self.receipt_number or _("pledge %(id)s") % {"id": self.pk}

    def get_absolute_url(self):
        return reverse("donations:donation_detail", args=[self.pk])

    @row_property("receipt_number", "id")
    def label(self):
        """What lists show: the masked name, the receipt number or the case."""
        return str(self)

    @property
    def unspent(self):
        return self.amount - self.allocated


@tracked()
class BankStatement(models.Model):
    """A statement file as the bank exports it (CSV or Excel), imported by finance to confirm transfers."""

    organization = models.ForeignKey("organizations.Organization", verbose_name=_("account holder"),
                                     on_delete=models.PROTECT, related_name="+")
    file_name = models.CharField(_("file"), max_length=255)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("imported by"), on_delete=models.PROTECT,
                                    related_name="+")
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    line_count = models.PositiveIntegerField(_("credit lines"), default=0)
    skipped_count = models.PositiveIntegerField(_("lines already imported"), default=0)

    objects = ScopedQuerySet.as_manager()
    scope_region_lookup = "organization__region__code"

    class Meta:
        verbose_name = _("bank statement")
        verbose_name_plural = _("bank statements")
        ordering = ["-imported_at", "-id"]

    def __str__(self):
        return self.file_name

    def get_absolute_url(self):
        return reverse("donations:statement_detail", args=[self.pk])


@tracked()
class StatementLine(models.Model):
    """One credit on the statement: matched to a pledge by its reference code and amount, or by hand."""

    statement = models.ForeignKey(BankStatement, verbose_name=_("bank statement"), on_delete=models.PROTECT,
                                  related_name="lines", db_index=False)
    row_number = models.PositiveIntegerField(_("row"))
    booked_on = models.DateField(_("booked on"))
    amount = models.DecimalField(_("amount (yuan)"), **MONEY)
    payer_name = models.CharField(_("payer"), max_length=200, blank=True)
    payer_account = models.CharField(_("payer account"), max_length=32, blank=True,
                                     help_text=_("Only the last four digits are kept."))
    memo = models.CharField(_("memo"), max_length=255, blank=True)
    bank_serial = models.CharField(_("bank serial number"), max_length=64)
    reference_code = models.CharField(_("reference code found"), max_length=8, blank=True)
    donation = models.ForeignKey(Donation, verbose_name=_("pledge"), null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="statement_lines")
    status = models.CharField(_("status"), max_length=16, choices=StatementLineStatus.choices,
                              default=StatementLineStatus.UNMATCHED)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_region_lookup = "statement__organization__region__code"

    class Meta:
        verbose_name = _("statement line")
        verbose_name_plural = _("statement lines")
        ordering = ["statement", "row_number"]
        constraints = [
            models.UniqueConstraint(fields=["statement", "row_number"], name="one_statement_line_per_row"),
            models.UniqueConstraint(fields=["bank_serial"], name="statement_line_once",
                                    violation_error_message=_("Bank serial number: this credit is already imported.")),
            models.UniqueConstraint(fields=["donation"], condition=Q(status="confirmed"),
                                    name="one_confirmed_line_per_donation"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="statement_line_is_a_credit"),
        ]

    def __str__(self):
        return f"{self.booked_on} · {self.payer_name or '—'} · ¥{self.amount:,.2f}"

    def get_absolute_url(self):
        return reverse("donations:statement_detail", args=[self.statement_id]) + f"#line-{self.pk}"


class PaymentNotification(models.Model):
    """A payment provider's signed notification, kept once per provider transaction however often it is delivered."""

    provider = models.CharField(_("provider"), max_length=16, choices=PaymentProvider.choices)
    transaction_id = models.CharField(_("provider transaction"), max_length=64)
    donation = models.ForeignKey(Donation, verbose_name=_("donation"), null=True, on_delete=models.PROTECT,
                                 related_name="payment_notifications")
    amount = models.DecimalField(_("amount (yuan)"), **MONEY)
    deliveries = models.PositiveIntegerField(_("deliveries"), default=1)
    received_at = models.DateTimeField(_("received at"), auto_now_add=True)
    outcome = models.CharField(_("outcome"), max_length=64, blank=True)

    history_exempt = "The provider's signed notification as received: written once, then only its delivery count."

    class Meta:
        verbose_name = _("payment notification")
        verbose_name_plural = _("payment notifications")
        constraints = [models.UniqueConstraint(fields=["provider", "transaction_id"], name="one_notification_per_txn")]

    def __str__(self):
        return f"{self.get_provider_display()} {self.transaction_id}"


@tracked()
class AidCase(models.Model):
    """Humanitarian aid (人道救助) for one person; the situation is sensitive and kept encrypted."""

    person = models.ForeignKey("people.Person", verbose_name=_("person helped"), on_delete=models.PROTECT,
                               related_name="aid_cases")
    organization = models.ForeignKey("organizations.Organization", verbose_name=_("organisation"),
                                     on_delete=models.PROTECT, related_name="aid_cases")
    region = models.ForeignKey("organizations.Region", verbose_name=_("region"), on_delete=models.PROTECT,
                               related_name="+")
    category = models.CharField(_("category"), max_length=16, choices=AidCategory.choices)
    situation_encrypted = models.TextField(editable=False)
    assistance = models.CharField(_("assistance given"), max_length=255)
    opened_on = models.DateField(_("opened on"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = ScopedQuerySet.as_manager()
    scope_region_lookup = "region__code"
    large_choice = ("person__full_name",)  # too many rows for a select: filters search these

    class Meta:
        verbose_name = _("aid case")
        verbose_name_plural = _("aid cases")
        ordering = ["-opened_on", "-id"]

    def __str__(self):
        return f"{self.get_category_display()} · {self.person.masked_name}"

    def get_absolute_url(self):
        return reverse("donations:aidcase_detail", args=[self.pk])

    @property
    def label(self):
        """What lists show: the masked name, the receipt number or the case."""
        return str(self)


@tracked()
class Disbursement(models.Model):
    """Money out of one fund: requested → approved (allocated to donations) → paid; or rejected.

    A paid disbursement is final; a mistake is corrected by a reversing
    disbursement (negative amount, pointing at the one it corrects), shown
    publicly as a correction.
    """

    fund = models.ForeignKey(Fund, verbose_name=_("fund or project"), on_delete=models.PROTECT,
                             related_name="disbursements", db_index=False)
    beneficiary_kind = models.CharField(_("beneficiary"), max_length=16, choices=BeneficiaryKind.choices)
    aid_case = models.ForeignKey(AidCase, verbose_name=_("aid case"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="disbursements")
    beneficiary_organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("beneficiary organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    beneficiary_name = models.CharField(_("beneficiary (as published)"), max_length=200, blank=True)
    purpose = models.CharField(_("purpose"), max_length=255)
    amount = models.DecimalField(_("amount (yuan)"), **MONEY)
    allocate_from = ArrayField(models.BigIntegerField(), verbose_name=_("allocate from donations"), default=list,
                               blank=True, help_text=_("Donation ids to spend; empty means oldest first."))
    status = models.CharField(_("status"), max_length=16, choices=DisbursementStatus.choices,
                              default=DisbursementStatus.REQUESTED)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("requested by"),
                                     on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("approved by"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)
    payment_reference = models.CharField(_("payment reference"), max_length=64, blank=True)
    reverses = models.OneToOneField("self", verbose_name=_("corrects"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="reversal")
    reason = models.CharField(_("reason"), max_length=255, blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_region_lookup = "fund__organization__region__code"

    class Meta:
        verbose_name = _("disbursement")
        verbose_name_plural = _("disbursements")
        ordering = ["-id"]
        permissions = [("approve_disbursement", _("Can approve, reject, pay and reverse disbursements"))]
        indexes = [models.Index(fields=["fund", "status", "paid_at"], name="disbursement_fund_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(reverses__isnull=True, amount__gt=0)
                                   | Q(reverses__isnull=False, amount__lt=0) & ~Q(reason=""),
                                   name="disbursement_amount_sign",
                                   violation_error_message=_("Amount: more than zero.")),
            models.CheckConstraint(condition=Q(approved_by__isnull=True) | ~Q(approved_by=F("requested_by"))
                                   | Q(reverses__isnull=False), name="four_eyes",
                                   violation_error_message=_("Approver: someone other than the requester.")),
            models.CheckConstraint(condition=Q(status__in=["requested", "rejected"])
                                   | Q(approved_at__isnull=False, approved_by__isnull=False),
                                   name="approved_disbursement_has_approver"),
            models.CheckConstraint(condition=~Q(status="paid") | Q(paid_at__isnull=False), name="paid_has_date"),
        ]
        triggers = [
            pgtrigger.Protect(name="paid_disbursements_are_final", operation=pgtrigger.Update | pgtrigger.Delete,
                              condition=pgtrigger.Q(old__status="paid")),
        ]

    def __str__(self):
        return f"{self.purpose} · ¥{self.amount}"

    def get_absolute_url(self):
        return reverse("donations:disbursement_detail", args=[self.pk])


@tracked()
class Allocation(models.Model):
    """This much of this donation went to this disbursement: the trace of where every yuan went."""

    disbursement = models.ForeignKey(Disbursement, on_delete=models.PROTECT, related_name="allocations")
    donation = models.ForeignKey(Donation, on_delete=models.PROTECT, related_name="allocations", db_index=False)
    amount = models.DecimalField(**MONEY)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["donation", "id"], name="allocation_donation_idx")]
        constraints = [models.CheckConstraint(condition=~Q(amount=0), name="allocation_not_zero")]
        triggers = [pgtrigger.Protect(name="allocations_are_final", operation=pgtrigger.Update | pgtrigger.Delete)]

    def __str__(self):
        return f"{self.donation_id} → {self.disbursement_id}: {self.amount}"


class LedgerMonth(models.Model):
    """The running ledger of one fund in one month: kept in the transaction of every money movement.

    The public ledger (its totals and its months) is read from these rows, a few per fund, never summed
    from the gifts on a request; the nightly totals check recomputes them from the posted records and
    reports any drift.
    """

    fund = models.ForeignKey(Fund, verbose_name=_("fund or project"), on_delete=models.PROTECT,
                             related_name="ledger_months", db_index=False)
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    income = models.DecimalField(_("income"), **MONEY, default=0)
    spending = models.DecimalField(_("spending"), **MONEY, default=0)
    gifts = models.PositiveIntegerField(_("number of gifts"), default=0)
    disbursements = models.PositiveIntegerField(_("number of disbursements"), default=0)
    corrections = models.PositiveIntegerField(_("number of corrections"), default=0)

    history_exempt = "A running figure of the posted (and tracked) gifts and disbursements, rebuilt from them."

    class Meta:
        verbose_name = _("ledger month")
        verbose_name_plural = _("ledger months")
        ordering = ["fund", "month"]
        constraints = [models.UniqueConstraint(fields=["fund", "month"], name="one_ledger_month_per_fund")]

    def __str__(self):
        return f"{self.fund_id} {self.month:%Y-%m}"


@tracked()
class Disclosure(models.Model):
    """A published report: its figures are frozen at publication; corrections are listed, never edited."""

    kind = models.CharField(_("kind"), max_length=16, choices=DisclosureKind.choices)
    fund = models.ForeignKey(Fund, verbose_name=_("fund or project"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="disclosures")
    organization = models.ForeignKey("organizations.Organization", verbose_name=_("organisation"),
                                     on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=255)
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("until"))
    due_on = models.DateField(_("due on"))
    published_at = models.DateTimeField(_("published at"), auto_now_add=True)
    figures = models.JSONField(_("figures"), default=dict, editable=False)

    objects = ScopedQuerySet.as_manager()
    scope_region_lookup = "organization__region__code"

    class Meta:
        verbose_name = _("disclosure")
        verbose_name_plural = _("disclosures")
        ordering = ["-published_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "fund", "period_start"], nulls_distinct=False,
                                    name="one_disclosure_per_period"),
        ]
        triggers = [pgtrigger.Protect(name="disclosures_are_final", operation=pgtrigger.Update | pgtrigger.Delete)]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("donations-public:disclosure", args=[self.pk])
