"""API keys of channel adapters: the hash of the secret, never the secret."""

from __future__ import annotations

import sqlite_utils


def create_access_tables(db: sqlite_utils.Database) -> None:
    db["api_keys"].create(  # type: ignore[union-attr]
        {
            "key_id": str,
            "name": str,
            "channels": str,
            "secret_sha256": str,
            "created_at": float,
            "revoked_at": float,
        },
        pk="key_id",
        not_null={"name", "channels", "secret_sha256", "created_at"},
    )
