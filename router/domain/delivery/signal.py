"""Wakes the streams of a channel when something changed for it."""

from __future__ import annotations

import asyncio
import contextlib

from router.domain.channels import Channel


class ChannelSignal:
    """A per-channel wake-up. Waiters re-read the store after waking, so a missed or
    spurious wake-up costs at most one poll interval, never a delivery."""

    def __init__(self) -> None:
        self._events: dict[Channel, asyncio.Event] = {}

    def notify(self, channel: Channel) -> None:
        event = self._events.pop(channel, None)
        if event is not None:
            event.set()

    def waiter(self, channel: Channel) -> asyncio.Event:
        """Take this before reading the store and wait on it after finding nothing: a
        notify that lands in between has set it already, so no wake-up is lost."""
        return self._events.setdefault(channel, asyncio.Event())

    @staticmethod
    async def wait(waiter: asyncio.Event, timeout: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(waiter.wait(), timeout)
