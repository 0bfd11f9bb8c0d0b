"""What `enqueue` and `estimate_wait` return: outcomes the caller relays to the customer."""

from __future__ import annotations

from dataclasses import dataclass

from router.domain.assignment.conversations import ConversationState


@dataclass(frozen=True)
class Enqueued:
    conversation_id: str
    state: ConversationState  # QUEUED, or OFFERED when an operator was free at once
    position: int | None  # 0 = next in line; None once offered
    estimated_wait_s: float | None


@dataclass(frozen=True)
class QueueFull:
    """Overflow is a result, not an exception: the caller must tell the customer (and can
    offer a callback or another channel); nothing was stored for the conversation."""

    conversation_id: str
    policy: str
    max_queued: int


@dataclass(frozen=True)
class WaitEstimate:
    position: int
    estimated_wait_s: float | None  # None until the queue has served a few conversations
