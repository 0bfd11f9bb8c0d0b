"""`omniroute operators …`: create operators and issue their access tokens.

These write straight into the database file. A running router reads tokens from it at once,
but takes operators' profiles into routing only at its next start: once the first admin
exists, edit the directory through the Directory service instead.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from router.domain.clock import SystemClock
from router.domain.directory import IssuedToken, OperatorEntry, Role
from router.domain.directory.tokens import new_token
from router.domain.errors import DomainError, NotFoundError
from router.settings import DEFAULT_DB, Settings
from router.storage.sqlite.database import SqliteDatabase
from router.storage.sqlite.directory_store import SqliteDirectoryStore

T = TypeVar("T")


async def _with_store(db_path: Path, action: Callable[[SqliteDirectoryStore], Awaitable[T]]) -> T:
    database = SqliteDatabase(db_path)
    try:
        return await action(database.directory)
    finally:
        database.close()


async def issue_token(store: SqliteDirectoryStore, operator_id: str) -> IssuedToken:
    if await store.get_operator(operator_id) is None:
        raise NotFoundError(f"operator {operator_id} not found")
    issued = new_token(operator_id, SystemClock().now())
    await store.add_token(issued.record)
    return issued


async def create_operator(db_path: Path, entry: OperatorEntry) -> IssuedToken:
    """Creates (or replaces) the operator and issues a first token (the router may run)."""

    async def create(store: SqliteDirectoryStore) -> IssuedToken:
        await store.put_operator(entry, SystemClock().now())
        return await issue_token(store, entry.operator_id)

    return await _with_store(db_path, create)


def _db(args: argparse.Namespace) -> Path:
    return Path(Settings.from_env(db_path=args.db).db_path)


def _pairs(values: list[str] | None, option: str) -> dict[str, int]:
    pairs: dict[str, int] = {}
    for value in values or ():
        name, _, number = value.partition("=")
        if not name or not number.isdigit():
            raise SystemExit(f"{option} takes NAME=NUMBER, not {value!r}")
        pairs[name] = int(number)
    return pairs


def _print_token(issued: IssuedToken) -> None:
    print(issued.token)
    print(
        f"token {issued.record.token_id} for {issued.record.operator_id}; shown once:"
        " the operator signs in with it (metadata authorization: Bearer <token>)",
        file=sys.stderr,
    )


def _create(args: argparse.Namespace) -> int:
    try:
        entry = OperatorEntry(
            operator_id=args.operator_id,
            display_name=args.name or args.operator_id,
            role=Role(args.role),
            skills=_pairs(args.skill, "--skill"),
            languages=frozenset(args.language or ()),
            teams=frozenset(args.team or ()),
            capacity=_pairs(args.capacity, "--capacity") or {"chat": 3},
        )
        _print_token(asyncio.run(create_operator(_db(args), entry)))
    except DomainError as error:
        print(error, file=sys.stderr)
        return 2
    return 0


def _list(args: argparse.Namespace) -> int:
    entries = asyncio.run(_with_store(_db(args), lambda store: store.list_operators()))
    for e in entries:
        skills = ",".join(f"{s}={level}" for s, level in sorted(e.skills.items()))
        capacity = ",".join(f"{k}={v}" for k, v in sorted(e.capacity.items()))
        state = "disabled" if e.disabled else "active"
        print(f"{e.operator_id}\t{e.role.value}\t{state}\t{skills}\t{capacity}\t{e.display_name}")
    return 0


def _token(args: argparse.Namespace) -> int:
    try:
        issued = asyncio.run(
            _with_store(_db(args), lambda store: issue_token(store, args.operator_id))
        )
    except DomainError as error:
        print(error, file=sys.stderr)
        return 1
    _print_token(issued)
    return 0


def _tokens(args: argparse.Namespace) -> int:
    tokens = asyncio.run(_with_store(_db(args), lambda s: s.list_tokens(args.operator_id)))
    for token in tokens:
        created = datetime.fromtimestamp(token.created_at, UTC).isoformat(timespec="seconds")
        state = "revoked" if token.revoked_at is not None else "active"
        print(f"{token.token_id}\t{state}\t{created}")
    return 0


def _revoke(args: argparse.Namespace) -> int:
    now = SystemClock().now()
    revoked = asyncio.run(_with_store(_db(args), lambda s: s.revoke_token(args.token_id, now)))
    if not revoked:
        print(f"no active token {args.token_id}", file=sys.stderr)
        return 1
    print(f"revoked {args.token_id}; running routers refuse it within seconds", file=sys.stderr)
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    operators = sub.add_parser("operators", help="manage operators and their access tokens")
    actions = operators.add_subparsers(dest="operators_command", required=True, metavar="ACTION")
    db_help = f"SQLite file (default {DEFAULT_DB}, $OMNIROUTE_DB)"

    create = actions.add_parser("create", help="create an operator; prints a token once")
    create.add_argument("operator_id", help="the staff login, 1..64 of [A-Za-z0-9._-]")
    create.add_argument("-n", "--name", default="", help="display name (default: the id)")
    create.add_argument("--role", choices=[r.value for r in Role], default=Role.AGENT.value)
    create.add_argument("--skill", action="append", metavar="SKILL=LEVEL", help="repeat")
    create.add_argument("--language", action="append", metavar="TAG", help="repeat, e.g. ru")
    create.add_argument("--team", action="append", metavar="TEAM", help="repeat")
    create.add_argument(
        "--capacity", action="append", metavar="KIND=UNITS", help="repeat (default chat=3)"
    )
    create.add_argument("--db", type=Path, default=None, help=db_help)
    create.set_defaults(func=_create)

    listing = actions.add_parser("list", help="list operators")
    listing.add_argument("--db", type=Path, default=None, help=db_help)
    listing.set_defaults(func=_list)

    token = actions.add_parser("token", help="issue another token; prints it once")
    token.add_argument("operator_id")
    token.add_argument("--db", type=Path, default=None, help=db_help)
    token.set_defaults(func=_token)

    tokens = actions.add_parser("tokens", help="list an operator's tokens (never secrets)")
    tokens.add_argument("operator_id")
    tokens.add_argument("--db", type=Path, default=None, help=db_help)
    tokens.set_defaults(func=_tokens)

    revoke = actions.add_parser("revoke-token", help="revoke a token by its id")
    revoke.add_argument("token_id")
    revoke.add_argument("--db", type=Path, default=None, help=db_help)
    revoke.set_defaults(func=_revoke)
