"""Throttles for the public API endpoints (no login): the rate is `DEFAULT_THROTTLE_RATES["public"]`."""

from rest_framework.throttling import ScopedRateThrottle


class PublicThrottle(ScopedRateThrottle):
    scope_attr = "throttle_scope"
