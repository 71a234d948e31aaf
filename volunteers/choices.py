from django.db import models
from django.utils.translation import gettext_lazy as _


class Tier(models.TextChoices):
    COMMUNITY = "community", _("Community volunteer")
    PROFESSIONAL = "professional", _("Professional volunteer")


class VolunteerStatus(models.TextChoices):
    APPLIED = "applied", _("Applied")
    DECLINED = "declined", _("Declined")
    SIGNED_UP = "signed_up", _("Signed-up volunteer")
    REGISTERED = "registered", _("Registered Red Cross volunteer")
    SUSPENDED = "suspended", _("Suspended")
    EXITED = "exited", _("Exited")


# Statuses in which a person serves and collects hours.
SERVING = (VolunteerStatus.SIGNED_UP, VolunteerStatus.REGISTERED)


class Skill(models.TextChoices):
    DOCTOR = "doctor", _("Doctor")
    NURSE = "nurse", _("Nurse")
    PSYCHOLOGIST = "psychologist", _("Psychologist / counsellor")
    LIFEGUARD = "lifeguard", _("Lifeguard")
    RESCUE = "rescue", _("Search and rescue")
    FIRST_AIDER = "first_aider", _("Certified first-aider")
    INSTRUCTOR = "instructor", _("First-aid instructor")
    DRIVER = "driver", _("Driver")
    INTERPRETER = "interpreter", _("Interpreter / sign language")
    SOCIAL_WORKER = "social_worker", _("Social worker")
    IT = "it", _("IT and communications")


class TeamKind(models.TextChoices):
    GENERAL = "general", _("General service")
    PSYCHOLOGICAL_AID = "psychological_aid", _("Psychological aid")
    FIRST_AID = "first_aid", _("First-aid cover")
    EMERGENCY = "emergency", _("Emergency support")
    BLOOD_DONATION = "blood_donation", _("Blood and organ donation promotion")
    COMMUNITY_CARE = "community_care", _("Community care")


class ActivityKind(models.TextChoices):
    FIRST_AID_COVER = "first_aid_cover", _("First-aid cover at an event")
    BLOOD_DONATION = "blood_donation", _("Blood donation promotion")
    COMMUNITY_CARE = "community_care", _("Community care")
    EMERGENCY_SUPPORT = "emergency_support", _("Emergency support")
    TRAINING_SUPPORT = "training_support", _("Training support")
    PSYCHOLOGICAL_AID = "psychological_aid", _("Psychological aid")
    OTHER = "other", _("Other")


class SignUpStatus(models.TextChoices):
    SIGNED_UP = "signed_up", _("Signed up")
    CANCELLED = "cancelled", _("Cancelled")
    CHECKED_IN = "checked_in", _("Checked in")
    CHECKED_OUT = "checked_out", _("Checked out")


class RecordKind(models.TextChoices):
    SERVICE = "service", _("Service")
    ADJUSTMENT = "adjustment", _("Correction")


class RecordStatus(models.TextChoices):
    RECORDED = "recorded", _("Recorded, awaiting confirmation")
    CONFIRMED = "confirmed", _("Confirmed")


class ExitKind(models.TextChoices):
    VOLUNTARY = "voluntary", _("Voluntary")
    INACTIVITY = "inactivity", _("Inactivity")
    DISMISSAL = "dismissal", _("Dismissal")


class EvaluationGrade(models.TextChoices):
    EXCELLENT = "excellent", _("Excellent")
    GOOD = "good", _("Good")
    PASS = "pass", _("Pass")
    FAIL = "fail", _("Fail")
