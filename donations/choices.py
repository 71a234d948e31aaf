from django.db import models
from django.utils.translation import gettext_lazy as _


class DonorKind(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual")
    ORGANIZATION = "organization", _("Organisation")


class FundKind(models.TextChoices):
    GENERAL = "general", _("Undesignated general fund")
    PROJECT = "project", _("Project")
    EMERGENCY = "emergency", _("Emergency response")
    COMMUNITY_CARE = "community_care", _("Community care fund")


class FundStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class DonationKind(models.TextChoices):
    MONEY = "money", _("Money")
    GOODS = "goods", _("Goods")


class Channel(models.TextChoices):
    BANK_TRANSFER = "bank_transfer", _("Bank transfer")
    CASH = "cash", _("Cash")
    ONLINE = "online", _("Online pledge")
    GOODS = "goods", _("Goods")


class DonationStatus(models.TextChoices):
    PLEDGED = "pledged", _("Pledged, awaiting confirmation")
    CONFIRMED = "confirmed", _("Confirmed")
    CANCELLED = "cancelled", _("Cancelled")


class ConfirmedVia(models.TextChoices):
    STAFF = "staff", _("Finance staff, against the bank statement")
    GATEWAY = "gateway", _("Payment gateway notification")


class BeneficiaryKind(models.TextChoices):
    AID_CASE = "aid_case", _("Humanitarian aid case")
    ORGANIZATION = "organization", _("Organisation")
    EMERGENCY = "emergency", _("Emergency operation")
    MANAGEMENT_COST = "management_cost", _("Management cost")


class DisbursementStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    APPROVED = "approved", _("Approved")
    PAID = "paid", _("Paid")
    REJECTED = "rejected", _("Rejected")


class AidCategory(models.TextChoices):
    ILLNESS = "illness", _("Serious illness")
    DISASTER = "disaster", _("Disaster")
    ACCIDENT = "accident", _("Accident")
    HARDSHIP = "hardship", _("Hardship")


class DisclosureKind(models.TextChoices):
    EMERGENCY = "emergency", _("Emergency response, every 5 days")
    QUARTERLY = "quarterly", _("Quarterly project report")
    CLOSING = "closing", _("Closing report")
    ANNUAL = "annual", _("Annual report")


class StatementLineStatus(models.TextChoices):
    UNMATCHED = "unmatched", _("To match by hand")
    MATCHED = "matched", _("Matched, to confirm")
    CONFIRMED = "confirmed", _("Confirmed")
    IGNORED = "ignored", _("Not a donation")


class PaymentProvider(models.TextChoices):
    WECHAT = "wechat", _("WeChat Pay")
    ALIPAY = "alipay", _("Alipay")
