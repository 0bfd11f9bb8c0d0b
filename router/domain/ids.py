"""Identifiers: sortable by creation time, unguessable, readable in logs by their prefix."""

from __future__ import annotations

import os
from typing import Protocol

from router.domain.clock import Clock

_CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz"


class IdFactory(Protocol):
    def new(self, prefix: str) -> str: ...


class UlidFactory:
    """ULID-shaped ids (48-bit milliseconds + 80 random bits, Crockford base32), prefixed.

    Time-ordered ids keep SQLite's B-tree inserts at the right edge, which matters for a
    table that only ever grows.
    """

    def __init__(self, clock: Clock) -> None:
        self._clock = clock

    def new(self, prefix: str) -> str:
        millis = int(self._clock.now() * 1000) & ((1 << 48) - 1)
        value = (millis << 80) | int.from_bytes(os.urandom(10), "big")
        chars = []
        for _ in range(26):
            chars.append(_CROCKFORD[value & 31])
            value >>= 5
        return f"{prefix}_{''.join(reversed(chars))}"
