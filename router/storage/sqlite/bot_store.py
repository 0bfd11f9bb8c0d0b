"""The bot stage's reads and writes on SQLite."""

from __future__ import annotations

import sqlite3

import orjson

from router.domain.bot.ports import BotTurn, InboundTurn, PendingQuestion
from router.domain.delivery.messages import Delivery
from router.domain.handoff import HandedOff
from router.storage.sqlite.delivery_store import record_outbound
from router.storage.sqlite.group_commit import GroupCommitter


class SqliteBotStageStore:
    def __init__(self, committer: GroupCommitter) -> None:
        self._committer = committer

    async def next_inbound(self, consumer: str, limit: int) -> list[InboundTurn]:
        return await self._committer.submit(lambda conn: _next_inbound(conn, consumer, limit))

    async def skip(self, consumer: str, event_seq: int) -> None:
        await self._committer.submit(lambda conn: _advance(conn, consumer, event_seq))

    async def resolve_quiet(self, idle_since: float, now: float) -> int:
        return await self._committer.submit(lambda conn: _resolve_quiet(conn, idle_since, now))

    async def apply_turn(
        self, consumer: str, turn: BotTurn, message_id: str, delivery_id: str, now: float
    ) -> Delivery | None:
        return await self._committer.submit(
            lambda conn: _apply_turn(conn, consumer, turn, message_id, delivery_id, now)
        )


def _cursor(conn: sqlite3.Connection, consumer: str) -> int:
    row = conn.execute("SELECT seq FROM event_cursors WHERE consumer = ?", (consumer,)).fetchone()
    return int(row[0]) if row else 0


def _advance(conn: sqlite3.Connection, consumer: str, seq: int) -> None:
    conn.execute(
        "INSERT INTO event_cursors (consumer, seq) VALUES (?, ?)"
        " ON CONFLICT (consumer) DO UPDATE SET seq = max(seq, excluded.seq)",
        (consumer, seq),
    )


def _next_inbound(conn: sqlite3.Connection, consumer: str, limit: int) -> list[InboundTurn]:
    rows = conn.execute(
        "SELECT e.seq, c.id, m.id, m.text, m.locale, c.stage, c.unhelpful_turns, c.pending"
        " FROM events e"
        " JOIN messages m ON m.id = json_extract(e.payload, '$.message_id')"
        " JOIN conversations c ON c.id = e.conversation_id"
        " WHERE e.kind = 'message_received' AND e.seq > ?"
        " ORDER BY e.seq LIMIT ?",
        (_cursor(conn, consumer), limit),
    ).fetchall()
    return [
        InboundTurn(
            event_seq=seq,
            conversation_id=conversation_id,
            message_id=message_id,
            text=text,
            locale=locale or "",
            stage=stage,
            unhelpful_turns=unhelpful,
            pending=_pending(pending),
        )
        for seq, conversation_id, message_id, text, locale, stage, unhelpful, pending in rows
    ]


def _pending(raw: str | None) -> PendingQuestion | None:
    if not raw:
        return None
    data = orjson.loads(raw)
    return PendingQuestion(
        options=tuple((title, intent) for title, intent in data.get("options", ())),
        intent=data.get("intent", ""),
        catalog=data.get("catalog", ""),
        answered=data.get("answered", ""),
    )


def _apply_turn(
    conn: sqlite3.Connection,
    consumer: str,
    turn: BotTurn,
    message_id: str,
    delivery_id: str,
    now: float,
) -> Delivery | None:
    if _cursor(conn, consumer) >= turn.event_seq:
        return None  # taken already (a retry after a failed pass); never answer twice
    delivery = (
        record_outbound(conn, turn.reply, message_id, delivery_id, now) if turn.reply else None
    )
    pending = ""
    if turn.pending is not None:
        pending = orjson.dumps(
            {
                "options": turn.pending.options,
                "intent": turn.pending.intent,
                "catalog": turn.pending.catalog,
                "answered": turn.pending.answered,
            }
        ).decode()
    conn.execute(
        "UPDATE conversations SET unhelpful_turns = ?, last_intent = ?, last_confidence = ?,"
        " pending = ?, stage = CASE WHEN ? THEN 'operator' ELSE stage END,"
        " handoff_entities = CASE WHEN ? THEN ? ELSE handoff_entities END,"
        " handoff_reason = COALESCE(?, handoff_reason) WHERE id = ?",
        (
            turn.unhelpful_turns,
            turn.intent,
            turn.confidence,
            pending,
            turn.handoff is not None,
            turn.handoff is not None,
            orjson.dumps(turn.entities).decode(),
            turn.handoff.value if turn.handoff else None,
            turn.conversation_id,
        ),
    )
    if turn.handoff is not None:
        conn.execute(
            "INSERT INTO events (kind, conversation_id, payload, created_at)"
            " VALUES ('handed_off', ?, ?, ?)",
            (
                turn.conversation_id,
                orjson.dumps(
                    {
                        "reason": turn.handoff.value,
                        "intent": turn.intent,
                        "confidence": turn.confidence,
                        "language": turn.language,
                    }
                ).decode(),
                now,
            ),
        )
    if turn.resolve:
        _resolve(conn, turn.conversation_id, now, "confirmed")
    _advance(conn, consumer, turn.event_seq)
    return delivery


def _resolve(conn: sqlite3.Connection, conversation_id: str, now: float, why: str) -> None:
    conn.execute(
        "UPDATE conversations SET status = 'resolved', closed_at = ?, pending = ''"
        " WHERE id = ? AND status = 'open'",
        (now, conversation_id),
    )
    conn.execute(
        "INSERT INTO events (kind, conversation_id, payload, created_at)"
        " VALUES ('conversation_resolved', ?, ?, ?)",
        (conversation_id, orjson.dumps({"by": "bot", "why": why}).decode(), now),
    )


def _resolve_quiet(conn: sqlite3.Connection, idle_since: float, now: float) -> int:
    quiet = [
        row[0]
        for row in conn.execute(
            "SELECT id FROM conversations WHERE status = 'open' AND stage = 'bot'"
            " AND last_message_at < ?",
            (idle_since,),
        )
    ]
    for conversation_id in quiet:
        _resolve(conn, conversation_id, now, "quiet")
    return len(quiet)


class SqliteHandoffStore:
    def __init__(self, committer: GroupCommitter) -> None:
        self._committer = committer

    async def next_handoffs(self, consumer: str, limit: int) -> list[HandedOff]:
        def read(conn: sqlite3.Connection) -> list[HandedOff]:
            rows = conn.execute(
                "SELECT e.seq, c.id, c.customer_id, c.channel, e.payload"
                " FROM events e JOIN conversations c ON c.id = e.conversation_id"
                " WHERE e.kind = 'handed_off' AND e.seq > ? ORDER BY e.seq LIMIT ?",
                (_cursor(conn, consumer), limit),
            ).fetchall()
            handoffs = []
            for seq, conversation_id, customer_id, channel, payload in rows:
                data = orjson.loads(payload)
                handoffs.append(
                    HandedOff(
                        seq,
                        conversation_id,
                        customer_id,
                        channel,
                        data.get("intent", ""),
                        data.get("language", ""),
                    )
                )
            return handoffs

        return await self._committer.submit(read)

    async def skip(self, consumer: str, event_seq: int) -> None:
        await self._committer.submit(lambda conn: _advance(conn, consumer, event_seq))
