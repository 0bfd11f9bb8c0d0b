"""`omniroute kb export` / `kb import`: the knowledge base in and out as YAML."""

from __future__ import annotations

from pathlib import Path

import pytest

from router.cli import main
from router.demo import load_demo_knowledge
from router.domain.knowledge import dump_native_yaml, load_native_yaml

RASA = """version: "3.1"
nlu:
- intent: esim_activation
  examples: |
    - как активировать esim
    - не работает esim на [айфоне](device)
    - подключить электронную симку
"""


def test_export_then_import_round_trips_the_demo(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    demo = tmp_path / "demo.yaml"
    demo.write_text(dump_native_yaml(load_demo_knowledge()), encoding="utf-8")
    db = str(tmp_path / "kb.db")
    assert main(["kb", "import", str(demo), "--db", db, "--dry-run"]) == 0
    assert "would change: 56 intents created" in capsys.readouterr().out
    assert main(["kb", "export", "--db", db]) == 0
    assert load_native_yaml(capsys.readouterr().out).intents == ()  # dry run wrote nothing

    assert main(["kb", "import", str(demo), "--db", db]) == 0
    assert "changed: 56 intents created" in capsys.readouterr().out
    out = tmp_path / "out.yaml"
    assert main(["kb", "export", "--db", db, "-o", str(out)]) == 0
    assert load_native_yaml(out.read_bytes()) == load_demo_knowledge()


def test_a_rasa_file_adds_its_intent(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rasa = tmp_path / "nlu.yml"
    rasa.write_text(RASA, encoding="utf-8")
    db = str(tmp_path / "kb.db")
    assert main(["kb", "import", str(rasa), "--db", db, "--rasa", "ru"]) == 0
    assert "1 intents created" in capsys.readouterr().out
    main(["kb", "export", "--db", db])
    kb = load_native_yaml(capsys.readouterr().out)
    assert [i.name for i in kb.intents] == ["esim_activation"]
    assert "не работает esim на айфоне" in [e.text for e in kb.intents[0].examples]


def test_a_broken_file_is_refused_with_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\nintents:\n  - name: [unclosed\n", encoding="utf-8")
    assert main(["kb", "import", str(bad), "--db", str(tmp_path / "kb.db")]) == 2
    assert "line" in capsys.readouterr().err
