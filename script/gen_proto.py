"""Regenerate the Python code of the v1 API from proto/router/v1, or check it is fresh.

    python script/gen_proto.py            # write router/v1/*_pb2.py, *_pb2.pyi, *_pb2_grpc.py
    python script/gen_proto.py --check    # exit 1 if the committed files are stale

The generated files are committed, so they must come from exactly the generator pinned in
pyproject.toml: a different grpcio-tools emits different code (and different runtime floors),
and the check would flap between machines. Hence the script refuses to run with any other
version installed (exit 2).
"""

from __future__ import annotations

import argparse
import filecmp
import importlib.metadata
import re
import sys
import tempfile
import tomllib
from importlib import resources
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
PACKAGE = Path("router") / "v1"
GENERATED_SUFFIXES = ("_pb2.py", "_pb2.pyi", "_pb2_grpc.py")
INIT_TEXT = '"""Generated code of the omniroute v1 API (proto/router/v1); run `make proto`."""\n'
_PIN = re.compile(r"^grpcio-tools\s*==\s*([0-9][0-9A-Za-z.+-]*)$")


class GeneratorError(Exception):
    """The generator cannot run as pinned (exit code 2)."""


def pinned_version(pyproject: Path) -> str:
    """The grpcio-tools version pinned (==) in pyproject's optional dependencies."""
    project = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("project", {})
    for requirements in project.get("optional-dependencies", {}).values():
        for requirement in requirements:
            match = _PIN.match(requirement.strip())
            if match:
                return match.group(1)
    raise GeneratorError(f"{pyproject}: no `grpcio-tools==X.Y.Z` pin in optional-dependencies")


def installed_version() -> str:
    try:
        return importlib.metadata.version("grpcio-tools")
    except importlib.metadata.PackageNotFoundError:
        raise GeneratorError(
            "grpcio-tools is not installed: run `make proto` (it installs dev extras)"
        ) from None


def require_pinned_generator(root: Path) -> None:
    pinned, installed = pinned_version(root / "pyproject.toml"), installed_version()
    if pinned != installed:
        raise GeneratorError(
            f"grpcio-tools {installed} is installed but pyproject.toml pins {pinned}: "
            f"install grpcio-tools=={pinned} (e.g. `pip install -e '.[dev]'`) and run again"
        )


def generate(root: Path, out: Path) -> None:
    """Compile every proto/router/v1/*.proto into `out`/router/v1."""
    # Imported late so that the version check speaks first; grpc_tools ships no type hints.
    from grpc_tools import protoc  # type: ignore[import-untyped]

    sources = sorted((root / "proto" / PACKAGE).glob("*.proto"))
    if not sources:
        raise GeneratorError(f"no .proto files in {root / 'proto' / PACKAGE}")
    well_known = resources.files("grpc_tools") / "_proto"
    args = [
        "grpc_tools.protoc",
        f"-I{root / 'proto'}",
        f"-I{well_known}",
        f"--python_out={out}",
        f"--pyi_out={out}",
        f"--grpc_python_out={out}",
        *(source.relative_to(root / "proto").as_posix() for source in sources),
    ]
    (out / PACKAGE).mkdir(parents=True, exist_ok=True)
    if protoc.main(args) != 0:
        raise GeneratorError("protoc failed; see the messages above")


def generated_names(folder: Path) -> set[str]:
    if not folder.is_dir():
        return set()
    return {p.name for p in folder.iterdir() if p.name.endswith(GENERATED_SUFFIXES)}


def stale_files(fresh: Path, committed: Path) -> list[str]:
    """What differs between freshly generated and committed code, one line per file."""
    problems = []
    fresh_names, committed_names = generated_names(fresh), generated_names(committed)
    for name in sorted(fresh_names | committed_names):
        path = (PACKAGE / name).as_posix()
        if name not in committed_names:
            problems.append(f"{path} is missing: run `make proto`")
        elif name not in fresh_names:
            problems.append(f"{path} has no .proto source any more: run `make proto`")
        elif not filecmp.cmp(fresh / name, committed / name, shallow=False):
            problems.append(f"{path} is stale: run `make proto`")
    if not (committed / "__init__.py").is_file():
        problems.append(f"{(PACKAGE / '__init__.py').as_posix()} is missing: run `make proto`")
    return problems


def write(fresh: Path, target: Path) -> None:
    """Make `target` hold exactly the fresh generated files (plus __init__.py)."""
    target.mkdir(parents=True, exist_ok=True)
    for name in generated_names(target) - generated_names(fresh):
        (target / name).unlink()
    for name in sorted(generated_names(fresh)):
        (target / name).write_bytes((fresh / name).read_bytes())
    init = target / "__init__.py"
    if not init.exists():
        init.write_text(INIT_TEXT, encoding="utf-8")


def run(root: Path, *, check: bool) -> int:
    require_pinned_generator(root)
    with tempfile.TemporaryDirectory(prefix="gen_proto_") as tmp:
        generate(root, Path(tmp))
        fresh, committed = Path(tmp) / PACKAGE, root / PACKAGE
        if not check:
            write(fresh, committed)
            print(f"generated {len(generated_names(fresh))} files in {committed}")
            return 0
        problems = stale_files(fresh, committed)
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Regenerate router/v1 from proto/router/v1, or check it is fresh."
    )
    parser.add_argument(
        "--check", action="store_true", help="compare with the committed files instead of writing"
    )
    parser.add_argument(
        "--root",
        type=Path,
        default=REPO_ROOT,
        help="the repository root holding proto/, router/v1/ and pyproject.toml",
    )
    args = parser.parse_args(argv)
    try:
        return run(args.root.resolve(), check=args.check)
    except GeneratorError as error:
        print(f"gen_proto: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
