"""`omniroute kb eval`: the command, its JSON report and the Larson threshold protocol."""

from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path

import pytest

from router.knowledge import cli
from router.knowledge.evaluation import choose_threshold, macro_f1

ROWS = {
    "card": ["where is my card", "card has not arrived", "my card did not come", "lost card"],
    "top_up": ["top up balance", "add money", "how to top up", "put money on account"],
    "tariff": ["change my tariff", "switch tariff plan", "other tariff", "new tariff please"],
}
OOS = ["weather on mars", "best pizza recipe", "who won the match"]


def write(path: Path, rows: list[tuple[str, str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["text", "label"])
        writer.writerows(rows)
    return path


def split(tmp_path: Path) -> tuple[Path, Path, Path]:
    train = [(t, label) for label, texts in ROWS.items() for t in texts[:3]]
    held = [(texts[3], label) for label, texts in ROWS.items()]
    val = write(tmp_path / "val.csv", [*held, (OOS[0], "oos")])
    test = write(tmp_path / "test.csv", [*held, *((t, "oos") for t in OOS[1:])])
    return write(tmp_path / "train.csv", train), test, val


def run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="omniroute")
    cli.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    code: int = args.func(args)
    return code


def test_json_report_has_every_key_beside_the_baseline(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    train, test, val = split(tmp_path)
    argv = ["kb", "eval", "--train", str(train), "--test", str(test), "--val", str(val)]
    assert run([*argv, "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    keys = {"accuracy", "inscope_accuracy", "oos_recall", "macro_f1", "fit_s"}
    keys |= {"single_p50_us", "bulk_per_s", "n_test"}
    assert keys <= set(report) and keys <= set(report["baseline"])
    assert report["n_test"] == 5
    assert 0.0 <= report["accuracy"] <= 1.0 and 0.0 <= report["oos_recall"] <= 1.0
    assert set(report["ratios"]) == {"single_speedup", "bulk_speedup", "fit_speedup"}


def test_table_output_and_missing_val(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    train, test, _ = split(tmp_path)
    assert run(["kb", "eval", "--train", str(train), "--test", str(test), "--no-baseline"]) == 0
    out = capsys.readouterr().out
    assert "accuracy" in out and "oos_recall" in out


def test_bad_csv_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("question,intent\nhi,greet\n", encoding="utf-8")
    assert run(["kb", "eval", "--train", str(bad), "--test", str(bad)]) == 2
    assert "text and label" in capsys.readouterr().err


def test_threshold_maximizes_accuracy_with_oos_as_a_class() -> None:
    confidence = [0.9, 0.8, 0.3, 0.2, 0.7, 0.25]
    correct = [True, True, False, False, True, False]
    oos = [False, False, True, True, False, False]
    threshold = choose_threshold(confidence, correct, oos)
    assert 0.3 < threshold < 0.7
    assert choose_threshold([0.5], [True], [False]) == float("-inf")


def test_macro_f1_averages_over_labels() -> None:
    assert macro_f1(["a", "a", "b"], ["a", "a", "b"]) == 1.0
    assert macro_f1(["a", "b"], ["b", "a"]) == 0.0
