"""Rule 1: operators — skills 1–10, languages, teams, capacity per kind, status, presence."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from router.domain.assignment import (
    AssignmentEngine,
    ConversationState,
    EngineSettings,
    MemoryAssignmentStore,
    OperatorProfile,
    OperatorStatus,
    UnknownOperator,
    WorkItem,
)
from router.domain.clock import ManualClock

AddOperator = Callable[..., str]


def item(cid: str, **kw: object) -> WorkItem:
    fields: dict[str, object] = {"required_skills": ("billing",), "language": "ru"} | kw
    return WorkItem(cid, f"cust-{cid}", **fields)  # type: ignore[arg-type]


def test_skill_levels_outside_one_to_ten_are_refused() -> None:
    with pytest.raises(ValueError, match=r"outside 1\.\.10"):
        OperatorProfile("a", {"billing": 11}, {"chat": 1})
    with pytest.raises(ValueError, match=r"outside 1\.\.10"):
        OperatorProfile("a", {"billing": 0}, {"chat": 1})


def test_capacity_is_counted_per_kind_with_weights(
    engine: AssignmentEngine, add: AddOperator
) -> None:
    add("a", capacity={"chat": 5, "email": 1})
    engine.enqueue(item("heavy", weight=3))
    engine.enqueue(item("light", weight=1))
    engine.enqueue(item("mail", kind="email"))
    assert engine.load("a") == {"chat": 4, "email": 1}
    # 4 of 5 chat units are reserved, so another heavy chat must wait …
    assert engine.enqueue(item("heavy2", weight=2)).state is ConversationState.QUEUED
    # … while a light one still fits.
    assert engine.enqueue(item("light2")).state is ConversationState.OFFERED
    assert engine.load("a") == {"chat": 5, "email": 1}


def test_kind_the_operator_has_no_capacity_for_is_never_offered(
    engine: AssignmentEngine, add: AddOperator
) -> None:
    add("a", capacity={"chat": 5})
    assert engine.enqueue(item("v", kind="voice")).state is ConversationState.QUEUED


def test_away_operator_gets_no_new_offers_but_keeps_work(
    engine: AssignmentEngine, add: AddOperator
) -> None:
    add("a")
    engine.enqueue(item("c1"))
    offer = engine.pending_offers("a")[0]
    engine.accept("a", offer.offer_id)
    engine.set_status("a", OperatorStatus.AWAY)
    assert engine.enqueue(item("c2")).state is ConversationState.QUEUED
    assert engine.conversation("c1").state is ConversationState.ASSIGNED
    engine.set_status("a", OperatorStatus.AVAILABLE)
    assert engine.conversation("c2").state is ConversationState.OFFERED


def test_a_silent_operator_goes_offline_by_itself() -> None:
    clock = ManualClock()
    engine = AssignmentEngine(
        MemoryAssignmentStore(), clock, EngineSettings(presence_timeout_s=30.0)
    )
    engine.put_operator(OperatorProfile("a", {"billing": 5}, {"chat": 1}))
    engine.put_operator(OperatorProfile("b", {"billing": 5}, {"chat": 1}))
    engine.set_status("a", OperatorStatus.AVAILABLE)
    engine.set_status("b", OperatorStatus.AVAILABLE)
    for _ in range(3):
        clock.advance(20)
        engine.heartbeat("a")
    engine.sweep()
    assert engine.operator("a").status is OperatorStatus.AVAILABLE
    assert engine.operator("b").status is OperatorStatus.OFFLINE


def test_new_operators_start_offline(engine: AssignmentEngine) -> None:
    engine.put_operator(OperatorProfile("a", {"billing": 5}, {"chat": 1}))
    assert engine.operator("a").status is OperatorStatus.OFFLINE
    assert engine.enqueue(item("c1")).state is ConversationState.QUEUED


def test_unknown_operator_is_a_typed_error(engine: AssignmentEngine) -> None:
    with pytest.raises(UnknownOperator):
        engine.set_status("ghost", OperatorStatus.AVAILABLE)
    with pytest.raises(LookupError):
        engine.heartbeat("ghost")


def test_language_and_team_filter_operators(engine: AssignmentEngine, add: AddOperator) -> None:
    add("en", languages=frozenset({"en"}))
    add("ru", languages=frozenset({"ru"}), teams=frozenset({"retention"}))
    assert engine.enqueue(item("c1", language="en")).state is ConversationState.OFFERED
    assert engine.pending_offers("en")[0].conversation_id == "c1"
    engine.enqueue(item("c2", language="ru", team="retention"))
    assert engine.pending_offers("ru")[0].conversation_id == "c2"
    assert engine.enqueue(item("c3", language="ru", team="sales")).state is (
        ConversationState.QUEUED
    )


def test_lowering_capacity_below_the_load_only_stops_new_offers(
    engine: AssignmentEngine, add: AddOperator
) -> None:
    add("a", chats=3)
    for n in range(3):
        engine.enqueue(item(f"c{n}"))
    for offer in engine.pending_offers("a"):
        engine.accept("a", offer.offer_id)
    engine.put_operator(OperatorProfile("a", {"billing": 5}, {"chat": 1}, frozenset({"ru"})))
    assert engine.load("a") == {"chat": 3}  # nothing is taken away from the customers
    engine.resolve("c0")
    assert engine.enqueue(item("new")).state is ConversationState.QUEUED
    engine.resolve("c1")
    assert engine.conversation("new").state is ConversationState.QUEUED
    engine.resolve("c2")
    assert engine.conversation("new").state is ConversationState.OFFERED
