"""What `pytest -n` (pytest-xdist) workers must not share; loaded by `make test` (`-p tests.parallel`).

- The database: pytest-django gives each worker its own (`test_redcross_gw0`, …), copied from the template.
- Redis: each worker gets its own database number on the embedded server, so one worker's rate-limit resets,
  cache entries and Celery queue never reach another's. This runs at import, in the worker process, before
  pytest-django loads the settings that read REDIS_URL.
- The Redis server itself: a test that stops it (the `redis_down` fixture of tests/security/test_faults.py)
  runs alone. Every test holds a shared lock; such a test waits for the exclusive one, and the other workers
  wait between tests until Redis is back.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
from pathlib import Path

import pytest

WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
LOCKS = Path(__file__).resolve().parent.parent / ".data" / "test-locks"
STOPS_REDIS = "redis_down"


def _worker_redis_url(url: str, worker: str) -> str:
    """unix://…/redis.sock?db=1 for `make test` becomes db=2, 3, … for workers gw0, gw1, …"""
    number = int(worker.removeprefix("gw")) + 2
    if re.search(r"[?&]db=\d+", url):
        return re.sub(r"([?&]db=)\d+", rf"\g<1>{number}", url)
    if url.startswith("unix://"):
        return f"{url}{'&' if '?' in url else '?'}db={number}"
    return re.sub(r"(redis://[^/?]+)(/\d+)?", rf"\g<1>/{number}", url, count=1)


if WORKER and os.environ.get("REDIS_URL"):
    os.environ["REDIS_URL"] = _worker_redis_url(os.environ["REDIS_URL"], WORKER)


@contextlib.contextmanager
def _redis_turn(exclusive: bool):
    """A readers-writer lock across processes; a waiting writer goes before new readers (the gate)."""
    LOCKS.mkdir(parents=True, exist_ok=True)
    with open(LOCKS / "gate", "a") as gate, open(LOCKS / "redis", "a") as server:
        fcntl.flock(gate, fcntl.LOCK_EX)
        try:
            fcntl.flock(server, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
        finally:
            if not exclusive:
                fcntl.flock(gate, fcntl.LOCK_UN)
        try:
            yield
        finally:
            fcntl.flock(server, fcntl.LOCK_UN)
            if exclusive:
                fcntl.flock(gate, fcntl.LOCK_UN)


@pytest.fixture(autouse=True)
def _redis_server_turn(request):
    if not WORKER:
        yield
        return
    with _redis_turn(exclusive=STOPS_REDIS in request.fixturenames):
        yield
