"""One error shape for the whole API: {"error": {"code", "message", "fields"}}."""

import logging

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from redcross.security import RETRY_AFTER_SECONDS, database_down, unavailable_body

logger = logging.getLogger("django.request")


def _flatten(detail):
    if isinstance(detail, dict):
        return {key: _flatten(value) for key, value in detail.items()}
    if isinstance(detail, list):
        if all(not isinstance(item, (dict, list)) for item in detail):
            return [str(item) for item in detail]
        return [_flatten(item) for item in detail]
    return [str(detail)]


def django_validation_error_to_drf(exc: DjangoValidationError) -> exceptions.ValidationError:
    if hasattr(exc, "error_dict"):
        detail = {
            ("non_field_errors" if key == "__all__" else key): messages
            for key, messages in exc.message_dict.items()
        }
    else:
        detail = {"non_field_errors": exc.messages}
    return exceptions.ValidationError(detail=detail)


def error_response(code, message, fields=None, status_code=status.HTTP_400_BAD_REQUEST, headers=None):
    return Response({"error": {"code": code, "message": message, "fields": fields or {}}},
                    status=status_code, headers=headers)


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        exc = django_validation_error_to_drf(exc)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(*exc.args)
    if database_down(exc):
        # PostgreSQL unreachable: 503 in the API's shape, to be retried (issue 10, PostgreSQL fault).
        logger.error("PostgreSQL unreachable: API answered 503 (%s)", exc.__class__.__name__)
        return Response(unavailable_body(), status=status.HTTP_503_SERVICE_UNAVAILABLE,
                        headers={"Retry-After": str(RETRY_AFTER_SECONDS)})
    response = drf_exception_handler(exc, context)
    if response is None:
        # An unexpected error keeps the API's shape (issue 10, item 16); the traceback goes to the log.
        logger.error("API server error", exc_info=(type(exc), exc, exc.__traceback__))
        return error_response("server_error", _("A server error occurred; it has been logged."),
                              status_code=status.HTTP_500_INTERNAL_SERVER_ERROR)
    if isinstance(exc, exceptions.ValidationError):
        fields = _flatten(exc.detail) if isinstance(exc.detail, dict) else {"non_field_errors": _flatten(exc.detail)}
        first = next((msgs[0] for msgs in fields.values() if msgs and isinstance(msgs[0], str)), "")
        message = _("Some fields are not valid.") + (" " + first if first else "")
        body = {"code": "invalid", "message": message, "fields": fields}
    else:
        codes = exc.get_codes() if hasattr(exc, "get_codes") else "error"
        body = {"code": codes if isinstance(codes, str) else "error", "message": str(exc.detail), "fields": {}}
    response.data = {"error": body}
    return response
