"""Tables for customers, their channel identities, conversations and messages."""

from __future__ import annotations

import sqlite_utils


def create_ingestion_tables(db: sqlite_utils.Database) -> None:
    db["customers"].create(  # type: ignore[union-attr]
        {"id": str, "display_name": str, "created_at": float},
        pk="id",
        not_null={"created_at"},
    )
    # A customer as one channel knows them; verified identities ride along so that the
    # cross-channel linking step can match on them (never on unverified data).
    db["channel_identities"].create(  # type: ignore[union-attr]
        {
            "channel": str,
            "channel_user_id": str,
            "customer_id": str,
            "verified_phone": str,
            "verified_email": str,
            "app_user_id": str,
            "created_at": float,
            "updated_at": float,
        },
        pk=("channel", "channel_user_id"),
        not_null={"customer_id", "created_at", "updated_at"},
        foreign_keys=[("customer_id", "customers", "id")],
    )
    db["channel_identities"].create_index(["customer_id"])  # type: ignore[union-attr]
    # Verified identities link one customer's channels; these find the match.
    for column in ("verified_phone", "verified_email", "app_user_id"):
        db.execute(
            f"CREATE INDEX idx_channel_identities_{column} ON channel_identities ({column})"
            f" WHERE {column} != ''"
        )
    db["conversations"].create(  # type: ignore[union-attr]
        {
            "id": str,
            "customer_id": str,
            "channel": str,
            "status": str,
            # Who handles it: "bot" until the bot hands over, then "operator".
            "stage": str,
            # Bot turns in a row that did not help (a clarification, a rephrase request).
            "unhelpful_turns": int,
            "handoff_reason": str,
            # The entities the bot had found when it handed over, as a JSON object.
            "handoff_entities": str,
            # What the bot asked last (offered choices, or the entity it needs), as JSON.
            "pending": str,
            "last_intent": str,
            "last_confidence": float,
            "opened_at": float,
            "last_message_at": float,
            "closed_at": float,
            # How many times a resolved conversation was reopened by a new message.
            "reopens": int,
        },
        pk="id",
        not_null={"customer_id", "channel", "status", "stage", "opened_at", "last_message_at"},
        defaults={
            "stage": "bot",
            "unhelpful_turns": 0,
            "handoff_reason": "",
            "handoff_entities": "",
            "pending": "",
            "last_intent": "",
            "reopens": 0,
        },
        foreign_keys=[("customer_id", "customers", "id")],
    )
    db["conversations"].create_index(  # type: ignore[union-attr]
        ["customer_id", "channel", "status"]
    )
    db["messages"].create(  # type: ignore[union-attr]
        {
            "id": str,
            "conversation_id": str,
            "customer_id": str,
            "channel": str,
            "external_id": str,
            "direction": str,
            "text": str,
            "attachments": str,
            "metadata": str,
            "locale": str,
            "sent_at": float,
            "received_at": float,
        },
        pk="id",
        not_null={
            "conversation_id",
            "customer_id",
            "channel",
            "external_id",
            "direction",
            "text",
            "received_at",
        },
        foreign_keys=[
            ("conversation_id", "conversations", "id"),
            ("customer_id", "customers", "id"),
        ],
    )
    # The idempotency key: a channel's retry of the same message can never become a second row.
    db["messages"].create_index(  # type: ignore[union-attr]
        ["channel", "external_id"], unique=True
    )
    db["messages"].create_index(["conversation_id", "received_at"])  # type: ignore[union-attr]
    # The event log the later stages (bot, assignment, statistics) consume in order.
    # How far each in-process consumer (the bot stage, statistics …) has read the events.
    db["event_cursors"].create(  # type: ignore[union-attr]
        {"consumer": str, "seq": int}, pk="consumer", not_null={"seq"}
    )
    db["events"].create(  # type: ignore[union-attr]
        {
            "seq": int,
            "kind": str,
            "conversation_id": str,
            "payload": str,
            "created_at": float,
        },
        pk="seq",
        not_null={"kind", "payload", "created_at"},
    )
