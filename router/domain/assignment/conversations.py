"""A handed-over conversation and the one state it is in."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from router.domain.assignment.workitems import WorkItem


class ConversationState(enum.Enum):
    QUEUED = "queued"
    OFFERED = "offered"
    ASSIGNED = "assigned"
    RESOLVED = "resolved"


@dataclass(frozen=True)
class Offer:
    """A reservation: capacity is held for `operator_id` until accepted, declined or expiry."""

    offer_id: str
    conversation_id: str
    operator_id: str
    offered_at: float
    expires_at: float


@dataclass(frozen=True)
class Conversation:
    """Everything the store keeps about one conversation; replaced, never mutated.

    `queue_order` is its place among equal priorities (lower first): the id of the event
    that queued it, negated for conversations sent back to the front (a vanished operator,
    a transfer). `routed_since` anchors the routing steps' timeouts."""

    item: WorkItem
    state: ConversationState
    queued_at: float
    queue_order: int
    routed_since: float
    operator_id: str | None = None
    offer: Offer | None = None
    declined_by: frozenset[str] = frozenset()
    assigned_at: float | None = None
    resolved_at: float | None = None

    @property
    def conversation_id(self) -> str:
        return self.item.conversation_id

    def queue_key(self) -> tuple[int, int, str]:
        return (-self.item.priority, self.queue_order, self.item.conversation_id)
