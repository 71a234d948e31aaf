"""Humanitarian culture (action plan 4) and community care: squares, stories, youth centres, campaigns,
village compacts, and the people cared for with their care records."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from outreach.choices import (
    CampaignKind,
    CareCategory,
    CareKind,
    ConsentGiver,
    PlaceKind,
    StoryKind,
    StoryStatus,
)
from redcross.history import tracked
from redcross.scoping import ScopedQuerySet, district_index, prefix_index


def photo_list(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


@tracked()
class CultureSquare(models.Model):
    """A 红十字文化广场."""

    name = models.CharField(_("name"), max_length=200)
    place_kind = models.CharField(_("place kind"), max_length=16, choices=PlaceKind.choices)
    region = models.ForeignKey("organizations.Region", verbose_name=_("region"), on_delete=models.PROTECT,
                               related_name="+", db_index=False)
    host = models.CharField(_("host"), max_length=200)
    address = models.CharField(_("address"), max_length=255, blank=True)
    opened_on = models.DateField(_("opened on"))
    themes = models.CharField(_("themes"), max_length=255, help_text=_("E.g. first aid, blood donation, Red Cross "
                                                                     "history."))
    photos = models.TextField(_("photos (one link per line)"), blank=True)
    is_active = models.BooleanField(_("open"), default=True)

    objects = ScopedQuerySet.as_manager()
    scope_region_lookup = "region__code"

    class Meta:
        verbose_name = _("culture square")
        verbose_name_plural = _("culture squares")
        ordering = ["region_id", "name"]
        indexes = [prefix_index("region", "square_region_prefix_idx")]
        constraints = [models.UniqueConstraint(fields=["region", "name"], name="unique_square_name_in_region",
                                               violation_error_message=_("Name: this region already has a square "
                                                                         "of that name."))]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("outreach:square_detail", args=[self.pk])

    @property
    def photo_list(self):
        return photo_list(self.photos)


@tracked()
class Story(models.Model):
    """A story of a role model; published only with the person's separate consent and an approver."""

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=StoryKind.choices)
    region = models.ForeignKey("organizations.Region", verbose_name=_("region"), on_delete=models.PROTECT,
                               related_name="+")
    person = models.ForeignKey("people.Person", verbose_name=_("person"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="stories",
                               help_text=_("The person the story is about, when there is one."))
    public_name = models.CharField(_("name shown"), max_length=50,
                                   help_text=_("How the story names its subject, e.g. a full name with consent, "
                                               "or 张女士."))
    summary = models.CharField(_("summary"), max_length=300)
    body = models.TextField(_("text"))
    photos = models.TextField(_("photos (one link per line)"), blank=True)
    status = models.CharField(_("status"), max_length=16, choices=StoryStatus.choices, default=StoryStatus.DRAFT)
    consent_giver = models.CharField(_("consent given by"), max_length=16, choices=ConsentGiver.choices,
                                     blank=True, editable=False)
    consent_name = models.CharField(_("name of who consented"), max_length=50, blank=True, editable=False)
    consent_reference = models.CharField(_("consent form reference"), max_length=100, blank=True, editable=False)
    consent_on = models.DateField(_("consent given on"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("written by"), on_delete=models.PROTECT,
                                   related_name="+", editable=False)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("approved by"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+", editable=False)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True, editable=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    scope_region_lookup = "region__code"

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["status", "-published_at"], name="story_published_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=StoryStatus.PUBLISHED)
                | (Q(approved_by__isnull=False, published_at__isnull=False)
                   & (Q(person__isnull=True) | Q(consent_on__isnull=False))),
                name="story_published_with_consent_and_approval",
                violation_error_message=_("Status: a story is published only with consent and an approver.")),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("outreach:story_detail", args=[self.pk])

    @property
    def photo_list(self):
        return photo_list(self.photos)


@tracked()
class YouthCentre(models.Model):
    """A 青少年教育活动中心 pilot hosted by a school."""

    name = models.CharField(_("name"), max_length=200)
    school = models.ForeignKey("organizations.Institution", verbose_name=_("host school"), on_delete=models.PROTECT,
                               related_name="youth_centres")
    region = models.ForeignKey("organizations.Region", verbose_name=_("region"), on_delete=models.PROTECT,
                               related_name="+", editable=False)
    opened_on = models.DateField(_("opened on"))
    pilot_batch = models.PositiveSmallIntegerField(_("pilot batch"), default=1)
    contact_person = models.CharField(_("contact person"), max_length=50, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    objects = ScopedQuerySet.as_manager()
    scope_region_lookup = "region__code"

    class Meta:
        verbose_name = _("youth education centre")
        verbose_name_plural = _("youth education centres")
        ordering = ["region_id", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("outreach:youthcentre_detail", args=[self.pk])


@tracked()
class YouthActivity(models.Model):
    centre = models.ForeignKey(YouthCentre, verbose_name=_("youth education centre"), on_delete=models.CASCADE,
                               related_name="activities")
    title = models.CharField(_("title"), max_length=200)
    held_on = models.DateField(_("held on"))
    participants = models.PositiveIntegerField(_("participants"))
    description = models.TextField(_("description"), blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_region_lookup = "centre__region__code"

    class Meta:
        verbose_name = _("youth activity")
        verbose_name_plural = _("youth activities")
        ordering = ["-held_on", "-id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("outreach:youthactivity_detail", args=[self.pk])


@tracked()
class Campaign(models.Model):
    """A campaign or event (5·8, 5·12, World First Aid Day…), at a square or anywhere."""

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=CampaignKind.choices)
    held_on = models.DateField(_("held on"))
    region = models.ForeignKey("organizations.Region", verbose_name=_("region"), on_delete=models.PROTECT,
                               related_name="+")
    square = models.ForeignKey(CultureSquare, verbose_name=_("culture square"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="campaigns")
    place = models.CharField(_("place"), max_length=255)
    organiser = models.ForeignKey("organizations.Organization", verbose_name=_("organiser"),
                                  on_delete=models.PROTECT, related_name="+")
    participants = models.PositiveIntegerField(_("participants"), default=0)
    online_reach = models.PositiveIntegerField(_("online reach"), default=0,
                                               help_text=_("Views, listeners or readers online."))
    summary = models.TextField(_("summary"), blank=True)
    photos = models.TextField(_("photos (one link per line)"), blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_region_lookup = "region__code"

    class Meta:
        verbose_name = _("campaign or event")
        verbose_name_plural = _("campaigns and events")
        ordering = ["-held_on", "-id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("outreach:campaign_detail", args=[self.pk])

    @property
    def photo_list(self):
        return photo_list(self.photos)


@tracked()
class VillageCompact(models.Model):
    """A community's 乡规民约 that includes the Red Cross spirit."""

    community = models.OneToOneField("organizations.Region", verbose_name=_("community or village"),
                                     on_delete=models.PROTECT, related_name="village_compact")
    title = models.CharField(_("title"), max_length=200)
    adopted_on = models.DateField(_("adopted on"))
    document_url = models.URLField(_("document (link)"), blank=True)
    red_cross_clauses = models.TextField(_("Red Cross clauses"),
                                         help_text=_("The articles that carry the Red Cross spirit."))

    objects = ScopedQuerySet.as_manager()
    scope_region_lookup = "community__code"

    class Meta:
        verbose_name = _("village compact")
        verbose_name_plural = _("village compacts")
        ordering = ["community_id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("outreach:compact_detail", args=[self.pk])


@tracked()
class CareRecipient(models.Model):
    """Someone the community cares for (关爱帮扶), recorded with their consent (a guardian's for a minor)."""

    person = models.ForeignKey("people.Person", verbose_name=_("person"), on_delete=models.PROTECT,
                               related_name="care")
    region = models.ForeignKey("organizations.Region", verbose_name=_("community"), on_delete=models.PROTECT,
                               related_name="+")
    category = models.CharField(_("category"), max_length=16, choices=CareCategory.choices)
    care_team = models.CharField(_("care team"), max_length=255,
                                 help_text=_("Who visits: volunteers, social workers, community staff."))
    consent_on = models.DateField(_("consent given on"))
    consent_giver = models.CharField(_("consent given by"), max_length=16, choices=ConsentGiver.choices)
    is_active = models.BooleanField(_("in care"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   editable=False)

    objects = ScopedQuerySet.as_manager()
    scope_region_lookup = "region__code"
    scope_district_field = "region"  # its (district, id) index serves a district's pages

    class Meta:
        verbose_name = _("person cared for")
        verbose_name_plural = _("people cared for")
        ordering = ["region_id", "-id"]
        indexes = [district_index("region", "care_district_idx")]
        constraints = [models.UniqueConstraint(fields=["person"], condition=Q(is_active=True),
                                               name="one_active_care_per_person",
                                               violation_error_message=_("Person: already in care."))]

    def __str__(self):
        return f"{self.person.masked_name} · {self.get_category_display()}"

    def get_absolute_url(self):
        return reverse("outreach:carerecipient_detail", args=[self.pk])


@tracked()
class CareRecord(models.Model):
    """One act of care; the notes are sensitive and kept encrypted. Economic help points at an aid case."""

    recipient = models.ForeignKey(CareRecipient, verbose_name=_("person cared for"), on_delete=models.CASCADE,
                                  related_name="records")
    kind = models.CharField(_("kind"), max_length=16, choices=CareKind.choices)
    given_on = models.DateField(_("given on"))
    notes_encrypted = models.TextField(editable=False)
    aid_case = models.ForeignKey("donations.AidCase", verbose_name=_("aid case"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                    editable=False)

    objects = ScopedQuerySet.as_manager()
    scope_region_lookup = "recipient__region__code"

    class Meta:
        verbose_name = _("care record")
        verbose_name_plural = _("care records")
        ordering = ["-given_on", "-id"]
        constraints = [models.CheckConstraint(
            condition=~Q(kind=CareKind.ECONOMIC) | Q(aid_case__isnull=False), name="economic_care_has_aid_case",
            violation_error_message=_("Aid case: economic help is recorded as an aid case."))]

    def __str__(self):
        return f"{self.recipient} · {self.get_kind_display()} · {self.given_on}"

    def get_absolute_url(self):
        return reverse("outreach:carerecipient_detail", args=[self.recipient_id]) + f"#record-{self.pk}"
