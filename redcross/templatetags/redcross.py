"""Template filters shared by the portal and the public site."""

from decimal import Decimal, InvalidOperation

from django import template

register = template.Library()


@register.filter
def money(value):
    """Yuan as Chinese finance writes them: ¥1,234.00 (−¥50.00 for a correction); '' for no value."""
    if value in (None, ""):
        return ""
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return value
    if not amount.is_finite():
        return value
    sign = "−" if amount < 0 else ""
    return f"{sign}¥{abs(amount):,.2f}"
