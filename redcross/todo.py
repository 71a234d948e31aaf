"""The workbench's to-do panel: what waits for this user, one line per kind of work.

An app registers a function in its `AppConfig.ready()`:
`register(lambda user: [Todo(label, count, url), ...])`, returning only what the
user's role may act on, counted within the user's scope. This module never
imports an app.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Todo:
    label: str
    count: int
    url: str


_SOURCES: list[Callable] = []


def register(source: Callable) -> Callable:
    if source not in _SOURCES:
        _SOURCES.append(source)
    return source


def todos_for(user) -> list[Todo]:
    """Every registered item for the user with something waiting, largest first."""
    items = []
    for source in _SOURCES:
        items.extend(item for item in source(user) if item.count)
    return sorted(items, key=lambda item: -item.count)
