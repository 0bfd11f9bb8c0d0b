"""API keys: shown once at creation, stored only as a hash, limited to named channels.

A key reads `ork_<key id>_<secret>`. The key id finds the record; the secret is checked
against its SHA-256 in constant time. A 256-bit random secret needs no slow hash: nobody
can guess it, and a stolen database gives no key that works.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import Protocol

from router.domain.channels import Channel
from router.domain.clock import Clock
from router.domain.errors import (
    InvalidArgumentError,
    PermissionDeniedError,
    UnauthenticatedError,
)

PREFIX = "ork"


@dataclass(frozen=True, slots=True)
class ApiKey:
    key_id: str
    name: str
    channels: frozenset[Channel]
    secret_sha256: str
    created_at: float
    revoked_at: float | None = None


@dataclass(frozen=True, slots=True)
class IssuedKey:
    """The record, and the one time the full key is ever seen."""

    record: ApiKey
    key: str


class ApiKeyStore(Protocol):
    async def add_key(self, key: ApiKey) -> None: ...

    async def get_key(self, key_id: str) -> ApiKey | None: ...

    async def list_keys(self) -> list[ApiKey]: ...

    async def revoke_key(self, key_id: str, now: float) -> bool:
        """True if the key existed and was not revoked before."""
        ...


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class ApiKeys:
    def __init__(self, store: ApiKeyStore, clock: Clock, *, cache_seconds: float = 5.0) -> None:
        self._store = store
        self._clock = clock
        # Verified keys are cached briefly so the hot path does not read the database on
        # every message; a revocation takes effect within this many seconds.
        self._cache_seconds = cache_seconds
        self._cache: dict[str, tuple[float, ApiKey | None]] = {}

    async def issue(self, name: str, channels: frozenset[Channel]) -> IssuedKey:
        if not channels:
            raise InvalidArgumentError("channels", "a key must cover at least one channel")
        if not name.strip():
            raise InvalidArgumentError("name", "required")
        key_id = secrets.token_hex(6)
        secret = secrets.token_urlsafe(32)
        record = ApiKey(key_id, name.strip(), channels, _digest(secret), self._clock.now())
        await self._store.add_key(record)
        return IssuedKey(record, f"{PREFIX}_{key_id}_{secret}")

    async def revoke(self, key_id: str) -> bool:
        self._cache.pop(key_id, None)
        return await self._store.revoke_key(key_id, self._clock.now())

    async def list(self) -> list[ApiKey]:
        return await self._store.list_keys()

    async def authenticate(self, presented: str | None) -> ApiKey:
        """The key's record if the key is valid; raises UnauthenticatedError otherwise."""
        if not presented:
            raise UnauthenticatedError("an API key is required (metadata x-api-key)")
        parts = presented.split("_", 2)
        if len(parts) != 3 or parts[0] != PREFIX:
            raise UnauthenticatedError("malformed API key")
        _, key_id, secret = parts
        record = await self._lookup(key_id)
        if (
            record is None
            or record.revoked_at is not None
            or not hmac.compare_digest(record.secret_sha256, _digest(secret))
        ):
            raise UnauthenticatedError("unknown or revoked API key")
        return record

    @staticmethod
    def require_channel(record: ApiKey, channel: Channel) -> None:
        if channel not in record.channels:
            raise PermissionDeniedError(
                f"API key {record.key_id} ({record.name}) does not cover channel {channel.value}"
            )

    async def _lookup(self, key_id: str) -> ApiKey | None:
        now = self._clock.monotonic()
        cached = self._cache.get(key_id)
        if cached is not None and now - cached[0] < self._cache_seconds:
            return cached[1]
        record = await self._store.get_key(key_id)
        self._cache[key_id] = (now, record)
        return record
