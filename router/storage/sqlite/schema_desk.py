"""The operators' desk: their replies' idempotency keys, and the labels they resolve with."""

from __future__ import annotations

import sqlite_utils


def create_desk_tables(db: sqlite_utils.Database) -> None:
    # A client that retries SendReply with the same client_message_id gets the first message
    # back; the key and the message are written in one transaction.
    db["desk_replies"].create(  # type: ignore[union-attr]
        {
            "operator_id": str,
            "client_message_id": str,
            "message_id": str,
            "conversation_id": str,
            "created_at": float,
        },
        pk=("operator_id", "client_message_id"),
        not_null={"message_id", "conversation_id", "created_at"},
    )
    db["desk_replies"].create_index(["message_id"], unique=True)  # type: ignore[union-attr]
    # The desk joins each message to its delivery (who wrote it) by message id.
    db["deliveries"].create_index(["message_id"])  # type: ignore[union-attr]
    # One label per resolution of a conversation (a reopened conversation is resolved again,
    # `opening` being the conversation's `reopens` at the time): what the operator says the
    # customer wanted, next to what the bot guessed. Rows not excluded from training become
    # training examples.
    db["resolution_labels"].create(  # type: ignore[union-attr]
        {
            "conversation_id": str,
            "opening": int,
            "operator_id": str,
            "intent": str,
            "bot_intent": str,
            "bot_confidence": float,
            "corrects_bot": int,
            "note": str,
            "exclude_from_training": int,
            "resolved_at": float,
        },
        pk=("conversation_id", "opening"),
        not_null={
            "opening",
            "operator_id",
            "intent",
            "bot_intent",
            "corrects_bot",
            "note",
            "exclude_from_training",
            "resolved_at",
        },
        defaults={"opening": 0},
    )
