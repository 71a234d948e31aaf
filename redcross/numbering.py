from django.db import transaction

from redcross.models import Counter


def next_number(key: str) -> int:
    """The next number of a series, gapless and unique under any concurrency.

    Must run inside the transaction that uses the number.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("next_number() must run inside the transaction that uses the number")
    Counter.objects.get_or_create(key=key)
    counter = Counter.objects.select_for_update().get(key=key)
    counter.value += 1
    counter.save(update_fields=["value"])
    return counter.value


def next_numbers(key: str, count: int, *, nowait=False) -> range:
    """Reserve `count` consecutive numbers of a series at once (bulk imports); gapless like next_number().

    With `nowait`, a series whose counter another transaction holds raises DatabaseError at once instead of waiting
    (a streamed import, which holds other counters already)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("next_numbers() must run inside the transaction that uses the numbers")
    Counter.objects.get_or_create(key=key)
    counter = Counter.objects.select_for_update(nowait=nowait).get(key=key)
    first = counter.value + 1
    counter.value += count
    counter.save(update_fields=["value"])
    return range(first, counter.value + 1)
