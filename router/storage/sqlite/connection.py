"""Opening the database file with the settings every connection needs."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Literal

Synchronous = Literal["OFF", "NORMAL", "FULL", "EXTRA"]


def connect(path: str | Path, *, synchronous: Synchronous = "FULL") -> sqlite3.Connection:
    """An autocommit connection in WAL mode; callers open transactions explicitly.

    synchronous=FULL makes each COMMIT fsync the WAL before returning, which is what lets
    the router acknowledge a message right after its commit: a power cut cannot take it back.
    """
    if str(path) != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute(f"PRAGMA synchronous={synchronous}")
    conn.execute("PRAGMA foreign_keys=ON")
    # A second process (an operator tool, a backup) may hold a lock briefly; wait, don't fail.
    conn.execute("PRAGMA busy_timeout=5000")
    return conn
