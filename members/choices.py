from django.db import models
from django.utils.translation import gettext_lazy as _


class MemberKind(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual member")
    UNIT = "unit", _("Unit member")


class MemberStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    LAPSED = "lapsed", _("Lapsed (dues unpaid)")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class PaymentMethod(models.TextChoices):
    BANK_TRANSFER = "bank_transfer", _("Bank transfer")
    WECHAT = "wechat", _("WeChat Pay")
    ALIPAY = "alipay", _("Alipay")
    CASH = "cash", _("Cash")


class ContributionKind(models.TextChoices):
    MONEY = "money", _("Money")
    GOODS = "goods", _("Goods")
    VOLUNTEERS = "volunteers", _("Volunteers")
    TRAINING_HOSTED = "training_hosted", _("Training hosted")
