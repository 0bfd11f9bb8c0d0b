"""script/gen_proto.py: regenerates router/v1, proves it fresh, and runs only as pinned.

Everything that writes works on a copy of the repository in tmp_path, never the real tree."""

from __future__ import annotations

import importlib.metadata
import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "script" / "gen_proto.py"


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_proto", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


gen_proto = _load_script()


@pytest.fixture
def repo_copy(tmp_path: Path) -> Path:
    """The parts of the repository the script reads and writes."""
    shutil.copytree(REPO / "proto", tmp_path / "proto")
    shutil.copytree(
        REPO / "router" / "v1",
        tmp_path / "router" / "v1",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def check(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = gen_proto.main(["--check", "--root", str(root)])
    return code, capsys.readouterr().err


def test_committed_code_is_fresh_from_the_command_line() -> None:
    # Exactly what `make proto-check` runs, on the real tree (read-only).
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--check"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def test_pin_is_read_from_pyproject_and_installed() -> None:
    pinned = gen_proto.pinned_version(REPO / "pyproject.toml")
    assert pinned == importlib.metadata.version("grpcio-tools")


def test_altered_generated_file_is_named_stale(
    repo_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    generated = repo_copy / "router" / "v1" / "ingress_pb2.py"
    generated.write_text(generated.read_text() + "# edited by hand\n")
    code, err = check(repo_copy, capsys)
    assert code == 1
    assert "router/v1/ingress_pb2.py is stale: run `make proto`" in err
    assert err.count("\n") == 1  # only the altered file is reported


def test_proto_change_without_regenerating_is_stale(
    repo_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = repo_copy / "proto" / "router" / "v1" / "stats.proto"
    source.write_text(
        source.read_text() + "\n// New.\nmessage Added {\n  // New.\n  int32 x = 1;\n}\n"
    )
    code, err = check(repo_copy, capsys)
    assert code == 1
    assert "router/v1/stats_pb2.py is stale" in err


def test_missing_and_extra_files_are_named(
    repo_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo_copy / "router" / "v1" / "knowledge_pb2.pyi").unlink()
    (repo_copy / "router" / "v1" / "__init__.py").unlink()
    (repo_copy / "router" / "v1" / "legacy_pb2.py").write_text("# left over\n")
    code, err = check(repo_copy, capsys)
    assert code == 1
    assert "router/v1/knowledge_pb2.pyi is missing" in err
    assert "router/v1/__init__.py is missing" in err
    assert "router/v1/legacy_pb2.py has no .proto source" in err


def test_regenerating_repairs_the_tree(repo_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    package = repo_copy / "router" / "v1"
    (package / "ingress_pb2_grpc.py").write_text("# broken\n")
    (package / "legacy_pb2.py").write_text("# left over\n")
    (package / "__init__.py").unlink()

    assert gen_proto.main(["--root", str(repo_copy)]) == 0

    assert check(repo_copy, capsys) == (0, "")
    assert not (package / "legacy_pb2.py").exists()
    assert (package / "__init__.py").read_text().startswith('"""')
    assert (package / "ingress_pb2_grpc.py").read_bytes() == (
        REPO / "router" / "v1" / "ingress_pb2_grpc.py"
    ).read_bytes()


def test_refuses_a_generator_other_than_the_pinned_one(
    repo_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pyproject = repo_copy / "pyproject.toml"
    installed = importlib.metadata.version("grpcio-tools")
    text = pyproject.read_text()
    assert f'"grpcio-tools=={installed}"' in text
    pyproject.write_text(text.replace(f'"grpcio-tools=={installed}"', '"grpcio-tools==0.0.1"'))
    before = (repo_copy / "router" / "v1" / "ingress_pb2.py").read_bytes()

    for argv in (["--root", str(repo_copy)], ["--check", "--root", str(repo_copy)]):
        assert gen_proto.main(argv) == 2
        err = capsys.readouterr().err
        assert f"grpcio-tools {installed} is installed but pyproject.toml pins 0.0.1" in err
    assert (repo_copy / "router" / "v1" / "ingress_pb2.py").read_bytes() == before


def test_refuses_when_nothing_is_pinned(
    repo_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pyproject = repo_copy / "pyproject.toml"
    installed = importlib.metadata.version("grpcio-tools")
    pyproject.write_text(
        pyproject.read_text().replace(f'"grpcio-tools=={installed}"', '"grpcio-tools>=1"')
    )
    assert gen_proto.main(["--check", "--root", str(repo_copy)]) == 2
    assert "no `grpcio-tools==X.Y.Z` pin" in capsys.readouterr().err
