"""Operators' sessions: one stream per operator of offers, messages and changes.

A session merges two ordered logs into one position: the assignment engine's events (offers,
acceptances, transfers …) and the messages table. The cursor "<event id>.<step>.<message
seq>" names both, plus how many desk events of that engine event were already sent (one
engine event can become two, e.g. an accept closes the offer and assigns the conversation).
"""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

from router.domain.assignment import AssignmentEvent, EventKind, OperatorStatus
from router.domain.desk.events import (
    ConversationChanged,
    DeskEvent,
    NewMessage,
    OfferClosed,
    OfferMade,
    Payload,
    ServerHeartbeat,
    SessionStarted,
    StatusChanged,
)
from router.domain.desk.service import Desk
from router.domain.directory import Caller, Role
from router.domain.errors import AbortedError, InvalidArgumentError, NotFoundError

_CLOSED = {
    EventKind.DECLINED: "declined",
    EventKind.OFFER_EXPIRED: "expired",
    EventKind.OFFER_REVOKED: "revoked",
}
_CHANGES = {
    EventKind.QUEUED: "queued",
    EventKind.ASSIGNED: "assigned",
    EventKind.REQUEUED: "requeued",
    EventKind.TRANSFERRED: "transferred",
    EventKind.RESOLVED: "resolved",
}
BATCH = 200


@dataclass(frozen=True, slots=True)
class Cursor:
    event_id: int
    step: int  # desk events of `event_id` already sent
    message_seq: int

    def __str__(self) -> str:
        return f"{self.event_id}.{self.step}.{self.message_seq}"

    @staticmethod
    def parse(text: str) -> Cursor:
        parts = text.split(".")
        if len(parts) != 3 or not all(p.isdigit() for p in parts):
            raise InvalidArgumentError("cursor", "not a cursor this router issued")
        return Cursor(int(parts[0]), int(parts[1]), int(parts[2]))


@dataclass
class Session:
    session_id: str
    operator_id: str
    replaced: asyncio.Event = field(default_factory=asyncio.Event)


class Sessions:
    def __init__(self, desk: Desk) -> None:
        self._desk = desk
        self._open: dict[str, Session] = {}  # operator id → their one session

    def heartbeat(self, caller: Caller, session_id: str) -> float:
        """Keeps the session's operator present; returns when the next beat is due."""
        if not session_id:
            raise InvalidArgumentError("session_id", "required")
        session = self._open.get(caller.operator_id)
        if session is None or session.session_id != session_id:
            raise NotFoundError(f"session {session_id} has ended; open a new one")
        self._desk.engine.heartbeat(caller.operator_id)
        return self._desk.clock.now() + 3 * self._desk.settings.heartbeat_s

    async def stream(
        self, caller: Caller, cursor: str, initial_status: OperatorStatus | None
    ) -> AsyncIterator[DeskEvent]:
        resume = Cursor.parse(cursor) if cursor else None
        previous = self._open.get(caller.operator_id)
        if previous is not None:
            previous.replaced.set()  # one session per operator: the older one ends ABORTED
        session = Session(uuid.uuid4().hex, caller.operator_id)
        self._open[caller.operator_id] = session
        try:
            async for event in _SessionRun(self._desk, caller, session, resume).run(initial_status):
                yield event
        finally:
            if self._open.get(caller.operator_id) is session:
                del self._open[caller.operator_id]


class _SessionRun:
    def __init__(self, desk: Desk, caller: Caller, session: Session, resume: Cursor | None) -> None:
        self.desk = desk
        self.caller = caller
        self.session = session
        self.resume = resume
        self.offer_ids: dict[str, str] = {}  # conversation id → its open offer to the caller
        # Offers already sent: a fresh session lists its open offers, and the log it reads
        # next may hold the events that made them.
        self.announced: set[str] = set()
        self.beats = 0

    async def run(self, initial_status: OperatorStatus | None) -> AsyncIterator[DeskEvent]:
        desk, me = self.desk, self.caller.operator_id
        if self.resume is not None:
            position = self.resume
        else:
            event_id, message_seq = await desk.store.positions()
            position = Cursor(event_id, 0, message_seq)
        desk.engine.heartbeat(me)
        if initial_status is not None:
            await desk.set_status(self.caller, initial_status)
        operator = desk.directory.view(await desk.directory.operator(me))
        started = SessionStarted(
            self.session.session_id, operator, desk.settings.heartbeat_s, self.resume is not None
        )
        yield self._event(position, started, suffix="s")
        if self.resume is None:
            # A fresh session learns its open offers here; later ones come as events.
            for offer in desk.engine.pending_offers(me):
                made = await self._offer(offer.offer_id, offer.conversation_id, offer.expires_at)
                if made is not None:
                    yield self._event(position, made, suffix=offer.offer_id)
        idle_since = desk.clock.monotonic()
        while True:
            if self.session.replaced.is_set():
                raise AbortedError(f"a newer session of {me} replaced this one")
            sent = False
            events = desk.events_after(position.event_id - (1 if position.step else 0), BATCH)
            for engine_event in events:
                skip = position.step if engine_event.event_id == position.event_id else 0
                payloads = await self._translate(engine_event)
                for step, payload in enumerate(payloads, start=1):
                    if step <= skip:
                        continue
                    position = Cursor(engine_event.event_id, step, position.message_seq)
                    yield self._event(position, payload, at=engine_event.at)
                    sent = True
                position = Cursor(engine_event.event_id, 0, position.message_seq)
            held = [
                c.conversation_id
                for c in desk.engine.conversations()
                if c.operator_id == me and c.offer is None
            ]
            messages, top = await desk.store.messages_after(position.message_seq, held, BATCH)
            for message in messages:
                position = Cursor(position.event_id, 0, message.seq)
                yield self._event(position, NewMessage(message), at=message.received_at)
                sent = True
            position = Cursor(position.event_id, 0, max(position.message_seq, top))
            now = desk.clock.monotonic()
            if sent:
                idle_since = now
            elif now - idle_since >= desk.settings.heartbeat_s:
                self.beats += 1
                beat = ServerHeartbeat(desk.clock.now())
                yield self._event(position, beat, suffix=f"hb{self.beats}")
                idle_since = now
            if len(events) < BATCH:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self.session.replaced.wait(), desk.settings.poll_s)

    def _event(
        self, position: Cursor, payload: Payload, *, at: float | None = None, suffix: str = ""
    ) -> DeskEvent:
        cursor = str(position)
        event_id = f"{cursor}:{suffix}" if suffix else cursor
        return DeskEvent(event_id, cursor, at if at is not None else self.desk.clock.now(), payload)

    async def _translate(self, event: AssignmentEvent) -> list[Payload]:
        """What one engine event means to this operator: nothing, or one or two events."""
        me = self.caller.operator_id
        cid = event.conversation_id
        mine = event.operator_id == me
        kind = event.kind
        if kind is EventKind.OPERATOR_STATUS:
            if not mine:
                return []
            reason = event.data.get("reason")
            changed_by = "" if reason == "presence timeout" else me
            return [StatusChanged(OperatorStatus(str(event.data.get("status"))), changed_by)]
        if cid is None:
            return []
        if kind is EventKind.OFFERED and mine:
            offer_id = str(event.data.get("offer_id", ""))
            if offer_id in self.announced:
                return []  # a fresh session listed it among the open offers already
            expires = event.data.get("expires_at")
            made = await self._offer(
                offer_id, cid, float(expires) if isinstance(expires, int | float) else event.at
            )
            return [made] if made is not None else []
        if kind in _CLOSED and mine:
            offer_id = str(event.data.get("offer_id", "")) or self.offer_ids.get(cid, "")
            self.offer_ids.pop(cid, None)
            return [OfferClosed(offer_id, cid, _CLOSED[kind])]
        if kind is EventKind.ACCEPTED and mine:
            closed = OfferClosed(self.offer_ids.pop(cid, ""), cid, "accepted")
            return [closed, await self._changed("assigned", cid)]
        was_mine = event.data.get("from") == me
        if kind in _CHANGES and (mine or was_mine or self.caller.role.covers(Role.SUPERVISOR)):
            return [await self._changed(_CHANGES[kind], cid)]
        return []

    async def _offer(self, offer_id: str, cid: str, expires_at: float) -> OfferMade | None:
        try:
            conversation = await self.desk.conversation(cid)
        except NotFoundError:
            return None
        self.offer_ids[cid] = offer_id
        self.announced.add(offer_id)
        customer = await self.desk.store.customer(conversation.record.customer_id)
        return OfferMade(offer_id, conversation, customer, expires_at)

    async def _changed(self, change: str, cid: str) -> ConversationChanged:
        return ConversationChanged(change, await self.desk.conversation(cid))
