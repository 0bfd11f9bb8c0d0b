"""`omniroute adapter web` as a real process: key from a file, the widget, a message in,
and a clean exit on SIGTERM even with a visitor's event stream open."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import sys
from pathlib import Path

import httpx
import pytest
from clients_harness import stored
from web_chat_harness import event_stream, post

from clients.cli import main
from router.app import Router


async def test_the_web_adapter_reads_its_key_file_serves_the_widget_and_stops_on_sigterm(
    router: Router, api_key: str, tmp_path: Path
) -> None:
    key_file = tmp_path / "demo.key"
    env = {**os.environ, "OMNIROUTE_WEB_SECRET": "cli-web-secret", "PYTHONUNBUFFERED": "1"}
    env.pop("OMNIROUTE_API_KEY", None)
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "clients.cli", "adapter", "web",
        "--router", router.address, "--listen", "127.0.0.1:0", "--api-key-file", str(key_file),
        stdout=asyncio.subprocess.PIPE, env=env,
    )  # fmt: skip
    try:
        key_file.write_text(api_key + "\n")  # as a router issuing the demo key would, later
        assert process.stdout is not None
        line = (await asyncio.wait_for(process.stdout.readline(), 30)).decode()
        found = re.search(r"listening on (\S+)", line)
        assert found, line
        async with httpx.AsyncClient(base_url=f"http://{found.group(1)}", timeout=10) as http:
            assert "widget.js" in (await http.get("/")).text
            assert (await post(http, {"text": "Здравствуйте"})).status_code == 202
            async with event_stream(http):
                process.send_signal(signal.SIGTERM)
                assert await asyncio.wait_for(process.wait(), 30) == 0
        assert [m.text for m in stored(router)] == ["Здравствуйте"]
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()


def test_the_web_adapter_without_a_cookie_secret_does_not_start(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("OMNIROUTE_WEB_SECRET", raising=False)
    assert main(["adapter", "web", "--api-key", "ork_x"]) == 2
    assert "--cookie-secret" in capsys.readouterr().err
