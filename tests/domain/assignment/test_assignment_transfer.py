"""Rule 7: transfer to an operator, a team or a skill; supervisors can force-assign."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from router.domain.assignment import (
    AssignmentEngine,
    CapacityExceeded,
    ConversationState,
    InvalidTransition,
    NotEligible,
    OperatorStatus,
    WorkItem,
)

AddOperator = Callable[..., str]


def item(cid: str, **kw: object) -> WorkItem:
    fields: dict[str, object] = {"required_skills": ("billing",), "language": "ru"} | kw
    return WorkItem(cid, f"cust-{cid}", **fields)  # type: ignore[arg-type]


def assigned_to_a(engine: AssignmentEngine, add: AddOperator) -> None:
    add("a", {"billing": 9, "roaming": 3})
    engine.enqueue(item("c1"))
    engine.accept("a", engine.pending_offers("a")[0].offer_id)


def test_transfer_to_a_colleague_moves_the_load(engine: AssignmentEngine, add: AddOperator) -> None:
    assigned_to_a(engine, add)
    add("b", {"roaming": 2})
    moved = engine.transfer("c1", to_operator="b")
    assert (moved.state, moved.operator_id) == (ConversationState.ASSIGNED, "b")
    assert engine.load("a") == {}
    assert engine.load("b") == {"chat": 1}


def test_transfer_to_an_absent_or_full_colleague_is_refused(
    engine: AssignmentEngine, add: AddOperator
) -> None:
    assigned_to_a(engine, add)
    add("away", status=OperatorStatus.AWAY)
    add("full", chats=0)
    with pytest.raises(NotEligible):
        engine.transfer("c1", to_operator="away")
    with pytest.raises(CapacityExceeded):
        engine.transfer("c1", to_operator="full")
    assert engine.conversation("c1").operator_id == "a"


def test_transfer_to_a_team_requeues_at_the_front_for_that_team(
    engine: AssignmentEngine, add: AddOperator
) -> None:
    assigned_to_a(engine, add)
    engine.enqueue(item("waiting"))  # a has a free slot: offered to a
    engine.set_status("a", OperatorStatus.AWAY)
    engine.enqueue(item("later"))
    engine.transfer("c1", to_team="retention")
    assert engine.queue_order() == ["c1", "later"]
    add("outsider", {"billing": 9})
    assert engine.conversation("c1").state is ConversationState.QUEUED
    add("member", {"billing": 2}, teams=frozenset({"retention"}))
    assert engine.pending_offers("member")[0].conversation_id == "c1"


def test_transfer_to_a_skill_retargets_the_work(engine: AssignmentEngine, add: AddOperator) -> None:
    assigned_to_a(engine, add)
    add("roamer", {"roaming": 8})
    engine.transfer("c1", to_skill="roaming")
    # a is skipped for it (they passed it on), so the roaming specialist gets it.
    assert engine.pending_offers("roamer")[0].conversation_id == "c1"
    assert engine.conversation("c1").item.required_skills == ("roaming",)


def test_only_assigned_conversations_can_be_transferred(
    engine: AssignmentEngine, add: AddOperator
) -> None:
    engine.enqueue(item("c1"))
    with pytest.raises(InvalidTransition):
        engine.transfer("c1", to_team="x")
    with pytest.raises(ValueError, match="exactly one"):
        engine.transfer("c1", to_team="x", to_skill="y")


def test_a_supervisor_can_force_assign_past_the_rules_but_not_past_capacity(
    engine: AssignmentEngine, add: AddOperator
) -> None:
    add("novice", {"other": 1}, languages=frozenset({"en"}), chats=1)
    engine.enqueue(item("c1"))
    engine.enqueue(item("c2"))
    forced = engine.force_assign("c1", "novice")
    assert (forced.state, forced.operator_id) == (ConversationState.ASSIGNED, "novice")
    with pytest.raises(CapacityExceeded):
        engine.force_assign("c2", "novice")


def test_force_assign_takes_over_a_pending_offer(
    engine: AssignmentEngine, add: AddOperator
) -> None:
    add("a")
    add("b", {"other": 1})
    engine.enqueue(item("c1"))
    engine.force_assign("c1", "b")
    assert engine.pending_offers("a") == []
    assert engine.load("a") == {}
    assert engine.conversation("c1").operator_id == "b"
