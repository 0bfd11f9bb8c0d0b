"""One live link to the router per signed-in operator, shared by all their browser tabs.

The router keeps one desk session per operator (a second one closes the first), so the web
app holds that session, not the browser: an `OperatorLink` reads the operator's desk events,
sends the heartbeats, keeps the open offers, and fans each event out to every tab through a
numbered buffer that an SSE stream resumes from (Last-Event-ID). When the router drops, the
link tells the tabs it is reconnecting, retries with backoff, and resumes from its cursor;
the tabs reload their state when it is back.

A link whose operator has had no tab open for `idle_seconds` closes; the router then turns
the operator OFFLINE after three missed heartbeats, as it would for a closed laptop.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from clients.backoff import RetryPolicy
from clients.desk.desk_client import DeskClient
from clients.desk.json_views import enum_json, timestamp_json, to_json
from clients.errors import NotFound, RouterError, RouterUnavailable, Unauthenticated
from clients.event_buffer import EventBuffer
from router.v1 import common_pb2, operator_desk_pb2

log = logging.getLogger(__name__)

# Per operator: a working day's events are far fewer; older ones are in the router.
BUFFERED = 500
RECONNECT = RetryPolicy(initial_backoff=0.2, max_backoff=3.0, multiplier=2.0)
_STATUS = common_pb2.OperatorStatus.DESCRIPTOR
_CLOSE_REASON = operator_desk_pb2.OfferCloseReason.DESCRIPTOR
_CHANGE = operator_desk_pb2.ConversationChange.DESCRIPTOR

Event = dict[str, Any]


def desk_event_json(event: operator_desk_pb2.DeskEvent) -> Event | None:
    """A router desk event as the page's `desk` event; None for kinds this app does not know."""
    kind = event.WhichOneof("kind")
    if kind == "session_started":
        started = event.session_started
        return {
            "type": kind,
            "operator": to_json(started.operator),
            "resumed": started.resumed,
        }
    if kind == "heartbeat":
        return {"type": kind, "server_time": timestamp_json(event.heartbeat.server_time)}
    if kind == "offer":
        return {"type": kind, **to_json(event.offer)}
    if kind == "offer_closed":
        closed = event.offer_closed
        return {
            "type": kind,
            "offer_id": closed.offer_id,
            "conversation_id": closed.conversation_id,
            "reason": enum_json(_CLOSE_REASON, closed.reason),
        }
    if kind == "message":
        return {"type": kind, "message": to_json(event.message)}
    if kind == "conversation_update":
        update = event.conversation_update
        return {
            "type": kind,
            "change": enum_json(_CHANGE, update.change),
            "conversation": to_json(update.conversation),
        }
    if kind == "status_changed":
        changed = event.status_changed
        return {
            "type": kind,
            "status": enum_json(_STATUS, changed.status),
            "changed_by": changed.changed_by,
        }
    if kind == "delivery_failed":
        return {"type": kind, **to_json(event.delivery_failed)}
    return None


@dataclass
class Published:
    name: str  # the SSE event name: "desk" or "link"
    data: Event


class OperatorLink:
    def __init__(
        self,
        operator_id: str,
        client: DeskClient,
        *,
        idle_seconds: float = 60.0,
        on_closed: Callable[[OperatorLink], None] | None = None,
    ) -> None:
        self.operator_id = operator_id
        self.client = client
        self.offers: dict[str, Event] = {}
        self.connected = False
        # Event ids are "<epoch>.<n>": a tab coming back after a new link (or a restart)
        # is recognised and sent the whole buffer instead of skipping the first n events.
        self.epoch = secrets.token_hex(4)
        self._events: EventBuffer[Published] = EventBuffer(BUFFERED)
        self._closed = asyncio.Event()
        self._cursor = ""
        self._session_id = ""
        self._heartbeat_s = 10.0
        self._idle_seconds = idle_seconds
        self._watchers = 0
        self._idle_since: float | None = None
        self._on_closed = on_closed
        self._task: asyncio.Task[None] | None = None
        self._watchdog: asyncio.Task[None] | None = None
        self._rng = random.Random()

    # --- lifecycle ---------------------------------------------------------------------

    def start(self) -> None:
        if self._task is None:
            if not self._watchers:  # no tab yet: the idle clock runs from now
                self._idle_since = asyncio.get_running_loop().time()
            self._task = asyncio.create_task(self._run(), name=f"desk-link {self.operator_id}")
            self._watchdog = asyncio.create_task(self._close_when_idle())

    async def close(self) -> None:
        self._closed.set()
        for task in (self._task, self._watchdog):
            if task is not None:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task

    async def _close_when_idle(self) -> None:
        # Its own timer: a quiet router session (or one stuck reconnecting) sends no events
        # that the stream loop could check the idle time on.
        while not self.closed:
            await asyncio.sleep(min(1.0, self._idle_seconds / 2))
            if self._idle_too_long() and self._task is not None:
                self._task.cancel()
                return

    @property
    def closed(self) -> bool:
        return self._closed.is_set()

    # --- what the tabs read --------------------------------------------------------------

    def watch(self) -> None:
        self._watchers += 1
        self._idle_since = None

    def unwatch(self) -> None:
        self._watchers -= 1
        if self._watchers <= 0:
            self._watchers = 0
            self._idle_since = asyncio.get_running_loop().time()

    def after(self, number: int) -> list[tuple[int, Published]]:
        """The buffered events after the one numbered `number` (see `event_number`)."""
        return self._events.after(number)

    @property
    def last_number(self) -> int:
        return self._events.last_number

    def event_id(self, number: int) -> str:
        return f"{self.epoch}.{number}"

    async def wait(self, number: int, timeout: float, *until: asyncio.Event) -> None:
        """Returns when there is an event after `number`, on close, when one of `until` is
        set, or after `timeout`."""
        await self._events.wait(number, timeout, self._closed, *until)

    def open_offers(self) -> list[Event]:
        return sorted(self.offers.values(), key=lambda o: o["expires_at"] or "")

    # --- the router side ---------------------------------------------------------------

    def _publish(self, name: str, data: Event) -> None:
        self._events.append(Published(name, data))

    def _set_connected(self, connected: bool) -> None:
        if connected != self.connected:
            self.connected = connected
            self._publish("link", {"state": "connected" if connected else "reconnecting"})

    async def _run(self) -> None:
        try:
            await self._follow()
        finally:
            self._closed.set()
            if self._on_closed is not None:
                self._on_closed(self)

    async def _follow(self) -> None:
        delays = RECONNECT.delays(self._rng)
        first = True
        while not self.closed:
            try:
                await self._stream(first)
                delays = RECONNECT.delays(self._rng)  # a clean end: start the backoff over
            except Unauthenticated:
                log.info("operator token refused; closing the link", extra=self._log)
                self._publish("link", {"state": "signed_out"})
                return
            except RouterError as error:
                log.warning(
                    "desk stream failed; reconnecting",
                    extra={**self._log, "code": error.code.name},
                )
            first = False
            self._set_connected(False)
            # Past the policy's attempts keep trying at its slowest pace: an operator's desk
            # should come back on its own however long the router was away.
            delay = next(delays, None)
            await asyncio.sleep(
                delay if delay is not None else self._rng.uniform(0, RECONNECT.max_backoff)
            )

    async def _stream(self, first: bool) -> None:
        heartbeats: asyncio.Task[None] | None = None
        try:
            async for event in self.client.events(self._cursor, initial_available=first):
                kind = event.WhichOneof("kind")
                if kind == "session_started":
                    started = event.session_started
                    self._session_id = started.session_id
                    self._heartbeat_s = started.heartbeat_interval.ToTimedelta().total_seconds()
                    if not started.resumed:
                        self.offers.clear()  # the open ones follow as offer events
                    if heartbeats is None:
                        heartbeats = asyncio.create_task(self._heartbeats())
                    self._set_connected(True)
                self._remember(event)
                if event.cursor:
                    self._cursor = event.cursor
        finally:
            if heartbeats is not None:
                heartbeats.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await heartbeats

    def _remember(self, event: operator_desk_pb2.DeskEvent) -> None:
        data = desk_event_json(event)
        if data is None:
            return
        if data["type"] == "offer":
            self.offers[data["offer_id"]] = data
        elif data["type"] == "offer_closed":
            self.offers.pop(data["offer_id"], None)
        self._publish("desk", data)

    async def _heartbeats(self) -> None:
        # Half the interval: the router turns an operator OFFLINE after three missed ones,
        # and one slow call must not come close to that.
        while True:
            await asyncio.sleep(max(0.2, self._heartbeat_s / 2))
            try:
                await self.client.heartbeat(self._session_id)
            except NotFound:
                return  # the session ended; the stream ends with it and is reopened
            except RouterUnavailable:
                continue  # the stream notices too and reconnects
            except RouterError as error:
                log.warning("heartbeat failed", extra={**self._log, "code": error.code.name})

    def _idle_too_long(self) -> bool:
        if self._idle_since is None:
            return False
        return asyncio.get_running_loop().time() - self._idle_since >= self._idle_seconds

    @property
    def _log(self) -> dict[str, str]:
        return {"operator_id": self.operator_id}
