"""Exponential backoff with full jitter, bounded by attempts and by total time."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    # Attempts in all, the first one included; 1 means "never retry".
    max_attempts: int = 5
    initial_backoff: float = 0.1
    max_backoff: float = 2.0
    multiplier: float = 2.0
    # A retry that would start after this many seconds from the first attempt is not made,
    # so a caller that must answer someone (a webhook) answers in bounded time.
    total_seconds: float = 10.0

    def delays(self, rng: random.Random | None = None) -> Iterator[float]:
        """The pause before each retry. Full jitter spreads the retries of many clients that
        failed together, so a router coming back is not hit by all of them at once."""
        rng = rng or random.Random()
        ceiling = self.initial_backoff
        for _ in range(self.max_attempts - 1):
            yield rng.uniform(0.0, min(ceiling, self.max_backoff))
            ceiling *= self.multiplier
