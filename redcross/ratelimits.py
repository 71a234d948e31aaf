"""One limit for every lookup by a number someone could guess (issue 10, items 4 and 6).

Public lookup and verification pages, public forms, and the staff's exact search by ID number or mobile all
count attempts with django-ratelimit in the `ratelimit` cache, which keeps counting in memory while Redis is
down (redcross/cache.py). Public doors count per client address (REMOTE_ADDR as
redcross.security.TrustedProxyMiddleware leaves it); staff searches count per signed-in user.

- `limit_lookups(group, rate, methods, when)` decorates a page view: past the limit, the 429 page.
- `LimitedFormMixin` on a FormView: each POST counts; past the limit the form comes back with a message, 429.
- `check_lookup(request, group, rates, key)` raises `LookupLimited` past the limit, for code shared by pages and
  the API (a FilterSet): the API answers DRF's 429 in its error shape, pages the 429 page (`LookupLimitMiddleware`).

The public API's own endpoints use DRF throttles on the same cache (redcross/api/throttles.py).
"""

from functools import wraps

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext as _
from django_ratelimit import ALL
from django_ratelimit.core import is_ratelimited
from rest_framework.exceptions import Throttled


def lookup_limited(request, group: str, rate: str | None = None, increment: bool = True, key: str = "ip") -> bool:
    return is_ratelimited(request, group=group, key=key, rate=rate or settings.PUBLIC_LOOKUP_RATE, method=ALL,
                          increment=increment)


def too_many_message() -> str:
    return _("Too many attempts from your connection; please wait a minute.")


def too_many(request):
    return render(request, "public/rate_limited.html", status=429)


def limit_lookups(group: str, rate: str | None = None, methods=("GET", "POST"), when=None):
    """Decorate a public view: each request (of `methods`, and where `when(request)` holds) counts."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            counts = request.method in methods and (when is None or when(request, *args, **kwargs))
            if counts and lookup_limited(request, group, rate):
                return too_many(request)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


class LimitedFormMixin:
    """On a FormView: at most `lookup_rate` POSTs per address (default PUBLIC_LOOKUP_RATE); `lookup_group` names the
    counter (default: the view).

    Past the limit nothing is looked up or written: the form comes back with a message and 429.
    """

    lookup_rate: str | None = None
    lookup_group = ""

    def post(self, request, *args, **kwargs):
        group = self.lookup_group or f"{type(self).__module__}.{type(self).__qualname__}"
        if lookup_limited(request, group, self.lookup_rate):
            form = self.get_form()
            form.is_valid()
            form.add_error(None, too_many_message())
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().post(request, *args, **kwargs)


class LookupLimited(Throttled):
    """Past a lookup limit: DRF answers 429 in the API's shape; pages answer the 429 page (LookupLimitMiddleware)."""


def check_lookup(request, group: str, rates, key: str = "user_or_ip") -> None:
    """Count one lookup; raise LookupLimited when any of `rates` ("20/m", "300/h" …) is exceeded."""
    for rate in ([rates] if isinstance(rates, str) else rates):
        if lookup_limited(request, f"{group}:{rate}", rate, key=key):
            raise LookupLimited(detail=too_many_message(), wait=60)


class LookupLimitMiddleware:
    """A page whose lookup hit its limit (LookupLimited raised in the view) answers the 429 page, not 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, LookupLimited):
            return too_many(request)
        return None
