"""Members of the Red Cross society: individuals (a person) and units (an organisation), their dues and the
contributions of member units."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from members.choices import ContributionKind, MemberKind, MemberStatus, PaymentMethod
from redcross.api.rows import row_property
from redcross.history import tracked
from redcross.scoping import ScopedQuerySet, district_index


@tracked()
class DuesRate(models.Model):
    """The yearly dues of a member kind: a local rule kept as data (DOMAIN.md: check)."""

    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("member kind"), max_length=16, choices=MemberKind.choices)
    amount = models.DecimalField(_("amount (yuan)"), max_digits=10, decimal_places=2)

    class Meta:
        verbose_name = _("dues rate")
        verbose_name_plural = _("dues rates")
        ordering = ["-year", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["year", "kind"], name="one_dues_rate_per_year_and_kind",
                                    violation_error_message=_("Year: this kind already has a rate for that year.")),
            models.CheckConstraint(condition=Q(amount__gte=0), name="dues_rate_not_negative",
                                   violation_error_message=_("Amount: cannot be negative.")),
        ]

    def __str__(self):
        return f"{self.year} {self.get_kind_display()} ¥{self.amount}"


@tracked()
class Member(models.Model):
    """A member, numbered without gaps within the society it joined."""

    kind = models.CharField(_("member kind"), max_length=16, choices=MemberKind.choices)
    society = models.ForeignKey("organizations.Organization", verbose_name=_("society"), on_delete=models.PROTECT,
                                related_name="members",
                                help_text=_("The Red Cross society whose member this is; it numbers its members."))
    number = models.CharField(_("member number"), max_length=24, unique=True, editable=False)
    person = models.ForeignKey("people.Person", verbose_name=_("person"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="memberships")
    unit = models.ForeignKey("organizations.Organization", verbose_name=_("member unit"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="memberships")
    organization = models.ForeignKey("organizations.Organization", verbose_name=_("belongs to"), null=True,
                                     blank=True, on_delete=models.PROTECT, related_name="+",
                                     help_text=_("The Red Cross organisation or member unit the member belongs to."))
    contact_person = models.ForeignKey("people.Person", verbose_name=_("contact person"), null=True, blank=True,
                                       on_delete=models.PROTECT, related_name="+",
                                       help_text=_("For a unit member: who receives the dues reminders."))
    region = models.ForeignKey("organizations.Region", verbose_name=_("region"), on_delete=models.PROTECT,
                               related_name="+")
    joined_on = models.DateField(_("joined on"))
    status = models.CharField(_("status"), max_length=16, choices=MemberStatus.choices, default=MemberStatus.ACTIVE)
    status_changed_on = models.DateField(_("status since"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    scope_region_lookup = "region__code"
    scope_district_field = "region"  # its (district, id) index serves a district's pages

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        ordering = ["-joined_on", "-id"]
        indexes = [district_index("region", "member_district_idx"),
                   models.Index(fields=["status", "kind"], name="member_status_kind_idx")]
        constraints = [
            models.CheckConstraint(condition=(Q(kind="individual", person__isnull=False, unit__isnull=True)
                                              | Q(kind="unit", unit__isnull=False, person__isnull=True)),
                                   name="member_is_a_person_or_a_unit",
                                   violation_error_message=_("Member: an individual member is a person, a unit "
                                                             "member an organisation.")),
            models.UniqueConstraint(fields=["society", "person"], condition=~Q(status="withdrawn"),
                                    name="one_membership_per_person",
                                    violation_error_message=_("Person: already a member of this society.")),
            models.UniqueConstraint(fields=["society", "unit"], condition=~Q(status="withdrawn"),
                                    name="one_membership_per_unit",
                                    violation_error_message=_("Unit: already a member of this society.")),
        ]

    def __str__(self):
        return f"{self.number} {self.name}"

    def get_absolute_url(self):
        return reverse("members:member_detail", args=[self.pk])

    @row_property("kind", "unit_id", "unit__name", "person_id", "person__full_name")
    def name(self):
        if self.kind == MemberKind.UNIT:
            return self.unit.name if self.unit_id else ""
        return self.person.masked_name if self.person_id else ""


@tracked()
class DuesPayment(models.Model):
    """Dues for one year, with a receipt number from the society's own gapless yearly series."""

    member = models.ForeignKey(Member, verbose_name=_("member"), on_delete=models.PROTECT, related_name="payments",
                               db_index=False)
    year = models.PositiveSmallIntegerField(_("dues year"))
    amount = models.DecimalField(_("amount (yuan)"), max_digits=10, decimal_places=2)
    paid_on = models.DateField(_("paid on"))
    method = models.CharField(_("payment method"), max_length=16, choices=PaymentMethod.choices)
    reference = models.CharField(_("reference"), max_length=64, blank=True)
    receipt_number = models.CharField(_("receipt number"), max_length=32, unique=True, editable=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    scope_region_lookup = "member__region__code"

    class Meta:
        verbose_name = _("dues payment")
        verbose_name_plural = _("dues payments")
        ordering = ["-paid_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["member", "year"], name="one_dues_payment_per_year",
                                    violation_error_message=_("Year: the dues of this year are already paid.")),
            models.CheckConstraint(condition=Q(amount__gt=0), name="dues_payment_positive",
                                   violation_error_message=_("Amount: must be more than zero.")),
        ]

    def __str__(self):
        return f"{self.receipt_number} · {self.member.number}"

    def get_absolute_url(self):
        return reverse("members:member_detail", args=[self.member_id]) + f"#payment-{self.pk}"


@tracked()
class Contribution(models.Model):
    """What a member unit gave: money, goods, volunteers or a training it hosted."""

    member = models.ForeignKey(Member, verbose_name=_("member unit"), on_delete=models.PROTECT,
                               related_name="contributions")
    kind = models.CharField(_("kind"), max_length=16, choices=ContributionKind.choices)
    contributed_on = models.DateField(_("date"))
    amount = models.DecimalField(_("value (yuan)"), max_digits=12, decimal_places=2, null=True, blank=True,
                                 help_text=_("Money given, or the value of the goods."))
    people = models.PositiveIntegerField(_("people"), null=True, blank=True,
                                         help_text=_("Volunteers provided, or people trained at a hosted training."))
    description = models.CharField(_("description"), max_length=255)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    scope_region_lookup = "member__region__code"

    class Meta:
        verbose_name = _("member contribution")
        verbose_name_plural = _("member contributions")
        ordering = ["-contributed_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__isnull=True) | Q(amount__gte=0),
                                   name="contribution_amount_not_negative",
                                   violation_error_message=_("Value: cannot be negative.")),
            models.CheckConstraint(condition=~Q(kind__in=["money", "goods"]) | Q(amount__gt=0),
                                   name="money_and_goods_have_a_value",
                                   violation_error_message=_("Value: money and goods have a value in yuan.")),
            models.CheckConstraint(condition=~Q(kind__in=["volunteers", "training_hosted"]) | Q(people__gt=0),
                                   name="people_contributions_count_people",
                                   violation_error_message=_("People: say how many people.")),
        ]

    def __str__(self):
        return f"{self.contributed_on.isoformat()} {self.get_kind_display()} · {self.member.name}"

    def get_absolute_url(self):
        return reverse("members:member_detail", args=[self.member_id]) + f"#contribution-{self.pk}"
