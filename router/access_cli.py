"""`omniroute keys …`: issue, list and revoke channel adapters' API keys."""

from __future__ import annotations

import argparse
import asyncio
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from router.domain.access.api_keys import ApiKeys, IssuedKey
from router.domain.channels import Channel
from router.domain.clock import SystemClock
from router.settings import DEFAULT_DB, Settings
from router.storage.sqlite.database import SqliteDatabase


async def issue_key(db_path: Path, name: str, channels: frozenset[Channel]) -> IssuedKey:
    """Issues a key straight into the database file (the router may be running)."""
    database = SqliteDatabase(db_path)
    try:
        return await ApiKeys(database.api_keys, SystemClock()).issue(name, channels)
    finally:
        database.close()


def _db(args: argparse.Namespace) -> Path:
    return Path(Settings.from_env(db_path=args.db).db_path)


def _create(args: argparse.Namespace) -> int:
    channels = frozenset(Channel(c) for c in (args.channel or [c.value for c in Channel]))
    issued = asyncio.run(issue_key(_db(args), args.name, channels))
    print(issued.key)
    print(
        f"key {issued.record.key_id} for {', '.join(sorted(c.value for c in channels))};"
        " shown once: store it in the adapter's settings (metadata x-api-key)",
        file=sys.stderr,
    )
    return 0


async def _with_keys(db_path: Path, action: Any) -> Any:
    database = SqliteDatabase(db_path)
    try:
        return await action(ApiKeys(database.api_keys, SystemClock()))
    finally:
        database.close()


def _list(args: argparse.Namespace) -> int:
    keys = asyncio.run(_with_keys(_db(args), lambda api_keys: api_keys.list()))
    for key in keys:
        created = datetime.fromtimestamp(key.created_at, UTC).isoformat(timespec="seconds")
        state = "revoked" if key.revoked_at is not None else "active"
        channels = ",".join(sorted(c.value for c in key.channels))
        print(f"{key.key_id}\t{state}\t{channels}\t{created}\t{key.name}")
    return 0


def _revoke(args: argparse.Namespace) -> int:
    revoked = asyncio.run(_with_keys(_db(args), lambda api_keys: api_keys.revoke(args.key_id)))
    if not revoked:
        print(f"no active key {args.key_id}", file=sys.stderr)
        return 1
    print(f"revoked {args.key_id}; running routers refuse it within seconds", file=sys.stderr)
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    keys = sub.add_parser("keys", help="manage channel adapters' API keys")
    keys_sub = keys.add_subparsers(dest="keys_command", required=True, metavar="ACTION")
    db_help = f"SQLite file (default {DEFAULT_DB}, $OMNIROUTE_DB)"

    create = keys_sub.add_parser("create", help="issue a key; prints it once on stdout")
    create.add_argument("--db", type=Path, default=None, help=db_help)
    create.add_argument("-n", "--name", required=True, help="who uses it, e.g. 'telegram adapter'")
    create.add_argument(
        "--channel",
        action="append",
        choices=[c.value for c in Channel],
        help="a channel the key covers (repeat; default: all)",
    )
    create.set_defaults(func=_create)

    listing = keys_sub.add_parser("list", help="list keys (never their secrets)")
    listing.add_argument("--db", type=Path, default=None, help=db_help)
    listing.set_defaults(func=_list)

    revoke = keys_sub.add_parser("revoke", help="revoke a key by its id")
    revoke.add_argument("key_id")
    revoke.add_argument("--db", type=Path, default=None, help=db_help)
    revoke.set_defaults(func=_revoke)
