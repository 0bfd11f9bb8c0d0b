"""The outbox: one row per outbound message on its way to a channel."""

from __future__ import annotations

import sqlite_utils


def create_delivery_tables(db: sqlite_utils.Database) -> None:
    # AUTOINCREMENT so a sequence number is never reused: adapters keep it as their cursor.
    db.execute(
        """
        CREATE TABLE deliveries (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL UNIQUE,
            message_id TEXT NOT NULL REFERENCES messages(id),
            conversation_id TEXT NOT NULL REFERENCES conversations(id),
            customer_id TEXT NOT NULL REFERENCES customers(id),
            channel TEXT NOT NULL,
            recipient TEXT NOT NULL,
            author_role TEXT NOT NULL,
            author_name TEXT NOT NULL,
            quick_replies TEXT NOT NULL,
            reply_to_external_id TEXT NOT NULL,
            created_at REAL NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            state TEXT NOT NULL DEFAULT 'pending',
            acked_at REAL,
            channel_message_id TEXT,
            error_message TEXT
        )
        """
    )
    db["deliveries"].create_index(["channel", "state", "seq"])  # type: ignore[union-attr]
