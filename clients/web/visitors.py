"""Each visitor's recent outbound messages, numbered, so an SSE stream can resume.

Delivery is at least once, end to end: the router's delivery is acknowledged once it is in
the visitor's buffer here; a browser that was away gets what it missed on reconnect
(EventSource sends Last-Event-ID), as long as it is among the visitor's last BUFFERED events
and this adapter process has not restarted. A delivery the router re-streams keeps its id and
is kept once. The widget drops repeats by `delivery_id` too.
"""

from __future__ import annotations

import asyncio
import secrets
from collections import OrderedDict
from typing import Any

from clients.event_buffer import EventBuffer

# Per visitor: a long conversation's worth; older events are only in the router's history.
BUFFERED = 200
# Visitors remembered by one process; the least recently active are forgotten first.
MAX_VISITORS = 20_000


class VisitorBuffers:
    def __init__(self) -> None:
        self._visitors: OrderedDict[str, EventBuffer[dict[str, Any]]] = OrderedDict()
        self.closed = asyncio.Event()
        # One epoch for the process (see clients.event_buffer): a browser coming back after a
        # restart is recognised and sent everything buffered.
        self.epoch = secrets.token_hex(4)

    def _get(self, visitor_id: str) -> EventBuffer[dict[str, Any]]:
        visitor = self._visitors.get(visitor_id)
        if visitor is None:
            visitor = self._visitors[visitor_id] = EventBuffer(BUFFERED)
            while len(self._visitors) > MAX_VISITORS:
                self._visitors.popitem(last=False)
        self._visitors.move_to_end(visitor_id)
        return visitor

    def publish(self, visitor_id: str, event: dict[str, Any]) -> None:
        visitor = self._get(visitor_id)
        if any(e["delivery_id"] == event["delivery_id"] for e in visitor):
            return  # the router streamed it again (at least once): keep one
        visitor.append(event)

    def after(self, visitor_id: str, last_id: int) -> list[tuple[int, dict[str, Any]]]:
        return self._get(visitor_id).after(last_id)

    async def wait(self, visitor_id: str, last_id: int, timeout: float) -> None:
        """Returns when the visitor has an event after `last_id`, on close, or after
        `timeout`."""
        await self._get(visitor_id).wait(last_id, timeout, self.closed)
