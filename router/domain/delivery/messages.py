"""An outbound message, and its delivery through one channel."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from router.domain.channels import Channel
from router.domain.ingestion.messages import Attachment


class AuthorRole(StrEnum):
    BOT = "bot"
    OPERATOR = "operator"
    SYSTEM = "system"


@dataclass(frozen=True, slots=True)
class QuickReply:
    title: str
    payload: str = ""


@dataclass(frozen=True, slots=True)
class OutboundMessage:
    """What the bot or an operator says to a customer in a conversation."""

    conversation_id: str
    author_role: AuthorRole
    text: str
    author_name: str = ""
    quick_replies: tuple[QuickReply, ...] = ()
    attachments: tuple[Attachment, ...] = ()
    reply_to_external_id: str = ""


@dataclass(frozen=True, slots=True)
class Delivery:
    """One outbound message on its way to the channel; `seq` orders a channel's stream."""

    delivery_id: str
    seq: int
    message_id: str
    conversation_id: str
    customer_id: str
    channel: Channel
    recipient: str  # the customer's channel_user_id
    message: OutboundMessage
    created_at: float
    previous_attempts: int


class DeliveryOutcome(StrEnum):
    SENT = "sent"
    REJECTED = "rejected"


@dataclass(frozen=True, slots=True)
class DeliveryAck:
    delivery_id: str
    outcome: DeliveryOutcome = DeliveryOutcome.SENT
    channel_message_id: str = ""
    error_message: str = ""


@dataclass(frozen=True, slots=True)
class AckResult:
    acknowledged: int  # acks that changed something; repeats count zero
    unknown_delivery_ids: tuple[str, ...]
