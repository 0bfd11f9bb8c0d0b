"""A message shortly after a conversation was resolved reopens it; a later one opens anew."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import orjson

from router.domain.channels import Channel
from router.domain.clock import ManualClock
from router.domain.ids import UlidFactory
from router.domain.ingestion.limits import IngestionLimits
from router.domain.ingestion.messages import CustomerIdentity, InboundMessage
from router.domain.ingestion.service import Ingestion
from router.storage.sqlite.database import SqliteDatabase

WINDOW = 600.0


def message(external_id: str) -> InboundMessage:
    return InboundMessage(
        channel=Channel.TELEGRAM,
        external_id=external_id,
        customer=CustomerIdentity(channel_user_id="u1"),
        text="привет",
    )


def resolve(db_path: Path, conversation_id: str, at: float, stage: str = "bot") -> None:
    """Closes the conversation the way the bot or the desk leaves it."""
    with sqlite3.connect(db_path) as conn:
        if stage == "operator":
            conn.execute(
                "UPDATE conversations SET stage = 'operator', handoff_reason = 'asked_for_human'"
                " WHERE id = ?",
                (conversation_id,),
            )
            conn.execute(
                "INSERT INTO events (kind, conversation_id, payload, created_at)"
                " VALUES ('handed_off', ?, ?, ?)",
                (
                    conversation_id,
                    orjson.dumps(
                        {"reason": "asked_for_human", "intent": "", "language": "ru"}
                    ).decode(),
                    at,
                ),
            )
        conn.execute(
            "UPDATE conversations SET status = 'resolved', closed_at = ? WHERE id = ?",
            (at, conversation_id),
        )


def conversation(db_path: Path, conversation_id: str) -> tuple[str, float | None, int]:
    with sqlite3.connect(db_path) as conn:
        row = conn.execute(
            "SELECT status, closed_at, reopens FROM conversations WHERE id = ?",
            (conversation_id,),
        ).fetchone()
    return row[0], row[1], row[2]


def events(db_path: Path, conversation_id: str) -> list[tuple[str, dict[str, object]]]:
    with sqlite3.connect(db_path) as conn:
        return [
            (kind, orjson.loads(payload))
            for kind, payload in conn.execute(
                "SELECT kind, payload FROM events WHERE conversation_id = ? ORDER BY seq",
                (conversation_id,),
            )
        ]


def ingestion_for(database: SqliteDatabase, clock: ManualClock) -> Ingestion:
    limits = IngestionLimits(reopen_window_s=WINDOW)
    return Ingestion(database.ingestion, clock, UlidFactory(clock), limits)


async def test_a_message_within_the_window_reopens_a_bot_conversation(
    database: SqliteDatabase, db_path: Path
) -> None:
    clock = ManualClock()
    ingestion = ingestion_for(database, clock)
    first = await ingestion.receive(message("m1"))
    resolve(db_path, first.conversation_id, clock.now())
    clock.advance(WINDOW - 1)

    second = await ingestion.receive(message("m2"))

    assert second.conversation_id == first.conversation_id
    assert conversation(db_path, first.conversation_id) == ("open", None, 1)
    kinds = [kind for kind, _ in events(db_path, first.conversation_id)]
    assert kinds == ["message_received", "conversation_reopened", "message_received"]
    with sqlite3.connect(db_path) as conn:
        (count,) = conn.execute("SELECT count(*) FROM conversations").fetchone()
    assert count == 1


async def test_a_message_after_the_window_opens_a_new_conversation(
    database: SqliteDatabase, db_path: Path
) -> None:
    clock = ManualClock()
    ingestion = ingestion_for(database, clock)
    first = await ingestion.receive(message("m1"))
    resolve(db_path, first.conversation_id, clock.now(), stage="operator")
    clock.advance(WINDOW + 1)

    second = await ingestion.receive(message("m2"))

    assert second.conversation_id != first.conversation_id
    assert conversation(db_path, first.conversation_id)[:2] == ("resolved", clock.now() - 601)
    assert conversation(db_path, second.conversation_id) == ("open", None, 0)
    assert [kind for kind, _ in events(db_path, second.conversation_id)] == ["message_received"]
    assert "conversation_reopened" not in [k for k, _ in events(db_path, first.conversation_id)]


async def test_a_zero_window_never_reopens(database: SqliteDatabase, db_path: Path) -> None:
    clock = ManualClock()
    limits = IngestionLimits(reopen_window_s=0)
    ingestion = Ingestion(database.ingestion, clock, UlidFactory(clock), limits)
    first = await ingestion.receive(message("m1"))
    resolve(db_path, first.conversation_id, clock.now())

    second = await ingestion.receive(message("m2"))

    assert second.conversation_id != first.conversation_id


async def test_reopening_an_operator_conversation_hands_it_off_again(
    database: SqliteDatabase, db_path: Path
) -> None:
    clock = ManualClock()
    ingestion = ingestion_for(database, clock)
    first = await ingestion.receive(message("m1"))
    resolve(db_path, first.conversation_id, clock.now(), stage="operator")
    clock.advance(60)

    second = await ingestion.receive(message("m2"))

    assert second.conversation_id == first.conversation_id
    assert conversation(db_path, first.conversation_id) == ("open", None, 1)
    log = events(db_path, first.conversation_id)
    assert [kind for kind, _ in log] == [
        "message_received",
        "handed_off",
        "conversation_reopened",
        "handed_off",
        "message_received",
    ]
    assert log[2][1] == {"stage": "operator"}
    # The original hand-over's reason and language carry over, marked as a reopening.
    assert log[3][1] == {
        "reason": "asked_for_human",
        "intent": "",
        "language": "ru",
        "reopened": True,
    }
    handoffs = await database.handoffs.next_handoffs("test", 10)
    assert [h.conversation_id for h in handoffs] == [first.conversation_id] * 2
