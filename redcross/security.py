"""Request hygiene that applies to every door (issue 10): forwarded headers, NUL bytes, server errors, 503."""

import ipaddress
import logging
import re
import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.utils.translation import gettext as _

logger = logging.getLogger("redcross.security")

FORWARDED_HEADERS = ("HTTP_X_FORWARDED_FOR", "HTTP_X_FORWARDED_PROTO", "HTTP_X_FORWARDED_HOST",
                     "HTTP_X_FORWARDED_PORT", "HTTP_X_REAL_IP", "HTTP_FORWARDED")


def _networks():
    return [ipaddress.ip_network(value, strict=False) for value in getattr(settings, "TRUSTED_PROXIES", [])]


def _trusted(address, networks) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


class TrustedProxyMiddleware:
    """Forwarded headers count only when the connection comes from a configured proxy (`TRUSTED_PROXIES`).

    From a trusted proxy, REMOTE_ADDR becomes the client the proxy saw: the right-most address of
    X-Forwarded-For that is not itself a trusted proxy. From anyone else every forwarded header is dropped, so
    rate limits, lockouts, logs and `SECURE_PROXY_SSL_HEADER` cannot be steered by the client. Comes first.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.networks = _networks()

    def __call__(self, request):
        meta = request.META
        if self.networks and _trusted(meta.get("REMOTE_ADDR", ""), self.networks):
            chain = [part.strip() for part in meta.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
            while chain and _trusted(chain[-1], self.networks):
                chain.pop()
            if chain:
                try:
                    meta["REMOTE_ADDR"] = str(ipaddress.ip_address(chain[-1]))
                except ValueError:
                    pass
        else:
            for header in FORWARDED_HEADERS:
                meta.pop(header, None)
        return self.get_response(request)


NUL_ESCAPES = re.compile(rb"%00|\\u0000|\x00", re.IGNORECASE)


def _is_api(request) -> bool:
    return request.path_info.startswith("/api/")


def bad_request(request, message):
    if _is_api(request):
        return JsonResponse({"error": {"code": "invalid", "message": message, "fields": {}}}, status=400)
    return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")


class NulByteMiddleware:
    """A NUL byte in the path, the query or a text body answers 400 (PostgreSQL refuses it in text: no 500).

    In a multipart body only the text fields and file names are checked: uploaded spreadsheets are binary.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or NUL_ESCAPES.search(request.META.get("QUERY_STRING", "").encode()):
            return bad_request(request, _("The request contains a NUL character."))
        content_type = request.META.get("CONTENT_TYPE", "")
        if request.method == "POST" and content_type.startswith("multipart/"):
            try:
                texts = [value for _key, values in request.POST.lists() for value in values]
                texts += [upload.name or "" for upload in request.FILES.values()]
            except Exception:  # noqa: BLE001 - a malformed body: the view's own parsing answers it
                texts = []
            if any("\x00" in text for text in texts):
                return bad_request(request, _("The request contains a NUL character."))
        elif request.method in ("POST", "PUT", "PATCH"):
            try:
                body = request.body
            except Exception:  # noqa: BLE001 - too large a body: Django answers it where it is read
                body = b""
            if NUL_ESCAPES.search(body):
                return bad_request(request, _("The request contains a NUL character."))
        return self.get_response(request)


# PostgreSQL unreachable (stopped, restarting, connections refused or cut): the request can be tried again later.
DATABASE_DOWN = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def database_down(exc) -> bool:
    return isinstance(exc, DATABASE_DOWN)


def unavailable_body() -> dict:
    return {"error": {"code": "service_unavailable",
                      "message": _("The service is briefly unavailable (its database cannot be reached); "
                                   "please try again in a minute."),
                      "fields": {}}}


def service_unavailable(request):
    """503, API shape under /api/, a page elsewhere; rendered without touching the database."""
    from django.template import loader

    if _is_api(request):
        response = JsonResponse(unavailable_body(), status=503)
    else:
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def server_error(request, *args, **kwargs):
    """handler500: PostgreSQL unreachable answers 503; the API keeps its error shape; pages get the 500 template.

    Django calls it while handling the exception, whichever layer raised it (a view, the session or the login
    middleware), so sys.exc_info() names what went wrong.
    """
    if database_down(sys.exc_info()[1]):
        logger.error("PostgreSQL unreachable: answered 503 to %s %s", request.method, request.path)
        return service_unavailable(request)
    if _is_api(request):
        return JsonResponse({"error": {"code": "server_error",
                                       "message": _("A server error occurred; it has been logged."),
                                       "fields": {}}}, status=500)
    from django.views.defaults import server_error as page_error

    return page_error(request, *args, **kwargs)


def client_ip(request):
    """The client's address: REMOTE_ADDR, already corrected by TrustedProxyMiddleware (django-axes asks here)."""
    return request.META.get("REMOTE_ADDR") or None
