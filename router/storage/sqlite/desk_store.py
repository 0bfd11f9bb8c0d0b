"""The operators' desk on SQLite: conversation views, history, replies and labels."""

from __future__ import annotations

import sqlite3
from collections.abc import Collection, Sequence
from typing import Any

import orjson

from router.domain.delivery.messages import Delivery, OutboundMessage, QuickReply
from router.domain.desk.views import (
    ConversationRecord,
    CustomerView,
    HistoryPage,
    Identity,
    MessageView,
    ResolutionLabel,
)
from router.domain.errors import NotFoundError
from router.domain.ingestion.messages import Attachment
from router.storage.sqlite.delivery_store import record_outbound
from router.storage.sqlite.group_commit import GroupCommitter

_CONVERSATION = (
    "SELECT c.id, c.customer_id, c.channel, c.status, c.stage, c.handoff_reason,"
    " c.last_intent, c.last_confidence, c.opened_at, c.last_message_at, c.closed_at,"
    " (SELECT count(*) FROM messages x WHERE x.conversation_id = c.id),"
    # The preview is the last thing the customer or an operator said: the bot's hand-over
    # line and the router's notices ("an operator is joining") tell an operator nothing.
    " coalesce((SELECT x.text FROM messages x WHERE x.conversation_id = c.id"
    "  AND NOT EXISTS (SELECT 1 FROM deliveries d"
    "   WHERE d.message_id = x.id AND d.author_role IN ('bot', 'system'))"
    "  ORDER BY x.rowid DESC LIMIT 1), ''), c.handoff_entities"
    " FROM conversations c"
)
_MESSAGE = (
    "SELECT m.rowid, m.id, m.conversation_id, m.channel, m.direction, m.text, m.attachments,"
    " m.external_id, m.sent_at, m.received_at, d.author_role, d.author_name, d.quick_replies,"
    " r.operator_id"
    " FROM messages m LEFT JOIN deliveries d ON d.message_id = m.id"
    " LEFT JOIN desk_replies r ON r.message_id = m.id"
)
_LABEL = (
    "SELECT conversation_id, operator_id, intent, bot_intent, bot_confidence, note,"
    " exclude_from_training, resolved_at FROM resolution_labels"
)
PREVIEW_CHARS = 200


def _marks(values: Collection[Any]) -> str:
    return ", ".join("?" for _ in values)


class SqliteDeskStore:
    def __init__(self, committer: GroupCommitter) -> None:
        self._committer = committer

    async def conversations(self, ids: Collection[str]) -> list[ConversationRecord]:
        wanted = list(ids)
        if not wanted:
            return []

        def read(conn: sqlite3.Connection) -> list[ConversationRecord]:
            rows = conn.execute(f"{_CONVERSATION} WHERE c.id IN ({_marks(wanted)})", wanted)
            return [_conversation(row) for row in rows]

        return await self._committer.submit(read)

    async def find_conversations(
        self,
        *,
        resolved: bool,
        customer_id: str,
        channel: str,
        operator_id: str,
        limit: int,
        offset: int,
    ) -> list[ConversationRecord]:
        where = ["c.status = 'resolved'" if resolved else "c.stage = 'bot' AND c.status = 'open'"]
        params: list[Any] = []
        if customer_id:
            where.append("c.customer_id = ?")
            params.append(customer_id)
        if channel:
            where.append("c.channel = ?")
            params.append(channel)
        if operator_id:
            where.append(
                "c.id IN (SELECT conversation_id FROM resolution_labels WHERE operator_id = ?)"
            )
            params.append(operator_id)
        sql = (
            f"{_CONVERSATION} WHERE {' AND '.join(where)}"
            " ORDER BY c.last_message_at DESC, c.id LIMIT ? OFFSET ?"
        )

        def read(conn: sqlite3.Connection) -> list[ConversationRecord]:
            return [_conversation(row) for row in conn.execute(sql, [*params, limit, offset])]

        return await self._committer.submit(read)

    async def idle_operator_conversations(self, idle_since: float) -> list[str]:
        def read(conn: sqlite3.Connection) -> list[str]:
            rows = conn.execute(
                "SELECT c.id FROM conversations c WHERE c.stage = 'operator'"
                " AND c.status = 'open' AND (SELECT max(m.received_at) FROM messages m"
                "  WHERE m.conversation_id = c.id) < ?",
                (idle_since,),
            )
            return [str(row[0]) for row in rows]

        return await self._committer.submit(read)

    async def close_idle(self, conversation_id: str, now: float) -> None:
        def close(conn: sqlite3.Connection) -> None:
            conn.execute(
                "UPDATE conversations SET status = 'resolved', closed_at = ?"
                " WHERE id = ? AND status = 'open'",
                (now, conversation_id),
            )
            conn.execute(
                "INSERT INTO events (kind, conversation_id, payload, created_at)"
                " VALUES ('conversation_resolved', ?, ?, ?)",
                (
                    conversation_id,
                    orjson.dumps({"by": "router", "why": "inactivity"}).decode(),
                    now,
                ),
            )

        await self._committer.submit(close)

    async def customer(self, customer_id: str) -> CustomerView | None:
        def read(conn: sqlite3.Connection) -> CustomerView | None:
            row = conn.execute(
                "SELECT id, coalesce(display_name, ''), created_at,"
                " (SELECT max(last_message_at) FROM conversations WHERE customer_id = ?)"
                " FROM customers WHERE id = ?",
                (customer_id, customer_id),
            ).fetchone()
            if row is None:
                return None
            identities = conn.execute(
                "SELECT channel, channel_user_id, coalesce(verified_phone, ''),"
                " coalesce(verified_email, ''), coalesce(app_user_id, '')"
                " FROM channel_identities WHERE customer_id = ? ORDER BY channel, channel_user_id",
                (customer_id,),
            )
            return CustomerView(
                customer_id=row[0],
                display_name=row[1],
                identities=tuple(Identity(*i) for i in identities),
                first_seen_at=row[2],
                last_contact_at=row[3],
            )

        return await self._committer.submit(read)

    async def messages(self, conversation_id: str) -> list[MessageView]:
        def read(conn: sqlite3.Connection) -> list[MessageView]:
            rows = conn.execute(
                f"{_MESSAGE} WHERE m.conversation_id = ? ORDER BY m.rowid", (conversation_id,)
            )
            return [_message(row) for row in rows]

        return await self._committer.submit(read)

    async def history(
        self, customer_id: str, exclude_conversation: str, before_seq: int | None, limit: int
    ) -> HistoryPage:
        def read(conn: sqlite3.Connection) -> HistoryPage:
            # One more than asked tells whether there is a further page.
            rows = conn.execute(
                f"{_MESSAGE} WHERE m.customer_id = ? AND m.conversation_id != ?"
                " AND m.rowid < ? ORDER BY m.rowid DESC LIMIT ?",
                (customer_id, exclude_conversation, before_seq or 2**62, limit + 1),
            ).fetchall()
            page = tuple(_message(row) for row in rows[:limit])
            more = len(rows) > limit and bool(page)
            return HistoryPage(page, page[-1].seq if more else None)

        return await self._committer.submit(read)

    async def messages_after(
        self, seq: int, conversation_ids: Collection[str], limit: int
    ) -> tuple[list[MessageView], int]:
        wanted = list(conversation_ids)

        def read(conn: sqlite3.Connection) -> tuple[list[MessageView], int]:
            top = int(conn.execute("SELECT coalesce(max(rowid), 0) FROM messages").fetchone()[0])
            if not wanted:
                return [], max(seq, top)
            rows = conn.execute(
                f"{_MESSAGE} WHERE m.rowid > ? AND m.rowid <= ?"
                f" AND m.conversation_id IN ({_marks(wanted)}) ORDER BY m.rowid LIMIT ?",
                [seq, top, *wanted, limit],
            ).fetchall()
            found = [_message(row) for row in rows]
            # A full page may stop short of `top`: resume right after its last message.
            return found, found[-1].seq if len(found) == limit else max(seq, top)

        return await self._committer.submit(read)

    async def positions(self) -> tuple[int, int]:
        def read(conn: sqlite3.Connection) -> tuple[int, int]:
            event = conn.execute("SELECT coalesce(max(event_id), 0) FROM assignment_events")
            message = conn.execute("SELECT coalesce(max(rowid), 0) FROM messages")
            return int(event.fetchone()[0]), int(message.fetchone()[0])

        return await self._committer.submit(read)

    async def record_reply(
        self,
        operator_id: str,
        client_message_id: str,
        message: OutboundMessage,
        message_id: str,
        delivery_id: str,
        now: float,
    ) -> tuple[MessageView, Delivery | None]:
        def record(conn: sqlite3.Connection) -> tuple[MessageView, Delivery | None]:
            row = conn.execute(
                "SELECT message_id FROM desk_replies"
                " WHERE operator_id = ? AND client_message_id = ?",
                (operator_id, client_message_id),
            ).fetchone()
            delivery = None
            if row is None:
                delivery = record_outbound(conn, message, message_id, delivery_id, now)
                conn.execute(
                    "INSERT INTO desk_replies (operator_id, client_message_id, message_id,"
                    " conversation_id, created_at) VALUES (?, ?, ?, ?, ?)",
                    (operator_id, client_message_id, message_id, message.conversation_id, now),
                )
            stored = row[0] if row is not None else message_id
            found = conn.execute(f"{_MESSAGE} WHERE m.id = ?", (stored,)).fetchone()
            if found is None:
                raise NotFoundError(f"message {stored} not found")
            return _message(found), delivery

        return await self._committer.submit(record)

    async def record_resolution(self, label: ResolutionLabel) -> ResolutionLabel:
        def record(conn: sqlite3.Connection) -> ResolutionLabel:
            conn.execute(
                # One label per opening: resolving again before a reopen changes nothing.
                "INSERT OR IGNORE INTO resolution_labels (conversation_id, opening, operator_id,"
                " intent, bot_intent, bot_confidence, corrects_bot, note, exclude_from_training,"
                " resolved_at) VALUES (?, (SELECT coalesce(max(reopens), 0) FROM conversations"
                " WHERE id = ?), ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    label.conversation_id,
                    label.conversation_id,
                    label.operator_id,
                    label.intent,
                    label.bot_intent,
                    label.bot_confidence,
                    int(label.corrects_bot),
                    label.note,
                    int(label.exclude_from_training),
                    label.resolved_at,
                ),
            )
            conn.execute(
                "UPDATE conversations SET status = 'resolved', closed_at = ?"
                " WHERE id = ? AND status != 'resolved'",
                (label.resolved_at, label.conversation_id),
            )
            row = conn.execute(
                f"{_LABEL} WHERE conversation_id = ? ORDER BY opening DESC LIMIT 1",
                (label.conversation_id,),
            ).fetchone()
            return _label(row)

        return await self._committer.submit(record)

    async def labels(self, conversation_ids: Sequence[str]) -> dict[str, ResolutionLabel]:
        wanted = list(conversation_ids)
        if not wanted:
            return {}

        def read(conn: sqlite3.Connection) -> dict[str, ResolutionLabel]:
            rows = conn.execute(
                f"{_LABEL} WHERE conversation_id IN ({_marks(wanted)}) ORDER BY opening", wanted
            )
            # The latest resolution's label wins.
            return {row[0]: _label(row) for row in rows}

        return await self._committer.submit(read)


def _conversation(row: tuple[Any, ...]) -> ConversationRecord:
    return ConversationRecord(
        conversation_id=row[0],
        customer_id=row[1],
        channel=row[2],
        status=row[3],
        stage=row[4] or "bot",
        handoff_reason=row[5] or "",
        last_intent=row[6] or "",
        last_confidence=row[7],
        opened_at=row[8],
        last_message_at=row[9],
        closed_at=row[10],
        message_count=int(row[11]),
        last_preview=str(row[12])[:PREVIEW_CHARS],
        handoff_entities=orjson.loads(row[13]) if row[13] else {},
    )


def _message(row: tuple[Any, ...]) -> MessageView:
    (seq, message_id, conversation_id, channel, direction, text, attachments, external_id,
     sent_at, received_at, role, name, quick_replies, operator_id) = row  # fmt: skip
    inbound = direction == "inbound"
    return MessageView(
        seq=int(seq),
        message_id=message_id,
        conversation_id=conversation_id,
        channel=channel,
        direction=direction,
        author_role="customer" if inbound else (role or "system"),
        author_name=name or "",
        operator_id=operator_id or "",
        text=text,
        attachments=tuple(Attachment(**a) for a in orjson.loads(attachments or "[]")),
        quick_replies=tuple(
            QuickReply(title, payload) for title, payload in orjson.loads(quick_replies or "[]")
        ),
        external_id="" if external_id.startswith("out:") else external_id,
        sent_at=sent_at,
        received_at=received_at,
    )


def _label(row: tuple[Any, ...]) -> ResolutionLabel:
    cid, operator_id, intent, bot_intent, confidence, note, excluded, resolved_at = row
    return ResolutionLabel(
        conversation_id=cid,
        operator_id=operator_id,
        intent=intent,
        bot_intent=bot_intent,
        bot_confidence=confidence,
        note=note,
        exclude_from_training=bool(excluded),
        resolved_at=resolved_at,
    )
