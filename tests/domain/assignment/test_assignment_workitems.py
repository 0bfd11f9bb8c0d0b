"""Rule 2: work items — skills, language, channel, priority, time queued, preferred operator."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from router.domain.assignment import AssignmentEngine, WorkItem, contact_priority
from router.domain.clock import ManualClock

AddOperator = Callable[..., str]
NOW = 1_700_000_000.0


def test_a_work_item_needs_a_skill_and_a_positive_weight() -> None:
    with pytest.raises(ValueError, match="required_skills"):
        WorkItem("c1", "cust", ())
    with pytest.raises(ValueError, match="weight"):
        WorkItem("c1", "cust", ("billing",), weight=0)


def test_vip_and_repeat_contacts_come_first() -> None:
    plain = contact_priority(vip=False, last_contact_at=None, now=NOW)
    repeat = contact_priority(vip=False, last_contact_at=NOW - 3600, now=NOW)
    stale = contact_priority(vip=False, last_contact_at=NOW - 25 * 3600, now=NOW)
    vip = contact_priority(vip=True, last_contact_at=None, now=NOW)
    vip_repeat = contact_priority(vip=True, last_contact_at=NOW - 60, now=NOW)
    assert plain == stale < repeat < vip < vip_repeat


def test_time_queued_and_channel_are_kept(engine: AssignmentEngine, clock: ManualClock) -> None:
    engine.enqueue(WorkItem("c1", "cust", ("billing",), channel="telegram"))
    record = engine.conversation("c1")
    assert record.queued_at == clock.now()
    assert record.item.channel == "telegram"


def test_the_last_operator_of_the_customer_becomes_preferred(
    engine: AssignmentEngine, add: AddOperator
) -> None:
    add("a")
    engine.enqueue(WorkItem("c1", "cust-1", ("billing",), language="ru"))
    engine.accept("a", engine.pending_offers("a")[0].offer_id)
    engine.resolve("c1")
    engine.enqueue(WorkItem("c2", "cust-1", ("billing",), language="ru"))
    engine.enqueue(WorkItem("c3", "cust-2", ("billing",), language="ru"))
    assert engine.conversation("c2").item.preferred_operator == "a"
    assert engine.conversation("c3").item.preferred_operator is None


def test_an_explicit_preferred_operator_wins_over_history(
    engine: AssignmentEngine, add: AddOperator
) -> None:
    add("a")
    engine.enqueue(WorkItem("c1", "cust-1", ("billing",), language="ru"))
    engine.accept("a", engine.pending_offers("a")[0].offer_id)
    engine.resolve("c1")
    engine.enqueue(WorkItem("c2", "cust-1", ("billing",), preferred_operator="b"))
    assert engine.conversation("c2").item.preferred_operator == "b"
