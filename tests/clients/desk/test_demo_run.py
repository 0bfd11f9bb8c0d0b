"""What a new user does after `make run`: the script's router, web chat and desk processes,
a customer asking for a person in the widget, and the demo agent — signed in with the key the
script printed — seeing the hand-off arrive."""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import signal
import socket
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from browser_harness import chat_page, screenshot_path, sign_in, widget_says
from playwright.async_api import Browser, expect

ROOT = Path(__file__).parents[3]
VENV = Path(sys.executable).parents[1]
# The first start trains the demo bot; generous for a shared 2-core machine.
START_SECONDS = 120.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.asynccontextmanager
async def make_run(tmp_path: Path) -> AsyncIterator[tuple[dict[str, str], str]]:
    """The script as `make run` starts it; yields the printed keys and the whole output."""
    addresses = [f"127.0.0.1:{free_port()}" for _ in range(4)]
    process = await asyncio.create_subprocess_exec(
        "bash",
        str(ROOT / "script" / "run_demo.sh"),
        str(VENV),
        str(tmp_path / "var" / "omniroute.db"),
        *addresses,
        cwd=ROOT,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
        start_new_session=True,  # so the whole group stops, as Ctrl-C stops `make run`
    )
    assert process.stdout is not None
    printed: list[str] = []
    keys: dict[str, str] = {}

    async def read_until_ready() -> None:
        assert process.stdout is not None
        while len(keys) < 2 or not any("listening on" in line for line in printed[-30:]):
            line = (await process.stdout.readline()).decode()
            if not line:
                raise AssertionError("make run ended:\n" + "".join(printed))
            printed.append(line)
            found = re.search(r"as (\S+)\s+with key (\S+)", line)
            if found:
                keys[found[1]] = found[2]

    try:
        await asyncio.wait_for(read_until_ready(), START_SECONDS)
        yield keys, "".join(printed)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        await asyncio.wait_for(process.wait(), 30)


@pytest.mark.slow
async def test_a_new_user_chats_with_themselves_and_sees_the_handoff(
    tmp_path: Path, browser: Browser
) -> None:
    async with make_run(tmp_path) as (keys, printed):
        assert set(keys) == {"demo.agent", "demo.supervisor"}
        chat = re.search(r"web chat .*?(http://\S+)", printed)
        desk = re.search(r"operators' desk:\s+(http://\S+)", printed)
        assert chat and desk, printed
        agent = await sign_in(browser, desk[1], "demo.agent", keys["demo.agent"])
        customer = await chat_page(browser, chat[1])
        await widget_says(customer, "Позовите оператора")
        offer = agent.locator("#offers .offer")
        await expect(offer).to_have_count(1)
        await expect(offer).to_contain_text("Позовите оператора")
        await agent.screenshot(path=screenshot_path("make-run-handoff"))
