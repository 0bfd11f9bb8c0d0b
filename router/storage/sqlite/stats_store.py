"""Self-service figures from the conversations table."""

from __future__ import annotations

import sqlite3

from router.domain.stats import SelfServiceFigures
from router.storage.sqlite.group_commit import GroupCommitter


class SqliteStatsStore:
    def __init__(self, committer: GroupCommitter) -> None:
        self._committer = committer

    async def self_service(self, start: float, end: float, channel: str = "") -> SelfServiceFigures:
        """Conversations opened within [start, end) (on `channel` when given): how many,
        how many the bot handed over, and why."""

        def read(conn: sqlite3.Connection) -> SelfServiceFigures:
            where = "opened_at >= ? AND opened_at < ?" + (" AND channel = ?" if channel else "")
            args: tuple[object, ...] = (start, end, channel) if channel else (start, end)
            total, handed, by_bot = conn.execute(
                "SELECT count(*), coalesce(sum(stage = 'operator'), 0),"
                " coalesce(sum(stage = 'bot' AND status = 'resolved'), 0)"
                f" FROM conversations WHERE {where}",
                args,
            ).fetchone()
            reasons = conn.execute(
                f"SELECT handoff_reason, count(*) FROM conversations WHERE {where}"
                " AND stage = 'operator' GROUP BY handoff_reason",
                args,
            ).fetchall()
            labelled, right = conn.execute(
                "SELECT count(*), coalesce(sum(NOT corrects_bot), 0) FROM resolution_labels l"
                " JOIN conversations c ON c.id = l.conversation_id"
                " WHERE l.bot_intent != '' AND l.resolved_at >= ? AND l.resolved_at < ?"
                # A reopened conversation is judged once, by its first label.
                " AND NOT EXISTS (SELECT 1 FROM resolution_labels e"
                "  WHERE e.conversation_id = l.conversation_id AND e.opening < l.opening)"
                + (" AND c.channel = ?" if channel else ""),
                args,
            ).fetchone()
            return SelfServiceFigures(
                int(total),
                int(handed),
                int(by_bot),
                {str(r): int(n) for r, n in reasons if r},
                labelled=int(labelled),
                bot_right=int(right),
            )

        return await self._committer.submit(read)
