"""The knowledge base on SQLite: one JSON document per intent and per catalog, a version.

Every change is read-modify-write of the whole knowledge base inside one writer
transaction: the domain validates the result (a catalog an answer depends on cannot be
deleted, a template cannot name a missing attribute), only rows that differ are written,
and the version is bumped once if anything did. A change that raises writes nothing.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any, TypeVar

import orjson

from router.domain.knowledge.base import KnowledgeBase
from router.domain.knowledge.catalogs import EntityCatalog, EntityValue
from router.domain.knowledge.intents import (
    Example,
    ExampleSource,
    Intent,
    SkillRequirement,
    ValueAnswer,
    keep_learned_examples,
)
from router.domain.knowledge.ports import KnowledgeSnapshot, StoredIntent
from router.storage.sqlite.group_commit import GroupCommitter

T = TypeVar("T")


class SqliteKnowledgeStore:
    def __init__(self, committer: GroupCommitter) -> None:
        self._committer = committer
        self._cached: KnowledgeSnapshot | None = None

    async def snapshot(self) -> KnowledgeSnapshot:
        cached = self._cached
        snapshot = await self._committer.submit(lambda conn: _snapshot_unless(conn, cached))
        self._remember(snapshot)
        return snapshot

    async def version(self) -> int:
        return await self._committer.submit(_version)

    async def get_intent(self, name: str) -> StoredIntent | None:
        return await self._committer.submit(lambda conn: _get_intent(conn, name))

    async def list_intents(self) -> list[StoredIntent]:
        return await self._committer.submit(_list_intents)

    async def list_catalogs(self) -> list[EntityCatalog]:
        return list((await self.snapshot()).kb.catalogs)

    async def upsert_intent(
        self, intent: Intent, now: float, *, replace_learned_examples: bool = False
    ) -> KnowledgeSnapshot:
        def change(kb: KnowledgeBase) -> tuple[KnowledgeBase, None]:
            new = (
                intent
                if replace_learned_examples
                else keep_learned_examples(kb.intent(intent.name), intent)
            )
            return kb.with_intents([new]), None

        return (await self.update(change, now))[0]

    async def delete_intent(self, name: str, now: float = 0.0) -> bool:
        def change(kb: KnowledgeBase) -> tuple[KnowledgeBase, bool]:
            return kb.without_intent(name), kb.intent(name) is not None

        return (await self.update(change, now))[1]

    async def upsert_catalog(self, catalog: EntityCatalog, now: float = 0.0) -> KnowledgeSnapshot:
        return (await self.update(lambda kb: (kb.with_catalogs([catalog]), None), now))[0]

    async def delete_catalog(self, name: str, now: float = 0.0) -> bool:
        def change(kb: KnowledgeBase) -> tuple[KnowledgeBase, bool]:
            return kb.without_catalog(name), kb.catalog(name) is not None

        return (await self.update(change, now))[1]

    async def replace_all(self, kb: KnowledgeBase, now: float) -> KnowledgeSnapshot:
        return (await self.update(lambda _: (kb, None), now))[0]

    async def update(
        self, change: Callable[[KnowledgeBase], tuple[KnowledgeBase, T]], now: float
    ) -> tuple[KnowledgeSnapshot, T]:
        snapshot, result = await self._committer.submit(
            lambda conn: update_in_transaction(conn, change, now)
        )
        self._remember(snapshot)
        return snapshot, result

    def _remember(self, snapshot: KnowledgeSnapshot) -> None:
        # Answers may settle out of order; the newest version wins.
        if self._cached is None or snapshot.version >= self._cached.version:
            self._cached = snapshot


def _version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT version FROM knowledge_meta WHERE id = 1").fetchone()[0])


def _snapshot_unless(
    conn: sqlite3.Connection, cached: KnowledgeSnapshot | None
) -> KnowledgeSnapshot:
    version = _version(conn)
    if cached is not None and cached.version == version:
        return cached
    return KnowledgeSnapshot(version, _load(conn))


def _load(conn: sqlite3.Connection) -> KnowledgeBase:
    languages = orjson.loads(
        conn.execute("SELECT languages FROM knowledge_meta WHERE id = 1").fetchone()[0]
    )
    intents = tuple(
        decode_intent(orjson.loads(doc))
        for (doc,) in conn.execute("SELECT document FROM knowledge_intents")
    )
    catalogs = tuple(
        decode_catalog(orjson.loads(doc))
        for (doc,) in conn.execute("SELECT document FROM knowledge_catalogs")
    )
    return KnowledgeBase(tuple(languages), intents, catalogs)


def _get_intent(conn: sqlite3.Connection, name: str) -> StoredIntent | None:
    row = conn.execute(
        "SELECT document, updated_at FROM knowledge_intents WHERE name = ?", (name,)
    ).fetchone()
    return None if row is None else StoredIntent(decode_intent(orjson.loads(row[0])), row[1])


def _list_intents(conn: sqlite3.Connection) -> list[StoredIntent]:
    rows = conn.execute(
        "SELECT document, updated_at FROM knowledge_intents ORDER BY name"
    ).fetchall()
    return [StoredIntent(decode_intent(orjson.loads(doc)), at) for doc, at in rows]


def update_in_transaction(
    conn: sqlite3.Connection,
    change: Callable[[KnowledgeBase], tuple[KnowledgeBase, T]],
    now: float,
) -> tuple[KnowledgeSnapshot, T]:
    version = _version(conn)
    before = _load(conn)
    after, result = change(before)
    changed = False
    if after.languages != before.languages:
        conn.execute(
            "UPDATE knowledge_meta SET languages = ? WHERE id = 1",
            (orjson.dumps(list(after.languages)).decode(),),
        )
        changed = True
    for intent in after.intents:
        if before.intent(intent.name) != intent:
            _put(conn, "knowledge_intents", intent.name, encode_intent(intent), now)
            changed = True
    for catalog in after.catalogs:
        if before.catalog(catalog.name) != catalog:
            _put(conn, "knowledge_catalogs", catalog.name, encode_catalog(catalog), now)
            changed = True
    for name in before.intent_names():
        if after.intent(name) is None:
            conn.execute("DELETE FROM knowledge_intents WHERE name = ?", (name,))
            changed = True
    for name in before.catalog_names():
        if after.catalog(name) is None:
            conn.execute("DELETE FROM knowledge_catalogs WHERE name = ?", (name,))
            changed = True
    if changed:
        version += 1
        conn.execute("UPDATE knowledge_meta SET version = ? WHERE id = 1", (version,))
    return KnowledgeSnapshot(version, after), result


def _put(conn: sqlite3.Connection, table: str, name: str, doc: dict[str, Any], now: float) -> None:
    conn.execute(
        f"INSERT INTO {table} (name, document, updated_at) VALUES (?, ?, ?)"
        " ON CONFLICT (name) DO UPDATE SET document = excluded.document,"
        " updated_at = excluded.updated_at",
        (name, orjson.dumps(doc).decode(), now),
    )


def encode_intent(intent: Intent) -> dict[str, Any]:
    return {
        "name": intent.name,
        "display_name": intent.display_name,
        "description": intent.description,
        "titles": dict(intent.titles),
        "entities": list(intent.entities),
        "skills": [[s.skill, s.min_level] for s in intent.skills],
        "operator_only": intent.operator_only,
        "examples": [
            [e.text, e.language, e.source.value, e.conversation_id] for e in intent.examples
        ],
        "answers": dict(intent.answers),
        "value_answers": [[a.catalog, a.value, dict(a.answers)] for a in intent.value_answers],
    }


def decode_intent(doc: dict[str, Any]) -> Intent:
    return Intent(
        name=doc["name"],
        display_name=doc["display_name"],
        description=doc["description"],
        titles=doc["titles"],
        entities=tuple(doc["entities"]),
        skills=tuple(SkillRequirement(skill, level) for skill, level in doc["skills"]),
        operator_only=doc["operator_only"],
        examples=tuple(
            Example(text, language, ExampleSource(source), conversation)
            for text, language, source, conversation in doc["examples"]
        ),
        answers=doc["answers"],
        value_answers=tuple(
            ValueAnswer(catalog, value, answers) for catalog, value, answers in doc["value_answers"]
        ),
    )


def encode_catalog(catalog: EntityCatalog) -> dict[str, Any]:
    return {
        "name": catalog.name,
        "questions": dict(catalog.questions),
        "values": [
            {
                "canonical": v.canonical,
                "synonyms": {language: list(s) for language, s in v.synonyms.items()},
                "attributes": {name: dict(texts) for name, texts in v.attributes.items()},
            }
            for v in catalog.values
        ],
    }


def decode_catalog(doc: dict[str, Any]) -> EntityCatalog:
    return EntityCatalog(
        name=doc["name"],
        questions=doc["questions"],
        values=tuple(
            EntityValue(
                v["canonical"],
                {language: tuple(s) for language, s in v["synonyms"].items()},
                v["attributes"],
            )
            for v in doc["values"]
        ),
    )
