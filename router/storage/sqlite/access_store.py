"""API keys on SQLite."""

from __future__ import annotations

import sqlite3

import orjson

from router.domain.access.api_keys import ApiKey
from router.domain.channels import Channel
from router.storage.sqlite.group_commit import GroupCommitter

_COLUMNS = "key_id, name, channels, secret_sha256, created_at, revoked_at"


class SqliteApiKeyStore:
    def __init__(self, committer: GroupCommitter) -> None:
        self._committer = committer

    async def add_key(self, key: ApiKey) -> None:
        def add(conn: sqlite3.Connection) -> None:
            conn.execute(
                f"INSERT INTO api_keys ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    key.key_id,
                    key.name,
                    orjson.dumps(sorted(c.value for c in key.channels)).decode(),
                    key.secret_sha256,
                    key.created_at,
                    key.revoked_at,
                ),
            )

        await self._committer.submit(add)

    async def get_key(self, key_id: str) -> ApiKey | None:
        def get(conn: sqlite3.Connection) -> ApiKey | None:
            row = conn.execute(
                f"SELECT {_COLUMNS} FROM api_keys WHERE key_id = ?", (key_id,)
            ).fetchone()
            return None if row is None else _key(row)

        return await self._committer.submit(get)

    async def list_keys(self) -> list[ApiKey]:
        def all_keys(conn: sqlite3.Connection) -> list[ApiKey]:
            rows = conn.execute(f"SELECT {_COLUMNS} FROM api_keys ORDER BY created_at")
            return [_key(row) for row in rows]

        return await self._committer.submit(all_keys)

    async def revoke_key(self, key_id: str, now: float) -> bool:
        def revoke(conn: sqlite3.Connection) -> bool:
            cursor = conn.execute(
                "UPDATE api_keys SET revoked_at = ? WHERE key_id = ? AND revoked_at IS NULL",
                (now, key_id),
            )
            return cursor.rowcount == 1

        return await self._committer.submit(revoke)


def _key(row: tuple[str, str, str, str, float, float | None]) -> ApiKey:
    key_id, name, channels, digest, created_at, revoked_at = row
    return ApiKey(
        key_id=key_id,
        name=name,
        channels=frozenset(Channel(c) for c in orjson.loads(channels)),
        secret_sha256=digest,
        created_at=created_at,
        revoked_at=revoked_at,
    )
