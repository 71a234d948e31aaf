from django.db import models
from django.utils.translation import gettext_lazy as _


class InstructorTier(models.TextChoices):
    ORDINARY = "ordinary", _("Ordinary instructor")
    BACKBONE = "backbone", _("Backbone instructor")
    EXPERT = "expert", _("Expert instructor")


class CourseKind(models.TextChoices):
    AWARENESS = "awareness", _("Awareness session")
    FIRST_AIDER = "first_aider", _("First-aider course")
    AED = "aed", _("AED course")
    PSYCHOLOGICAL = "psychological", _("Psychological first aid")
    WATER_SAFETY = "water_safety", _("Water safety")
    INSTRUCTOR = "instructor", _("Instructor course")


class Audience(models.TextChoices):
    RESIDENTS = "residents", _("Community residents")
    SCENIC_STAFF = "scenic_staff", _("Scenic-area staff")
    RURAL_CADRES = "rural_cadres", _("Rural cadres")
    ENTERPRISE_STAFF = "enterprise_staff", _("Enterprise staff")
    STUDENTS = "students", _("Students")
    REDCROSS_CADRES = "redcross_cadres", _("Red Cross cadres")
    # Rural cadres in detail, and the staff of industrial parks (enterprise training), for their coverage figures.
    VILLAGE_COMMITTEE = "village_committee", _("Village committee members")
    RURAL_PARTY_MEMBERS = "rural_party_members", _("Rural Party members")
    COOPERATIVE_LEADERS = "cooperative_leaders", _("Cooperative leaders")
    INDUSTRIAL_PARK_STAFF = "industrial_park_staff", _("Industrial park staff")


class BaseLevel(models.TextChoices):
    CITY = "city", _("City base")
    DISTRICT = "district", _("District base")


class SessionStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


class EnrolmentStatus(models.TextChoices):
    BOOKED = "booked", _("Booked")
    WAITLISTED = "waitlisted", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class EnrolmentChannel(models.TextChoices):
    PUBLIC = "public", _("Public site")
    STAFF = "staff", _("Staff")
    IMPORT = "import", _("Group import")
    API = "api", _("API")


class Outcome(models.TextChoices):
    PENDING = "pending", _("Pending")
    ATTENDED = "attended", _("Attended")
    PASSED = "passed", _("Passed")
    FAILED = "failed", _("Failed")
    ABSENT = "absent", _("Absent")


class CertificateState(models.TextChoices):
    VALID = "valid", _("Valid")
    EXPIRING = "expiring", _("Expiring soon")
    EXPIRED = "expired", _("Expired")
    RENEWED = "renewed", _("Renewed")


class SevenAbility(models.TextChoices):
    """The "seven abilities" (七种能力) the cadre training plan builds."""

    POLITICAL = "political", _("Political ability")
    RESEARCH = "research", _("Investigation and research")
    DECISION = "decision", _("Sound decision-making")
    REFORM = "reform", _("Driving reform")
    EMERGENCY = "emergency", _("Handling emergencies")
    MASS_WORK = "mass_work", _("Working with the public")
    DELIVERY = "delivery", _("Getting things done")
