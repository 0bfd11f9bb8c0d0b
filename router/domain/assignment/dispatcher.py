"""Matching work and capacity, and keeping every index in step with the store.

`Dispatcher` holds the engine's live state: operators with their loads, conversations, the
waiting queue, the ranked operator index, timers. Each transition writes its record and
event through the store first and only then moves the indexes (`_install`), so a crash in
between loses nothing. Changes note what became worth another look (`_wake`); `_flush` then
matches it, freed operators first, so first come first served holds among the eligible.
`AssignmentEngine` (engine.py) is the public face built on it.

Timestamps use the wall clock (`clock.now()`): deadlines are stored and must mean the same
after a restart, which a monotonic origin would not.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from router.domain.assignment.choosing import choose_operator, first_waiting_for
from router.domain.assignment.conversations import Conversation, ConversationState, Offer
from router.domain.assignment.errors import (
    CapacityExceeded,
    InvalidTransition,
    OfferNotFound,
    UnknownConversation,
    UnknownOperator,
    UnknownPolicy,
)
from router.domain.assignment.events import AssignmentEvent, EventKind
from router.domain.assignment.operators import (
    OperatorState,
    OperatorStatus,
)
from router.domain.assignment.policies import (
    ActiveStep,
    RoutingPolicy,
    RoutingStep,
    active_step,
    default_policy,
)
from router.domain.assignment.ports import AssignmentStore
from router.domain.assignment.queue import STICKY, WaitingQueue
from router.domain.assignment.ranking import OperatorIndex
from router.domain.assignment.results import WaitEstimate
from router.domain.assignment.timers import TimerKind, Timers
from router.domain.assignment.workitems import WorkItem
from router.domain.clock import Clock

QUEUED, OFFERED, ASSIGNED, RESOLVED = (
    ConversationState.QUEUED,
    ConversationState.OFFERED,
    ConversationState.ASSIGNED,
    ConversationState.RESOLVED,
)
EventData = Mapping[str, str | int | float | bool | None]


@dataclass(frozen=True)
class EngineSettings:
    offer_timeout_s: float = 20.0
    offline_grace_s: float = 60.0
    presence_timeout_s: float = 30.0
    wait_smoothing: float = 0.2  # weight of the newest gap in the wait estimate


class Dispatcher:
    def __init__(
        self, store: AssignmentStore, clock: Clock, settings: EngineSettings | None = None
    ) -> None:
        self._store = store
        self._clock = clock
        self._settings = settings or EngineSettings()
        self._ops: dict[str, OperatorState] = {}
        self._policies: dict[str, RoutingPolicy] = {"default": default_policy()}
        self._convs: dict[str, Conversation] = {}
        self._offers: dict[str, str] = {}  # offer id → conversation id
        # operator id → offered or assigned conversations, in the order they were given
        self._held: dict[str, dict[str, None]] = {}
        self._sticky: dict[str, set[str]] = {}  # operator id → queued convs preferring them
        self._steps: dict[str, tuple[ActiveStep, bool]] = {}
        self._queue = WaitingQueue()
        self._index = OperatorIndex()
        self._timers = Timers()
        self._wait_gap: dict[str, tuple[float, float | None]] = {}
        self._woken_conversations: list[str] = []
        self._woken_operators: list[str] = []
        self._restore()

    # ----------------------------------------------------------------- rebuilding

    def _restore(self) -> None:
        snapshot = self._store.load_state()
        now = self._clock.now()
        self._last_event_id = snapshot.last_event_id
        self._last_by_customer = dict(snapshot.last_operator_by_customer)
        for policy in snapshot.policies:
            self._policies[policy.name] = policy
        for record in snapshot.operators:
            # Heartbeats are not stored: everyone gets one full presence window after a restart.
            state = OperatorState(record, last_seen=now)
            self._ops[record.profile.operator_id] = state
            self._schedule_presence(state)
            if record.status is OperatorStatus.OFFLINE and record.offline_since is not None:
                self._timers.schedule(
                    record.offline_since + self._settings.offline_grace_s,
                    TimerKind.GRACE,
                    record.profile.operator_id,
                )
        for conversation in snapshot.conversations:
            self._install(conversation, now)
        for state in self._ops.values():
            self._index.update(state)
        # A crash between a commit and the matching that follows it can leave work and free
        # capacity side by side; the first call after the restart offers every waiting
        # conversation once more to the best free operator.
        self._wake((cid for cid, c in self._convs.items() if c.state is QUEUED), ())

    # ----------------------------------------------------------------- transitions

    def _offer(
        self, conversation: Conversation, operator: OperatorState, now: float, step: int
    ) -> None:
        event_id = self._last_event_id + 1
        offer = Offer(
            offer_id=f"offer-{event_id}",
            conversation_id=conversation.conversation_id,
            operator_id=operator.operator_id,
            offered_at=now,
            expires_at=now + self._settings.offer_timeout_s,
        )
        offered = replace(
            conversation, state=OFFERED, operator_id=operator.operator_id, offer=offer
        )
        data: EventData = {"offer_id": offer.offer_id, "expires_at": offer.expires_at, "step": step}
        self._store.record_offer(
            offered,
            self._event(
                EventKind.OFFERED, now, conversation.conversation_id, operator.operator_id, data
            ),
        )
        self._install(offered, now)

    def _close_offer(
        self, conversation: Conversation, now: float, kind: EventKind, *, skip_operator: bool
    ) -> None:
        operator_id = conversation.operator_id
        assert operator_id is not None and conversation.offer is not None
        declined = (
            conversation.declined_by | {operator_id} if skip_operator else conversation.declined_by
        )
        queued = replace(
            conversation, state=QUEUED, operator_id=None, offer=None, declined_by=declined
        )
        self._store.close_offer(
            queued,
            self._event(
                kind,
                now,
                conversation.conversation_id,
                operator_id,
                {"offer_id": conversation.offer.offer_id},
            ),
        )
        self._install(queued, now)
        self._wake((conversation.conversation_id,), (operator_id,))

    def _direct_assign(
        self,
        conversation: Conversation,
        target: OperatorState,
        now: float,
        kind: EventKind,
        data: EventData,
    ) -> Conversation:
        item = conversation.item
        already = item.weight if conversation.operator_id == target.operator_id else 0
        if target.free(item.kind) + already < item.weight:
            raise CapacityExceeded(f"operator {target.operator_id} has no room for {item.kind}")
        record = replace(target.record, last_assigned_at=now)
        assigned = replace(
            conversation,
            state=ASSIGNED,
            operator_id=target.operator_id,
            offer=None,
            assigned_at=now,
        )
        self._store.assign(
            assigned,
            record,
            self._event(kind, now, conversation.conversation_id, target.operator_id, data),
        )
        target.record = record
        self._install(assigned, now)
        return assigned

    def _change_status(
        self, state: OperatorState, status: OperatorStatus, now: float, reason: str
    ) -> None:
        if status is state.status:
            return
        offline_since = now if status is OperatorStatus.OFFLINE else None
        record = replace(state.record, status=status, offline_since=offline_since)
        self._store.save_operator(
            record,
            self._event(
                EventKind.OPERATOR_STATUS,
                now,
                None,
                state.operator_id,
                {"status": status.value, "reason": reason},
            ),
        )
        state.record = record
        self._index.update(state)
        if status is OperatorStatus.OFFLINE:
            # Offers go at once so the customer is not kept waiting on someone who left;
            # assigned conversations wait out the grace period in case they come back.
            for cid in sorted(self._held.get(state.operator_id, ())):
                held = self._convs[cid]
                if held.state is OFFERED:
                    self._close_offer(held, now, EventKind.OFFER_REVOKED, skip_operator=False)
            self._timers.schedule(
                now + self._settings.offline_grace_s, TimerKind.GRACE, state.operator_id
            )
        else:
            self._schedule_presence(state)
        waiting = list(self._sticky.get(state.operator_id, ()))
        for cid in waiting:
            self._steps.pop(cid, None)
        self._wake(waiting, (state.operator_id,))

    def _requeue_orphans(self, state: OperatorState, now: float) -> None:
        # No size check here: these conversations were accepted long ago; a full queue may
        # refuse new work, never drop work it already holds.
        orphans = sorted(
            (self._convs[cid] for cid in self._held.get(state.operator_id, ())),
            key=lambda c: c.queue_key(),
            reverse=True,
        )
        moved: list[Conversation] = []
        events: list[AssignmentEvent] = []
        for conversation in orphans:  # last in service order first: it ends up furthest back
            event = self._event(
                EventKind.REQUEUED,
                now,
                conversation.conversation_id,
                state.operator_id,
                {"reason": "offline"},
            )
            events.append(event)
            moved.append(
                replace(
                    conversation,
                    state=QUEUED,
                    operator_id=None,
                    offer=None,
                    queue_order=-event.event_id,
                    routed_since=now,
                )
            )
        if not moved:
            return
        self._store.requeue(moved, events)
        for conversation in moved:
            self._install(conversation, now)
        self._wake([c.conversation_id for c in moved], ())

    # ----------------------------------------------------------------- dispatch

    def _wake(self, conversations: Iterable[str], operators: Iterable[str | None]) -> None:
        """Notes what a change made worth another look: work that waits again, capacity that
        came free. `_flush` acts on it once the change (or the batch of due timers) is done."""
        self._woken_conversations.extend(conversations)
        self._woken_operators.extend(op for op in operators if op is not None)

    def _flush(self, now: float) -> None:
        """Matches woken work and capacity, keeping first come first served.

        Freed operators go first and take the earliest waiting work they qualify for; only
        then do the woken conversations, in service order, take the best free operator.
        The other way round, a late arrival could grab a just-freed operator ahead of a
        conversation that had been waiting for them."""
        operators = list(dict.fromkeys(self._woken_operators))
        conversations = set(self._woken_conversations)
        self._woken_operators.clear()
        self._woken_conversations.clear()
        for cid in conversations:  # steps (and so buckets) current before anyone looks
            conversation = self._convs.get(cid)
            if conversation is not None and conversation.state is QUEUED:
                self._step_for(conversation, now)
        for operator_id in operators:
            self._fill(self._ops[operator_id], now)
        waiting = sorted(
            c.queue_key()
            for cid in conversations
            if (c := self._convs.get(cid)) and c.state is QUEUED
        )
        for _, _, cid in waiting:
            conversation = self._convs[cid]
            if conversation.state is not QUEUED:
                continue
            active = self._step_for(conversation, now)
            chosen = self._choose(conversation.item, active.step, conversation.declined_by)
            if chosen is not None:
                self._offer(conversation, chosen, now, active.index)

    def _fill(self, operator: OperatorState, now: float) -> None:
        """Offers the operator the first waiting conversations they qualify for."""
        while operator.status is OperatorStatus.AVAILABLE:
            found = self._first_waiting_for(operator, now)
            if found is None:
                return
            self._offer(found[0], operator, now, found[1])

    def _first_waiting_for(
        self, operator: OperatorState, now: float
    ) -> tuple[Conversation, int] | None:
        return first_waiting_for(
            operator,
            self._queue,
            self._convs,
            self._sticky.get(operator.operator_id, ()),
            lambda conversation: self._step_for(conversation, now, rebucket=False),
        )

    def _choose(
        self, item: WorkItem, step: RoutingStep, declined: frozenset[str]
    ) -> OperatorState | None:
        return choose_operator(self._index, self._ops, item, step, declined)

    def _step_for(
        self, conversation: Conversation, now: float, *, rebucket: bool = True
    ) -> ActiveStep:
        """The routing step that applies to a queued conversation now (cached until it
        ends). With `rebucket`, a change of step also moves it to its new queue bucket;
        `_fill` passes False because it is iterating a bucket — the buckets are already
        current there, since due timers and woken conversations are handled first."""
        usable = self._sticky_usable(conversation.item, conversation.declined_by)
        cached = self._steps.get(conversation.conversation_id)
        if cached is not None and cached[1] == usable:
            active = cached[0]
            if active.ends_at is None or now < active.ends_at:
                return active
        policy = self._policy(conversation.item.policy)
        active = active_step(policy, conversation.routed_since, now, sticky_usable=usable)
        self._steps[conversation.conversation_id] = (active, usable)
        if active.ends_at is not None:
            self._timers.schedule(active.ends_at, TimerKind.STEP, conversation.conversation_id)
        if rebucket and conversation.conversation_id in self._queue:
            self._queue.move(conversation, _bucket(active.step))
        return active

    def _sticky_usable(self, item: WorkItem, declined: frozenset[str]) -> bool:
        preferred = item.preferred_operator
        if preferred is None or preferred in declined:
            return False
        state = self._ops.get(preferred)
        return state is not None and state.status is OperatorStatus.AVAILABLE

    # ----------------------------------------------------------------- timers

    def _tick(self) -> float:
        now = self._clock.now()
        while (due := self._timers.pop_due(now)) is not None:
            _, kind, key = due
            if kind is TimerKind.OFFER:
                cid = self._offers.get(key)
                if cid is not None:
                    conversation = self._convs[cid]
                    if conversation.offer is not None and conversation.offer.expires_at <= now:
                        self._close_offer(
                            conversation, now, EventKind.OFFER_EXPIRED, skip_operator=True
                        )
            elif kind is TimerKind.STEP:
                waiting = self._convs.get(key)
                if waiting is not None and waiting.state is QUEUED:
                    self._wake((key,), ())
            elif kind is TimerKind.GRACE:
                state = self._ops.get(key)
                if (
                    state is not None
                    and state.status is OperatorStatus.OFFLINE
                    and state.record.offline_since is not None
                    and state.record.offline_since + self._settings.offline_grace_s <= now
                ):
                    self._requeue_orphans(state, now)
            else:
                state = self._ops.get(key)
                if state is None or state.status is OperatorStatus.OFFLINE:
                    continue
                deadline = state.last_seen + self._settings.presence_timeout_s
                if deadline <= now:
                    self._change_status(
                        state, OperatorStatus.OFFLINE, now, reason="presence timeout"
                    )
                else:
                    self._timers.schedule(deadline, TimerKind.PRESENCE, key)
        # Everything that fell due is applied as of `now` before anyone is matched, so a
        # late sweep serves the queue in the same order as a punctual one would.
        self._flush(now)
        return now

    def _schedule_presence(self, state: OperatorState) -> None:
        if state.status is not OperatorStatus.OFFLINE:
            self._timers.schedule(
                state.last_seen + self._settings.presence_timeout_s,
                TimerKind.PRESENCE,
                state.operator_id,
            )

    # ----------------------------------------------------------------- bookkeeping

    def _install(self, new: Conversation, now: float) -> None:
        """Replaces a conversation's record and keeps every index in step with it."""
        cid = new.conversation_id
        old = self._convs.pop(cid, None)
        touched: set[str] = set()
        if old is not None:
            if old.state is QUEUED:
                self._queue.remove(cid)
                self._steps.pop(cid, None)
                if old.item.preferred_operator is not None:
                    self._sticky.get(old.item.preferred_operator, set()).discard(cid)
            elif old.operator_id is not None:
                if old.offer is not None:
                    self._offers.pop(old.offer.offer_id, None)
                self._held[old.operator_id].pop(cid, None)
                self._ops[old.operator_id].load[old.item.kind] -= old.item.weight
                touched.add(old.operator_id)
        if new.state is not RESOLVED:
            self._convs[cid] = new
            if new.state is QUEUED:
                if new.item.preferred_operator is not None:
                    self._sticky.setdefault(new.item.preferred_operator, set()).add(cid)
                self._queue.add(new, _bucket(self._step_for(new, now).step))
            elif new.operator_id is not None:
                if new.offer is not None:
                    self._offers[new.offer.offer_id] = cid
                    self._timers.schedule(new.offer.expires_at, TimerKind.OFFER, new.offer.offer_id)
                self._held.setdefault(new.operator_id, {})[cid] = None
                load = self._ops[new.operator_id].load
                load[new.item.kind] = load.get(new.item.kind, 0) + new.item.weight
                touched.add(new.operator_id)
        for operator_id in touched:
            self._index.update(self._ops[operator_id])

    def _event(
        self,
        kind: EventKind,
        now: float,
        conversation_id: str | None = None,
        operator_id: str | None = None,
        data: EventData | None = None,
    ) -> AssignmentEvent:
        self._last_event_id += 1
        return AssignmentEvent(
            self._last_event_id, kind, now, conversation_id, operator_id, data or {}
        )

    def _policy(self, name: str) -> RoutingPolicy:
        try:
            return self._policies[name]
        except KeyError:
            raise UnknownPolicy(name) from None

    def _op(self, operator_id: str) -> OperatorState:
        try:
            return self._ops[operator_id]
        except KeyError:
            raise UnknownOperator(operator_id) from None

    def _require(self, conversation_id: str, state: ConversationState) -> Conversation:
        conversation = self._convs.get(conversation_id)
        if conversation is None:
            raise UnknownConversation(conversation_id)
        if conversation.state is not state:
            raise InvalidTransition(
                f"conversation {conversation_id} is {conversation.state.value}, not {state.value}"
            )
        return conversation

    def _pending_offer(self, operator_id: str, offer_id: str) -> Conversation:
        cid = self._offers.get(offer_id)
        conversation = self._convs.get(cid) if cid is not None else None
        if conversation is None or conversation.operator_id != operator_id:
            raise OfferNotFound(offer_id)
        return conversation

    def _note_served(self, policy: str, now: float) -> None:
        last, gap = self._wait_gap.get(policy, (now, None))
        if policy in self._wait_gap:
            sample = now - last
            alpha = self._settings.wait_smoothing
            gap = sample if gap is None else alpha * sample + (1 - alpha) * gap
        self._wait_gap[policy] = (now, gap)

    def _estimate(self, conversation_id: str) -> WaitEstimate:
        position = self._queue.position(conversation_id)
        gap = self._wait_gap.get(self._convs[conversation_id].item.policy, (0.0, None))[1]
        return WaitEstimate(position, None if gap is None else (position + 1) * gap)


def _bucket(step: RoutingStep) -> int:
    return STICKY if step.preferred_only else step.min_level
