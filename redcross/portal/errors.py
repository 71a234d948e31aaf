"""One way to show a service's refusal: on the form's fields, or as messages on the next page.

Services raise `ValidationError` keyed by field (or `PermissionDenied`); views never pick it apart by hand.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError


def error_items(exc):
    """[(field or None, message)] of a ValidationError, PermissionDenied or any exception with a message."""
    if isinstance(exc, ValidationError):
        if hasattr(exc, "error_dict"):
            return [(None if field == "__all__" else field, message)
                    for field, field_messages in exc.message_dict.items() for message in field_messages]
        return [(None, message) for message in exc.messages]
    return [(None, str(exc))]


def errors_to_form(form, exc):
    """Put a service's errors on the form: on the field it names when the form has it, else on the form."""
    for field, message in error_items(exc):
        form.add_error(field if field in form.fields else None, message)
    return form


def form_errors_to_messages(request, form):
    """An invalid form posted from a page that does not show it: each error as a message naming its field."""
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)


def errors_to_messages(request, exc):
    """A service's refusal as messages on the page the user is sent back to."""
    for _field, message in error_items(exc):
        messages.error(request, message)
