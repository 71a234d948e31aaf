"""Choices of the people registry. Document types live with their checks in `people.identifiers`."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from people.identifiers import DocumentType  # noqa: F401 - one place to import every choice of the app


class Sex(models.TextChoices):
    MALE = "M", _("Male")
    FEMALE = "F", _("Female")
