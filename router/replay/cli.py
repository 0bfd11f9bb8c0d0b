"""`omniroute replay FILE.jsonl`."""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
from importlib import resources
from pathlib import Path

from router.observability import configure_logging
from router.replay.run import replay, terminal_progress
from router.replay.traffic import TrafficFileError, load, parse_lines

DEMO_TRAFFIC = "demo"


def _run(args: argparse.Namespace) -> int:
    configure_logging(args.log_level)
    try:
        if args.file == DEMO_TRAFFIC:
            text = resources.files("router.demo").joinpath("traffic.jsonl").read_text("utf-8")
            traffic = parse_lines(text.splitlines(), "demo traffic")
        else:
            traffic = load(Path(args.file))
    except (OSError, TrafficFileError) as error:
        print(f"omniroute replay: {error}", file=sys.stderr)
        return 2
    if args.speed <= 0 or args.operators < 0 or args.handle_time < 0:
        print("omniroute replay: --speed must be > 0, counts and times >= 0", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="omniroute-replay-") as scratch:
        db = args.db or Path(scratch) / "replay.db"
        report = asyncio.run(
            replay(
                traffic,
                db_path=db,
                speed=args.speed,
                operators=args.operators,
                handle_seconds=args.handle_time,
                demo=not args.no_demo,
                progress=terminal_progress,
            )
        )
    print("\n".join(report.lines()))
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "replay",
        help="send a traffic file through a router of its own, with simulated operators",
        description=(
            "Each line of FILE is {'at': seconds, 'channel': 'web|telegram|whatsapp|vk|"
            "mobile_app', 'customer': id, 'text': message}. FILE 'demo' is the demo traffic."
        ),
    )
    parser.add_argument("file", metavar="FILE", help="a .jsonl traffic file, or 'demo'")
    parser.add_argument("--speed", type=float, default=10.0, help="times real time (10)")
    parser.add_argument("--operators", type=int, default=3, help="simulated operators (3)")
    parser.add_argument(
        "--handle-time", type=float, default=60.0, help="seconds an operator spends (60)"
    )
    parser.add_argument(
        "--db", type=Path, default=None, help="database to use (default: a scratch file)"
    )
    parser.add_argument(
        "--no-demo", action="store_true", help="do not load the demo knowledge base"
    )
    parser.add_argument("--log-level", default="WARNING")
    parser.set_defaults(func=_run)
