"""A per-user rate limit in each conversation: at most N messages in any 60-second window."""

import time
from collections import deque
from collections.abc import Callable

WINDOW_SECONDS = 60.0


class RateLimiter:
    """Sliding-window counter per key; forgets keys that have gone quiet."""

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic):
        self._limit = per_minute
        self._clock = clock
        self._events: dict[str, deque[float]] = {}

    def allow(self, key: str) -> bool:
        """Record one message for the key; False when it is over the limit (the message is dropped)."""
        if self._limit <= 0:
            return True
        now = self._clock()
        events = self._events.setdefault(key, deque())
        while events and now - events[0] >= WINDOW_SECONDS:
            events.popleft()
        if len(events) >= self._limit:
            return False
        events.append(now)
        if len(self._events) > 10_000:
            self._forget_quiet(now)
        return True

    def _forget_quiet(self, now: float) -> None:
        quiet = [key for key, events in self._events.items() if not events or now - events[-1] >= WINDOW_SECONDS]
        for key in quiet:
            del self._events[key]
