"""Throttles for the public API endpoints (no login).

`PublicThrottle` takes the rate `DEFAULT_THROTTLE_RATES[<view's throttle_scope>]`; `LookupThrottle` the tighter
`lookup` rate for lookups and verifications by number. Both count per client address (REMOTE_ADDR as
`TrustedProxyMiddleware` leaves it) in the `ratelimit` cache, which fails safe when Redis is down (issue 10).
Each keeps DRF's sliding log of request times, in one round trip (`ResilientRedisCache.sliding_log`) where DRF
reads the log and writes it back.
"""

from django.core.cache import caches
from rest_framework.throttling import ScopedRateThrottle, SimpleRateThrottle


class SlidingLogThrottle(SimpleRateThrottle):
    """DRF's rate throttle, its log kept by the cache in one round trip (a cache without `sliding_log`: DRF's)."""

    def allow_request(self, request, view):
        if self.rate is None or not hasattr(self.cache, "sliding_log"):
            return super().allow_request(request, view)
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        self.now = self.timer()
        self.oldest = self.cache.sliding_log(self.key, now=self.now, duration=self.duration,
                                             limit=self.num_requests)
        return self.oldest is None

    def wait(self):
        oldest = getattr(self, "oldest", None)
        if oldest is None:
            return super().wait()
        return max(0.0, self.duration - (self.now - oldest))


class PublicThrottle(ScopedRateThrottle, SlidingLogThrottle):
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
