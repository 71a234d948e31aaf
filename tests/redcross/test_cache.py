"""The rate-limit cache's sliding log (redcross.cache.ResilientRedisCache.sliding_log): DRF's throttle log in one
round trip, the same answers in Redis and in the process's memory while Redis is down."""

import secrets

import pytest
from django.core.cache import caches

from redcross.cache import ResilientRedisCache


def unreachable():
    return ResilientRedisCache("unix:///nonexistent/redis.sock", {"OPTIONS": {"fallback": "memory"}})


@pytest.mark.parametrize("cache", [lambda: caches["ratelimit"], unreachable], ids=["redis", "redis down"])
def test_the_log_counts_to_its_limit_answers_when_to_come_back_and_slides(cache):
    cache, key = cache(), f"log-{secrets.token_hex(6)}"
    start = 1_800_000_000.25
    answers = [cache.sliding_log(key, now=start + step, duration=60, limit=3) for step in range(4)]
    assert answers[:3] == [None, None, None]
    assert answers[3] == pytest.approx(start)  # refused: the oldest of the three, gone at start + 60
    assert cache.sliding_log(key, now=start + 59.9, duration=60, limit=3) == pytest.approx(start)  # not counted
    assert cache.sliding_log(key, now=start + 60.0, duration=60, limit=3) is None  # the first one left the window
    assert cache.sliding_log(key, now=start + 60.5, duration=60, limit=3) == pytest.approx(start + 1)
    # Another key (another address) has its own log.
    assert cache.sliding_log(f"{key}-other", now=start + 60.5, duration=60, limit=3) is None


def test_one_round_trip_a_request(monkeypatch):
    """DRF's throttle read the log and wrote it back; the script answers in one call to Redis."""
    cache, key = caches["ratelimit"], f"log-{secrets.token_hex(6)}"
    cache.sliding_log(key, now=1.0, duration=60, limit=5)
    client = cache._cache.get_client(key, write=True)
    calls = []
    real = type(client).execute_command
    monkeypatch.setattr(type(client), "execute_command",
                        lambda self, *args, **kwargs: calls.append(args[0]) or real(self, *args, **kwargs))
    assert cache.sliding_log(key, now=2.0, duration=60, limit=5) is None
    assert calls == ["EVALSHA"]
