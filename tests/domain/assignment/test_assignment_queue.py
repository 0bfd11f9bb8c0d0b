"""Rule 6: priority then FCFS; both sides dispatch; positions, wait estimates, overflow."""

from __future__ import annotations

from collections.abc import Callable

from router.domain.assignment import (
    AssignmentEngine,
    ConversationState,
    Enqueued,
    EventKind,
    MemoryAssignmentStore,
    OperatorStatus,
    QueueFull,
    RoutingPolicy,
    RoutingStep,
    WorkItem,
)
from router.domain.clock import ManualClock

AddOperator = Callable[..., str]


def item(cid: str, **kw: object) -> WorkItem:
    fields: dict[str, object] = {"required_skills": ("billing",), "language": "ru"} | kw
    return WorkItem(cid, f"cust-{cid}", **fields)  # type: ignore[arg-type]


def test_priority_first_then_first_come_first_served(engine: AssignmentEngine) -> None:
    engine.enqueue(item("old"))
    engine.enqueue(item("vip", priority=10))
    engine.enqueue(item("new"))
    engine.enqueue(item("repeat", priority=5))
    assert engine.queue_order() == ["vip", "repeat", "old", "new"]


def test_freed_capacity_takes_the_next_waiting_conversation(
    engine: AssignmentEngine, add: AddOperator
) -> None:
    add("a", chats=1)
    engine.enqueue(item("c1"))
    engine.accept("a", engine.pending_offers("a")[0].offer_id)
    engine.enqueue(item("c2"))
    engine.enqueue(item("c3"))
    engine.resolve("c1")
    assert [o.conversation_id for o in engine.pending_offers("a")] == ["c2"]


def test_an_operator_coming_online_takes_the_oldest_work_they_qualify_for(
    engine: AssignmentEngine, add: AddOperator
) -> None:
    engine.enqueue(item("roaming", required_skills=("roaming",)))
    engine.enqueue(item("b1"))
    engine.enqueue(item("b2"))
    add("a", {"billing": 5}, chats=1)
    assert [o.conversation_id for o in engine.pending_offers("a")] == ["b1"]


def test_positions_and_estimated_wait(
    engine: AssignmentEngine, add: AddOperator, clock: ManualClock
) -> None:
    add("a", chats=1)
    engine.enqueue(item("c0"))
    engine.accept("a", engine.pending_offers("a")[0].offer_id)
    first = engine.enqueue(item("c1"))
    second = engine.enqueue(item("c2"))
    assert isinstance(first, Enqueued) and isinstance(second, Enqueued)
    assert (first.position, second.position) == (0, 1)
    assert second.estimated_wait_s is None  # nothing served twice yet
    for done, nxt in (("c0", "c1"), ("c1", "c2")):
        clock.advance(120)
        engine.resolve(done)
        engine.accept("a", engine.pending_offers("a")[0].offer_id)
        assert engine.conversation(nxt).state is ConversationState.ASSIGNED
    engine.enqueue(item("c3"))
    engine.enqueue(item("c4"))
    estimate = engine.wait_estimate("c4")
    assert estimate.position == 1
    assert estimate.estimated_wait_s == 2 * 120.0


def test_overflow_is_a_result_and_an_event_never_a_silent_drop(
    store: MemoryAssignmentStore, engine: AssignmentEngine
) -> None:
    engine.put_policy(RoutingPolicy("default", (RoutingStep("anyone"),), max_queued=2))
    engine.enqueue(item("c1"))
    engine.enqueue(item("c2"))
    result = engine.enqueue(item("c3"))
    assert result == QueueFull("c3", "default", 2)
    assert store.events[-1].kind is EventKind.QUEUE_FULL
    assert store.events[-1].conversation_id == "c3"
    assert engine.queue_order() == ["c1", "c2"]


def test_step_widening_is_found_by_the_sweep(
    engine: AssignmentEngine, add: AddOperator, clock: ManualClock
) -> None:
    engine.put_policy(
        RoutingPolicy(
            "default", (RoutingStep("experts", timeout_s=10, min_level=8), RoutingStep("all"))
        )
    )
    add("a", {"billing": 3})
    engine.enqueue(item("c1"))
    clock.advance(10)
    engine.sweep()
    assert engine.pending_offers("a")[0].conversation_id == "c1"


def test_an_available_operator_is_never_left_idle_beside_eligible_work(
    engine: AssignmentEngine, add: AddOperator
) -> None:
    add("a", status=OperatorStatus.AWAY, chats=3)
    for n in range(5):
        engine.enqueue(item(f"c{n}"))
    engine.set_status("a", OperatorStatus.AVAILABLE)
    assert [o.conversation_id for o in engine.pending_offers("a")] == ["c0", "c1", "c2"]
    assert engine.queue_order() == ["c3", "c4"]
