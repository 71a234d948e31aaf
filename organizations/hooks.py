"""What the domain apps tell organizations/ without organizations/ importing them.

The layering is `redcross` < `organizations` < `people` < domain apps, so a
figure of this app that depends on a domain app's records (a town's "work" in
its 三有, a centre's trained staff, the first-aiders near an AED) asks through
this registry. Each domain app registers its answer in its `AppConfig.ready()`;
with nothing registered the figure is simply zero.
"""

from collections.abc import Callable, Iterable
from datetime import date

# name -> fn(since: date, until: date) -> iterable of region codes where something happened.
_activity_sources: dict[str, Callable[..., Iterable[str]]] = {}
# Certificates of the training app: which numbers are valid on a day, and how many holders live per region.
_certificates: dict[str, Callable] = {}


def register_activity_source(name: str, fn: Callable[..., Iterable[str]]) -> None:
    """A kind of activity (volunteer activities, training sessions, aid cases, visits) that counts as a town's work."""
    _activity_sources[name] = fn


def register_certificate_source(*, valid_numbers: Callable, holders_by_region: Callable) -> None:
    """`valid_numbers(numbers, on) -> set` of those valid that day; `holders_by_region(codes, on) -> {code: n}`."""
    _certificates["valid_numbers"] = valid_numbers
    _certificates["holders_by_region"] = holders_by_region


def activity_sources() -> dict:
    return dict(_activity_sources)


def towns_with_activity(*, since: date, until: date) -> set[str]:
    """Codes of the towns where any registered source recorded activity in [since, until]."""
    towns = set()
    for fn in _activity_sources.values():
        for code in fn(since=since, until=until):
            if code and len(code) == 12:
                towns.add(code[:9] + "000")
    return towns


def valid_certificate_numbers(numbers: Iterable[str], *, on: date) -> set[str]:
    fn = _certificates.get("valid_numbers")
    return set(fn(list(numbers), on=on)) if fn else set()


def certificate_holders_by_region(codes: Iterable[str], *, on: date) -> dict[str, int]:
    fn = _certificates.get("holders_by_region")
    return dict(fn(list(codes), on=on)) if fn else {}


# name -> fn() -> {(region_code, key): (numerator, denominator)} stored with the day's coverage figures.
_coverage_sources: dict[str, Callable] = {}


def register_coverage_source(name: str, fn: Callable) -> None:
    """Figures a domain app adds to the nightly coverage (culture squares, village compacts)."""
    _coverage_sources[name] = fn


def coverage_sources() -> dict:
    return dict(_coverage_sources)
