from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class TeamType(models.TextChoices):
    """The plan's six kinds of Red Cross emergency-response team."""

    RELIEF = "relief", _("Relief (赈济)")
    MEDICAL = "medical", _("Medical (医疗)")
    PSYCHOLOGICAL = "psychological", _("Psychological support (心理)")
    SEARCH_RESCUE = "search_rescue", _("Search and rescue (搜救)")
    WATER_RESCUE = "water_rescue", _("Water rescue (水上救生)")
    WATER_SUPPLY = "water_supply", _("Water supply (供水)")


class TeamLevel(models.TextChoices):
    CITY = "city", _("City")
    DISTRICT = "district", _("District")
    COMMUNITY = "community", _("Community")


class Standby(models.TextChoices):
    STANDBY = "standby", _("On standby")
    DEPLOYED = "deployed", _("Deployed")
    RESTING = "resting", _("Resting / not available")


class MemberRole(models.TextChoices):
    LEADER = "leader", _("Leader")
    DEPUTY = "deputy", _("Deputy leader")
    MEMBER = "member", _("Member")


class Readiness(models.TextChoices):
    GREEN = "green", _("Ready")
    AMBER = "amber", _("Partly ready")
    RED = "red", _("Not ready")


class Condition(models.TextChoices):
    GOOD = "good", _("Good")
    NEEDS_REPAIR = "needs_repair", _("Needs repair")
    UNUSABLE = "unusable", _("Unusable")


class MovementKind(models.TextChoices):
    IN = "in", _("Received")
    OUT = "out", _("Issued")
    TRANSFER_OUT = "transfer_out", _("Transferred out")
    TRANSFER_IN = "transfer_in", _("Transferred in")
    ADJUSTMENT = "adjustment", _("Adjustment")


class HazardClass(models.TextChoices):
    """The four classes of public emergency (突发事件应对法)."""

    NATURAL = "natural", _("Natural disaster")
    ACCIDENT = "accident", _("Accident or disaster")
    PUBLIC_HEALTH = "public_health", _("Public-health event")
    SOCIAL_SECURITY = "social_security", _("Social-security event")


class ResponseLevel(models.TextChoices):
    I = "1", _("Level I (particularly serious)")  # noqa: E741
    II = "2", _("Level II (serious)")
    III = "3", _("Level III (major)")
    IV = "4", _("Level IV (general)")


class AlertColour(models.TextChoices):
    RED = "red", _("Red")
    ORANGE = "orange", _("Orange")
    YELLOW = "yellow", _("Yellow")
    BLUE = "blue", _("Blue")


class IncidentStatus(models.TextChoices):
    MONITORING = "monitoring", _("Monitoring")
    RESPONDING = "responding", _("Responding")
    RECOVERY = "recovery", _("Recovery")
    CLOSED = "closed", _("Closed")


# Each status may move only to the next one (closing from monitoring is allowed: a false alarm).
INCIDENT_NEXT = {
    IncidentStatus.MONITORING: (IncidentStatus.RESPONDING, IncidentStatus.CLOSED),
    IncidentStatus.RESPONDING: (IncidentStatus.RECOVERY,),
    IncidentStatus.RECOVERY: (IncidentStatus.CLOSED,),
    IncidentStatus.CLOSED: (),
}


class DeploymentStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    APPROVED = "approved", _("Approved")
    ON_SITE = "on_site", pgettext_lazy("deployment status", "On site")  # not the visit method 上门走访
    RETURNED = "returned", _("Returned")
    CANCELLED = "cancelled", _("Cancelled")


DEPLOYMENT_NEXT = {
    DeploymentStatus.REQUESTED: (DeploymentStatus.APPROVED, DeploymentStatus.CANCELLED),
    DeploymentStatus.APPROVED: (DeploymentStatus.ON_SITE, DeploymentStatus.CANCELLED),
    DeploymentStatus.ON_SITE: (DeploymentStatus.RETURNED,),
    DeploymentStatus.RETURNED: (),
    DeploymentStatus.CANCELLED: (),
}


class StockRequestStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    DISPATCHED = "dispatched", _("Dispatched")
    CANCELLED = "cancelled", _("Cancelled")


class AidKind(models.TextChoices):
    TEAMS = "teams", _("Teams")
    STOCK = "stock", _("Relief stock")
    BOTH = "both", _("Teams and stock")


class AidStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    OFFERED = "offered", _("Offer made")
    DECLINED = "declined", _("Declined")
    ACCEPTED = "accepted", _("Offer accepted")
    SENT = "sent", _("Sent")
    RETURNED = "returned", _("Returned")


AID_NEXT = {
    AidStatus.REQUESTED: (AidStatus.OFFERED, AidStatus.DECLINED),
    AidStatus.OFFERED: (AidStatus.ACCEPTED, AidStatus.DECLINED),
    AidStatus.ACCEPTED: (AidStatus.SENT,),
    AidStatus.SENT: (AidStatus.RETURNED,),
    AidStatus.DECLINED: (),
    AidStatus.RETURNED: (),
}
