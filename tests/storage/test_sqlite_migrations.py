from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlite_utils

from router.storage.sqlite.connection import connect
from router.storage.sqlite.migrations import SchemaTooNewError, migrate, schema_version


def test_fresh_file_reaches_the_latest_version_once(tmp_path: Path) -> None:
    conn = connect(tmp_path / "a.db")
    version = migrate(conn)
    assert version >= 1
    assert {"customers", "channel_identities", "conversations", "messages", "events"} <= set(
        sqlite_utils.Database(conn).table_names()
    )
    assert migrate(conn) == version  # nothing left to do


def test_a_file_from_a_newer_release_is_refused(tmp_path: Path) -> None:
    conn = connect(tmp_path / "a.db")
    version = migrate(conn)
    conn.execute(f"PRAGMA user_version = {version + 1}")
    with pytest.raises(SchemaTooNewError, match="upgrade omniroute"):
        migrate(conn)


def test_a_failing_migration_leaves_the_previous_version(tmp_path: Path) -> None:
    conn = connect(tmp_path / "a.db")

    def first(db: sqlite_utils.Database) -> None:
        db["a"].create({"id": int}, pk="id")  # type: ignore[union-attr]

    def broken(db: sqlite_utils.Database) -> None:
        db["b"].create({"id": int}, pk="id")  # type: ignore[union-attr]
        raise sqlite3.OperationalError("disk full")

    with pytest.raises(sqlite3.OperationalError):
        migrate(conn, [first, broken])
    assert schema_version(conn) == 1
    assert "b" not in sqlite_utils.Database(conn).table_names()
