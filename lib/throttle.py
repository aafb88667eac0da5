"""Counting actions per key in Django's cache, so that several app servers sharing one cache
(Redis, `CACHE_URL`) share the count.

`take()` allows at most `limit` actions in any `window` seconds, not merely per clock window: the
count is kept per fixed slot of `window` seconds, and an action is allowed only while this
slot's and the previous slot's counts together stay within the limit. Any `window` seconds span
at most two consecutive slots, and the allowed actions of two consecutive slots never exceed
`limit`. Each count is one atomic `incr`, so concurrent requests do not lose updates.
"""

from __future__ import annotations

import contextlib
import math

from django.core.cache import cache


def _slot_key(key: str, slot: int) -> str:
    return f"throttle:{key}:{slot}"


def take(key: str, *, limit: int, window: int, now: float, count_refused: bool = False) -> bool:
    """Counts one action for `key`; True if it is allowed.

    A refused action is given back unless `count_refused`: then trying on while refused keeps
    the key refused (for requests), otherwise only what was allowed counts (for mails sent).
    """
    slot = math.floor(now / window)
    current = _slot_key(key, slot)
    timeout = 2 * window + 60  # this slot is the previous one during the next window
    cache.add(current, 0, timeout=timeout)
    try:
        count = cache.incr(current)
    except ValueError:  # the key expired between add and incr
        cache.add(current, 1, timeout=timeout)
        count = 1
    previous = cache.get(_slot_key(key, slot - 1), 0)
    if previous + count <= limit:
        return True
    if not count_refused:
        with contextlib.suppress(ValueError):  # expired meanwhile: nothing to give back
            cache.decr(current)
    return False
