"""The hand-off bridge: conversations the bot handed over join the operators' queue.

The bot stage records a `handed_off` event in the same transaction as its turn; this bridge
reads those events in order and enqueues each conversation in the assignment engine, then
tells the customer their place in the queue. The engine refuses a conversation it already
holds, so a bridge that crashed after enqueueing and before moving its cursor repeats
nothing but the notice.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from router.domain.assignment import (
    AssignmentEngine,
    DuplicateConversation,
    Enqueued,
    QueueFull,
    WorkItem,
)
from router.domain.delivery.messages import AuthorRole, OutboundMessage
from router.domain.delivery.outbox import Outbox

log = logging.getLogger(__name__)

CONSUMER = "handoff"
DEFAULT_SKILLS = ("general",)


@dataclass(frozen=True, slots=True)
class HandedOff:
    event_seq: int
    conversation_id: str
    customer_id: str
    channel: str
    intent: str
    language: str


class HandoffStore(Protocol):
    async def next_handoffs(self, consumer: str, limit: int) -> list[HandedOff]: ...

    async def skip(self, consumer: str, event_seq: int) -> None: ...


def queue_notice(result: Enqueued | QueueFull, language: str) -> str:
    if isinstance(result, QueueFull):
        return (
            "Сейчас все операторы заняты и очередь переполнена. Напишите нам чуть позже."
            if language == "ru"
            else "All operators are busy and the queue is full right now. Please write later."
        )
    if result.position is None:
        return (
            "Оператор уже подключается к разговору."
            if language == "ru"
            else "An operator is joining the conversation."
        )
    place = result.position + 1  # the engine counts from 0 = next in line
    minutes = max(1, round((result.estimated_wait_s or 60) / 60))
    if language == "ru":
        return f"Вы в очереди: {place}-й. Примерное ожидание — {minutes} мин."
    return f"You are number {place} in the queue. Expected wait: about {minutes} min."


class HandoffBridge:
    def __init__(
        self,
        store: HandoffStore,
        engine: AssignmentEngine,
        outbox: Outbox,
        skills_for: Callable[[str], tuple[str, ...]],
        *,
        poll_seconds: float = 1.0,
    ) -> None:
        self._store = store
        self._engine = engine
        self._outbox = outbox
        self._skills_for = skills_for
        self._poll_seconds = poll_seconds
        self._wake = asyncio.Event()

    def wake(self) -> None:
        self._wake.set()

    async def run_once(self) -> int:
        handoffs = await self._store.next_handoffs(CONSUMER, 64)
        for handoff in handoffs:
            await self._enqueue(handoff)
        return len(handoffs)

    async def run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            # Cleared before the work, so a wake-up that lands during it is kept.
            self._wake.clear()
            try:
                if await self.run_once():
                    continue
            except Exception:
                log.exception("hand-off pass failed")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self._poll_seconds)

    async def _enqueue(self, handoff: HandedOff) -> None:
        item = WorkItem(
            conversation_id=handoff.conversation_id,
            customer_id=handoff.customer_id,
            required_skills=self._skills_for(handoff.intent) or DEFAULT_SKILLS,
            language=handoff.language,
            channel=handoff.channel,
        )
        try:
            result: Enqueued | QueueFull = self._engine.enqueue(item)
        except DuplicateConversation:
            await self._store.skip(CONSUMER, handoff.event_seq)
            return
        notice = queue_notice(result, handoff.language)
        await self._outbox.send(OutboundMessage(handoff.conversation_id, AuthorRole.SYSTEM, notice))
        await self._store.skip(CONSUMER, handoff.event_seq)
