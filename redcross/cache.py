"""Redis as a cache that degrades instead of failing (issue 10, items 9 and 10).

With Redis unreachable, a read misses and a write is dropped (both logged), so public pages are computed from
PostgreSQL and a committed write never answers 500 because of the cache. After a failure Redis is left alone for
`RETRY_AFTER` seconds, so a dead Redis costs one failed connection per process and interval, not one per call.

The rate-limit cache (`fallback: "memory"`) counts in the process's memory meanwhile: limits keep holding while
Redis is down (they fail safe, per process) instead of opening or answering 500.
"""

import logging
import os
import time

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger("redcross.cache")

FAILURES = (RedisError, OSError)
_MISSING = object()

# A sliding log of request times in one sorted set (DRF's SimpleRateThrottle keeps the same log as a pickled list,
# read and written back: two round trips). Drops what is older than the window; adds `now` unless `limit` entries
# remain, and then answers the oldest one's time (when the next request may come).
SLIDING_LOG = """
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', tonumber(ARGV[1]) - tonumber(ARGV[2]))
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then
    return redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')[2]
end
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[4])
redis.call('PEXPIRE', KEYS[1], math.ceil(tonumber(ARGV[2]) * 1000))
return false
"""


class ReusedClient(RedisCacheClient):
    """One `redis.Redis` per connection pool, kept: Django's client builds a new one, with its table of about 170
    response callbacks, for every cache call (several per request: the principal, the limits, the page cache)."""

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        clients = self.__dict__.setdefault("_clients", {})
        client = clients.get(id(pool))
        if client is None:
            client = clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ResilientRedisCache(RedisCache):
    RETRY_AFTER = 5.0

    def __init__(self, server, params):
        params = dict(params)
        options = dict(params.get("OPTIONS") or {})
        fallback = options.pop("fallback", None)
        self.retry_after = float(options.pop("retry_after", self.RETRY_AFTER))
        params["OPTIONS"] = options
        super().__init__(server, params)
        self._class = ReusedClient
        self._down_until = 0.0
        self._memory = LocMemCache(f"fallback-{id(self)}", {"OPTIONS": {"MAX_ENTRIES": 100000}}) \
            if fallback == "memory" else None

    @property
    def available(self) -> bool:
        return time.monotonic() >= self._down_until

    def _failed(self, exc, method):
        if self.available:
            logger.warning("Redis unreachable (%s in %s): degrading for %.0fs", exc.__class__.__name__, method,
                           self.retry_after)
        self._down_until = time.monotonic() + self.retry_after

    def _call(self, method, default, *args, **kwargs):
        if self.available:
            try:
                return getattr(super(), method)(*args, **kwargs)
            except FAILURES as exc:
                self._failed(exc, method)
        if self._memory is not None:
            return getattr(self._memory, method)(*args, **kwargs)
        return default() if callable(default) else default

    def get(self, key, default=None, version=None):
        return self._call("get", default, key, default, version)

    def set(self, key, value, timeout=_MISSING, version=None):
        args = (key, value) if timeout is _MISSING else (key, value, timeout)
        return self._call("set", None, *args, version=version)

    def add(self, key, value, timeout=_MISSING, version=None):
        args = (key, value) if timeout is _MISSING else (key, value, timeout)
        return self._call("add", False, *args, version=version)

    def touch(self, key, timeout=_MISSING, version=None):
        args = (key,) if timeout is _MISSING else (key, timeout)
        return self._call("touch", False, *args, version=version)

    def delete(self, key, version=None):
        return self._call("delete", False, key, version)

    def get_many(self, keys, version=None):
        return self._call("get_many", dict, keys, version)

    def set_many(self, data, timeout=_MISSING, version=None):
        args = (data,) if timeout is _MISSING else (data, timeout)
        return self._call("set_many", list, *args, version=version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", None, keys, version)

    def has_key(self, key, version=None):
        return self._call("has_key", False, key, version)

    def incr(self, key, delta=1, version=None):
        def missing():
            raise ValueError(f"Key '{key}' not found")

        return self._call("incr", missing, key, delta, version)

    def clear(self):
        return self._call("clear", None)

    def sliding_log(self, key, *, now: float, duration: float, limit: int, version=None):
        """Count one request at `now` in `key`'s log of the last `duration` seconds, unless `limit` are there.

        None when it counted; else the time of the oldest request in the window. One round trip (a script in
        Redis); with Redis down, the same log in the process's memory (fallback "memory"), or None (not counted).
        """
        if self.available:
            try:
                client = self._cache.get_client(key, write=True)
                scripts = self.__dict__.setdefault("_scripts", {})
                script = scripts.get(id(client))
                if script is None:
                    script = scripts[id(client)] = client.register_script(SLIDING_LOG)
                oldest = script(keys=[self.make_and_validate_key(key, version=version)],
                                args=[repr(now), repr(duration), limit, f"{now!r}:{os.urandom(4).hex()}"])
                return None if oldest is None else float(oldest)
            except FAILURES as exc:
                self._failed(exc, "sliding_log")
        if self._memory is None:
            return None
        log = [moment for moment in self._memory.get(key, [], version=version) if moment > now - duration]
        if len(log) >= limit:
            return min(log)
        self._memory.set(key, [*log, now], duration, version=version)
        return None

    def get_or_set(self, key, default, timeout=_MISSING, version=None):
        value = self.get(key, _MISSING, version=version)
        if value is _MISSING:
            value = default() if callable(default) else default
            if value is not None:
                if timeout is _MISSING:
                    self.add(key, value, version=version)
                else:
                    self.add(key, value, timeout, version=version)
                got = self.get(key, _MISSING, version=version)
                value = value if got is _MISSING else got
        return value


def redis_ping(alias="default") -> None:
    """Raise unless Redis answers (the health check asks Redis itself, not the degrading wrapper)."""
    from django.core.cache import caches

    backend = caches[alias]
    client = backend._cache.get_client(None, write=True)
    client.ping()
