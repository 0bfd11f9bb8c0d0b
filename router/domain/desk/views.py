"""What the desk shows: conversations, customers and messages as operators see them."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from router.domain.assignment import Conversation as LiveConversation
from router.domain.delivery.messages import QuickReply
from router.domain.ingestion.messages import Attachment


class DeskState(enum.Enum):
    """Where a conversation is, from the bot to resolution (the engine knows only the
    middle three)."""

    BOT = "bot"
    QUEUED = "queued"
    OFFERED = "offered"
    ASSIGNED = "assigned"
    RESOLVED = "resolved"


@dataclass(frozen=True, slots=True)
class ConversationRecord:
    """A conversation as the store has it."""

    conversation_id: str
    customer_id: str
    channel: str
    status: str  # "open" | "resolved"
    stage: str  # "bot" | "operator"
    handoff_reason: str
    last_intent: str
    last_confidence: float | None
    opened_at: float
    last_message_at: float
    closed_at: float | None
    message_count: int
    last_preview: str
    handoff_entities: dict[str, str] = field(default_factory=dict)  # catalog → value


@dataclass(frozen=True, slots=True)
class ResolutionLabel:
    """An operator's verdict on a resolved conversation: the training example's label."""

    conversation_id: str
    operator_id: str
    intent: str
    bot_intent: str  # what the bot guessed last, "" if it never guessed
    bot_confidence: float | None
    note: str
    exclude_from_training: bool
    resolved_at: float

    @property
    def corrects_bot(self) -> bool:
        """True when the bot guessed and guessed something else."""
        return bool(self.bot_intent) and self.bot_intent != self.intent


@dataclass(frozen=True, slots=True)
class DeskConversation:
    """A conversation for the desk: the stored record, the engine's live record while it is
    handed over, and the label once resolved."""

    record: ConversationRecord
    state: DeskState
    live: LiveConversation | None = None
    label: ResolutionLabel | None = None
    queue_position: int | None = None
    estimated_wait_s: float | None = None

    @property
    def conversation_id(self) -> str:
        return self.record.conversation_id

    @property
    def operator_id(self) -> str | None:
        if self.live is not None:
            return self.live.operator_id
        return self.label.operator_id if self.label is not None else None


@dataclass(frozen=True, slots=True)
class Identity:
    channel: str
    channel_user_id: str
    verified_phone: str
    verified_email: str
    app_user_id: str


@dataclass(frozen=True, slots=True)
class CustomerView:
    customer_id: str
    display_name: str
    identities: tuple[Identity, ...]
    first_seen_at: float
    last_contact_at: float | None


@dataclass(frozen=True, slots=True)
class MessageView:
    """One message of a conversation, whichever way it went. `seq` orders all messages."""

    seq: int
    message_id: str
    conversation_id: str
    channel: str
    direction: str  # "inbound" (from the customer) | "outbound"
    author_role: str  # "customer" | "bot" | "operator" | "system"
    author_name: str
    operator_id: str
    text: str
    attachments: tuple[Attachment, ...]
    quick_replies: tuple[QuickReply, ...]
    external_id: str
    sent_at: float | None
    received_at: float


@dataclass(frozen=True, slots=True)
class HistoryPage:
    messages: tuple[MessageView, ...]
    next_before_seq: int | None  # pass back to read further; None at the start of history
