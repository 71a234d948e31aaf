from django.db import models
from django.utils.translation import gettext_lazy as _


class PlaceKind(models.TextChoices):
    COMMUNITY = "community", _("Community")
    GREENWAY = "greenway", _("Greenway")
    PARK = "park", _("Park")
    SCHOOL = "school", _("School")
    TRANSPORT_HUB = "transport_hub", _("Transport hub")
    SCENIC_SPOT = "scenic_spot", _("Scenic spot")


class StoryKind(models.TextChoices):
    VOLUNTEER = "volunteer", _("Volunteer")
    MORAL_MODEL = "moral_model", _("Moral model")
    FIRST_AID_HERO = "first_aid_hero", _("First-aid hero")
    DONOR = "donor", _("Donor")


class StoryStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ConsentGiver(models.TextChoices):
    SELF = "self", _("The person")
    GUARDIAN = "guardian", _("Guardian")


class CampaignKind(models.TextChoices):
    RED_CROSS_DAY = "red_cross_day", _("5·8 World Red Cross Day")
    DISASTER_DAY = "disaster_day", _("5·12 Disaster Prevention Day")
    FIRST_AID_DAY = "first_aid_day", _("World First Aid Day")
    BLOOD_DONOR_DAY = "blood_donor_day", _("World Blood Donor Day")
    OTHER = "other", _("Other event")


class CareCategory(models.TextChoices):
    ELDERLY = "elderly", _("Elderly person")
    DISABLED = "disabled", _("Person with a disability")
    CHILD = "child", _("Left-behind or vulnerable child")
    LOW_INCOME = "low_income", _("Low-income household")
    OTHER = "other", _("Other vulnerable person")


class CareKind(models.TextChoices):
    MENTAL = "mental", _("Mental care")
    BEHAVIOURAL = "behavioural", _("Behavioural care")
    ECONOMIC = "economic", _("Economic help")
