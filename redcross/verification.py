"""The one verification page's registry: each app says which numbers are its own and what a genuine one shows.

An app registers in its `AppConfig.ready()`:
`register(Verifier(kind, label, matches=lambda number: ..., find=lambda number: Verified(...) | None))`.
`find` returns only what may be public (masked names, no identifiers). This module never imports an app.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Verified:
    title: str
    state: str  # "valid", "expiring", "expired", "replaced", "cancelled"
    state_label: str
    fields: list = field(default_factory=list)  # [(label, value)]
    link: str = ""


@dataclass(frozen=True)
class Verifier:
    kind: str
    label: str
    matches: Callable
    find: Callable


_VERIFIERS: dict[str, Verifier] = {}


def register(verifier: Verifier) -> Verifier:
    _VERIFIERS[verifier.kind] = verifier
    return verifier


def normalise(number: str) -> str:
    return re.sub(r"\s+", "", number or "").upper()[:40]


def verify(number: str):
    """(verifier, Verified or None) for the first kind whose format the number has; (None, None) for no format."""
    number = normalise(number)
    for verifier in _VERIFIERS.values():
        if verifier.matches(number):
            return verifier, verifier.find(number)
    return None, None


def kinds() -> list[str]:
    return [verifier.label for verifier in _VERIFIERS.values()]
