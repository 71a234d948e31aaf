"""三献: blood drives, the stem-cell donor registry, body and organ donation pledges, care for donor families.

Health details (matches, donations, what was donated, hospitals) are sensitive
personal information (PIPL Art 28): kept encrypted with `people.crypto`, shown
masked in lists, revealed only with a reason that is logged.
"""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from redcross.api.rows import row_property
from redcross.history import tracked
from redcross.scoping import ScopedQuerySet, district_index
from sanxian.choices import (
    CareKind,
    ConsentPurpose,
    FigureSource,
    PledgeChannel,
    PledgeKind,
    PledgeStatus,
    StemCellEventKind,
    StemCellStatus,
)

HIDDEN = "＊＊＊"  # what a list shows in place of an encrypted health detail


@tracked()
class BloodDrive(models.Model):
    """A voluntary blood donation drive the Red Cross organised; blood is collected by the blood centre."""

    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=255)
    region = models.ForeignKey("organizations.Region", verbose_name=_("region"), on_delete=models.PROTECT,
                               related_name="+")
    blood_centre = models.CharField(_("partner blood centre"), max_length=100)
    organization = models.ForeignKey("organizations.Organization", verbose_name=_("organiser"),
                                     on_delete=models.PROTECT, related_name="blood_drives")
    activity = models.ForeignKey("volunteers.Activity", verbose_name=_("volunteer activity that staffed it"),
                                 null=True, blank=True, on_delete=models.PROTECT, related_name="blood_drives")
    donors_registered = models.PositiveIntegerField(_("donors registered"), null=True, blank=True,
                                                    help_text=_("As reported by the blood centre."))
    units_collected = models.DecimalField(_("units collected"), max_digits=8, decimal_places=1, null=True,
                                          blank=True, help_text=_("As reported by the blood centre (1 unit = "
                                                                  "200 ml of whole blood)."))
    figures_source = models.CharField(_("figures"), max_length=16, choices=FigureSource.choices,
                                      default=FigureSource.PENDING)
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    scope_region_lookup = "region__code"

    class Meta:
        verbose_name = _("blood drive")
        verbose_name_plural = _("blood drives")
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["held_on"], name="blood_drive_held_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(units_collected__isnull=True) | Q(units_collected__gte=0),
                                   name="blood_drive_units_not_negative",
                                   violation_error_message=_("Units collected: cannot be negative.")),
        ]

    def __str__(self):
        return f"{self.held_on.isoformat()} {self.place}"

    def get_absolute_url(self):
        return reverse("sanxian:drive_detail", args=[self.pk])


@tracked()
class HealthConsent(models.Model):
    """One consent for one purpose (PIPL Art 29); withdrawing it ends that use only."""

    person = models.ForeignKey("people.Person", verbose_name=_("person"), on_delete=models.PROTECT,
                               related_name="health_consents")
    purpose = models.CharField(_("purpose"), max_length=32, choices=ConsentPurpose.choices)
    given_on = models.DateField(_("given on"))
    given_by = models.CharField(_("given by"), max_length=100, blank=True,
                                help_text=_("Empty: the person themself; otherwise the family member who consented."))
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    scope_region_lookup = "person__region__code"

    class Meta:
        verbose_name = _("health data consent")
        verbose_name_plural = _("health data consents")
        ordering = ["-given_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["person", "purpose"], condition=Q(withdrawn_on__isnull=True),
                                    name="one_open_consent_per_purpose",
                                    violation_error_message=_("Consent: already given for this purpose.")),
        ]

    def __str__(self):
        return f"{self.person.masked_name} · {self.get_purpose_display()}"


@tracked()
class StemCellDonor(models.Model):
    """A volunteer sampled for the China Marrow Donor Program (中华骨髓库); later steps are dated events."""

    person = models.OneToOneField("people.Person", verbose_name=_("donor"), on_delete=models.PROTECT,
                                  related_name="stem_cell_donor")
    drive = models.ForeignKey(BloodDrive, verbose_name=_("sampled at (blood drive)"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="stem_cell_donors")
    region = models.ForeignKey("organizations.Region", verbose_name=_("region"), on_delete=models.PROTECT,
                               related_name="+")
    organization = models.ForeignKey("organizations.Organization", verbose_name=_("registering organisation"),
                                     on_delete=models.PROTECT, related_name="stem_cell_donors")
    consent = models.ForeignKey(HealthConsent, verbose_name=_("consent"), on_delete=models.PROTECT,
                                related_name="+")
    sampled_on = models.DateField(_("sampled on"))
    status = models.CharField(_("status"), max_length=20, choices=StemCellStatus.choices,
                              default=StemCellStatus.REGISTERED)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    scope_region_lookup = "region__code"

    class Meta:
        verbose_name = _("stem-cell donor")
        verbose_name_plural = _("stem-cell donors")
        ordering = ["-sampled_on", "-id"]

    def __str__(self):
        return f"{self.person.masked_name} · {self.sampled_on.isoformat()}"

    def get_absolute_url(self):
        return reverse("sanxian:donor_detail", args=[self.pk])


@tracked()
class StemCellEvent(models.Model):
    """A dated step after sampling; the hospital and notes are health details, encrypted."""

    donor = models.ForeignKey(StemCellDonor, verbose_name=_("donor"), on_delete=models.PROTECT,
                              related_name="steps", db_index=False)
    kind = models.CharField(_("event"), max_length=20, choices=StemCellEventKind.choices)
    occurred_on = models.DateField(_("date"))
    details_encrypted = models.TextField(editable=False, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    scope_region_lookup = "donor__region__code"

    class Meta:
        verbose_name = _("stem-cell donor event")
        verbose_name_plural = _("stem-cell donor events")
        ordering = ["-occurred_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["donor", "kind"], name="one_stem_cell_event_per_kind",
                                    violation_error_message=_("Event: already recorded for this donor.")),
        ]

    def __str__(self):
        return f"{self.donor.person.masked_name} · {self.get_kind_display()} {self.occurred_on.isoformat()}"

    def get_absolute_url(self):
        return reverse("sanxian:donor_detail", args=[self.donor_id])

    @property
    def details_masked(self):
        return HIDDEN if self.details_encrypted else ""


@tracked()
class DonationPledge(models.Model):
    """A registered wish to donate organs, corneas or the body after death (遗体和人体器官捐献登记)."""

    person = models.ForeignKey("people.Person", verbose_name=_("person"), on_delete=models.PROTECT,
                               related_name="donation_pledges")
    region = models.ForeignKey("organizations.Region", verbose_name=_("region"), on_delete=models.PROTECT,
                               related_name="+")
    organization = models.ForeignKey("organizations.Organization", verbose_name=_("registering organisation"),
                                     on_delete=models.PROTECT, related_name="donation_pledges")
    consent = models.ForeignKey(HealthConsent, verbose_name=_("consent"), on_delete=models.PROTECT,
                                related_name="+")
    kinds = ArrayField(models.CharField(max_length=16, choices=PledgeKind.choices), verbose_name=_("pledged"))
    channel = models.CharField(_("registration channel"), max_length=20, choices=PledgeChannel.choices)
    registered_on = models.DateField(_("registered on"))
    witness_name_encrypted = models.TextField(editable=False, blank=True)
    witness_name_masked = models.CharField(_("witness or family member informed"), max_length=100, blank=True,
                                           editable=False)
    witness_relation = models.CharField(_("relation"), max_length=32, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=PledgeStatus.choices,
                              default=PledgeStatus.REGISTERED)
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    realised_on = models.DateField(_("realised on"), null=True, blank=True)
    realised_details_encrypted = models.TextField(editable=False, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    scope_region_lookup = "region__code"
    scope_district_field = "region"  # its (district, id) index serves a district's pages

    class Meta:
        verbose_name = _("donation pledge")
        verbose_name_plural = _("donation pledges")
        ordering = ["-registered_on", "-id"]
        indexes = [district_index("region", "pledge_district_idx")]
        constraints = [
            models.UniqueConstraint(fields=["person"], condition=Q(status="registered"),
                                    name="one_open_pledge_per_person",
                                    violation_error_message=_("Person: already has a registered pledge.")),
            models.CheckConstraint(condition=~Q(status="withdrawn") | Q(withdrawn_on__isnull=False),
                                   name="withdrawn_pledge_has_date"),
            models.CheckConstraint(condition=~Q(status="realised") | Q(realised_on__isnull=False),
                                   name="realised_pledge_has_date"),
        ]

    def __str__(self):
        return f"{self.person.masked_name} · {self.registered_on.isoformat()}"

    def get_absolute_url(self):
        return reverse("sanxian:pledge_detail", args=[self.pk])

    @property
    def kinds_display(self):
        labels = dict(PledgeKind.choices)
        return "、".join(str(labels.get(k, k)) for k in self.kinds)

    @row_property("realised_details_encrypted")
    def realised_details_masked(self):
        return HIDDEN if self.realised_details_encrypted else ""


@tracked()
class CareEvent(models.Model):
    """Care for donor families: a visit to one family, or a memorial event (清明缅怀) for many."""

    kind = models.CharField(_("kind"), max_length=20, choices=CareKind.choices)
    occurred_on = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=200)
    region = models.ForeignKey("organizations.Region", verbose_name=_("region"), on_delete=models.PROTECT,
                               related_name="+")
    organization = models.ForeignKey("organizations.Organization", verbose_name=_("organiser"),
                                     on_delete=models.PROTECT, related_name="donor_care_events")
    pledge = models.ForeignKey(DonationPledge, verbose_name=_("donor (realised pledge)"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="care_events")
    families = models.PositiveIntegerField(_("families taking part"), default=1)
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    scope_region_lookup = "region__code"

    class Meta:
        verbose_name = _("donor family care")
        verbose_name_plural = _("donor family care")
        ordering = ["-occurred_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=~Q(kind="visit") | Q(pledge__isnull=False), name="visit_names_donor",
                                   violation_error_message=_("Donor: a visit is to one donor's family.")),
        ]

    def __str__(self):
        return f"{self.occurred_on.isoformat()} {self.title}"

    def get_absolute_url(self):
        return reverse("sanxian:care_detail", args=[self.pk])


@tracked()
class MemorialEntry(models.Model):
    """A name on the public memorial wall, as the family chose it and only with their consent."""

    pledge = models.OneToOneField(DonationPledge, verbose_name=_("donor"), on_delete=models.PROTECT,
                                  related_name="memorial")
    consent = models.ForeignKey(HealthConsent, verbose_name=_("family's consent"), on_delete=models.PROTECT,
                                related_name="+")
    display_name = models.CharField(_("name shown"), max_length=50,
                                    help_text=_("As the family wishes, e.g. the full name or 张先生."))
    tribute = models.CharField(_("words of remembrance"), max_length=300, blank=True)
    year = models.PositiveSmallIntegerField(_("year"))
    is_published = models.BooleanField(_("published"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    scope_region_lookup = "pledge__region__code"

    class Meta:
        verbose_name = _("memorial wall entry")
        verbose_name_plural = _("memorial wall")
        ordering = ["-year", "display_name"]

    def __str__(self):
        return f"{self.display_name} ({self.year})"

    def get_absolute_url(self):
        return reverse("sanxian:pledge_detail", args=[self.pledge_id])
