"""The nightly totals check: every running figure recomputed from scratch, any drift recorded and reported.

Running figures (a fund's balance, the ledger by month, a volunteer's confirmed hours …) are kept in the same
transaction as each movement, so pages never sum millions of rows. This check is their safety net: each app
registers in its `AppConfig.ready()` a function returning its drift, `[(figure, key, kept, recomputed)]`,
and `totals_check()` runs them all, stores one `TotalsCheck` row (staff read it in the admin) and logs an
error for any drift. This module never imports an app.
"""

import logging
import time
from collections.abc import Callable

from django.utils import timezone

logger = logging.getLogger("redcross.totals")

_CHECKS: dict[str, Callable] = {}
DRIFT_KEPT = 200  # drift lines stored per check; the count is always exact


def register(name: str, check: Callable) -> None:
    """`check()` -> [(figure, key, kept, recomputed)]: every running figure of the app that differs."""
    _CHECKS[name] = check


def checks() -> dict:
    return dict(_CHECKS)


def totals_check():
    """Recompute every registered running figure from scratch; record the outcome; return the TotalsCheck row."""
    from redcross.models import TotalsCheck

    started, clock = timezone.now(), time.perf_counter()
    drift, failed = [], []
    for name, check in _CHECKS.items():
        try:
            drift += [{"check": name, "figure": f, "key": str(k), "kept": str(a), "recomputed": str(b)}
                      for f, k, a, b in check()]
        except Exception as exc:  # noqa: BLE001 - one broken check must not hide the others' drift
            logger.exception("totals check %s failed", name)
            failed.append(f"{name}: {exc.__class__.__name__}")
    record = TotalsCheck.objects.create(
        started_at=started, seconds=round(time.perf_counter() - clock, 3), checks=sorted(_CHECKS),
        drift_count=len(drift), drift=drift[:DRIFT_KEPT], failed=failed)
    if drift or failed:
        logger.error("totals check: %d running figures drifted (%s); failed: %s", len(drift),
                     ", ".join(sorted({d["figure"] for d in drift})) or "none", ", ".join(failed) or "none")
    return record
