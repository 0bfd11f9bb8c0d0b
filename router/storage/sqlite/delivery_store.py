"""The outbox on SQLite. Reads go through the writer too: one connection, one order."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

import orjson

from router.domain.channels import Channel
from router.domain.delivery.messages import (
    AckResult,
    AuthorRole,
    Delivery,
    DeliveryAck,
    OutboundMessage,
    QuickReply,
)
from router.domain.errors import NotFoundError
from router.domain.ingestion.messages import Attachment
from router.storage.sqlite.group_commit import GroupCommitter

PENDING = "pending"

_SELECT = (
    "SELECT d.seq, d.id, d.message_id, d.conversation_id, d.customer_id, d.channel,"
    " d.recipient, d.author_role, d.author_name, d.quick_replies, d.reply_to_external_id,"
    " d.created_at, d.attempts, m.text, m.attachments"
    " FROM deliveries d JOIN messages m ON m.id = d.message_id"
)


class SqliteDeliveryStore:
    def __init__(self, committer: GroupCommitter) -> None:
        self._committer = committer

    async def record_outbound(
        self, message: OutboundMessage, message_id: str, delivery_id: str, now: float
    ) -> Delivery:
        return await self._committer.submit(
            lambda conn: record_outbound(conn, message, message_id, delivery_id, now)
        )

    async def take_pending(self, channel: Channel, after_seq: int, limit: int) -> list[Delivery]:
        return await self._committer.submit(
            lambda conn: _take_pending(conn, channel, after_seq, limit)
        )

    async def count_pending(self, channel: Channel, after_seq: int, up_to_seq: int) -> int:
        def count(conn: sqlite3.Connection) -> int:
            row = conn.execute(
                "SELECT count(*) FROM deliveries WHERE channel = ? AND state = ?"
                " AND seq > ? AND seq <= ?",
                (channel.value, PENDING, after_seq, up_to_seq),
            ).fetchone()
            return int(row[0])

        return await self._committer.submit(count)

    async def acknowledge(
        self, channel: Channel, acks: Sequence[DeliveryAck], now: float
    ) -> AckResult:
        return await self._committer.submit(lambda conn: _acknowledge(conn, channel, acks, now))


def record_outbound(
    conn: sqlite3.Connection,
    message: OutboundMessage,
    message_id: str,
    delivery_id: str,
    now: float,
) -> Delivery:
    """Writes an outbound message and its delivery inside the caller's transaction."""
    row = conn.execute(
        "SELECT c.customer_id, c.channel, ("
        "   SELECT i.channel_user_id FROM channel_identities i"
        "   WHERE i.customer_id = c.customer_id AND i.channel = c.channel"
        "   ORDER BY i.updated_at DESC LIMIT 1)"
        " FROM conversations c WHERE c.id = ?",
        (message.conversation_id,),
    ).fetchone()
    if row is None or row[2] is None:
        raise NotFoundError(f"conversation {message.conversation_id} not found")
    customer_id, channel, recipient = row
    attachments = orjson.dumps(
        [
            {"url": a.url, "mime_type": a.mime_type, "size_bytes": a.size_bytes, "name": a.name}
            for a in message.attachments
        ]
    ).decode()
    # Outbound messages join the same table as inbound ones, so a conversation's history is
    # one ordered list; their external id is the router's own until the channel names one.
    conn.execute(
        "INSERT INTO messages (id, conversation_id, customer_id, channel, external_id,"
        " direction, text, attachments, metadata, locale, sent_at, received_at)"
        " VALUES (?, ?, ?, ?, ?, 'outbound', ?, ?, '{}', '', NULL, ?)",
        (
            message_id,
            message.conversation_id,
            customer_id,
            channel,
            f"out:{message_id}",
            message.text,
            attachments,
            now,
        ),
    )
    cursor = conn.execute(
        "INSERT INTO deliveries (id, message_id, conversation_id, customer_id, channel,"
        " recipient, author_role, author_name, quick_replies, reply_to_external_id, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            delivery_id,
            message_id,
            message.conversation_id,
            customer_id,
            channel,
            recipient,
            message.author_role.value,
            message.author_name,
            orjson.dumps([[q.title, q.payload] for q in message.quick_replies]).decode(),
            message.reply_to_external_id,
            now,
        ),
    )
    seq = int(cursor.lastrowid or 0)
    return Delivery(
        delivery_id=delivery_id,
        seq=seq,
        message_id=message_id,
        conversation_id=message.conversation_id,
        customer_id=customer_id,
        channel=Channel(channel),
        recipient=recipient,
        message=message,
        created_at=now,
        previous_attempts=0,
    )


def _take_pending(
    conn: sqlite3.Connection, channel: Channel, after_seq: int, limit: int
) -> list[Delivery]:
    rows = conn.execute(
        _SELECT + " WHERE d.channel = ? AND d.state = ? AND d.seq > ? ORDER BY d.seq LIMIT ?",
        (channel.value, PENDING, after_seq, limit),
    ).fetchall()
    if rows:
        conn.executemany(
            "UPDATE deliveries SET attempts = attempts + 1 WHERE seq = ?", [(r[0],) for r in rows]
        )
    return [_delivery(row) for row in rows]


def _delivery(row: tuple[object, ...]) -> Delivery:
    (seq, delivery_id, message_id, conversation_id, customer_id, channel, recipient, role,
     name, quick_replies, reply_to, created_at, attempts, text, attachments) = row  # fmt: skip
    message = OutboundMessage(
        conversation_id=str(conversation_id),
        author_role=AuthorRole(str(role)),
        author_name=str(name),
        text=str(text),
        quick_replies=tuple(
            QuickReply(title, payload) for title, payload in orjson.loads(str(quick_replies))
        ),
        attachments=tuple(Attachment(**a) for a in orjson.loads(str(attachments))),
        reply_to_external_id=str(reply_to),
    )
    return Delivery(
        delivery_id=str(delivery_id),
        seq=int(seq),  # type: ignore[call-overload]
        message_id=str(message_id),
        conversation_id=str(conversation_id),
        customer_id=str(customer_id),
        channel=Channel(str(channel)),
        recipient=str(recipient),
        message=message,
        created_at=float(created_at),  # type: ignore[arg-type]
        previous_attempts=int(attempts),  # type: ignore[call-overload]
    )


def _acknowledge(
    conn: sqlite3.Connection, channel: Channel, acks: Sequence[DeliveryAck], now: float
) -> AckResult:
    changed = 0
    unknown: list[str] = []
    for ack in acks:
        cursor = conn.execute(
            "UPDATE deliveries SET state = ?, acked_at = ?, channel_message_id = ?,"
            " error_message = ? WHERE id = ? AND channel = ? AND state = ?",
            (
                ack.outcome.value,
                now,
                ack.channel_message_id,
                ack.error_message,
                ack.delivery_id,
                channel.value,
                PENDING,
            ),
        )
        if cursor.rowcount:
            changed += 1
            continue
        known = conn.execute(
            "SELECT 1 FROM deliveries WHERE id = ? AND channel = ?",
            (ack.delivery_id, channel.value),
        ).fetchone()
        if known is None:
            unknown.append(ack.delivery_id)
    return AckResult(acknowledged=changed, unknown_delivery_ids=tuple(unknown))
