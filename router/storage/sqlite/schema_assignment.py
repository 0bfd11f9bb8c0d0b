"""Tables of the assignment engine: its directory, policies, conversations and events.

Records that the engine treats as one value (an operator's profile, a work item, a policy)
are stored as JSON; what the engine or SQL queries by is a column of its own.
"""

from __future__ import annotations

import sqlite_utils


def create_assignment_tables(db: sqlite_utils.Database) -> None:
    db["assignment_operators"].create(  # type: ignore[union-attr]
        {
            "operator_id": str,
            "profile": str,
            "status": str,
            "offline_since": float,
            "last_assigned_at": float,
        },
        pk="operator_id",
        not_null={"profile", "status", "last_assigned_at"},
    )
    db["assignment_policies"].create(  # type: ignore[union-attr]
        {"name": str, "body": str}, pk="name", not_null={"body"}
    )
    # One row per handed-over conversation, kept after it is resolved (history, statistics
    # and the "last operator of this customer" for sticky routing).
    db["assignment_conversations"].create(  # type: ignore[union-attr]
        {
            "conversation_id": str,
            "customer_id": str,
            "state": str,
            "item": str,
            "queued_at": float,
            "queue_order": int,
            "routed_since": float,
            "operator_id": str,
            "offer_id": str,
            "offered_at": float,
            "offer_expires_at": float,
            "declined_by": str,
            "assigned_at": float,
            "resolved_at": float,
        },
        pk="conversation_id",
        not_null={"customer_id", "state", "item", "queued_at", "queue_order", "routed_since"},
    )
    db["assignment_conversations"].create_index(["state"])  # type: ignore[union-attr]
    db["assignment_conversations"].create_index(  # type: ignore[union-attr]
        ["customer_id", "resolved_at"]
    )
    db["assignment_events"].create(  # type: ignore[union-attr]
        {
            "event_id": int,
            "kind": str,
            "at": float,
            "conversation_id": str,
            "operator_id": str,
            "data": str,
        },
        pk="event_id",
        not_null={"kind", "at", "data"},
    )
