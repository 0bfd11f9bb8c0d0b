"""`omniroute kb learned …`: supervisors review the examples learned from operators.

Learned examples train at once; a rejected one leaves the knowledge base, and a running
router's model forgets it at its next retrain (it watches the knowledge base's version).
"""

from __future__ import annotations

import argparse
import asyncio
import getpass
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TypeVar

from router.domain.clock import SystemClock
from router.domain.errors import DomainError
from router.domain.knowledge.learning import LearnedExample, Learning
from router.settings import Settings
from router.storage.sqlite.database import SqliteDatabase

T = TypeVar("T")


async def _with_learning(db_path: Path, action: Callable[[Learning], Awaitable[T]]) -> T:
    database = SqliteDatabase(db_path)
    try:
        return await action(Learning(database.learning, SystemClock()))
    finally:
        database.close()


def _db(args: argparse.Namespace) -> Path:
    return Path(Settings.from_env(db_path=args.db).db_path)


def _line(example: LearnedExample) -> str:
    change = f"{example.bot_intent} → {example.intent}" if example.corrects_bot else example.intent
    return (
        f"{example.conversation_id}\t{example.status.value}\t{change}\t{example.operator_id}"
        f"\t{example.text}"
    )


def run_list(args: argparse.Namespace) -> int:
    pending = asyncio.run(_with_learning(_db(args), lambda learning: learning.pending_review()))
    for example in pending:
        print(_line(example))
    if not pending:
        print("nothing waits for review", file=sys.stderr)
    return 0


def run_review(args: argparse.Namespace) -> int:
    reviewer = args.reviewer or getpass.getuser()

    async def review(learning: Learning) -> LearnedExample:
        if args.approve:
            return await learning.approve(args.conversation_id, reviewer)
        return await learning.reject(args.conversation_id, reviewer)

    try:
        example = asyncio.run(_with_learning(_db(args), review))
    except DomainError as error:
        print(f"omniroute kb learned: {error}", file=sys.stderr)
        return 1
    print(_line(example))
    return 0


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    learned = commands.add_parser("learned", help="review examples learned from operators")
    actions = learned.add_subparsers(dest="learned_command", required=True)
    db_help = "SQLite file (default var/omniroute.db, $OMNIROUTE_DB)"

    listing = actions.add_parser("list", help="examples waiting for review")
    listing.add_argument("--db", type=Path, default=None, help=db_help)
    listing.set_defaults(func=run_list)

    for name, approve in (("approve", True), ("reject", False)):
        action = actions.add_parser(name, help=f"{name} the example learned from a conversation")
        action.add_argument("conversation_id")
        action.add_argument("--reviewer", default=None, help="who reviews (default: you)")
        action.add_argument("--db", type=Path, default=None, help=db_help)
        action.set_defaults(func=run_review, approve=approve)
