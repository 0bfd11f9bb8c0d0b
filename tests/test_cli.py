"""The `omniroute` command as a user runs it."""

from __future__ import annotations

import asyncio
from pathlib import Path

import orjson
import pytest
from grpc import aio
from grpc_health.v1 import health_pb2, health_pb2_grpc

from router.cli import build_parser, main, settings_from_args
from router.domain.bot.policy import BotThresholds
from router.testing import ServerProcess


async def test_serve_answers_health_and_stops_cleanly_on_sigterm(tmp_path: Path) -> None:
    server = ServerProcess(tmp_path / "var" / "omniroute.db").start()
    try:
        async with aio.insecure_channel(server.address) as channel:
            reply = await health_pb2_grpc.HealthStub(channel).Check(
                health_pb2.HealthCheckRequest(), timeout=5
            )
        assert reply.status == health_pb2.HealthCheckResponse.SERVING
        assert await asyncio.to_thread(server.terminate) == 0
    finally:
        server.kill()
    assert (tmp_path / "var" / "omniroute.db").exists()
    logs = [orjson.loads(line) for line in server.stderr_lines if line.startswith("{")]
    messages = [entry["msg"] for entry in logs]
    assert "listening" in messages and "stopped" in messages


def test_serve_defaults_are_the_documented_ones() -> None:
    args = build_parser().parse_args(["serve"])
    assert args.db is None and args.listen is None  # filled from Settings defaults


def test_an_unknown_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        build_parser().parse_args(["frobnicate"])
    assert caught.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_keys_create_list_revoke(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "k.db")
    assert main(["keys", "create", "--db", db, "--name", "tg", "--channel", "telegram"]) == 0
    key = capsys.readouterr().out.strip()
    assert key.startswith("ork_")
    key_id = key.split("_")[1]
    assert main(["keys", "list", "--db", db]) == 0
    listing = capsys.readouterr().out
    assert f"{key_id}\tactive\ttelegram" in listing and key not in listing
    assert main(["keys", "revoke", key_id, "--db", db]) == 0
    assert main(["keys", "revoke", key_id, "--db", db]) == 1
    main(["keys", "list", "--db", db])
    assert f"{key_id}\trevoked" in capsys.readouterr().out


def test_bot_thresholds_are_flags(tmp_path: Path) -> None:
    args = build_parser().parse_args(
        ["serve", "--bot-answer", "0.7", "--bot-unhelpful-turns", "3", "--bot-quiet", "60"]
    )
    settings = settings_from_args(args)
    assert (settings.bot.answer, settings.bot.unhelpful_turns) == (0.7, 3)
    assert settings.bot.resolve_quiet_after_s == 60
    assert settings.bot.clarify_margin == BotThresholds().clarify_margin


def test_learned_examples_review_commands(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "k.db")
    assert main(["kb", "learned", "list", "--db", db]) == 0
    assert "nothing waits for review" in capsys.readouterr().err
    assert main(["kb", "learned", "reject", "conv_nope", "--db", db]) == 1
    assert "conv_nope" in capsys.readouterr().err
