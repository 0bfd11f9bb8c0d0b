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
from collections import OrderedDict, deque
from dataclasses import dataclass, field
from typing import Any

# Per visitor: a long conversation's worth; older events are only in the router's history.
BUFFERED = 200
# Visitors remembered by one process; the least recently active are forgotten first.
MAX_VISITORS = 20_000


@dataclass
class Visitor:
    events: deque[tuple[int, dict[str, Any]]] = field(
        default_factory=lambda: deque(maxlen=BUFFERED)
    )
    next_id: int = 1
    changed: asyncio.Event = field(default_factory=asyncio.Event)


class VisitorBuffers:
    def __init__(self) -> None:
        self._visitors: OrderedDict[str, Visitor] = OrderedDict()
        self.closed = asyncio.Event()
        # Event ids are "<epoch>.<n>": a browser coming back after a restart is recognised
        # and sent everything buffered, instead of skipping the first n new events.
        self.epoch = secrets.token_hex(4)

    def _get(self, visitor_id: str) -> Visitor:
        visitor = self._visitors.get(visitor_id)
        if visitor is None:
            visitor = self._visitors[visitor_id] = Visitor()
            while len(self._visitors) > MAX_VISITORS:
                self._visitors.popitem(last=False)
        self._visitors.move_to_end(visitor_id)
        return visitor

    def publish(self, visitor_id: str, event: dict[str, Any]) -> None:
        visitor = self._get(visitor_id)
        if any(e["delivery_id"] == event["delivery_id"] for _, e in visitor.events):
            return  # the router streamed it again (at least once): keep one
        visitor.events.append((visitor.next_id, event))
        visitor.next_id += 1
        visitor.changed.set()

    def after(self, visitor_id: str, last_id: int) -> list[tuple[int, dict[str, Any]]]:
        return [(i, e) for i, e in self._get(visitor_id).events if i > last_id]

    async def wait(self, visitor_id: str, last_id: int, timeout: float) -> None:
        """Returns when the visitor has an event after `last_id`, on close, or after
        `timeout`."""
        visitor = self._get(visitor_id)
        changed = visitor.changed
        changed.clear()
        if visitor.next_id - 1 > last_id:
            return  # published while the caller was busy sending
        closing = asyncio.ensure_future(self.closed.wait())
        waiting = asyncio.ensure_future(changed.wait())
        try:
            await asyncio.wait({closing, waiting}, timeout=timeout, return_when="FIRST_COMPLETED")
        finally:
            closing.cancel()
            waiting.cancel()
