"""lib/throttle.py: at most `limit` actions in any `window` seconds, not per clock window."""

from __future__ import annotations

from django.core.cache import cache
from hypothesis import given, settings
from hypothesis import strategies as st

from lib.throttle import take

WINDOW = 100


@settings(max_examples=200, deadline=None)
@given(
    gaps=st.lists(st.integers(min_value=0, max_value=80), min_size=1, max_size=40),
    limit=st.integers(min_value=1, max_value=5),
    count_refused=st.booleans(),
)
def test_no_window_ever_holds_more_than_the_limit(gaps, limit, count_refused):
    cache.clear()
    now, allowed = 0, []
    for gap in gaps:
        now += gap
        if take("k", limit=limit, window=WINDOW, now=now, count_refused=count_refused):
            allowed.append(now)
    for start in allowed:
        assert sum(start <= moment < start + WINDOW for moment in allowed) <= limit


def test_the_first_actions_up_to_the_limit_are_allowed():
    cache.clear()
    assert [take("k", limit=3, window=WINDOW, now=5) for _ in range(4)] == [True] * 3 + [False]
    # control: an other key has its own count
    assert take("other", limit=3, window=WINDOW, now=5)


def test_refused_actions_count_only_when_asked():
    """Whoever keeps trying while refused stays refused (count_refused), else only what was
    allowed counts."""
    cache.clear()
    for key, count_refused in (("given-back", False), ("kept", True)):
        for now in (0, WINDOW):  # two allowed, then refused on into the next slot
            for _ in range(3):
                take(key, limit=2, window=WINDOW, now=now, count_refused=count_refused)
    assert take("given-back", limit=2, window=WINDOW, now=2 * WINDOW)
    assert not take("kept", limit=2, window=WINDOW, now=2 * WINDOW)
