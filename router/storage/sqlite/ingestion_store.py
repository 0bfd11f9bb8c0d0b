"""Ingestion's writes on SQLite: dedup, customer, conversation, message, event — atomically."""

from __future__ import annotations

import sqlite3

import orjson

from router.domain.ingestion.messages import (
    CustomerIdentity,
    InboundMessage,
    IngestResult,
    NewIds,
)
from router.storage.sqlite.group_commit import GroupCommitter

OPEN = "open"


class SqliteIngestionStore:
    def __init__(self, committer: GroupCommitter) -> None:
        self._committer = committer

    async def record_inbound(
        self,
        message: InboundMessage,
        received_at: float,
        new_ids: NewIds,
        reopen_since: float | None = None,
    ) -> IngestResult:
        return await self._committer.submit(
            lambda conn: record_inbound(conn, message, received_at, new_ids, reopen_since)
        )


def record_inbound(
    conn: sqlite3.Connection,
    message: InboundMessage,
    received_at: float,
    new_ids: NewIds,
    reopen_since: float | None = None,
) -> IngestResult:
    """The write itself; runs inside a transaction the caller owns.

    The writer is single-threaded, so the dedup look-up and the insert cannot interleave
    with another request's; the unique index on (channel, external_id) still guards the
    invariant should a second process ever write to the same file.
    """
    channel = message.channel.value
    row = conn.execute(
        "SELECT id, conversation_id, customer_id, received_at FROM messages"
        " WHERE channel = ? AND external_id = ?",
        (channel, message.external_id),
    ).fetchone()
    if row is not None:
        return IngestResult(row[0], row[1], row[2], row[3], duplicate=True)

    customer_id = _find_or_create_customer(conn, message, received_at, new_ids.customer_id)
    conversation_id = _find_or_open_conversation(
        conn, customer_id, channel, received_at, new_ids.conversation_id, reopen_since
    )
    conn.execute(
        "INSERT INTO messages (id, conversation_id, customer_id, channel, external_id,"
        " direction, text, attachments, metadata, locale, sent_at, received_at)"
        " VALUES (?, ?, ?, ?, ?, 'inbound', ?, ?, ?, ?, ?, ?)",
        (
            new_ids.message_id,
            conversation_id,
            customer_id,
            channel,
            message.external_id,
            message.text,
            orjson.dumps(
                [
                    {
                        "url": a.url,
                        "mime_type": a.mime_type,
                        "size_bytes": a.size_bytes,
                        "name": a.name,
                    }
                    for a in message.attachments
                ]
            ).decode(),
            orjson.dumps(message.metadata).decode(),
            message.locale,
            message.sent_at,
            received_at,
        ),
    )
    conn.execute(
        "UPDATE conversations SET last_message_at = ? WHERE id = ?",
        (received_at, conversation_id),
    )
    conn.execute(
        "INSERT INTO events (kind, conversation_id, payload, created_at)"
        " VALUES ('message_received', ?, ?, ?)",
        (conversation_id, orjson.dumps({"message_id": new_ids.message_id}).decode(), received_at),
    )
    return IngestResult(new_ids.message_id, conversation_id, customer_id, received_at, False)


def _find_or_create_customer(
    conn: sqlite3.Connection, message: InboundMessage, now: float, new_id: str
) -> str:
    identity = message.customer
    channel = message.channel.value
    row = conn.execute(
        "SELECT customer_id FROM channel_identities WHERE channel = ? AND channel_user_id = ?",
        (channel, identity.channel_user_id),
    ).fetchone()
    if row is not None:
        customer_id: str = row[0]
        # Verified identities only ever get filled in or refreshed, never erased by a
        # message that happens not to carry them.
        conn.execute(
            "UPDATE channel_identities SET"
            " verified_phone = COALESCE(NULLIF(?, ''), verified_phone),"
            " verified_email = COALESCE(NULLIF(?, ''), verified_email),"
            " app_user_id = COALESCE(NULLIF(?, ''), app_user_id),"
            " updated_at = ?"
            " WHERE channel = ? AND channel_user_id = ?",
            (
                identity.verified_phone,
                identity.verified_email,
                identity.app_user_id,
                now,
                channel,
                identity.channel_user_id,
            ),
        )
        return customer_id
    linked = _customer_with_verified_identity(conn, identity)
    if linked is None:
        conn.execute(
            "INSERT INTO customers (id, display_name, created_at) VALUES (?, ?, ?)",
            (new_id, identity.display_name, now),
        )
    customer_id = linked or new_id
    conn.execute(
        "INSERT INTO channel_identities (channel, channel_user_id, customer_id, verified_phone,"
        " verified_email, app_user_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            channel,
            identity.channel_user_id,
            customer_id,
            identity.verified_phone,
            identity.verified_email,
            identity.app_user_id,
            now,
            now,
        ),
    )
    return customer_id


def _customer_with_verified_identity(
    conn: sqlite3.Connection, identity: CustomerIdentity
) -> str | None:
    """The customer already known by one of this identity's verified attributes, if any.

    Only attributes a channel has verified (a messenger's confirmed phone, a signed-in app
    user) link channels; a display name or anything a customer merely typed never does.
    The normalization in the domain makes "+7 900 000-00-00" and "79000000000" meet.
    """
    for column, value in (
        ("app_user_id", identity.app_user_id),
        ("verified_phone", identity.verified_phone),
        ("verified_email", identity.verified_email),
    ):
        if value:
            row = conn.execute(
                f"SELECT customer_id FROM channel_identities WHERE {column} = ?"
                " ORDER BY created_at LIMIT 1",
                (value,),
            ).fetchone()
            if row is not None:
                return str(row[0])
    return None


def _find_or_open_conversation(
    conn: sqlite3.Connection,
    customer_id: str,
    channel: str,
    now: float,
    new_id: str,
    reopen_since: float | None,
) -> str:
    row = conn.execute(
        "SELECT id FROM conversations WHERE customer_id = ? AND channel = ? AND status = ?"
        " ORDER BY opened_at DESC LIMIT 1",
        (customer_id, channel, OPEN),
    ).fetchone()
    if row is not None:
        return str(row[0])
    if reopen_since is not None:
        reopened = _reopen_recent(conn, customer_id, channel, reopen_since, now)
        if reopened is not None:
            return reopened
    conn.execute(
        "INSERT INTO conversations (id, customer_id, channel, status, opened_at,"
        " last_message_at) VALUES (?, ?, ?, ?, ?, ?)",
        (new_id, customer_id, channel, OPEN, now, now),
    )
    return new_id


def _reopen_recent(
    conn: sqlite3.Connection, customer_id: str, channel: str, since: float, now: float
) -> str | None:
    """Reopens the customer's conversation on `channel` resolved at or after `since`, if any.

    A bot conversation simply carries on. An operator's conversation gets a new `handed_off`
    event (the original hand-over's payload, marked reopened) so the hand-off bridge queues it
    again; the engine remembers the customer's last operator and offers it to them first.
    """
    row = conn.execute(
        "SELECT id, stage FROM conversations WHERE customer_id = ? AND channel = ?"
        " AND status = 'resolved' AND closed_at >= ? ORDER BY closed_at DESC LIMIT 1",
        (customer_id, channel, since),
    ).fetchone()
    if row is None:
        return None
    conversation_id, stage = str(row[0]), str(row[1])
    conn.execute(
        "UPDATE conversations SET status = ?, closed_at = NULL, reopens = reopens + 1 WHERE id = ?",
        (OPEN, conversation_id),
    )
    conn.execute(
        "INSERT INTO events (kind, conversation_id, payload, created_at)"
        " VALUES ('conversation_reopened', ?, ?, ?)",
        (conversation_id, orjson.dumps({"stage": stage}).decode(), now),
    )
    if stage == "operator":
        last = conn.execute(
            "SELECT payload FROM events WHERE kind = 'handed_off' AND conversation_id = ?"
            " ORDER BY seq DESC LIMIT 1",
            (conversation_id,),
        ).fetchone()
        payload = orjson.loads(last[0]) if last is not None else {}
        if not payload.get("reason"):
            reason = conn.execute(
                "SELECT handoff_reason FROM conversations WHERE id = ?", (conversation_id,)
            ).fetchone()
            payload["reason"] = reason[0] if reason is not None else ""
        payload["reopened"] = True
        conn.execute(
            "INSERT INTO events (kind, conversation_id, payload, created_at)"
            " VALUES ('handed_off', ?, ?, ?)",
            (conversation_id, orjson.dumps(payload).decode(), now),
        )
    return conversation_id
