"""The counts the metrics endpoint exposes, read in one pass over small indexes."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from router.storage.sqlite.group_commit import GroupCommitter


@dataclass(frozen=True, slots=True)
class StoredCounts:
    conversations: dict[tuple[str, str], int]  # (stage, status) → count
    handoffs: dict[str, int]  # reason → conversations handed over for it
    deliveries_pending: dict[str, int]  # channel → deliveries waiting for an ack


class SqliteMetricsStore:
    def __init__(self, committer: GroupCommitter) -> None:
        self._committer = committer

    async def counts(self) -> StoredCounts:
        def read(conn: sqlite3.Connection) -> StoredCounts:
            conversations = {
                (stage, status): n
                for stage, status, n in conn.execute(
                    "SELECT stage, status, count(*) FROM conversations GROUP BY stage, status"
                )
            }
            handoffs = dict(
                conn.execute(
                    "SELECT handoff_reason, count(*) FROM conversations"
                    " WHERE handoff_reason != '' GROUP BY handoff_reason"
                ).fetchall()
            )
            pending = dict(
                conn.execute(
                    "SELECT channel, count(*) FROM deliveries WHERE state = 'pending'"
                    " GROUP BY channel"
                ).fetchall()
            )
            return StoredCounts(conversations, handoffs, pending)

        return await self._committer.submit(read)
