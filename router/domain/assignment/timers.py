"""Deadlines the sweep acts on: offer expiry, step widening, offline grace, presence.

Entries are never cancelled; each is checked against current state when it falls due, which
keeps scheduling O(log n) and makes a stale entry harmless.
"""

from __future__ import annotations

import enum
import heapq
from itertools import count


class TimerKind(enum.IntEnum):
    OFFER = 0
    GRACE = 1
    PRESENCE = 2
    STEP = 3


class Timers:
    def __init__(self) -> None:
        self._heap: list[tuple[float, int, TimerKind, str]] = []
        self._seq = count()

    def __len__(self) -> int:
        return len(self._heap)

    def schedule(self, at: float, kind: TimerKind, key: str) -> None:
        heapq.heappush(self._heap, (at, next(self._seq), kind, key))

    def pop_due(self, now: float) -> tuple[float, TimerKind, str] | None:
        if self._heap and self._heap[0][0] <= now:
            at, _, kind, key = heapq.heappop(self._heap)
            return at, kind, key
        return None
