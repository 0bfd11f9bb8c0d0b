"""Learning from operators on SQLite: labels → examples, in one transaction each batch.

The labels read, the knowledge-base update (through the knowledge store's own
read-modify-write, so the version bumps exactly as for any other change), the review
items and the cursor move commit together: a crash between them cannot learn a label
twice or skip one.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from router.domain.errors import NotFoundError
from router.domain.knowledge.base import KnowledgeBase
from router.domain.knowledge.learning import (
    CustomerMessage,
    LabelledConversation,
    LearnedExample,
    ReviewStatus,
    learn,
    unlearn,
)
from router.storage.sqlite.group_commit import GroupCommitter
from router.storage.sqlite.knowledge_store import update_in_transaction as update_knowledge

_LEARNED = (
    "SELECT conversation_id, intent, text, language, operator_id, bot_intent, corrects_bot,"
    " status, learned_at, reviewed_by, reviewed_at FROM learned_examples"
)


class SqliteLearningStore:
    def __init__(self, committer: GroupCommitter) -> None:
        self._committer = committer

    async def learn_from_new_labels(
        self, now: float, limit: int
    ) -> tuple[int, list[LearnedExample]]:
        return await self._committer.submit(lambda conn: _learn(conn, now, limit))

    async def learned(self, status: ReviewStatus | None, limit: int) -> list[LearnedExample]:
        def read(conn: sqlite3.Connection) -> list[LearnedExample]:
            where, params = ("WHERE status = ?", [status.value]) if status else ("", [])
            rows = conn.execute(
                f"{_LEARNED} {where} ORDER BY learned_at DESC, conversation_id LIMIT ?",
                [*params, limit],
            )
            return [_learned(row) for row in rows]

        return await self._committer.submit(read)

    async def review(
        self, conversation_id: str, approve: bool, reviewer: str, now: float
    ) -> LearnedExample:
        def record(conn: sqlite3.Connection) -> LearnedExample:
            row = conn.execute(
                f"{_LEARNED} WHERE conversation_id = ?", (conversation_id,)
            ).fetchone()
            if row is None:
                raise NotFoundError(f"nothing was learned from conversation {conversation_id}")
            item = _learned(row)
            status = ReviewStatus.APPROVED if approve else ReviewStatus.REJECTED
            if not approve:

                def forget(kb: KnowledgeBase) -> tuple[KnowledgeBase, None]:
                    return unlearn(kb, item), None

                update_knowledge(conn, forget, now)
            conn.execute(
                "UPDATE learned_examples SET status = ?, reviewed_by = ?, reviewed_at = ?"
                " WHERE conversation_id = ?",
                (status.value, reviewer, now, conversation_id),
            )
            return _learned(
                conn.execute(f"{_LEARNED} WHERE conversation_id = ?", (conversation_id,)).fetchone()
            )

        return await self._committer.submit(record)


def _learn(conn: sqlite3.Connection, now: float, limit: int) -> tuple[int, list[LearnedExample]]:
    cursor = int(conn.execute("SELECT label_rowid FROM learning_cursor WHERE id = 1").fetchone()[0])
    labels = conn.execute(
        "SELECT rowid, conversation_id, intent, operator_id, bot_intent, exclude_from_training,"
        " opening FROM resolution_labels WHERE rowid > ? ORDER BY rowid LIMIT ?",
        (cursor, limit),
    ).fetchall()
    if not labels:
        return 0, []
    # Examples (and their review items) are keyed by conversation: a reopened conversation
    # teaches at most once, from the first of its resolutions that teaches something.
    taught = {
        row[0]
        for row in conn.execute(
            "SELECT conversation_id FROM learned_examples"
            f" WHERE conversation_id IN ({', '.join('?' for _ in labels)})",
            [label[1] for label in labels],
        )
    }
    conversations = []
    for _, cid, intent, operator_id, bot_intent, excluded, opening in labels:
        if excluded or cid in taught:
            continue
        taught.add(cid)
        conversations.append(
            LabelledConversation(
                conversation_id=cid,
                intent=intent,
                operator_id=operator_id,
                bot_intent=bot_intent,
                messages=_since_opening(conn, cid, opening),
            )
        )
    learned: list[LearnedExample] = []
    if conversations:
        _, learned = update_knowledge(conn, lambda kb: learn(kb, conversations, now), now)
    conn.executemany(
        "INSERT OR IGNORE INTO learned_examples (conversation_id, intent, text, language,"
        " operator_id, bot_intent, corrects_bot, status, learned_at, reviewed_by)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '')",
        [
            (
                e.conversation_id,
                e.intent,
                e.text,
                e.language,
                e.operator_id,
                e.bot_intent,
                int(e.corrects_bot),
                e.status.value,
                e.learned_at,
            )
            for e in learned
        ],
    )
    conn.execute("UPDATE learning_cursor SET label_rowid = ? WHERE id = 1", (labels[-1][0],))
    return len(labels), learned


def _since_opening(
    conn: sqlite3.Connection, conversation_id: str, opening: int
) -> tuple[CustomerMessage, ...]:
    """The customer's messages of one opening of the conversation (the label resolved that
    one): all of them for the first, those since the reopening for a reopened one."""
    since = 0.0
    if opening > 0:
        row = conn.execute(
            "SELECT created_at FROM events WHERE conversation_id = ?"
            " AND kind = 'conversation_reopened' ORDER BY seq LIMIT 1 OFFSET ?",
            (conversation_id, opening - 1),
        ).fetchone()
        since = float(row[0]) if row is not None else 0.0
    return tuple(
        CustomerMessage(text, locale or "")
        for text, locale in conn.execute(
            "SELECT text, locale FROM messages WHERE conversation_id = ?"
            " AND direction = 'inbound' AND received_at >= ? ORDER BY rowid",
            (conversation_id, since),
        )
    )


def _learned(row: tuple[Any, ...]) -> LearnedExample:
    (cid, intent, text, language, operator_id, bot_intent, corrects, status, learned_at,
     reviewed_by, reviewed_at) = row  # fmt: skip
    return LearnedExample(
        conversation_id=cid,
        intent=intent,
        text=text,
        language=language,
        operator_id=operator_id,
        bot_intent=bot_intent,
        corrects_bot=bool(corrects),
        status=ReviewStatus(status),
        learned_at=learned_at,
        reviewed_by=reviewed_by,
        reviewed_at=reviewed_at,
    )
