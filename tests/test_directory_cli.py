"""`omniroute operators …`: create an operator with a token, list, re-issue, revoke."""

from __future__ import annotations

from pathlib import Path

import pytest

from router.cli import main


def test_operators_are_created_listed_and_their_tokens_managed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "cli.db")
    create = ["operators", "create", "anna", "--db", db, "-n", "Anna", "--role", "supervisor"]
    create += ["--skill", "billing=7", "--language", "ru", "--capacity", "chat=4"]
    assert main(create) == 0
    first = capsys.readouterr().out.strip()
    assert first.startswith("opt_")

    assert main(["operators", "list", "--db", db]) == 0
    assert capsys.readouterr().out.split("\t") == [
        "anna",
        "supervisor",
        "active",
        "billing=7",
        "chat=4",
        "Anna\n",
    ]

    assert main(["operators", "token", "anna", "--db", db]) == 0
    second = capsys.readouterr().out.strip()
    assert second.startswith("opt_") and second != first
    assert main(["operators", "token", "nobody", "--db", db]) == 1

    first_id = first.split("_")[1]
    assert main(["operators", "revoke-token", first_id, "--db", db]) == 0
    assert main(["operators", "revoke-token", first_id, "--db", db]) == 1
    capsys.readouterr()
    assert main(["operators", "tokens", "anna", "--db", db]) == 0
    states = {
        line.split("\t")[0]: line.split("\t")[1] for line in capsys.readouterr().out.splitlines()
    }
    assert states == {first_id: "revoked", second.split("_")[1]: "active"}


def test_a_bad_skill_level_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "cli.db")
    assert main(["operators", "create", "anna", "--db", db, "--skill", "billing=11"]) == 2
    assert "level 11" in capsys.readouterr().err
