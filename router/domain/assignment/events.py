"""Events: one for every change, with an increasing id, for the desk stream and statistics."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field


class EventKind(enum.Enum):
    QUEUED = "queued"
    QUEUE_FULL = "queue_full"
    OFFERED = "offered"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    OFFER_EXPIRED = "offer_expired"
    OFFER_REVOKED = "offer_revoked"
    ASSIGNED = "assigned"
    REQUEUED = "requeued"
    TRANSFERRED = "transferred"
    RESOLVED = "resolved"
    OPERATOR_UPDATED = "operator_updated"
    OPERATOR_STATUS = "operator_status"
    POLICY_UPDATED = "policy_updated"


@dataclass(frozen=True)
class AssignmentEvent:
    event_id: int
    kind: EventKind
    at: float
    conversation_id: str | None = None
    operator_id: str | None = None
    data: Mapping[str, str | int | float | bool | None] = field(default_factory=dict)
