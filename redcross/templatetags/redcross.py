"""Template filters shared by the portal and the public site."""

from decimal import Decimal, InvalidOperation
from functools import lru_cache

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


@register.simple_tag
def fixed_url(name):
    """`{% url name %}` for a URL without arguments, reversed once per process (the public header has eleven).

    The URLconf does not change while the process runs; the script prefix is part of the key.
    """
    from django.urls import get_script_prefix

    return _fixed_url(name, get_script_prefix())


@lru_cache(maxsize=128)
def _fixed_url(name, prefix):
    from django.urls import reverse

    return reverse(name)
