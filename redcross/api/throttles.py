"""Throttles for the public API endpoints (no login).

`PublicThrottle` takes the rate `DEFAULT_THROTTLE_RATES[<view's throttle_scope>]`; `LookupThrottle` the tighter
`lookup` rate for lookups and verifications by number. Both count per client address (REMOTE_ADDR as
`TrustedProxyMiddleware` leaves it) in the `ratelimit` cache, which fails safe when Redis is down (issue 10).
"""

from django.core.cache import caches
from rest_framework.throttling import ScopedRateThrottle


class PublicThrottle(ScopedRateThrottle):
    """Per client address (REMOTE_ADDR as TrustedProxyMiddleware leaves it), counted in the `ratelimit` cache."""

    scope_attr = "throttle_scope"
    cache = caches["ratelimit"]


class LookupThrottle(PublicThrottle):
    """Public lookups and verifications by number: the tighter `lookup` rate, whatever the view's scope."""

    def get_rate(self):
        from rest_framework.settings import api_settings

        return api_settings.DEFAULT_THROTTLE_RATES.get("lookup") or self.THROTTLE_RATES.get("lookup") or "10/min"

    def allow_request(self, request, view):
        self.scope = "lookup"
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super(ScopedRateThrottle, self).allow_request(request, view)
