"""Rule 8: a new engine built from the store has exactly the state of the old one."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from router.domain.assignment import (
    AssignmentEngine,
    ConversationState,
    EngineSettings,
    MemoryAssignmentStore,
    OfferNotFound,
    OperatorProfile,
    OperatorStatus,
    WorkItem,
)
from router.domain.clock import ManualClock

AddOperator = Callable[..., str]


def item(cid: str, **kw: object) -> WorkItem:
    fields: dict[str, object] = {"required_skills": ("billing",), "language": "ru"} | kw
    return WorkItem(cid, f"cust-{cid}", **fields)  # type: ignore[arg-type]


def test_restart_in_the_middle_of_offers_rebuilds_the_same_state(
    engine: AssignmentEngine,
    store: MemoryAssignmentStore,
    add: AddOperator,
    clock: ManualClock,
    settings: EngineSettings,
) -> None:
    add("a", {"billing": 9}, chats=2)
    add("b", {"billing": 4}, chats=1)
    add("c", {"billing": 6}, status=OperatorStatus.AWAY)
    for n in range(6):
        engine.enqueue(item(f"c{n}", priority=n % 2))
    engine.accept("a", engine.pending_offers("a")[0].offer_id)
    engine.decline("b", engine.pending_offers("b")[0].offer_id)
    clock.advance(5)
    restarted = AssignmentEngine(store, clock, settings)
    assert restarted.state() == engine.state()
    assert any(c.state is ConversationState.OFFERED for c in restarted.conversations())

    # The rebuilt engine carries on where the old one stopped: the pending offer still
    # expires at its original time and goes to the next operator.
    pending = restarted.pending_offers("a")[0]
    clock.advance(pending.expires_at - clock.now())
    restarted.sweep()
    with pytest.raises(OfferNotFound):
        restarted.accept("a", pending.offer_id)
    assert restarted.conversation(pending.conversation_id).state is not ConversationState.ASSIGNED


def test_restart_keeps_the_offline_grace_running() -> None:
    clock = ManualClock()
    store = MemoryAssignmentStore()
    settings = EngineSettings(presence_timeout_s=3600)
    engine = AssignmentEngine(store, clock, settings)
    engine.put_operator(OperatorProfile("a", {"billing": 9}, {"chat": 1}))
    engine.set_status("a", OperatorStatus.AVAILABLE)
    engine.enqueue(WorkItem("c1", "cust", ("billing",)))
    engine.accept("a", engine.pending_offers("a")[0].offer_id)
    engine.set_status("a", OperatorStatus.OFFLINE)
    clock.advance(30)
    restarted = AssignmentEngine(store, clock, settings)
    assert restarted.state() == engine.state()
    clock.advance(30)
    restarted.sweep()
    assert restarted.conversation("c1").state is ConversationState.QUEUED
    assert restarted.load("a") == {}


def test_work_left_unmatched_by_a_crash_is_matched_after_the_restart() -> None:
    """The process died after committing a hand-over but before offering it."""
    from router.domain.assignment import AssignmentEvent, EventKind, OperatorRecord
    from router.domain.assignment.conversations import Conversation

    clock = ManualClock()
    store = MemoryAssignmentStore()
    profile = OperatorProfile("a", {"billing": 9}, {"chat": 1})
    store.save_operator(
        OperatorRecord(profile, OperatorStatus.AVAILABLE),
        AssignmentEvent(1, EventKind.OPERATOR_STATUS, clock.now(), operator_id="a"),
    )
    item = WorkItem("c1", "cust", ("billing",))
    store.enqueue(
        Conversation(item, ConversationState.QUEUED, clock.now(), 2, clock.now()),
        AssignmentEvent(2, EventKind.QUEUED, clock.now(), "c1"),
    )
    restarted = AssignmentEngine(store, clock, EngineSettings(presence_timeout_s=3600))
    restarted.sweep()
    assert restarted.conversation("c1").state is ConversationState.OFFERED
    assert store.events[-1].kind is EventKind.OFFERED
