"""The knowledge base: intents and entity catalogs as JSON documents, and its version."""

from __future__ import annotations

import sqlite_utils


def create_knowledge_tables(db: sqlite_utils.Database) -> None:
    for table in ("knowledge_intents", "knowledge_catalogs"):
        db[table].create(  # type: ignore[union-attr]
            {"name": str, "document": str, "updated_at": float},
            pk="name",
            not_null={"document", "updated_at"},
        )
    # One row: the version grows by one with every change, so whoever trained a matcher
    # on version N can tell it is stale; `languages` are the knowledge base's languages.
    db.execute(
        "CREATE TABLE knowledge_meta ("
        " id INTEGER PRIMARY KEY CHECK (id = 1),"
        " version INTEGER NOT NULL,"
        " languages TEXT NOT NULL)"
    )
    db.execute('INSERT INTO knowledge_meta (id, version, languages) VALUES (1, 0, \'["ru","en"]\')')
