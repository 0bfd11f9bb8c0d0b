"""The SQLite assignment store: one transaction per change, and restarts that lose nothing."""

from __future__ import annotations

import contextlib
import random
import sqlite3
from pathlib import Path

import pytest
import sqlite_utils

from router.domain.assignment import (
    AssignmentEngine,
    AssignmentError,
    AssignmentEvent,
    ConversationState,
    EngineSettings,
    EventKind,
    MemoryAssignmentStore,
    OperatorProfile,
    OperatorStatus,
    RoutingPolicy,
    RoutingStep,
    WorkItem,
    default_policy,
)
from router.domain.assignment.conversations import Conversation
from router.domain.clock import ManualClock
from router.storage.sqlite.assignment_store import SqliteAssignmentStore
from router.storage.sqlite.connection import connect
from router.storage.sqlite.migrations import migrate

SETTINGS = EngineSettings(presence_timeout_s=3600)


def test_migration_creates_the_assignment_tables(tmp_path: Path) -> None:
    conn = connect(tmp_path / "a.db")
    migrate(conn)
    tables = set(sqlite_utils.Database(conn).table_names())
    assert {
        "assignment_operators",
        "assignment_policies",
        "assignment_conversations",
        "assignment_events",
    } <= tables


def test_records_come_back_as_they_went_in(tmp_path: Path) -> None:
    clock = ManualClock()
    store = SqliteAssignmentStore.open(tmp_path / "a.db")
    engine = AssignmentEngine(store, clock, SETTINGS)
    policy = RoutingPolicy(
        "vip",
        (
            RoutingStep("sticky", timeout_s=5.5, preferred_only=True),
            RoutingStep("team", timeout_s=10, min_level=4, teams=frozenset({"gold"})),
            RoutingStep("anyone", match_language=False),
        ),
        max_queued=7,
    )
    engine.put_policy(policy)
    engine.put_operator(
        OperatorProfile(
            "a",
            {"billing": 9, "roaming": 5},
            {"chat": 3, "email": 1},
            frozenset({"ru"}),
            frozenset({"gold"}),
        )
    )
    engine.set_status("a", OperatorStatus.AVAILABLE)
    engine.enqueue(
        WorkItem(
            "c1",
            "cust",
            ("billing", "roaming"),
            "ru",
            "telegram",
            "chat",
            2,
            5,
            "vip",
            None,
            "gold",
        )
    )
    store.close()

    reopened = SqliteAssignmentStore.open(tmp_path / "a.db")
    snapshot = reopened.load_state()
    assert [p for p in snapshot.policies] == [policy]
    assert snapshot.operators[0] == engine.operator("a")
    assert list(snapshot.conversations) == [engine.conversation("c1")]
    assert snapshot.last_event_id == 5
    events = reopened.events_after(0)
    assert [e.kind for e in events] == [
        EventKind.POLICY_UPDATED,
        EventKind.OPERATOR_UPDATED,
        EventKind.OPERATOR_STATUS,
        EventKind.QUEUED,
        EventKind.OFFERED,
    ]
    assert events[-1].data["offer_id"] == "offer-5"


def test_a_failed_write_leaves_neither_record_nor_event(tmp_path: Path) -> None:
    store = SqliteAssignmentStore.open(tmp_path / "a.db")
    item = WorkItem("c1", "cust", ("billing",))
    conversation = Conversation(item, ConversationState.QUEUED, 1.0, 1, 1.0)
    store.enqueue(conversation, AssignmentEvent(1, EventKind.QUEUED, 1.0, "c1"))
    offered = Conversation(item, ConversationState.OFFERED, 1.0, 1, 1.0, operator_id="a")
    with pytest.raises(sqlite3.IntegrityError):
        # Event id 1 is taken: the whole operation must roll back.
        store.record_offer(offered, AssignmentEvent(1, EventKind.OFFERED, 2.0, "c1", "a"))
    snapshot = store.load_state()
    assert [c.state for c in snapshot.conversations] == [ConversationState.QUEUED]
    assert [e.kind for e in store.events_after(0)] == [EventKind.QUEUED]


def test_restart_in_the_middle_of_offers_on_sqlite(tmp_path: Path) -> None:
    clock = ManualClock()
    store = SqliteAssignmentStore.open(tmp_path / "a.db")
    engine = AssignmentEngine(store, clock, SETTINGS)
    engine.put_policy(RoutingPolicy("default", (RoutingStep("anyone"),)))
    for op, level in (("a", 9), ("b", 5)):
        engine.put_operator(OperatorProfile(op, {"billing": level}, {"chat": 2}))
        engine.set_status(op, OperatorStatus.AVAILABLE)
    for n in range(5):
        engine.enqueue(WorkItem(f"c{n}", f"cust{n}", ("billing",), priority=n % 2))
    first = engine.pending_offers("a")[0]
    engine.accept("a", first.offer_id)
    engine.decline("b", engine.pending_offers("b")[0].offer_id)
    before = engine.state()
    assert any(c.state is ConversationState.OFFERED for c in engine.conversations())
    store.close()  # the process dies here

    clock.advance(3)
    restarted = AssignmentEngine(SqliteAssignmentStore.open(tmp_path / "a.db"), clock, SETTINGS)
    assert restarted.state() == before
    pending = restarted.pending_offers("a")[0]
    accepted = restarted.accept("a", pending.offer_id)
    assert accepted.state is ConversationState.ASSIGNED


def test_sqlite_and_memory_stores_rebuild_the_same_engine(tmp_path: Path) -> None:
    """A random run driven through both stores side by side, restarting the SQLite one
    every few steps: both engines must stay identical."""
    rng = random.Random(7)
    clock = ManualClock()
    memory = AssignmentEngine(MemoryAssignmentStore(), clock, SETTINGS)
    path = tmp_path / "a.db"
    sqlite_store = SqliteAssignmentStore.open(path)
    durable = AssignmentEngine(sqlite_store, clock, SETTINGS)
    engines = [memory, durable]
    for engine in engines:
        engine.put_policy(default_policy())
        for n in range(4):
            engine.put_operator(
                OperatorProfile(f"op{n}", {"billing": 3 + 2 * n, "roaming": 9 - n}, {"chat": 2})
            )
            engine.set_status(f"op{n}", OperatorStatus.AVAILABLE)
    for step in range(300):
        action = rng.choice(["enqueue", "answer", "resolve", "status", "time", "transfer"])
        choice = rng.random()
        if action == "time":
            clock.advance(1 + choice * 40)
        for engine in engines:
            with contextlib.suppress(AssignmentError):
                _act(engine, action, choice, step)
        if step % 25 == 0:
            sqlite_store.close()
            sqlite_store = SqliteAssignmentStore.open(path)
            durable = AssignmentEngine(sqlite_store, clock, SETTINGS)
            engines = [memory, durable]
        assert durable.state() == memory.state()
    assert durable.conversations()  # the run did leave work in flight


def _act(engine: AssignmentEngine, action: str, choice: float, step: int) -> None:
    def pick(items: list[str]) -> str | None:
        return items[int(choice * len(items))] if items else None

    conversations = sorted(engine.conversations(), key=lambda c: c.conversation_id)
    if action == "enqueue":
        skill = "billing" if choice < 0.6 else "roaming"
        engine.enqueue(WorkItem(f"c{step}", f"cust{step % 7}", (skill,), priority=int(choice * 3)))
    elif action == "answer":
        offers = [o for op in ("op0", "op1", "op2", "op3") for o in engine.pending_offers(op)]
        if offers:
            offer = offers[int(choice * len(offers))]
            if choice < 0.7:
                engine.accept(offer.operator_id, offer.offer_id)
            else:
                engine.decline(offer.operator_id, offer.offer_id)
    elif action == "resolve":
        cid = pick(
            [c.conversation_id for c in conversations if c.state is ConversationState.ASSIGNED]
        )
        if cid:
            engine.resolve(cid)
    elif action == "status":
        status = [OperatorStatus.AVAILABLE, OperatorStatus.AWAY, OperatorStatus.OFFLINE][step % 3]
        engine.set_status(f"op{int(choice * 4)}", status)
    elif action == "transfer":
        cid = pick(
            [c.conversation_id for c in conversations if c.state is ConversationState.ASSIGNED]
        )
        if cid:
            engine.transfer(cid, to_skill="roaming")
    else:
        engine.sweep()
