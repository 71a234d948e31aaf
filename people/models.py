from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from people.choices import Sex
from people.identifiers import DocumentType, history_mask_birth_date, history_mask_name
from redcross.api.rows import row_property
from redcross.api.rows import today as page_today
from redcross.history import tracked
from redcross.scoping import ScopedQuerySet, district_index


class PersonQuerySet(ScopedQuerySet):
    pass


@tracked()
class Person(models.Model):
    """One natural person, whatever roles they later take (volunteer, trainee, donor…).

    The document number and the mobile are stored encrypted, found through a
    keyed hash and shown masked; the masked form is kept so lists never decrypt.
    """

    full_name = models.CharField(_("full name"), max_length=100)
    document_type = models.CharField(
        _("document type"), max_length=32, choices=DocumentType.choices, default=DocumentType.RESIDENT_ID
    )
    document_number_encrypted = models.TextField(_("document number (encrypted)"), editable=False)
    document_number_hash = models.CharField(max_length=64, editable=False)
    document_number_masked = models.CharField(_("document number"), max_length=32, editable=False)
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, blank=True)
    mobile_encrypted = models.TextField(_("mobile (encrypted)"), blank=True, editable=False)
    mobile_hash = models.CharField(max_length=64, blank=True, editable=False)
    mobile_masked = models.CharField(_("mobile"), max_length=16, blank=True, editable=False)
    region = models.ForeignKey(
        "organizations.Region", verbose_name=_("region of residence"), on_delete=models.PROTECT, related_name="people"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = PersonQuerySet.as_manager()
    scope_region_lookup = "region__code"
    scope_district_field = "region"  # its (district, id) index serves a district's pages
    large_choice = ("full_name",)  # too many rows for a select: filters search these
    # The change history shows these masked to readers without reveal_personal_data (redcross.history).
    history_masks = {"full_name": history_mask_name, "birth_date": history_mask_birth_date}

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["-id"]
        permissions = [("reveal_personal_data", _("Can see unmasked personal data (logged)"))]
        indexes = [
            district_index("region", "person_district_idx"),
            models.Index(fields=["mobile_hash"], name="person_mobile_hash_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["document_type", "document_number_hash"], name="one_person_per_document",
                violation_error_message=_("Document number: a person with this document is already registered."),
            ),
        ]

    def __str__(self):
        from people.identifiers import mask_name

        return mask_name(self.full_name)

    def get_absolute_url(self):
        return reverse("people:person_detail", args=[self.pk])

    @row_property("birth_date")
    def age(self) -> int | None:
        """Whole years today, from the birth date the ID number gives."""
        if self.birth_date is None:
            return None
        today = page_today()
        before_birthday = (today.month, today.day) < (self.birth_date.month, self.birth_date.day)
        return today.year - self.birth_date.year - before_birthday

    @row_property("full_name")
    def masked_name(self) -> str:
        from people.identifiers import mask_name

        return mask_name(self.full_name)


ACCESS_FIELD_LABELS = {
    "document_number": _("document number"), "mobile": _("mobile"), "full_name": _("full name"),
    "address": _("address"), "aid_case.situation": _("aid case situation"), "birth_date": _("birth date"),
}


class PersonalDataAccess(models.Model):
    """Every unmasked view of personal data: who, when, why, and from where (PIPL Art 56)."""

    class Channel(models.TextChoices):
        PORTAL = "portal", _("Portal")
        API = "api", _("API")

    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="accesses")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.PROTECT)
    fields = models.CharField(_("fields"), max_length=100)
    reason = models.CharField(_("reason"), max_length=255)
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    accessed_at = models.DateTimeField(_("accessed at"), auto_now_add=True, db_index=True)

    objects = ScopedQuerySet.as_manager()
    scope_region_lookup = "person__region__code"
    history_exempt = "The access log itself: rows are only ever inserted, one per unmasked view."

    class Meta:
        verbose_name = _("personal data access")
        verbose_name_plural = _("personal data accesses")
        ordering = ["-accessed_at"]

    def __str__(self):
        return f"{self.user} → {self.person} @ {self.accessed_at:%Y-%m-%d %H:%M}"

    @property
    def fields_label(self) -> str:
        """The revealed fields by their names (证件号码、手机号码), not the stored codes."""
        codes = [part.strip() for part in self.fields.split(",") if part.strip()]
        labels = [str(ACCESS_FIELD_LABELS.get(code, code.replace("_", " "))) for code in codes]
        return "、".join(labels)

    @property
    def user_name(self) -> str:
        return self.user.get_full_name() or self.user.get_username()


@tracked()
class PersonalDataRequest(models.Model):
    """A person's request under PIPL Art. 44–47 to see, correct or delete their data, and its answer.

    Deleting is anonymising where the law requires records to be kept (receipts, service hours): the person row
    stays, so those records keep their link, but nothing identifies the person any more. Every step is recorded
    here and in the change history; the export is also a PersonalDataAccess entry.
    """

    class Kind(models.TextChoices):
        ACCESS = "access", _("See my data (Art. 45)")
        CORRECT = "correct", _("Correct my data (Art. 46)")
        DELETE = "delete", _("Delete my data (Art. 47)")

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        ANSWERED = "answered", _("Answered")
        REFUSED = "refused", _("Refused")

    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT,
                               related_name="data_requests")
    kind = models.CharField(_("request"), max_length=16, choices=Kind.choices)
    details = models.TextField(_("what the person asks"), blank=True)
    received_via = models.CharField(_("received via"), max_length=100, blank=True,
                                    help_text=_("Counter, letter, telephone…"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.RECEIVED)
    received_at = models.DateTimeField(_("received at"), auto_now_add=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT,
                                    related_name="+")
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("answered by"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    answer = models.TextField(_("answer"), blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_region_lookup = "person__region__code"

    class Meta:
        verbose_name = _("personal data request")
        verbose_name_plural = _("personal data requests")
        ordering = ["-received_at"]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.person}"

    def get_absolute_url(self):
        return reverse("people:request_detail", args=[self.pk])
