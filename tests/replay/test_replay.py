"""`omniroute replay`: traffic through the gRPC API, simulated operators, the figures."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from router.cli import main
from router.replay.run import replay
from router.replay.traffic import TrafficFileError, parse_lines

TRAFFIC = [
    {"at": 0.0, "channel": "web", "customer": "a", "text": "Сколько стоит тариф «Мой онлайн»?"},
    {"at": 0.5, "channel": "telegram", "customer": "b", "text": "Позовите оператора"},
    {"at": 1.0, "channel": "vk", "customer": "c", "text": "Хочу перенести номер к вам"},
    {"at": 1.5, "channel": "web", "customer": "a", "text": "Спасибо, помогло!"},
]


def lines(records: list[dict[str, object]]) -> list[str]:
    return [orjson.dumps(r).decode() for r in records]


async def test_a_replay_reports_what_the_bot_kept_and_what_operators_did(
    tmp_path: Path,
) -> None:
    report = await replay(
        parse_lines(lines(TRAFFIC)),
        db_path=tmp_path / "r.db",
        speed=20,
        operators=1,
        handle_seconds=1,
        demo=True,
    )
    assert (report.messages, report.conversations) == (4, 3)
    assert report.handed_off == 2
    assert report.reasons == {"customer_request": 1, "operator_only_intent": 1}
    assert report.closed_by_bot == 1  # customer a thanked the bot
    assert report.resolved_by_operators == 2 and report.accepted == 2
    assert any(line.startswith("kept by the bot") and "33.3%" in line for line in report.lines())


@pytest.mark.parametrize(
    ("line", "why"),
    [
        ('{"at": 1, "channel": "fax", "customer": "a", "text": "x"}', "fax"),
        ('{"at": 1, "channel": "web", "text": "x"}', "customer"),
        ('{"at": -1, "channel": "web", "customer": "a", "text": "x"}', "at >= 0"),
        ("not json", "traffic:1"),
    ],
)
def test_a_bad_line_names_itself(line: str, why: str) -> None:
    with pytest.raises(TrafficFileError, match=why):
        parse_lines([line])


def test_the_command_refuses_a_missing_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["replay", str(tmp_path / "nope.jsonl")]) == 2
    assert "nope.jsonl" in capsys.readouterr().err


def test_the_demo_traffic_parses() -> None:
    from importlib import resources

    text = resources.files("router.demo").joinpath("traffic.jsonl").read_text("utf-8")
    traffic = parse_lines(text.splitlines())
    assert len(traffic) >= 300
    assert [m.at for m in traffic] == sorted(m.at for m in traffic)
