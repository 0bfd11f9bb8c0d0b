"""The ``kb`` command group: ``omniroute kb eval --train T.csv --test V.csv [--val X.csv]``."""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path
from typing import Any

from router.knowledge import files, review
from router.knowledge.evaluation import EvaluationError, report


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Adds ``kb`` and its ``eval`` subcommand to the top-level parser."""
    kb = subparsers.add_parser("kb", help="knowledge base: train and evaluate the matcher")
    commands = kb.add_subparsers(dest="kb_command", required=True)
    ev = commands.add_parser(
        "eval",
        help="train on a CSV (text,label), score on another, beside a scikit-learn baseline",
    )
    ev.add_argument("--train", type=Path, required=True, help="training CSV (text,label)")
    ev.add_argument("--test", type=Path, required=True, help="test CSV; label 'oos' = out of scope")
    ev.add_argument("--val", type=Path, help="validation CSV: fits calibration and threshold")
    ev.add_argument("--json", action="store_true", help="print the report as JSON")
    ev.add_argument("--no-baseline", action="store_true", help="skip the scikit-learn baseline")
    ev.set_defaults(func=run_eval)
    files.register(commands)
    review.register(commands)


def _finite(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    return value


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    return f"{value:.4f}" if isinstance(value, float) else str(value)


def _table(result: dict[str, Any]) -> str:
    base = result.get("baseline", {})
    lines = [f"{'metric':<18}{'matcher_rs':>14}{'baseline' if base else '':>14}".rstrip()]
    for key, value in result.items():
        if isinstance(value, dict):
            continue
        other = _cell(base.get(key)) if base else ""
        lines.append(f"{key:<18}{_cell(value):>14}{other:>14}")
    for key, value in result.get("ratios", {}).items():
        lines.append(f"{key:<18}{value:>13.1f}x")
    return "\n".join(lines)


def run_eval(args: argparse.Namespace) -> int:
    try:
        result = _finite(report(args.train, args.test, args.val, not args.no_baseline))
    except ImportError as e:
        print(
            f"omniroute kb eval: the baseline needs scikit-learn ({e}); "
            "install it or pass --no-baseline",
            file=sys.stderr,
        )
        return 2
    except (EvaluationError, OSError, ValueError) as e:
        print(f"omniroute kb eval: {e}", file=sys.stderr)
        return 2
    print(json.dumps(result, indent=2) if args.json else _table(result))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="omniroute")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    code: int = args.func(args)
    return code


if __name__ == "__main__":
    sys.exit(main())
