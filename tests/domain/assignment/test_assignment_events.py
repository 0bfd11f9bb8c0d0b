"""Rule 9: every change leaves an event with an increasing id."""

from __future__ import annotations

from collections.abc import Callable

from router.domain.assignment import (
    AssignmentEngine,
    EventKind,
    MemoryAssignmentStore,
    OperatorStatus,
    WorkItem,
)
from router.domain.clock import ManualClock

AddOperator = Callable[..., str]


def item(cid: str) -> WorkItem:
    return WorkItem(cid, f"cust-{cid}", ("billing",), language="ru")


def test_each_change_has_its_event(
    engine: AssignmentEngine, store: MemoryAssignmentStore, add: AddOperator, clock: ManualClock
) -> None:
    add("a", {"billing": 9})
    add("b", {"billing": 5})
    engine.enqueue(item("c1"))  # queued, offered to a
    engine.decline("a", engine.pending_offers("a")[0].offer_id)  # declined, offered to b
    clock.advance(20)
    engine.sweep()  # offer expired; nobody left
    engine.force_assign("c1", "b")  # assigned
    engine.transfer("c1", to_operator="a")  # transferred
    engine.resolve("c1")  # resolved
    engine.enqueue(item("c2"))  # queued, offered to a (sticky history is per customer)
    engine.accept("a", engine.pending_offers("a")[0].offer_id)  # accepted
    engine.set_status("a", OperatorStatus.OFFLINE)
    clock.advance(60)
    engine.sweep()  # requeued, then offered to b
    kinds = [e.kind for e in store.events if e.conversation_id is not None]
    assert kinds == [
        EventKind.QUEUED,
        EventKind.OFFERED,
        EventKind.DECLINED,
        EventKind.OFFERED,
        EventKind.OFFER_EXPIRED,
        EventKind.ASSIGNED,
        EventKind.TRANSFERRED,
        EventKind.RESOLVED,
        EventKind.QUEUED,
        EventKind.OFFERED,
        EventKind.ACCEPTED,
        EventKind.REQUEUED,
        EventKind.OFFERED,
    ]
    ids = [e.event_id for e in store.events]
    assert ids == sorted(set(ids))
    assert ids[0] == 1


def test_events_after_resumes_a_stream(
    engine: AssignmentEngine, store: MemoryAssignmentStore
) -> None:
    engine.enqueue(item("c1"))
    engine.enqueue(item("c2"))
    last = store.events[-2].event_id
    resumed = store.events_after(last)
    assert [e.conversation_id for e in resumed] == ["c2"]
    assert resumed[0].kind is EventKind.QUEUED


def test_offered_events_say_which_step_and_until_when(
    engine: AssignmentEngine, store: MemoryAssignmentStore, add: AddOperator, clock: ManualClock
) -> None:
    add("a")
    engine.enqueue(item("c1"))
    offered = store.events[-1]
    assert offered.kind is EventKind.OFFERED
    assert offered.operator_id == "a"
    assert offered.data["step"] == 0
    assert offered.data["expires_at"] == clock.now() + 20.0
