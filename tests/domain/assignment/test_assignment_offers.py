"""Rule 5: offers reserve capacity; accept, decline, timeout, offline revocation, grace."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from router.domain.assignment import (
    AssignmentEngine,
    ConversationState,
    OfferNotFound,
    OperatorStatus,
    WorkItem,
)
from router.domain.clock import ManualClock

AddOperator = Callable[..., str]


def item(cid: str, **kw: object) -> WorkItem:
    fields: dict[str, object] = {"required_skills": ("billing",), "language": "ru"} | kw
    return WorkItem(cid, f"cust-{cid}", **fields)  # type: ignore[arg-type]


def test_an_offer_reserves_capacity_and_accept_assigns(
    engine: AssignmentEngine, add: AddOperator
) -> None:
    add("a", chats=1)
    engine.enqueue(item("c1"))
    assert engine.load("a") == {"chat": 1}
    assert engine.enqueue(item("c2")).state is ConversationState.QUEUED
    offer = engine.pending_offers("a")[0]
    assigned = engine.accept("a", offer.offer_id)
    assert assigned.state is ConversationState.ASSIGNED
    assert assigned.operator_id == "a"
    assert engine.pending_offers("a") == []


def test_decline_goes_to_the_next_operator_and_skips_the_decliner(
    engine: AssignmentEngine, add: AddOperator
) -> None:
    add("a", {"billing": 9})
    add("b", {"billing": 5})
    engine.enqueue(item("c1"))
    engine.decline("a", engine.pending_offers("a")[0].offer_id)
    assert engine.pending_offers("b")[0].conversation_id == "c1"
    engine.decline("b", engine.pending_offers("b")[0].offer_id)
    record = engine.conversation("c1")
    assert record.state is ConversationState.QUEUED
    assert record.declined_by == {"a", "b"}
    assert not engine.can_take("a", "c1")


def test_an_unanswered_offer_expires_after_twenty_seconds(
    engine: AssignmentEngine, add: AddOperator, clock: ManualClock
) -> None:
    add("a", {"billing": 9})
    add("b", {"billing": 5})
    engine.enqueue(item("c1"))
    first = engine.pending_offers("a")[0]
    assert first.expires_at - first.offered_at == 20.0
    clock.advance(19.9)
    engine.sweep()
    assert engine.pending_offers("a") == [first]
    clock.advance(0.1)
    with pytest.raises(OfferNotFound):
        engine.accept("a", first.offer_id)  # too late: the expiry runs first
    assert engine.pending_offers("b")[0].conversation_id == "c1"
    assert engine.load("a") == {}


def test_accepting_someone_elses_offer_is_refused(
    engine: AssignmentEngine, add: AddOperator
) -> None:
    add("a")
    add("b")
    engine.enqueue(item("c1"))
    offer = engine.pending_offers("a")[0]
    with pytest.raises(OfferNotFound):
        engine.accept("b", offer.offer_id)
    with pytest.raises(OfferNotFound):
        engine.decline("a", "offer-404")


def test_going_offline_revokes_pending_offers_at_once(
    engine: AssignmentEngine, add: AddOperator
) -> None:
    add("a", {"billing": 9})
    add("b", {"billing": 5})
    engine.enqueue(item("c1"))
    engine.set_status("a", OperatorStatus.OFFLINE)
    assert engine.pending_offers("b")[0].conversation_id == "c1"
    # Revoked, not declined: a may get it again after coming back.
    assert engine.conversation("c1").declined_by == frozenset()


def test_assigned_work_returns_to_the_front_after_the_grace_period(
    engine: AssignmentEngine, add: AddOperator, clock: ManualClock
) -> None:
    add("a", chats=2)
    engine.enqueue(item("c1"))
    engine.enqueue(item("c2"))
    for offer in engine.pending_offers("a"):
        engine.accept("a", offer.offer_id)
    engine.enqueue(item("waiting"))
    engine.set_status("a", OperatorStatus.OFFLINE)
    clock.advance(59)
    engine.sweep()
    assert engine.conversation("c1").state is ConversationState.ASSIGNED
    clock.advance(1)
    engine.sweep()
    assert engine.queue_order() == ["c1", "c2", "waiting"]
    assert engine.load("a") == {}


def test_coming_back_within_the_grace_keeps_the_work(
    engine: AssignmentEngine, add: AddOperator, clock: ManualClock
) -> None:
    add("a")
    engine.enqueue(item("c1"))
    engine.accept("a", engine.pending_offers("a")[0].offer_id)
    engine.set_status("a", OperatorStatus.OFFLINE)
    clock.advance(30)
    engine.set_status("a", OperatorStatus.AWAY)
    clock.advance(60)
    engine.sweep()
    assert engine.conversation("c1").state is ConversationState.ASSIGNED
    assert engine.conversation("c1").operator_id == "a"
