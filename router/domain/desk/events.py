"""The events of an operator's session, as the desk stream yields them."""

from __future__ import annotations

from dataclasses import dataclass

from router.domain.assignment import OperatorStatus
from router.domain.desk.views import CustomerView, DeskConversation, MessageView
from router.domain.directory import OperatorView


@dataclass(frozen=True, slots=True)
class SessionStarted:
    session_id: str
    operator: OperatorView
    heartbeat_s: float
    resumed: bool


@dataclass(frozen=True, slots=True)
class ServerHeartbeat:
    server_time: float


@dataclass(frozen=True, slots=True)
class OfferMade:
    offer_id: str
    conversation: DeskConversation
    customer: CustomerView | None
    expires_at: float


@dataclass(frozen=True, slots=True)
class OfferClosed:
    offer_id: str
    conversation_id: str
    reason: str  # "accepted" | "declined" | "expired" | "revoked"


@dataclass(frozen=True, slots=True)
class NewMessage:
    message: MessageView


@dataclass(frozen=True, slots=True)
class ConversationChanged:
    change: str  # "queued" | "assigned" | "requeued" | "transferred" | "resolved" | "updated"
    conversation: DeskConversation


@dataclass(frozen=True, slots=True)
class StatusChanged:
    status: OperatorStatus
    changed_by: str  # the operator, or "" for the router (missed heartbeats)


Payload = (
    SessionStarted
    | ServerHeartbeat
    | OfferMade
    | OfferClosed
    | NewMessage
    | ConversationChanged
    | StatusChanged
)


@dataclass(frozen=True, slots=True)
class DeskEvent:
    event_id: str
    cursor: str
    occurred_at: float
    payload: Payload
