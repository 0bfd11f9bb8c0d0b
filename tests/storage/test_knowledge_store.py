"""The knowledge base on a real SQLite file: rows, versions, atomic changes."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest

from router.domain.knowledge import (
    EntityCatalog,
    EntityValue,
    Example,
    ExampleSource,
    ImportMode,
    Intent,
    InvalidKnowledgeError,
    KnowledgeBase,
    SkillRequirement,
    import_knowledge,
)
from router.storage.sqlite import knowledge_store
from router.storage.sqlite.connection import connect
from router.storage.sqlite.group_commit import GroupCommitter
from router.storage.sqlite.knowledge_store import SqliteKnowledgeStore
from router.storage.sqlite.migrations import migrate

Opener = Callable[[], SqliteKnowledgeStore]


def ex(*texts: str, language: str) -> tuple[Example, ...]:
    return tuple(Example(t, language) for t in texts)


def city(canonical: str, en: str, address: str) -> EntityValue:
    return EntityValue(canonical, {"en": (en,)}, {"address": {"*": address}})


def small_kb() -> KnowledgeBase:
    cities = EntityCatalog(
        "city",
        (city("Москва", "Moscow", "ул. Ленина, 3"), city("Казань", "Kazan", "ул. Баумана, 9")),
        {"ru": "В каком городе?", "en": "Which city?"},
    )
    office = Intent(
        name="office.address",
        examples=ex("адрес офиса", language="ru") + ex("store address", language="en"),
        answers={"ru": "Офис: {city.address}", "en": "Store: {city.address}"},
        entities=("city",),
    )
    greeting = Intent(
        name="greeting",
        examples=ex("привет", language="ru") + ex("hello", language="en"),
        answers={"ru": "Здравствуйте!", "en": "Hello!"},
    )
    porting = Intent(
        name="number.porting",
        examples=ex("перенос номера", language="ru"),
        skills=(SkillRequirement("sales", 2),),
        operator_only=True,
    )
    return KnowledgeBase(("ru", "en"), (office, greeting, porting), (cities,))


@pytest.fixture
async def open_store(tmp_path: Path) -> AsyncIterator[Opener]:
    committers: list[GroupCommitter] = []

    def open_() -> SqliteKnowledgeStore:
        conn = connect(tmp_path / "kb.db")
        migrate(conn)
        committer = GroupCommitter(conn)
        committers.append(committer)
        return SqliteKnowledgeStore(committer)

    yield open_
    for committer in committers:
        committer.close()


@pytest.fixture
def store(open_store: Opener) -> SqliteKnowledgeStore:
    return open_store()


def thanks(answer: str = "Пожалуйста!") -> Intent:
    return Intent(
        name="thanks",
        examples=ex("спасибо", language="ru") + ex("thanks", language="en"),
        answers={"ru": answer, "en": "You're welcome!"},
    )


async def test_a_fresh_store_is_empty_at_version_zero(store: SqliteKnowledgeStore) -> None:
    snapshot = await store.snapshot()
    assert snapshot.version == 0
    assert snapshot.kb == KnowledgeBase()


async def test_replace_all_stores_everything_and_bumps_the_version_once(
    store: SqliteKnowledgeStore, open_store: Opener
) -> None:
    kb = small_kb()
    snapshot = await store.replace_all(kb, now=10.0)
    assert snapshot.version == 1
    assert (await store.snapshot()).kb == kb
    listed = await store.list_intents()
    assert [s.intent.name for s in listed] == ["greeting", "number.porting", "office.address"]
    assert {s.updated_at for s in listed} == {10.0}
    assert [c.name for c in await store.list_catalogs()] == ["city"]
    reopened = await open_store().snapshot()  # read back from the file, not a cache
    assert reopened.kb == kb and reopened.version == 1


async def test_upsert_bumps_the_version_only_when_something_changed(
    store: SqliteKnowledgeStore,
) -> None:
    await store.replace_all(small_kb(), now=1.0)
    assert (await store.upsert_intent(thanks(), now=2.0)).version == 2
    assert (await store.upsert_intent(thanks(), now=3.0)).version == 2  # idempotent
    assert (await store.upsert_intent(thanks("Не за что!"), now=4.0)).version == 3
    stored = await store.get_intent("thanks")
    assert stored is not None
    assert stored.intent.answers["ru"] == "Не за что!"
    assert stored.updated_at == 4.0
    greeting = await store.get_intent("greeting")
    assert greeting is not None and greeting.updated_at == 1.0  # untouched rows stay


async def test_an_invalid_upsert_is_refused_and_writes_nothing(
    store: SqliteKnowledgeStore,
) -> None:
    await store.replace_all(small_kb(), now=1.0)
    broken = dataclasses.replace(thanks(), entities=("tariff",))
    with pytest.raises(InvalidKnowledgeError) as caught:
        await store.upsert_intent(broken, now=2.0)
    assert caught.value.field == "intents[thanks].entities[0]"
    assert await store.version() == 1
    assert await store.get_intent("thanks") is None


async def test_delete_intent_reports_whether_it_existed(store: SqliteKnowledgeStore) -> None:
    await store.replace_all(small_kb(), now=1.0)
    assert await store.delete_intent("greeting") is True
    assert await store.delete_intent("greeting") is False
    assert await store.version() == 2
    assert await store.get_intent("greeting") is None


async def test_a_catalog_in_use_cannot_be_deleted(store: SqliteKnowledgeStore) -> None:
    await store.replace_all(small_kb(), now=1.0)
    with pytest.raises(InvalidKnowledgeError):
        await store.delete_catalog("city")
    assert await store.delete_intent("office.address")
    assert await store.delete_catalog("city") is True
    assert await store.version() == 3
    assert await store.list_catalogs() == []


async def test_upsert_keeps_examples_learned_from_operators_unless_told(
    store: SqliteKnowledgeStore,
) -> None:
    learned = Example("спасибки", "ru", ExampleSource.OPERATOR_RESOLUTION, "c-7")
    await store.upsert_intent(
        dataclasses.replace(thanks(), examples=(*thanks().examples, learned)), now=1.0
    )
    await store.upsert_intent(thanks("Всегда рады!"), now=2.0)
    stored = await store.get_intent("thanks")
    assert stored is not None and learned in stored.intent.examples
    await store.upsert_intent(thanks("Всегда рады!"), now=3.0, replace_learned_examples=True)
    stored = await store.get_intent("thanks")
    assert stored is not None and learned not in stored.intent.examples


async def test_a_failing_import_changes_nothing(store: SqliteKnowledgeStore) -> None:
    await store.replace_all(small_kb(), now=1.0)
    before = await store.snapshot()
    # Valid on its own, but merged it would leave Москва without the address the office
    # answer needs: the whole import is refused, its new intent included.
    document = KnowledgeBase(
        ("ru", "en"),
        (thanks(),),
        (EntityCatalog("city", (EntityValue("Москва"),)),),
    )
    with pytest.raises(InvalidKnowledgeError, match="address"):
        await store.update(lambda kb: import_knowledge(kb, document, ImportMode.MERGE), now=2.0)
    after = await store.snapshot()
    assert after == before
    assert await store.get_intent("thanks") is None


async def test_a_write_failing_midway_rolls_back_every_row(
    store: SqliteKnowledgeStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    await store.replace_all(KnowledgeBase(("ru", "en"), (thanks(),)), now=1.0)
    real = knowledge_store.encode_intent

    def failing(intent: Intent) -> dict[str, object]:
        if intent.name == "office.address":  # written after greeting and number.porting
            raise OSError("disk full")
        return real(intent)

    monkeypatch.setattr(knowledge_store, "encode_intent", failing)
    with pytest.raises(OSError, match="disk full"):
        await store.replace_all(small_kb(), now=2.0)
    monkeypatch.undo()
    after = await store.snapshot()
    assert after.version == 1
    assert after.kb.intent_names() == ("thanks",)
    assert await store.get_intent("greeting") is None


async def test_concurrent_changes_each_get_their_own_version(
    store: SqliteKnowledgeStore,
) -> None:
    intents = [dataclasses.replace(thanks(), name=f"thanks.{i}") for i in range(8)]
    snapshots = await asyncio.gather(*(store.upsert_intent(i, now=1.0) for i in intents))
    assert sorted(s.version for s in snapshots) == list(range(1, 9))
    final = await store.snapshot()
    assert final.version == 8 and len(final.kb.intents) == 8
