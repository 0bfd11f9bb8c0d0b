from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from router.storage.sqlite.database import SqliteDatabase


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "omniroute.db"


@pytest.fixture
def database(db_path: Path) -> Iterator[SqliteDatabase]:
    database = SqliteDatabase(db_path)
    yield database
    database.close()
