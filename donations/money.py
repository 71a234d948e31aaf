"""Money and donor look-up digests: shared by donations' services, selectors and importers without a cycle."""

from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from people import crypto

NAME_HASH_KIND = "donor-name"
CENT = Decimal("0.01")


def management_cost_cap() -> Decimal:
    return Decimal(str(settings.REDCROSS["MANAGEMENT_COST_CAP"]))


def money(value, field="amount") -> Decimal:
    """A positive amount in yuan with at most two decimals, or a ValidationError naming the field."""
    try:
        amount = Decimal(str(value).strip().replace(",", "").replace("¥", ""))
    except (InvalidOperation, ValueError, TypeError):
        raise ValidationError({field: _("Amount: enter a number of yuan, e.g. 200 or 88.50.")}) from None
    if not amount.is_finite() or amount <= 0:
        raise ValidationError({field: _("Amount: more than zero.")})
    if amount != amount.quantize(CENT) or amount >= Decimal("1e12"):
        raise ValidationError({field: _("Amount: at most two decimals and less than a trillion yuan.")})
    return amount.quantize(CENT)


def lookup_name_hash(name: str) -> str:
    return crypto.keyed_hash(NAME_HASH_KIND, "".join((name or "").split()))
