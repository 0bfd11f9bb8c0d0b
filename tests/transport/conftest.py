from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from grpc import aio

from router.app import Router, create_server
from router.domain.channels import Channel
from router.settings import Settings
from router.testing import with_api_key
from router.v1 import ingress_pb2_grpc


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(db_path=tmp_path / "omniroute.db", listen="127.0.0.1:0", grace_seconds=2)


@pytest.fixture
async def router(settings: Settings) -> AsyncIterator[Router]:
    router = create_server(settings)
    await router.start()
    yield router
    await router.stop()


@pytest.fixture
async def api_key(router: Router) -> str:
    issued = await router.api_keys.issue("tests", frozenset(Channel))
    return issued.key


@pytest.fixture
async def channel(router: Router, api_key: str) -> AsyncIterator[aio.Channel]:
    """A channel whose every call carries a key for all channels, as an adapter's would."""
    async with aio.insecure_channel(router.address, interceptors=with_api_key(api_key)) as channel:
        yield channel


@pytest.fixture
async def bare_channel(router: Router) -> AsyncIterator[aio.Channel]:
    """A channel that sends no API key."""
    async with aio.insecure_channel(router.address) as channel:
        yield channel


@pytest.fixture
def ingress(channel: aio.Channel) -> ingress_pb2_grpc.IngressStub:
    return ingress_pb2_grpc.IngressStub(channel)
