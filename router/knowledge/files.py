"""`omniroute kb export` and `omniroute kb import`: the knowledge base as YAML files.

Both work on the database file directly (a running router picks an import up within
seconds, since its model watches the knowledge base's version).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

from router.domain.clock import SystemClock
from router.domain.errors import InvalidArgumentError
from router.domain.knowledge import (
    ImportMode,
    ImportSummary,
    KnowledgeBase,
    apply_rasa_nlu,
    dump_native_yaml,
    import_knowledge,
    load_native_yaml,
    parse_rasa_nlu,
)
from router.settings import Settings
from router.storage.sqlite.database import SqliteDatabase


async def export_yaml(db_path: Path) -> str:
    database = SqliteDatabase(db_path)
    try:
        return dump_native_yaml((await database.knowledge.snapshot()).kb)
    finally:
        database.close()


async def import_file(
    db_path: Path, content: bytes, *, rasa_language: str, mode: ImportMode, dry_run: bool
) -> ImportSummary:
    """Imports a native (or, with `rasa_language`, a Rasa NLU) document in one transaction;
    with `dry_run`, only reports what would change."""
    if rasa_language:
        nlu = parse_rasa_nlu(content, rasa_language)

        def change(kb: KnowledgeBase) -> tuple[KnowledgeBase, ImportSummary]:
            return apply_rasa_nlu(kb, nlu, mode)
    else:
        document = load_native_yaml(content)

        def change(kb: KnowledgeBase) -> tuple[KnowledgeBase, ImportSummary]:
            return import_knowledge(kb, document, mode)

    database = SqliteDatabase(db_path)
    try:
        if dry_run:
            return change((await database.knowledge.snapshot()).kb)[1]
        _, summary = await database.knowledge.update(change, SystemClock().now())
        return summary
    finally:
        database.close()


def _db(args: argparse.Namespace) -> Path:
    return Path(Settings.from_env(db_path=args.db).db_path)


def run_export(args: argparse.Namespace) -> int:
    text = asyncio.run(export_yaml(_db(args)))
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def run_import(args: argparse.Namespace) -> int:
    try:
        summary = asyncio.run(
            import_file(
                _db(args),
                args.file.read_bytes(),
                rasa_language=args.rasa or "",
                mode=ImportMode.REPLACE if args.replace else ImportMode.MERGE,
                dry_run=args.dry_run,
            )
        )
    except (OSError, InvalidArgumentError) as error:
        print(f"omniroute kb import: {error}", file=sys.stderr)
        return 2
    verb = "would change" if args.dry_run else "changed"
    print(
        f"{verb}: {summary.intents_created} intents created, {summary.intents_updated} updated,"
        f" {summary.intents_deleted} deleted; {summary.examples_imported} examples,"
        f" {summary.catalogs_imported} catalogs read"
    )
    for warning in summary.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    return 0


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    db_help = "SQLite file (default var/omniroute.db, $OMNIROUTE_DB)"
    export = commands.add_parser("export", help="write the knowledge base as native YAML")
    export.add_argument("--db", type=Path, default=None, help=db_help)
    export.add_argument("-o", "--output", type=Path, default=None, help="file (default stdout)")
    export.set_defaults(func=run_export)

    imp = commands.add_parser("import", help="import native YAML, or Rasa NLU YAML with --rasa")
    imp.add_argument("file", type=Path)
    imp.add_argument("--db", type=Path, default=None, help=db_help)
    imp.add_argument("--rasa", metavar="LANG", help="the file is Rasa NLU YAML in LANG (ru, en)")
    imp.add_argument("--replace", action="store_true", help="replace the whole knowledge base")
    imp.add_argument("--dry-run", action="store_true", help="report what would change only")
    imp.set_defaults(func=run_import)
