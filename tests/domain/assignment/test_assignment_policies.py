"""Rule 3: routing policies — expiring steps, sticky first step, fallback, policies as data."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from router.domain.assignment import (
    AssignmentEngine,
    ConversationState,
    OperatorStatus,
    RoutingPolicy,
    RoutingStep,
    WorkItem,
)
from router.domain.assignment.policies import active_step
from router.domain.clock import ManualClock

AddOperator = Callable[..., str]

BULLSEYE = RoutingPolicy(
    "default",
    (
        RoutingStep("sticky", timeout_s=30, preferred_only=True),
        RoutingStep("experts", timeout_s=60, min_level=8),
        RoutingStep("retention team", timeout_s=60, min_level=3, teams=frozenset({"retention"})),
        RoutingStep("fallback", timeout_s=None, match_language=False),
    ),
)


def item(cid: str, **kw: object) -> WorkItem:
    fields: dict[str, object] = {"required_skills": ("billing",), "language": "ru"} | kw
    return WorkItem(cid, f"cust-{cid}", **fields)  # type: ignore[arg-type]


def test_a_policy_must_end_in_a_fallback() -> None:
    with pytest.raises(ValueError, match="fallback"):
        RoutingPolicy("p", (RoutingStep("a", timeout_s=10),))


def test_steps_widen_as_time_passes() -> None:
    names = [
        active_step(BULLSEYE, 0.0, t, sticky_usable=True).step.name
        for t in (0, 29, 30, 89, 90, 149, 150, 10_000)
    ]
    assert names == [
        "sticky",
        "sticky",
        "experts",
        "experts",
        "retention team",
        "retention team",
        "fallback",
        "fallback",
    ]


def test_a_sticky_step_is_skipped_when_the_preferred_operator_is_not_available() -> None:
    step = active_step(BULLSEYE, 0.0, 0.0, sticky_usable=False)
    assert step.step.name == "experts"
    assert step.ends_at == 60.0


def test_the_engine_walks_the_steps(
    engine: AssignmentEngine, add: AddOperator, clock: ManualClock
) -> None:
    engine.put_policy(BULLSEYE)
    add("pref", {"billing": 2})
    add("expert", {"billing": 9}, languages=frozenset({"en"}))
    add("team", {"billing": 4}, teams=frozenset({"retention"}))
    add("junior", {"billing": 1}, languages=frozenset({"en"}))
    for operator_id in ("pref", "expert", "team", "junior"):
        engine.set_status(operator_id, OperatorStatus.AWAY)
    engine.enqueue(item("c1", preferred_operator="pref"))
    for operator_id in ("expert", "team", "junior"):
        engine.set_status(operator_id, OperatorStatus.AVAILABLE)
    # The preferred operator is away: the sticky step does not apply; experts speak English
    # only, so the Russian-speaking customer waits in the experts step.
    assert engine.conversation("c1").state is ConversationState.QUEUED
    assert engine.current_step("c1").step.name == "experts"
    clock.advance(60)
    engine.sweep()
    assert engine.pending_offers("team")[0].conversation_id == "c1"


def test_sticky_routing_waits_for_the_preferred_operator_only_for_its_timeout(
    engine: AssignmentEngine, add: AddOperator, clock: ManualClock
) -> None:
    engine.put_policy(BULLSEYE)
    add("pref", {"billing": 2}, chats=1)
    add("expert", {"billing": 9})
    engine.enqueue(item("busy"))  # goes to the expert (rank), so fill pref another way
    engine.force_assign("busy", "pref")
    engine.enqueue(item("c1", preferred_operator="pref"))
    assert engine.current_step("c1").step.name == "sticky"
    assert engine.pending_offers("expert") == []
    clock.advance(30)
    engine.sweep()
    assert engine.pending_offers("expert")[0].conversation_id == "c1"


def test_sticky_routing_offers_to_the_preferred_operator_first(
    engine: AssignmentEngine, add: AddOperator
) -> None:
    engine.put_policy(BULLSEYE)
    add("pref", {"billing": 2})
    add("expert", {"billing": 9})
    engine.enqueue(item("c1", preferred_operator="pref"))
    assert engine.pending_offers("pref")[0].conversation_id == "c1"


def test_editing_a_policy_applies_to_waiting_conversations(
    engine: AssignmentEngine, add: AddOperator
) -> None:
    engine.put_policy(RoutingPolicy("default", (RoutingStep("experts", min_level=9),)))
    add("mid", {"billing": 5})
    engine.enqueue(item("c1"))
    assert engine.conversation("c1").state is ConversationState.QUEUED
    engine.put_policy(RoutingPolicy("default", (RoutingStep("anyone", min_level=1),)))
    assert engine.conversation("c1").state is ConversationState.OFFERED
    assert engine.policy("default").steps[0].name == "anyone"
