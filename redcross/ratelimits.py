"""One limit for every public lookup and verification door (issue 10, items 4 and 6).

Pages count attempts per client address with django-ratelimit; past the limit they answer 429 with a message
and look nothing up. The API's public endpoints use `LookupThrottle` / `PublicThrottle` (redcross/views.py).
Both count in the `ratelimit` cache, which keeps counting in memory while Redis is down (redcross/cache.py).
The address is REMOTE_ADDR as corrected by redcross.security.TrustedProxyMiddleware.
"""

from functools import wraps

from django.conf import settings
from django.shortcuts import render
from django_ratelimit import ALL
from django_ratelimit.core import is_ratelimited


def lookup_limited(request, group: str, rate: str | None = None, increment: bool = True) -> bool:
    return is_ratelimited(request, group=group, key="ip", rate=rate or settings.PUBLIC_LOOKUP_RATE, method=ALL,
                          increment=increment)


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
