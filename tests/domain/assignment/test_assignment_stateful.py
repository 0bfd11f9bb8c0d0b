"""Rule 10: random operators, conversations, status changes, answers, time jumps and restarts.

After every step: no operator over capacity, no offer to an operator the step did not allow,
every conversation in exactly one state (and the store agreeing), first come first served
among the eligible, and nothing lost.
"""

from __future__ import annotations

import shutil
import tempfile
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)

from router.domain.assignment import (
    AssignmentEngine,
    AssignmentError,
    AssignmentEvent,
    AssignmentStore,
    ConversationState,
    EngineSettings,
    Enqueued,
    EventKind,
    MemoryAssignmentStore,
    OperatorProfile,
    OperatorStatus,
    QueueFull,
    RoutingPolicy,
    RoutingStep,
    WorkItem,
)
from router.domain.assignment.eligibility import qualifies
from router.domain.assignment.policies import active_step
from router.domain.clock import ManualClock
from router.storage.sqlite.assignment_store import SqliteAssignmentStore

SKILLS = ("billing", "roaming", "tariffs")
LANGUAGES = ("ru", "en")
TEAMS = ("retention", "sales")
BULLSEYE = RoutingPolicy(
    "default",
    (
        RoutingStep("sticky", timeout_s=10, preferred_only=True),
        RoutingStep("experts", timeout_s=15, min_level=6),
        RoutingStep("retention", timeout_s=15, min_level=2, teams=frozenset({"retention"})),
        RoutingStep("fallback", match_language=False),
    ),
    max_queued=12,
)
SMALL = RoutingPolicy("small", (RoutingStep("anyone", match_language=False),), max_queued=3)
SETTINGS = EngineSettings(offer_timeout_s=20, offline_grace_s=60, presence_timeout_s=45)
QUEUEING_EVENTS = {
    EventKind.QUEUED,
    EventKind.DECLINED,
    EventKind.OFFER_EXPIRED,
    EventKind.OFFER_REVOKED,
    EventKind.REQUEUED,
    EventKind.TRANSFERRED,
}

STATUSES = st.sampled_from(
    (
        OperatorStatus.AVAILABLE,
        OperatorStatus.AVAILABLE,
        OperatorStatus.AWAY,
        OperatorStatus.OFFLINE,
    )
)
profiles = st.builds(
    lambda skills, chats, email, languages, teams: (skills, chats, email, languages, teams),
    st.dictionaries(st.sampled_from(SKILLS), st.integers(1, 10), min_size=2, max_size=3),
    st.integers(1, 3),
    st.integers(0, 1),
    st.frozensets(st.sampled_from(LANGUAGES), min_size=1),
    st.frozensets(st.sampled_from(TEAMS)),
)


class AssignmentMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.clock = ManualClock()
        self.store = self.open_store()
        self.engine = AssignmentEngine(self.store, self.clock, SETTINGS)
        self.engine.put_policy(BULLSEYE)
        self.engine.put_policy(SMALL)
        self.operators: list[str] = []
        self.handed_over: set[str] = set()
        self.resolved: set[str] = set()
        self.next_id = 0
        self.checked_events = len(self.events())

    def open_store(self) -> AssignmentStore:
        return MemoryAssignmentStore()

    def reopen_store(self) -> AssignmentStore:
        return self.store  # the memory store outlives the engine, like a database file

    def events(self) -> Sequence[AssignmentEvent]:
        return self.store.events_after(0, limit=1_000_000)

    # ------------------------------------------------------------- rules

    @initialize(team=st.lists(profiles, min_size=1, max_size=3))
    def first_shift(
        self, team: list[tuple[dict[str, int], int, int, frozenset[str], frozenset[str]]]
    ) -> None:
        for profile in team:
            self.add_operator(profile, OperatorStatus.AVAILABLE)

    @precondition(lambda self: len(self.operators) < 6)
    @rule(profile=profiles, status=STATUSES)
    def add_operator(
        self,
        profile: tuple[dict[str, int], int, int, frozenset[str], frozenset[str]],
        status: OperatorStatus,
    ) -> None:
        skills, chats, email, languages, teams = profile
        operator_id = f"op{len(self.operators)}"
        self.engine.put_operator(
            OperatorProfile(operator_id, skills, {"chat": chats, "email": email}, languages, teams)
        )
        self.engine.set_status(operator_id, status)
        self.operators.append(operator_id)

    @precondition(lambda self: bool(self.operators))
    @rule(data=st.data(), status=STATUSES)
    def set_status(self, data: st.DataObject, status: OperatorStatus) -> None:
        self.engine.set_status(data.draw(st.sampled_from(self.operators)), status)

    @precondition(lambda self: bool(self.operators))
    @rule(data=st.data())
    def heartbeat(self, data: st.DataObject) -> None:
        self.engine.heartbeat(data.draw(st.sampled_from(self.operators)))

    @rule(
        customer=st.integers(0, 4),
        skills=st.lists(st.sampled_from(SKILLS), min_size=1, max_size=2, unique=True),
        language=st.sampled_from(LANGUAGES),
        kind=st.sampled_from(("chat", "chat", "email")),
        weight=st.integers(1, 2),
        priority=st.integers(0, 2),
        policy=st.sampled_from(("default", "default", "small")),
    )
    def enqueue(
        self,
        customer: int,
        skills: list[str],
        language: str,
        kind: str,
        weight: int,
        priority: int,
        policy: str,
    ) -> None:
        self.next_id += 1
        cid = f"c{self.next_id}"
        result = self.engine.enqueue(
            WorkItem(
                cid,
                f"cust{customer}",
                tuple(skills),
                language=language,
                kind=kind,
                weight=weight,
                priority=priority,
                policy=policy,
            )
        )
        if isinstance(result, QueueFull):
            assert self.events()[-1].kind is EventKind.QUEUE_FULL
            assert result.max_queued == {"default": 12, "small": 3}[policy]
        else:
            assert isinstance(result, Enqueued)
            self.handed_over.add(cid)

    def _offers(self) -> list[tuple[str, str]]:
        return [
            (offer.operator_id, offer.offer_id)
            for op in self.operators
            for offer in self.engine.pending_offers(op)
        ]

    @precondition(lambda self: any(self.engine.pending_offers(op) for op in self.operators))
    @rule(data=st.data(), accept=st.booleans())
    def answer_offer(self, data: st.DataObject, accept: bool) -> None:
        operator_id, offer_id = data.draw(st.sampled_from(self._offers()))
        if accept:
            self.engine.accept(operator_id, offer_id)
        else:
            self.engine.decline(operator_id, offer_id)

    def _in_state(self, state: ConversationState) -> list[str]:
        return sorted(c.conversation_id for c in self.engine.conversations() if c.state is state)

    @precondition(lambda self: bool(self._in_state(ConversationState.ASSIGNED)))
    @rule(data=st.data())
    def resolve(self, data: st.DataObject) -> None:
        cid = data.draw(st.sampled_from(self._in_state(ConversationState.ASSIGNED)))
        self.engine.resolve(cid)
        self.resolved.add(cid)

    @precondition(lambda self: bool(self._in_state(ConversationState.ASSIGNED)))
    @rule(data=st.data(), how=st.sampled_from(("operator", "team", "skill")))
    def transfer(self, data: st.DataObject, how: str) -> None:
        cid = data.draw(st.sampled_from(self._in_state(ConversationState.ASSIGNED)))
        before = self.engine.state()
        try:
            if how == "operator":
                self.engine.transfer(cid, to_operator=data.draw(st.sampled_from(self.operators)))
            elif how == "team":
                self.engine.transfer(cid, to_team=data.draw(st.sampled_from(TEAMS)))
            else:
                self.engine.transfer(cid, to_skill=data.draw(st.sampled_from(SKILLS)))
        except AssignmentError:
            assert self.engine.state() == before  # a refused transfer changes nothing

    @precondition(lambda self: bool(self.operators) and bool(self.engine.conversations()))
    @rule(data=st.data())
    def force_assign(self, data: st.DataObject) -> None:
        cid = data.draw(
            st.sampled_from(sorted(c.conversation_id for c in self.engine.conversations()))
        )
        before = self.engine.state()
        try:
            self.engine.force_assign(cid, data.draw(st.sampled_from(self.operators)))
        except AssignmentError:
            assert self.engine.state() == before

    @rule(seconds=st.sampled_from((0.5, 5.0, 10.0, 19.0, 21.0, 46.0, 61.0)))
    def time_passes(self, seconds: float) -> None:
        self.clock.advance(seconds)
        self.engine.sweep()

    @rule()
    def restart(self) -> None:
        before = self.engine.state()
        self.store = self.reopen_store()
        self.engine = AssignmentEngine(self.store, self.clock, SETTINGS)
        assert self.engine.state() == before

    # ------------------------------------------------------------- invariants

    @invariant()
    def nobody_over_capacity(self) -> None:
        held: Counter[tuple[str, str]] = Counter()
        for c in self.engine.conversations():
            if c.state in (ConversationState.OFFERED, ConversationState.ASSIGNED):
                assert c.operator_id is not None
                held[(c.operator_id, c.item.kind)] += c.item.weight
        for op in self.operators:
            capacity = self.engine.operator(op).profile.capacity
            load = self.engine.load(op)
            for kind in ("chat", "email"):
                assert held[(op, kind)] == load.get(kind, 0)
                assert held[(op, kind)] <= capacity.get(kind, 0)

    @invariant()
    def every_conversation_in_exactly_one_state_and_none_lost(self) -> None:
        active = {c.conversation_id: c.state for c in self.engine.conversations()}
        assert all(state is not ConversationState.RESOLVED for state in active.values())
        assert set(active) | self.resolved == self.handed_over
        assert not set(active) & self.resolved
        # The store agrees with memory: a crash now would lose nothing.
        stored = {c.conversation_id: c.state for c in self.store.load_state().conversations}
        assert stored == active
        queued = {cid for cid, s in active.items() if s is ConversationState.QUEUED}
        assert set(self.engine.queue_order()) == queued

    @invariant()
    def offers_go_only_to_operators_the_step_allows_in_service_order(self) -> None:
        events = self.events()
        new_events = events[self.checked_events :]
        self.checked_events = len(events)
        stored = {c.conversation_id: c for c in self.store.load_state().conversations}
        last_queued_at_event: dict[str, int] = {}
        status: dict[str, str] = {}
        for event in events:
            if event.kind in QUEUEING_EVENTS and event.conversation_id is not None:
                last_queued_at_event[event.conversation_id] = event.event_id
            elif event.kind is EventKind.OPERATOR_STATUS and event.operator_id is not None:
                status[event.operator_id] = str(event.data["status"])
            elif event.kind is EventKind.OFFERED and event.operator_id is not None:
                # Replaying the log: the operator was available when the offer was made.
                assert status.get(event.operator_id) == OperatorStatus.AVAILABLE.value
        waiting = [self.engine.conversation(cid) for cid in self.engine.queue_order()]
        for event in new_events:
            if event.kind is not EventKind.OFFERED:
                continue
            assert event.operator_id is not None and event.conversation_id is not None
            offered = stored[event.conversation_id]
            profile = self.engine.operator(event.operator_id).profile
            policy = self.engine.policy(offered.item.policy)
            step_index = event.data["step"]
            assert isinstance(step_index, int)
            step = policy.steps[step_index]
            assert qualifies(profile, offered.item, step)
            if offered.offer is not None and offered.offer.offer_id == event.data["offer_id"]:
                assert event.operator_id not in offered.declined_by
            widest = active_step(policy, offered.routed_since, event.at, sticky_usable=False)
            assert step_index <= widest.index, "offered under a step that had not started"
            # Nobody who was already waiting ahead of it could have had this operator.
            if self.engine.operator(event.operator_id).status is not OperatorStatus.AVAILABLE:
                continue
            for ahead in waiting:
                if ahead.queue_key() >= offered.queue_key():
                    break
                if last_queued_at_event[ahead.conversation_id] > event.event_id:
                    continue
                if ahead.item.kind != offered.item.kind or ahead.item.weight > offered.item.weight:
                    continue
                assert not (
                    event.operator_id not in ahead.declined_by
                    and qualifies(
                        profile, ahead.item, self.engine.current_step(ahead.conversation_id).step
                    )
                ), f"{ahead.conversation_id} waited ahead of {event.conversation_id}"

    @invariant()
    def no_available_operator_idles_beside_work_they_may_take(self) -> None:
        for cid in self.engine.queue_order():
            for op in self.operators:
                assert not self.engine.can_take(op, cid), f"{op} could take {cid}"


AssignmentMachine.TestCase.settings = settings(
    max_examples=100,
    stateful_step_count=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
TestAssignmentStateMachine = AssignmentMachine.TestCase


class SqliteAssignmentMachine(AssignmentMachine):
    """The same machine on the SQLite store: `restart` closes the file and opens it again,
    so every restart rebuilds the engine from what was committed."""

    def open_store(self) -> AssignmentStore:
        self.directory = Path(tempfile.mkdtemp(prefix="omniroute-assignment-"))
        self.sqlite = SqliteAssignmentStore.open(self.directory / "a.db", synchronous="OFF")
        return self.sqlite

    def reopen_store(self) -> AssignmentStore:
        self.sqlite.close()
        self.sqlite = SqliteAssignmentStore.open(self.directory / "a.db", synchronous="OFF")
        return self.sqlite

    def teardown(self) -> None:
        self.sqlite.close()
        shutil.rmtree(self.directory, ignore_errors=True)


SqliteAssignmentMachine.TestCase.settings = settings(
    max_examples=25,
    stateful_step_count=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
TestSqliteAssignmentStateMachine = SqliteAssignmentMachine.TestCase
