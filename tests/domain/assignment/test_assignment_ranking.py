"""Rule 4: highest level, then least loaded, then longest idle, then a deterministic tie-break."""

from __future__ import annotations

from collections.abc import Callable

from router.domain.assignment import AssignmentEngine, WorkItem
from router.domain.clock import ManualClock

AddOperator = Callable[..., str]


def item(cid: str, **kw: object) -> WorkItem:
    fields: dict[str, object] = {"required_skills": ("billing",), "language": "ru"} | kw
    return WorkItem(cid, f"cust-{cid}", **fields)  # type: ignore[arg-type]


def assign(engine: AssignmentEngine, cid: str, operator_id: str) -> None:
    engine.enqueue(item(cid))
    offer = engine.pending_offers(operator_id)[-1]
    assert offer.conversation_id == cid
    engine.accept(operator_id, offer.offer_id)


def test_the_highest_level_in_the_primary_skill_wins(
    engine: AssignmentEngine, add: AddOperator
) -> None:
    add("low", {"billing": 3})
    add("high", {"billing": 9})
    add("mid", {"billing": 6})
    assert engine.best_operator_for(item("c1")) == "high"


def test_among_equal_levels_the_least_loaded_wins(
    engine: AssignmentEngine, add: AddOperator
) -> None:
    add("a", chats=2)
    add("b", chats=4)
    assign(engine, "c1", "a")  # ties → id order picks a first; now a is at 1/2
    assign(engine, "c2", "b")  # b at 1/4 is less loaded than a at 1/2
    assert engine.best_operator_for(item("c3")) == "b"


def test_among_equal_loads_the_longest_idle_wins(
    engine: AssignmentEngine, add: AddOperator, clock: ManualClock
) -> None:
    add("a", chats=4)
    add("b", chats=4)
    assign(engine, "c1", "a")
    clock.advance(5)
    assign(engine, "c2", "b")
    engine.resolve("c1")
    engine.resolve("c2")
    # Both are empty again; a's last assignment is older.
    assert engine.best_operator_for(item("c3")) == "a"


def test_full_ties_break_on_the_operator_id(engine: AssignmentEngine, add: AddOperator) -> None:
    add("z")
    add("m")
    add("k")
    assert engine.best_operator_for(item("c1")) == "k"


def test_other_required_skills_filter_but_do_not_rank(
    engine: AssignmentEngine, add: AddOperator
) -> None:
    add("a", {"billing": 9})
    add("b", {"billing": 4, "roaming": 2})
    assert engine.best_operator_for(item("c1", required_skills=("billing", "roaming"))) == "b"


def test_operators_without_free_capacity_are_passed_over(
    engine: AssignmentEngine, add: AddOperator
) -> None:
    add("top", {"billing": 9}, chats=1)
    add("next", {"billing": 2})
    assign(engine, "c1", "top")
    assert engine.best_operator_for(item("c2")) == "next"
