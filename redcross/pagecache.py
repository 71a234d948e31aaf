"""Whole public pages from Redis for anonymous visitors: the home page, the donate page and the ledger (issue 15).

On a disaster day the whole city opens the same few pages; rendering each one for each visitor costs ten to
forty times a trivial view. `public_page()` keeps the rendered page per language, full path and version, and
serves it with what must stay per visitor put back in:

- the CSRF token of every form (the language switch of public/base.html, the page's own form) is the visitor's
  own: the cached copy holds a placeholder, replaced by `get_token(request)`, which also sets the cookie;
- hidden inputs named in `fresh` get a new value per visit (the donate form's idempotency key, so two donors
  never share one pledge).

Only anonymous GETs without a session are served from or stored in the cache; a 200 with no cookies of its own
is stored. `version` (a callable) is part of the key, so a page keyed by the ledger's version does not outlive a
money movement (by more than a second in another process: donations.selectors.ledger_version_recent);
`pages_changed(name)` drops a family at once (the home page when its culture news changes); `timeout` bounds
everything else (a renamed fund, a new disclosure). Redis down: the cache misses (redcross/cache.py) and pages
render as before.
"""

import hashlib
import logging
import re
import uuid
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.middleware.csrf import get_token

CSRF_INPUT = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*(")')
CSRF_PLACEHOLDER = "\x00csrf\x00"
logger = logging.getLogger(__name__)
KEPT_HEADERS = ("Content-Type", "Content-Language", "Vary", "Cache-Control")


def new_key():
    return uuid.uuid4().hex


def pages_changed(name: str) -> None:
    """Drop the stored copies of one family of pages (`public_page(name=...)`), e.g. the home page's culture news.

    Redis down: nothing to drop now; a copy stored before lives out its `timeout`.
    """
    try:
        client = cache._cache.get_client(None, write=True)
        keys = list(client.scan_iter(match=f"{cache.key_prefix}:*:page:{name}:*", count=1000))
        if keys:
            client.delete(*keys)
    except Exception:  # noqa: BLE001 - the cache fails safe (redcross/cache.py)
        logger.warning("cached pages %s not dropped: Redis unavailable", name)


def forget_all() -> None:
    """Drop every cached page (the tests: each starts with nothing rendered by another)."""
    client = cache._cache.get_client(None, write=True)
    keys = list(client.scan_iter(match=f"{cache.key_prefix}:*:page:*", count=1000))
    if keys:
        client.delete(*keys)


def _hidden(name):
    return re.compile(r'(name="' + re.escape(name) + r'" value=")[^"]*(")')


def public_page(name, timeout=60, version=None, fresh=None):
    """Decorate a public view; `name` its family (for `pages_changed`), `fresh` hidden inputs to makers of values."""
    fresh = dict(fresh or {})
    fresh_inputs = {name: (_hidden(name), f"\x00{name}\x00", make) for name, make in fresh.items()}

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method != "GET" or settings.SESSION_COOKIE_NAME in request.COOKIES:
                return view(request, *args, **kwargs)
            key = f"page:{name}:" + hashlib.sha256("\x1f".join([
                connection.settings_dict["NAME"], str(version() if version else ""),
                getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE), request.get_full_path(),
            ]).encode()).hexdigest()
            stored = cache.get(key)
            if stored is None:
                response = view(request, *args, **kwargs)
                if hasattr(response, "render") and callable(response.render):
                    response.render()
                if response.status_code != 200 or response.streaming or response.cookies:
                    return response
                text = response.content.decode(response.charset)
                text = CSRF_INPUT.sub(lambda m: m.group(1) + CSRF_PLACEHOLDER + m.group(2), text)
                for pattern, placeholder, _make in fresh_inputs.values():
                    text = pattern.sub(lambda m, p=placeholder: m.group(1) + p + m.group(2), text)
                stored = {"text": text, "headers": {h: response[h] for h in KEPT_HEADERS if h in response}}
                cache.set(key, stored, timeout)
            text = stored["text"]
            if CSRF_PLACEHOLDER in text:
                text = text.replace(CSRF_PLACEHOLDER, get_token(request))
            for _pattern, placeholder, make in fresh_inputs.values():
                text = text.replace(placeholder, make())
            response = HttpResponse(text)
            for header, value in stored["headers"].items():
                response[header] = value
            return response

        return wrapped

    return decorator
