"""The schema, as an ordered list of migrations; the file records how far it has come.

Each migration runs once, inside one transaction with the bump of `PRAGMA user_version`,
so a crash mid-migration leaves the file at the previous version, never in between.
Append new migrations at the end; never edit or reorder one that has shipped.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence

import sqlite_utils

Migration = Callable[[sqlite_utils.Database], None]


class SchemaTooNewError(RuntimeError):
    """The file was written by a newer omniroute than this one."""


def _registered() -> Sequence[Migration]:
    # Imported here so each area owns its own tables in its own module.
    from router.storage.sqlite import (
        schema_access,
        schema_assignment,
        schema_delivery,
        schema_desk,
        schema_directory,
        schema_ingestion,
        schema_knowledge,
        schema_learning,
    )

    return [
        schema_ingestion.create_ingestion_tables,
        schema_assignment.create_assignment_tables,
        schema_delivery.create_delivery_tables,
        schema_access.create_access_tables,
        schema_directory.create_directory_tables,
        schema_desk.create_desk_tables,
        schema_knowledge.create_knowledge_tables,
        schema_learning.create_learning_tables,
    ]


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, migrations: Sequence[Migration] | None = None) -> int:
    """Brings the schema up to date; returns the version the file is at afterwards."""
    steps = list(_registered() if migrations is None else migrations)
    current = schema_version(conn)
    if current > len(steps):
        raise SchemaTooNewError(
            f"database schema version {current} is newer than this omniroute knows "
            f"({len(steps)}); upgrade omniroute"
        )
    db = sqlite_utils.Database(conn)
    for version, step in enumerate(steps[current:], start=current + 1):
        with db.atomic():  # one transaction: the tables and the version bump land together
            step(db)
            conn.execute(f"PRAGMA user_version = {version}")
    return schema_version(conn)
