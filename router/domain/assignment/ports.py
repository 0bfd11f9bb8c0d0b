"""What the engine needs from persistence, named for what each operation means.

Every operation is atomic: the changed records and their event land together or not at all.
That is what lets a restarted router rebuild exactly the state it had — an offer is never
durable without its `offered` event, nor capacity reserved without the offer that holds it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from router.domain.assignment.conversations import Conversation
from router.domain.assignment.events import AssignmentEvent
from router.domain.assignment.operators import OperatorRecord
from router.domain.assignment.policies import RoutingPolicy


@dataclass(frozen=True)
class AssignmentSnapshot:
    """Everything needed to rebuild an engine: unresolved conversations, the directory,
    who served each customer last, and where the counters stand."""

    operators: Sequence[OperatorRecord] = ()
    policies: Sequence[RoutingPolicy] = ()
    conversations: Sequence[Conversation] = ()
    last_operator_by_customer: Mapping[str, str] = field(default_factory=dict)
    last_event_id: int = 0


class AssignmentStore(Protocol):
    def save_operator(self, operator: OperatorRecord, event: AssignmentEvent) -> None:
        """A directory edit or a status change."""

    def save_policy(self, policy: RoutingPolicy, event: AssignmentEvent) -> None: ...

    def enqueue(self, conversation: Conversation, event: AssignmentEvent) -> None:
        """A new conversation joins a queue."""

    def record_offer(self, conversation: Conversation, event: AssignmentEvent) -> None:
        """Queued → offered: capacity is reserved for the offer's operator."""

    def close_offer(self, conversation: Conversation, event: AssignmentEvent) -> None:
        """Offered → queued again: declined, expired or revoked."""

    def accept_offer(
        self, conversation: Conversation, operator: OperatorRecord, event: AssignmentEvent
    ) -> None:
        """Offered → assigned, and the operator's last-assignment time moves on."""

    def assign(
        self, conversation: Conversation, operator: OperatorRecord, event: AssignmentEvent
    ) -> None:
        """Direct assignment without an offer: a transfer to a person or a forced assignment."""

    def requeue(
        self, conversations: Sequence[Conversation], events: Sequence[AssignmentEvent]
    ) -> None:
        """Assigned → queued for all of them at once (a vanished operator, a transfer)."""

    def resolve(self, conversation: Conversation, event: AssignmentEvent) -> None: ...

    def record_event(self, event: AssignmentEvent) -> None:
        """An event that changes no record (a rejected overflow)."""

    def load_state(self) -> AssignmentSnapshot: ...

    def events_after(self, event_id: int, limit: int = 1000) -> Sequence[AssignmentEvent]:
        """Events in id order, for the desk stream and statistics to resume from."""
        ...
