"""Learning from operators: examples learned from resolution labels, and the cursor."""

from __future__ import annotations

import sqlite_utils


def create_learning_tables(db: sqlite_utils.Database) -> None:
    # One row per example learned from a resolved conversation; supervisors review them
    # (pending → approved | rejected). A rejected example is removed from its intent.
    db["learned_examples"].create(  # type: ignore[union-attr]
        {
            "conversation_id": str,
            "intent": str,
            "text": str,
            "language": str,
            "operator_id": str,
            "bot_intent": str,
            "corrects_bot": int,
            "status": str,
            "learned_at": float,
            "reviewed_by": str,
            "reviewed_at": float,
        },
        pk="conversation_id",
        not_null={
            "intent",
            "text",
            "language",
            "operator_id",
            "bot_intent",
            "corrects_bot",
            "status",
            "learned_at",
            "reviewed_by",
        },
    )
    db["learned_examples"].create_index(["status", "learned_at"])  # type: ignore[union-attr]
    # How far learning has read `resolution_labels`, by rowid: labels are only ever
    # inserted, so rowids grow, and each label is learned from exactly once.
    db.execute(
        "CREATE TABLE learning_cursor ("
        " id INTEGER PRIMARY KEY CHECK (id = 1),"
        " label_rowid INTEGER NOT NULL)"
    )
    db.execute("INSERT INTO learning_cursor (id, label_rowid) VALUES (1, 0)")
