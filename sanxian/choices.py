from django.db import models
from django.utils.translation import gettext_lazy as _


class FigureSource(models.TextChoices):
    PENDING = "pending", _("Awaiting the blood centre's report")
    ENTERED = "entered", _("Entered from the blood centre's report")
    IMPORTED = "imported", _("Imported from the blood centre's file")


class ConsentPurpose(models.TextChoices):
    """PIPL Art 29: each use of health data has its own consent."""

    STEM_CELL_REGISTRY = "stem_cell_registry", _("Stem-cell donor registry (sampling and matching)")
    ORGAN_PLEDGE = "organ_pledge", _("Body and organ donation pledge")
    MEMORIAL_PUBLICATION = "memorial_publication", _("Publication on the memorial wall")


class StemCellStatus(models.TextChoices):
    REGISTERED = "registered", _("Sampled and registered")
    PRELIMINARY_MATCH = "preliminary_match", _("Preliminary match")
    HIGH_RESOLUTION = "high_resolution", _("High-resolution match")
    HEALTH_CHECK = "health_check", _("Health check")
    DONATED = "donated", _("Donated")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class StemCellEventKind(models.TextChoices):
    PRELIMINARY_MATCH = "preliminary_match", _("Preliminary match")
    HIGH_RESOLUTION = "high_resolution", _("High-resolution match")
    HEALTH_CHECK = "health_check", _("Health check")
    DONATED = "donated", _("Donation")
    WITHDRAWN = "withdrawn", _("Withdrawal")


# The order a donor's path takes; an event may not come before an earlier step.
STEM_CELL_STEPS = [StemCellEventKind.PRELIMINARY_MATCH, StemCellEventKind.HIGH_RESOLUTION,
                   StemCellEventKind.HEALTH_CHECK, StemCellEventKind.DONATED]


class PledgeChannel(models.TextChoices):
    RED_CROSS_OFFICE = "red_cross_office", _("At a Red Cross office")
    ONLINE = "online", _("Online (China Organ Donation Administrative Center)")
    WECHAT = "wechat", _("WeChat mini-programme")
    HOSPITAL = "hospital", _("At a hospital")
    DRIVE = "drive", _("At a blood drive or campaign")


class PledgeKind(models.TextChoices):
    ORGANS = "organs", _("Organs")
    CORNEAS = "corneas", _("Corneas")
    BODY = "body", _("Body (for medical teaching and research)")


class PledgeStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    REALISED = "realised", _("Realised")


class CareKind(models.TextChoices):
    VISIT = "visit", _("Visit to the family")
    MEMORIAL_EVENT = "memorial_event", _("Memorial event")
    CONDOLENCE = "condolence", _("Condolence and assistance")
