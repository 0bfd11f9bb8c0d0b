"""A real router on port 0, a RouterClient to it, and a recording stand-in platform API."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from clients_harness import FAST_RETRY, PlatformStub, issue_key, serve
from starlette.applications import Starlette
from starlette.routing import Route

from clients.router_client import RouterClient
from clients.settings import ClientSettings
from router.app import Router, create_server
from router.domain.channels import Channel
from router.settings import Settings


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    # Only ingestion and delivery: the adapters' tests see no bot turns they did not cause.
    return Settings(
        db_path=tmp_path / "omniroute.db", listen="127.0.0.1:0", grace_seconds=1, run_stages=False
    )


@pytest.fixture
async def router(settings: Settings) -> AsyncIterator[Router]:
    router = create_server(settings)
    await router.start()
    yield router
    await router.stop()


@pytest.fixture
async def api_key(router: Router) -> str:
    return await issue_key(router, frozenset(Channel))


@pytest.fixture
async def client(router: Router, api_key: str) -> AsyncIterator[RouterClient]:
    settings = ClientSettings(
        router=router.address, api_key=api_key, deadline_seconds=5, retry=FAST_RETRY
    )
    async with RouterClient(settings) as client:
        yield client


@pytest.fixture
async def platform() -> AsyncIterator[PlatformStub]:
    stub = PlatformStub(default={"ok": True})
    app = Starlette(routes=[Route("/{path:path}", stub.handle, methods=["POST"])])
    async with serve(app) as url:
        stub.base_url = url
        yield stub
