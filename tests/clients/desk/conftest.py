"""The operators' web app against a real router running the demo bot, with the web chat
beside it for the customer's side: every part on its own loopback socket."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from browser_harness import chromium_path
from clients_harness import FAST_RETRY, serve
from operator_web_harness import COOKIE_SECRET, DemoDesk, Sites
from playwright.async_api import Browser, async_playwright

from clients.desk.app import DeskWeb, DeskWebSettings
from clients.desk.app import create_app as create_desk_app
from clients.router_client import RouterClient
from clients.settings import ClientSettings
from clients.web.app import create_app as create_chat_app
from router.app import create_server
from router.demo.seed import seed_demo
from router.domain.directory.records import OperatorEntry, Role
from router.settings import Settings


@pytest.fixture
async def demo_desk(tmp_path: Path) -> AsyncIterator[DemoDesk]:
    settings = Settings(db_path=tmp_path / "desk.db", listen="127.0.0.1:0", grace_seconds=1)
    router = create_server(settings)
    seeded = await seed_demo(router)
    await router.directory.put_operator(
        OperatorEntry("boris", "Борис", Role.AGENT, capacity={"chat": 3})
    )
    boris = (await router.directory.issue_token("boris")).token
    await router.model.refresh()
    await router.start()
    demo = DemoDesk(router, settings, seeded.api_key, {**seeded.operator_tokens, "boris": boris})
    yield demo
    await demo.router.stop()


@pytest.fixture
async def sites(demo_desk: DemoDesk) -> AsyncIterator[Sites]:
    """The desk app and the web chat, served; yields their base URLs."""
    desk = DeskWeb(DeskWebSettings(router=demo_desk.router.address, link_idle_seconds=30))
    chat_settings = ClientSettings(
        router=demo_desk.router.address, api_key=demo_desk.api_key, retry=FAST_RETRY
    )
    async with RouterClient(chat_settings) as client:
        chat = create_chat_app(client, cookie_secret=COOKIE_SECRET, link_secret="link")
        try:
            async with serve(create_desk_app(desk)) as desk_url, serve(chat) as chat_url:
                try:
                    yield Sites(desk_url, chat_url, desk)
                finally:
                    desk.close_streams()
                    chat.state.web_chat.close_streams()
        finally:
            await desk.stop()
            await chat.state.web_chat.stop()


@pytest.fixture
async def browser() -> AsyncIterator[Browser]:
    """Debian's headless Chromium (Playwright's own browser builds are never downloaded)."""
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=chromium_path(), headless=True, args=["--no-sandbox"]
        )
        yield browser
        await browser.close()
