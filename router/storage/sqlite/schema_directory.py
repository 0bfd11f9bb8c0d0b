"""The directory: operators and their tokens, skills, teams, routing policies.

Lists and maps (skills with levels, languages, capacity, policy steps) are JSON columns: the
directory is small, read whole at start-up, and edited one record at a time.
"""

from __future__ import annotations

import sqlite_utils


def create_directory_tables(db: sqlite_utils.Database) -> None:
    db["operators"].create(  # type: ignore[union-attr]
        {
            "operator_id": str,
            "display_name": str,
            "role": str,
            "skills": str,
            "languages": str,
            "teams": str,
            "capacity": str,
            "disabled": int,
            "created_at": float,
            "updated_at": float,
        },
        pk="operator_id",
        not_null={"display_name", "role", "skills", "languages", "teams", "capacity", "disabled"},
    )
    # Only the hash of a token's secret is stored; a stolen file gives no token that works.
    db["operator_tokens"].create(  # type: ignore[union-attr]
        {
            "token_id": str,
            "operator_id": str,
            "secret_sha256": str,
            "created_at": float,
            "revoked_at": float,
        },
        pk="token_id",
        not_null={"operator_id", "secret_sha256", "created_at"},
    )
    db["operator_tokens"].create_index(["operator_id"])  # type: ignore[union-attr]
    db["skills"].create(  # type: ignore[union-attr]
        {"name": str, "display_name": str, "description": str, "routing_policy": str},
        pk="name",
        not_null={"display_name", "description", "routing_policy"},
    )
    db["teams"].create(  # type: ignore[union-attr]
        {"name": str, "display_name": str, "supervisor_ids": str},
        pk="name",
        not_null={"display_name", "supervisor_ids"},
    )
    db["routing_policies"].create(  # type: ignore[union-attr]
        {
            "name": str,
            "description": str,
            "steps": str,
            "max_queued": int,
            "offer_timeout_s": float,
            "sla_target_s": float,
        },
        pk="name",
        not_null={"description", "steps", "max_queued", "offer_timeout_s", "sla_target_s"},
    )
