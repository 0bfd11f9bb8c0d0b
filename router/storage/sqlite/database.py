"""The SQLite database as the router uses it: one writer, group commit, migrated schema."""

from __future__ import annotations

import logging
from pathlib import Path

from router.storage.sqlite.access_store import SqliteApiKeyStore
from router.storage.sqlite.bot_store import SqliteBotStageStore, SqliteHandoffStore
from router.storage.sqlite.connection import Synchronous, connect
from router.storage.sqlite.delivery_store import SqliteDeliveryStore
from router.storage.sqlite.desk_store import SqliteDeskStore
from router.storage.sqlite.directory_store import SqliteDirectoryStore
from router.storage.sqlite.group_commit import GroupCommitter
from router.storage.sqlite.ingestion_store import SqliteIngestionStore
from router.storage.sqlite.knowledge_store import SqliteKnowledgeStore
from router.storage.sqlite.learning_store import SqliteLearningStore
from router.storage.sqlite.metrics_store import SqliteMetricsStore
from router.storage.sqlite.migrations import migrate
from router.storage.sqlite.stats_store import SqliteStatsStore

log = logging.getLogger(__name__)


class SqliteDatabase:
    """Owns the writer connection; hands out the stores that write through it."""

    def __init__(self, path: str | Path, *, synchronous: Synchronous = "FULL") -> None:
        self.path = Path(path)
        self._conn = connect(self.path, synchronous=synchronous)
        self.schema_version = migrate(self._conn)
        self._committer = GroupCommitter(self._conn)
        self.ingestion = SqliteIngestionStore(self._committer)
        self.deliveries = SqliteDeliveryStore(self._committer)
        self.api_keys = SqliteApiKeyStore(self._committer)
        self.bot_stage = SqliteBotStageStore(self._committer)
        self.handoffs = SqliteHandoffStore(self._committer)
        self.knowledge = SqliteKnowledgeStore(self._committer)
        self.stats = SqliteStatsStore(self._committer)
        self.metrics = SqliteMetricsStore(self._committer)
        self.learning = SqliteLearningStore(self._committer)
        self.directory = SqliteDirectoryStore(self._committer)
        self.desk = SqliteDeskStore(self._committer)
        log.info(
            "database open",
            extra={"path": str(self.path), "schema_version": self.schema_version},
        )

    def close(self) -> None:
        """Finishes pending writes, folds the WAL back into the main file, closes."""
        self._committer.close()
        self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self._conn.close()
        log.info("database closed", extra={"path": str(self.path)})
