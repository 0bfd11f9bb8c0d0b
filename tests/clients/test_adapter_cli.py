"""`omniroute adapter ...` as a real process in front of a real router."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import sys

import httpx
import pytest
import telegram_payloads as tg
from clients_harness import stored

from clients.cli import main
from clients.messengers.telegram import SECRET_HEADER
from router.app import Router

SECRET = "cli-secret"


async def test_the_telegram_adapter_runs_until_sigterm_and_forwards_updates(
    router: Router, api_key: str
) -> None:
    env = {
        **os.environ,
        "OMNIROUTE_TELEGRAM_SECRET": SECRET,
        "OMNIROUTE_API_KEY": api_key,
        "PYTHONUNBUFFERED": "1",
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "clients.cli", "adapter", "telegram",
        "--router", router.address, "--listen", "127.0.0.1:0",
        stdout=asyncio.subprocess.PIPE, env=env,
    )  # fmt: skip
    try:
        assert process.stdout is not None
        line = (await asyncio.wait_for(process.stdout.readline(), 30)).decode()
        found = re.search(r"listening on (\S+)", line)
        assert found, line
        async with httpx.AsyncClient(base_url=f"http://{found.group(1)}") as http:
            response = await http.post(
                "/telegram/webhook", json=tg.text_update(), headers={SECRET_HEADER: SECRET}
            )
        assert response.status_code == 200
        assert [m.external_id for m in stored(router)] == ["111111111:1365"]
        process.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(process.wait(), 30) == 0
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()


def test_an_adapter_without_its_secret_does_not_start(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("OMNIROUTE_WHATSAPP_APP_SECRET", raising=False)
    monkeypatch.setenv("OMNIROUTE_WHATSAPP_VERIFY_TOKEN", "v")
    assert main(["adapter", "whatsapp", "--listen", "127.0.0.1:0"]) == 2
    assert "--app-secret" in capsys.readouterr().err
