"""The assignment engine: queue → offer → accept, acting whenever work or capacity appears.

Single writer: one engine owns a shard's state, rebuilt from the store when it starts. Every
call that changes state first runs the timers that fell due, so an expired offer can never be
accepted late; queries never write, and show the state as of the last change — the caller
runs `sweep()` periodically (every second or so) so timeouts act even when nothing else
happens. The matching itself lives in dispatcher.py.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from router.domain.assignment.conversations import Conversation, Offer
from router.domain.assignment.dispatcher import (
    ASSIGNED,
    QUEUED,
    RESOLVED,
    Dispatcher,
    EventData,
)
from router.domain.assignment.eligibility import can_take
from router.domain.assignment.errors import (
    DuplicateConversation,
    NotEligible,
    UnknownConversation,
)
from router.domain.assignment.events import EventKind
from router.domain.assignment.operators import (
    OperatorProfile,
    OperatorRecord,
    OperatorState,
    OperatorStatus,
)
from router.domain.assignment.policies import (
    ActiveStep,
    RoutingPolicy,
    active_step,
)
from router.domain.assignment.results import Enqueued, QueueFull, WaitEstimate
from router.domain.assignment.workitems import WorkItem


@dataclass(frozen=True)
class EngineState:
    """A comparable picture of everything durable the engine holds (restart tests)."""

    operators: tuple[tuple[OperatorRecord, tuple[tuple[str, int], ...]], ...]
    conversations: tuple[Conversation, ...]
    queue: tuple[str, ...]
    offers: tuple[Offer, ...]
    policies: tuple[RoutingPolicy, ...]


class AssignmentEngine(Dispatcher):
    """`AssignmentEngine(store, clock, settings=None)` rebuilds its state from the store."""

    # ----------------------------------------------------------------- directory

    def put_operator(self, profile: OperatorProfile) -> None:
        """Adds an operator (offline until they say otherwise) or edits their profile."""
        now = self._tick()
        current = self._ops.get(profile.operator_id)
        record = (
            OperatorRecord(profile) if current is None else replace(current.record, profile=profile)
        )
        self._store.save_operator(
            record, self._event(EventKind.OPERATOR_UPDATED, now, None, profile.operator_id)
        )
        if current is None:
            current = OperatorState(record, last_seen=now)
            self._ops[profile.operator_id] = current
        else:
            current.record = record
        self._index.update(current)
        self._wake((), (profile.operator_id,))
        self._flush(now)

    def put_policy(self, policy: RoutingPolicy) -> None:
        now = self._tick()
        self._store.save_policy(
            policy, self._event(EventKind.POLICY_UPDATED, now, data={"policy": policy.name})
        )
        self._policies[policy.name] = policy
        waiting = [
            cid
            for cid, c in self._convs.items()
            if c.state is QUEUED and c.item.policy == policy.name
        ]
        for cid in waiting:
            self._steps.pop(cid, None)
        self._wake(waiting, ())
        self._flush(now)

    def policy(self, name: str) -> RoutingPolicy:
        return self._policy(name)

    def operators(self) -> Sequence[OperatorRecord]:
        return [state.record for _, state in sorted(self._ops.items())]

    def operator(self, operator_id: str) -> OperatorRecord:
        return self._op(operator_id).record

    def load(self, operator_id: str) -> Mapping[str, int]:
        """Units held (offered or assigned) per kind of work; kinds at zero are left out."""
        return {kind: units for kind, units in self._op(operator_id).load.items() if units}

    # ----------------------------------------------------------------- presence

    def heartbeat(self, operator_id: str) -> None:
        now = self._tick()
        self._op(operator_id).last_seen = now

    def set_status(self, operator_id: str, status: OperatorStatus) -> None:
        now = self._tick()
        state = self._op(operator_id)
        state.last_seen = now
        self._change_status(state, status, now, reason="operator")
        self._flush(now)

    # ----------------------------------------------------------------- work

    def enqueue(self, item: WorkItem) -> Enqueued | QueueFull:
        """Hands a conversation over. Overflow returns `QueueFull`; nothing is then stored."""
        now = self._tick()
        if item.conversation_id in self._convs:
            raise DuplicateConversation(item.conversation_id)
        policy = self._policy(item.policy)
        if self._queue.size(policy.name) >= policy.max_queued:
            self._store.record_event(
                self._event(
                    EventKind.QUEUE_FULL, now, item.conversation_id, data={"policy": policy.name}
                )
            )
            return QueueFull(item.conversation_id, policy.name, policy.max_queued)
        if item.preferred_operator is None:
            last = self._last_by_customer.get(item.customer_id)
            if last is not None:
                item = replace(item, preferred_operator=last)
        event = self._event(
            EventKind.QUEUED, now, item.conversation_id, data={"priority": item.priority}
        )
        # Places in the queue come from event ids: they only grow, and survive restarts.
        conversation = Conversation(
            item=item,
            state=QUEUED,
            queued_at=now,
            queue_order=event.event_id,
            routed_since=now,
        )
        self._store.enqueue(conversation, event)
        self._install(conversation, now)
        self._wake((item.conversation_id,), ())
        self._flush(now)
        current = self._convs[item.conversation_id]
        if current.state is QUEUED:
            estimate = self._estimate(item.conversation_id)
            return Enqueued(
                item.conversation_id, QUEUED, estimate.position, estimate.estimated_wait_s
            )
        return Enqueued(item.conversation_id, current.state, None, None)

    def accept(self, operator_id: str, offer_id: str) -> Conversation:
        now = self._tick()
        conversation = self._pending_offer(operator_id, offer_id)
        state = self._ops[operator_id]
        record = replace(state.record, last_assigned_at=now)
        assigned = replace(conversation, state=ASSIGNED, offer=None, assigned_at=now)
        self._store.accept_offer(
            assigned,
            record,
            self._event(EventKind.ACCEPTED, now, assigned.conversation_id, operator_id),
        )
        state.record = record
        self._install(assigned, now)
        self._note_served(assigned.item.policy, now)
        return assigned

    def decline(self, operator_id: str, offer_id: str) -> None:
        now = self._tick()
        conversation = self._pending_offer(operator_id, offer_id)
        self._close_offer(conversation, now, EventKind.DECLINED, skip_operator=True)
        self._flush(now)

    def resolve(self, conversation_id: str) -> None:
        now = self._tick()
        conversation = self._require(conversation_id, ASSIGNED)
        resolved = replace(conversation, state=RESOLVED, resolved_at=now)
        operator_id = conversation.operator_id
        self._store.resolve(
            resolved, self._event(EventKind.RESOLVED, now, conversation_id, operator_id)
        )
        self._install(resolved, now)
        if operator_id is not None:
            self._last_by_customer[conversation.item.customer_id] = operator_id
        self._wake((), (operator_id,) if operator_id else ())
        self._flush(now)

    def transfer(
        self,
        conversation_id: str,
        *,
        to_operator: str | None = None,
        to_team: str | None = None,
        to_skill: str | None = None,
    ) -> Conversation:
        """Moves an assigned conversation: straight to a colleague, or back to the front of
        the queue restricted to a team or re-targeted to a skill."""
        if sum(x is not None for x in (to_operator, to_team, to_skill)) != 1:
            raise ValueError("transfer needs exactly one of to_operator, to_team, to_skill")
        now = self._tick()
        conversation = self._require(conversation_id, ASSIGNED)
        previous = conversation.operator_id
        if to_operator is not None:
            target = self._op(to_operator)
            if target.status is not OperatorStatus.AVAILABLE:
                raise NotEligible(f"operator {to_operator} is {target.status.value}")
            moved = self._direct_assign(
                conversation,
                target,
                now,
                EventKind.TRANSFERRED,
                {"from": previous, "to": to_operator},
            )
        else:
            item = conversation.item
            item = replace(
                item,
                team=to_team if to_team is not None else item.team,
                required_skills=(to_skill,) if to_skill is not None else item.required_skills,
                preferred_operator=None,
            )
            data: EventData = {"from": previous, "team": to_team, "skill": to_skill}
            event = self._event(EventKind.TRANSFERRED, now, conversation_id, previous, data)
            moved = Conversation(
                item=item,
                state=QUEUED,
                queued_at=conversation.queued_at,
                queue_order=-event.event_id,  # negative: ahead of every fresh arrival
                routed_since=now,
                declined_by=frozenset({previous}) if previous else frozenset(),
            )
            self._store.requeue([moved], [event])
            self._install(moved, now)
        self._wake((conversation_id,), (previous,) if previous else ())
        self._flush(now)
        return self._convs[conversation_id]

    def force_assign(self, conversation_id: str, operator_id: str) -> Conversation:
        """A supervisor's override: skips routing rules, never the capacity limit."""
        now = self._tick()
        conversation = self._convs.get(conversation_id)
        if conversation is None:
            raise UnknownConversation(conversation_id)
        target = self._op(operator_id)
        if target.status is OperatorStatus.OFFLINE:
            raise NotEligible(f"operator {operator_id} is offline")
        if conversation.state is ASSIGNED and conversation.operator_id == operator_id:
            return conversation
        previous = conversation.operator_id
        self._direct_assign(
            conversation, target, now, EventKind.ASSIGNED, {"forced": True, "from": previous}
        )
        self._wake((), (previous,) if previous else ())
        self._flush(now)
        return self._convs[conversation_id]

    def sweep(self) -> None:
        """Runs due timers: offer expiry, step widening, presence timeouts, offline grace."""
        self._tick()

    # ----------------------------------------------------------------- queries

    def conversation(self, conversation_id: str) -> Conversation:
        """The live record of an unresolved conversation."""
        try:
            return self._convs[conversation_id]
        except KeyError:
            raise UnknownConversation(conversation_id) from None

    def conversations(self) -> Sequence[Conversation]:
        return list(self._convs.values())

    def wait_estimate(self, conversation_id: str) -> WaitEstimate:
        self._require(conversation_id, QUEUED)
        return self._estimate(conversation_id)

    def pending_offers(self, operator_id: str) -> Sequence[Offer]:
        self._op(operator_id)
        return sorted(
            (
                offer
                for cid in self._held.get(operator_id, ())
                if (offer := self._convs[cid].offer) is not None
            ),
            # Offer ids grow with the event counter: "offer-9" before "offer-10".
            key=lambda o: (o.offered_at, len(o.offer_id), o.offer_id),
        )

    def queue_order(self) -> Sequence[str]:
        """Waiting conversation ids in the order they will be served."""
        return [cid for _, _, cid in self._queue.ordered()]

    def current_step(self, conversation_id: str) -> ActiveStep:
        conversation = self._require(conversation_id, QUEUED)
        return self._step_for(conversation, self._clock.now())

    def can_take(self, operator_id: str, conversation_id: str) -> bool:
        """Whether the routing rules would offer this queued conversation to the operator now."""
        conversation = self._require(conversation_id, QUEUED)
        step = self._step_for(conversation, self._clock.now()).step
        return can_take(self._op(operator_id), conversation.item, step, conversation.declined_by)

    def best_operator_for(self, item: WorkItem) -> str | None:
        """The operator a new conversation would be offered to now (no state changes)."""
        now = self._clock.now()
        policy = self._policy(item.policy)
        usable = self._sticky_usable(item, frozenset())
        step = active_step(policy, now, now, sticky_usable=usable).step
        chosen = self._choose(item, step, frozenset())
        return chosen.operator_id if chosen else None

    def next_conversation_for(self, operator_id: str) -> str | None:
        """The waiting conversation this operator would be offered next (no state changes)."""
        found = self._first_waiting_for(self._op(operator_id), self._clock.now())
        return found[0].conversation_id if found else None

    def state(self) -> EngineState:
        return EngineState(
            operators=tuple(
                (s.record, tuple(sorted((k, v) for k, v in s.load.items() if v)))
                for _, s in sorted(self._ops.items())
            ),
            conversations=tuple(c for _, c in sorted(self._convs.items())),
            queue=tuple(self.queue_order()),
            offers=tuple(
                sorted(
                    (c.offer for c in self._convs.values() if c.offer is not None),
                    key=lambda o: o.offer_id,
                )
            ),
            policies=tuple(p for _, p in sorted(self._policies.items())),
        )
