"""API keys: issued once, stored hashed, limited to channels, cached briefly."""

from __future__ import annotations

import pytest

from router.domain.access.api_keys import ApiKey, ApiKeys
from router.domain.channels import Channel
from router.domain.clock import ManualClock
from router.domain.errors import InvalidArgumentError, PermissionDeniedError, UnauthenticatedError


class MemoryKeys:
    def __init__(self) -> None:
        self.keys: dict[str, ApiKey] = {}
        self.reads = 0

    async def add_key(self, key: ApiKey) -> None:
        self.keys[key.key_id] = key

    async def get_key(self, key_id: str) -> ApiKey | None:
        self.reads += 1
        return self.keys.get(key_id)

    async def list_keys(self) -> list[ApiKey]:
        return list(self.keys.values())

    async def revoke_key(self, key_id: str, now: float) -> bool:
        from dataclasses import replace

        key = self.keys.get(key_id)
        if key is None or key.revoked_at is not None:
            return False
        self.keys[key_id] = replace(key, revoked_at=now)
        return True


async def test_the_secret_is_never_stored() -> None:
    store = MemoryKeys()
    issued = await ApiKeys(store, ManualClock()).issue("web", frozenset({Channel.WEB}))
    secret = issued.key.split("_", 2)[2]
    stored = store.keys[issued.record.key_id]
    assert secret not in repr(stored) and len(secret) >= 40


async def test_a_key_covers_only_its_channels() -> None:
    keys = ApiKeys(MemoryKeys(), ManualClock())
    issued = await keys.issue("web", frozenset({Channel.WEB}))
    record = await keys.authenticate(issued.key)
    keys.require_channel(record, Channel.WEB)
    with pytest.raises(PermissionDeniedError, match="telegram"):
        keys.require_channel(record, Channel.TELEGRAM)


async def test_a_revocation_takes_effect_once_the_cache_expires_or_at_once_locally() -> None:
    store, clock = MemoryKeys(), ManualClock()
    keys, other_replica = ApiKeys(store, clock), ApiKeys(store, clock)
    issued = await keys.issue("web", frozenset({Channel.WEB}))
    await other_replica.authenticate(issued.key)
    assert await keys.revoke(issued.record.key_id)
    with pytest.raises(UnauthenticatedError):
        await keys.authenticate(issued.key)  # the revoking router forgets at once
    await other_replica.authenticate(issued.key)  # another one may still trust its cache
    clock.advance(5.1)
    with pytest.raises(UnauthenticatedError):
        await other_replica.authenticate(issued.key)


async def test_verified_keys_are_cached_between_calls() -> None:
    store, clock = MemoryKeys(), ManualClock()
    keys = ApiKeys(store, clock)
    issued = await keys.issue("web", frozenset({Channel.WEB}))
    for _ in range(100):
        await keys.authenticate(issued.key)
    assert store.reads == 1


@pytest.mark.parametrize(
    ("name", "channels", "field"),
    [("web", frozenset(), "channels"), (" ", frozenset({Channel.WEB}), "name")],
)
async def test_a_key_needs_a_name_and_a_channel(
    name: str, channels: frozenset[Channel], field: str
) -> None:
    with pytest.raises(InvalidArgumentError) as caught:
        await ApiKeys(MemoryKeys(), ManualClock()).issue(name, channels)
    assert caught.value.field == field
