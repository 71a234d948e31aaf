"""Collecting field errors from several checks, so a service refuses once with every problem named.

    errors = {}
    amount = collect(errors, money, amount)        # the value, or None with its errors recorded
    merge(errors, exc)                             # a caught ValidationError, keyed by field
    if errors:
        raise ValidationError(errors)
"""

from django.core.exceptions import ValidationError


def merge(errors: dict, exc: ValidationError) -> dict:
    """Add a ValidationError's messages to `errors` ({field: [messages]}); `__all__` for one without fields."""
    for key, messages in (exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}).items():
        errors.setdefault(key, []).extend(messages)
    return errors


def collect(errors: dict, func, *args, **kwargs):
    """`func(*args, **kwargs)`, or None with its ValidationError merged into `errors`."""
    try:
        return func(*args, **kwargs)
    except ValidationError as exc:
        merge(errors, exc)
        return None
