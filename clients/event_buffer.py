"""A numbered buffer of recent events that a server-sent-event stream resumes from.

Each event gets the next number; a stream sends them with ids "<epoch>.<number>", where the
epoch names the buffer's owner (the process, or one operator's link). A browser that comes
back with a Last-Event-ID of the same epoch gets what it missed; one with another epoch (the
owner restarted, numbering began again) gets everything buffered instead of skipping the
first n events. The web chat and the operators' desk both stream this way.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Iterator
from typing import Generic, TypeVar

T = TypeVar("T")


def event_number(last_event_id: str, epoch: str) -> int:
    """The number in an id "<epoch>.<n>" of this epoch; 0 (send all buffered) otherwise."""
    given_epoch, _, number = last_event_id.partition(".")
    return int(number) if given_epoch == epoch and number.isdigit() else 0


class EventBuffer(Generic[T]):
    def __init__(self, size: int) -> None:
        self._events: deque[tuple[int, T]] = deque(maxlen=size)
        self._next = 1
        self._changed = asyncio.Event()

    @property
    def last_number(self) -> int:
        """The newest event's number (0 before the first): `after` it is what comes next."""
        return self._next - 1

    def append(self, item: T) -> int:
        number = self._next
        self._events.append((number, item))
        self._next += 1
        self._changed.set()
        return number

    def __iter__(self) -> Iterator[T]:
        return (item for _, item in self._events)

    def after(self, number: int) -> list[tuple[int, T]]:
        return [(n, item) for n, item in self._events if n > number]

    async def wait(self, number: int, timeout: float, *until: asyncio.Event) -> None:
        """Returns when there is an event after `number`, when one of `until` is set, or
        after `timeout`."""
        self._changed.clear()
        if self.last_number > number or any(event.is_set() for event in until):
            return  # appended while the caller was busy sending
        waits = {asyncio.ensure_future(e.wait()) for e in (self._changed, *until)}
        try:
            await asyncio.wait(waits, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for waiting in waits:
                waiting.cancel()
