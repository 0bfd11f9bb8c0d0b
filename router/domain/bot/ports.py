"""What the bot stage needs: a classifier, the knowledge base's answers, and storage."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from router.domain.bot.classification import Classification
from router.domain.bot.policy import HandoffReason
from router.domain.delivery.messages import Delivery, OutboundMessage


class Classifier(Protocol):
    def classify(self, text: str) -> Classification: ...


@dataclass(frozen=True, slots=True)
class PendingQuestion:
    """What the bot asked in its last turn, so the answer is read in its light."""

    options: tuple[tuple[str, str], ...] = ()  # offered (title, intent) choices
    intent: str = ""  # the intent waiting for an entity …
    catalog: str = ""  # … of this catalog
    answered: str = ""  # the intent just answered: thanks now close the conversation


@dataclass(frozen=True, slots=True)
class InboundTurn:
    """A customer message waiting for the bot stage, with its conversation's state."""

    event_seq: int
    conversation_id: str
    message_id: str
    text: str
    locale: str
    stage: str  # "bot" or "operator"
    unhelpful_turns: int
    pending: PendingQuestion | None = None


@dataclass(frozen=True, slots=True)
class BotTurn:
    """Everything one bot turn changes, written in one transaction."""

    event_seq: int
    conversation_id: str
    reply: OutboundMessage | None
    unhelpful_turns: int
    intent: str
    confidence: float
    handoff: HandoffReason | None = None
    pending: PendingQuestion | None = None
    language: str = ""
    resolve: bool = False  # the bot closes the conversation with this turn
    entities: dict[str, str] = field(default_factory=dict)  # catalog → value, on hand-off


class BotStageStore(Protocol):
    async def next_inbound(self, consumer: str, limit: int) -> list[InboundTurn]:
        """Inbound messages after the consumer's cursor, oldest first."""
        ...

    async def skip(self, consumer: str, event_seq: int) -> None:
        """Moves the cursor past an event the stage has nothing to do for."""
        ...

    async def resolve_quiet(self, idle_since: float, now: float) -> int:
        """Closes bot-stage conversations with no message since `idle_since`; how many."""
        ...

    async def apply_turn(
        self, consumer: str, turn: BotTurn, message_id: str, delivery_id: str, now: float
    ) -> Delivery | None:
        """Stores the reply (message + delivery), the conversation's new state and the
        cursor, atomically, so a crash repeats a turn whole or not at all."""
        ...
