from django.db import models
from django.utils.translation import gettext_lazy as _


class MemberRole(models.TextChoices):
    CHAIR = "chair", _("Chair of the supervisory board")
    VICE_CHAIR = "vice_chair", _("Vice chair")
    MEMBER = "member", _("Supervisor")


class OpinionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("Being rectified")
    RECTIFIED = "rectified", _("Rectified")


class ItemStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")


class ItemSource(models.TextChoices):
    PLAN = "plan", _("Five-year plan")
    REFORM = "reform", _("Reform plan")


class AuditOpinion(models.TextChoices):
    UNQUALIFIED = "unqualified", _("Unqualified opinion")
    QUALIFIED = "qualified", _("Qualified opinion")
    ADVERSE = "adverse", _("Adverse opinion")
    DISCLAIMER = "disclaimer", _("Disclaimer of opinion")
