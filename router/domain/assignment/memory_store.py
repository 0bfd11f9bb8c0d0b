"""An in-memory `AssignmentStore` for tests and benchmarks; records are immutable, so
keeping references is as good as copying."""

from __future__ import annotations

from collections.abc import Sequence

from router.domain.assignment.conversations import Conversation, ConversationState
from router.domain.assignment.events import AssignmentEvent
from router.domain.assignment.operators import OperatorRecord
from router.domain.assignment.policies import RoutingPolicy
from router.domain.assignment.ports import AssignmentSnapshot


class MemoryAssignmentStore:
    def __init__(self, *, keep_events: bool = True, last_event_id: int = 0) -> None:
        self.operators: dict[str, OperatorRecord] = {}
        self.policies: dict[str, RoutingPolicy] = {}
        self.conversations: dict[str, Conversation] = {}
        self.last_operator_by_customer: dict[str, str] = {}
        self.events: list[AssignmentEvent] = []
        self._keep_events = keep_events
        self._last_event_id = last_event_id

    def _append(self, event: AssignmentEvent) -> None:
        if event.event_id <= self._last_event_id:
            raise ValueError(f"event id {event.event_id} does not increase")
        self._last_event_id = event.event_id
        if self._keep_events:
            self.events.append(event)

    def _put(self, conversation: Conversation) -> None:
        self.conversations[conversation.conversation_id] = conversation

    def save_operator(self, operator: OperatorRecord, event: AssignmentEvent) -> None:
        self._append(event)
        self.operators[operator.profile.operator_id] = operator

    def save_policy(self, policy: RoutingPolicy, event: AssignmentEvent) -> None:
        self._append(event)
        self.policies[policy.name] = policy

    def enqueue(self, conversation: Conversation, event: AssignmentEvent) -> None:
        self._append(event)
        self._put(conversation)

    def record_offer(self, conversation: Conversation, event: AssignmentEvent) -> None:
        self._append(event)
        self._put(conversation)

    def close_offer(self, conversation: Conversation, event: AssignmentEvent) -> None:
        self._append(event)
        self._put(conversation)

    def accept_offer(
        self, conversation: Conversation, operator: OperatorRecord, event: AssignmentEvent
    ) -> None:
        self._append(event)
        self._put(conversation)
        self.operators[operator.profile.operator_id] = operator

    def assign(
        self, conversation: Conversation, operator: OperatorRecord, event: AssignmentEvent
    ) -> None:
        self.accept_offer(conversation, operator, event)

    def requeue(
        self, conversations: Sequence[Conversation], events: Sequence[AssignmentEvent]
    ) -> None:
        for event in events:
            self._append(event)
        for conversation in conversations:
            self._put(conversation)

    def resolve(self, conversation: Conversation, event: AssignmentEvent) -> None:
        self._append(event)
        self._put(conversation)
        if conversation.operator_id is not None:
            self.last_operator_by_customer[conversation.item.customer_id] = conversation.operator_id

    def record_event(self, event: AssignmentEvent) -> None:
        self._append(event)

    def load_state(self) -> AssignmentSnapshot:
        return AssignmentSnapshot(
            operators=list(self.operators.values()),
            policies=list(self.policies.values()),
            conversations=[
                c for c in self.conversations.values() if c.state is not ConversationState.RESOLVED
            ],
            last_operator_by_customer=dict(self.last_operator_by_customer),
            last_event_id=self._last_event_id,
        )

    def events_after(self, event_id: int, limit: int = 1000) -> Sequence[AssignmentEvent]:
        return [e for e in self.events if e.event_id > event_id][:limit]
