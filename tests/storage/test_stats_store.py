"""Self-service figures and the bot's accuracy on operator-labelled conversations."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from router.domain.channels import Channel
from router.domain.clock import ManualClock
from router.domain.ids import UlidFactory
from router.domain.ingestion.limits import IngestionLimits
from router.domain.ingestion.messages import CustomerIdentity, InboundMessage
from router.domain.ingestion.service import Ingestion
from router.storage.sqlite.database import SqliteDatabase


async def conversation(database: SqliteDatabase, user: str, channel: Channel) -> str:
    clock = ManualClock()
    ingestion = Ingestion(database.ingestion, clock, UlidFactory(clock), IngestionLimits())
    result = await ingestion.receive(InboundMessage(channel, user, CustomerIdentity(user), "hi"))
    return result.conversation_id


def label(db: Path, conversation_id: str, intent: str, bot_intent: str) -> None:
    with sqlite3.connect(db) as conn:
        conn.execute(
            "INSERT INTO resolution_labels (conversation_id, operator_id, intent, bot_intent,"
            " bot_confidence, corrects_bot, note, exclude_from_training, resolved_at)"
            " VALUES (?, 'anna', ?, ?, 0.5, ?, '', 0, ?)",
            (conversation_id, intent, bot_intent, int(intent != bot_intent), 1_700_000_000.0),
        )
        conn.execute(
            "UPDATE conversations SET stage = 'operator', handoff_reason = 'customer_request'"
            " WHERE id = ?",
            (conversation_id,),
        )


async def test_bot_accuracy_counts_labels_that_confirm_its_guess(
    database: SqliteDatabase, db_path: Path
) -> None:
    right = await conversation(database, "a", Channel.WEB)
    wrong = await conversation(database, "b", Channel.WEB)
    no_guess = await conversation(database, "c", Channel.TELEGRAM)
    await conversation(database, "d", Channel.TELEGRAM)  # the bot keeps this one
    label(db_path, right, "balance", "balance")
    label(db_path, wrong, "roaming", "balance")
    label(db_path, no_guess, "roaming", "")

    figures = await database.stats.self_service(0, 2e9)
    assert (figures.conversations, figures.handed_off) == (4, 3)
    assert (figures.labelled, figures.bot_right, figures.bot_accuracy) == (2, 1, 0.5)
    assert figures.handoff_reasons == {"customer_request": 3}

    telegram = await database.stats.self_service(0, 2e9, "telegram")
    assert (telegram.conversations, telegram.handed_off, telegram.labelled) == (2, 1, 0)


async def test_a_reopened_conversation_is_judged_once_by_its_first_label(
    database: SqliteDatabase, db_path: Path
) -> None:
    reopened = await conversation(database, "a", Channel.WEB)
    label(db_path, reopened, "balance", "balance")
    with sqlite3.connect(db_path) as conn:
        conn.execute(
            "INSERT INTO resolution_labels (conversation_id, opening, operator_id, intent,"
            " bot_intent, bot_confidence, corrects_bot, note, exclude_from_training,"
            " resolved_at) VALUES (?, 1, 'anna', 'roaming', 'balance', 0.5, 1, '', 0, ?)",
            (reopened, 1_700_000_100.0),
        )

    figures = await database.stats.self_service(0, 2e9)
    assert (figures.labelled, figures.bot_right, figures.bot_accuracy) == (1, 1, 1.0)
