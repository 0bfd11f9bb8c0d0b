"""The bot's model: trained from a knowledge base, answering through the domain's
protocols, swapped whole when the knowledge base changes, reloaded after a restart."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from router.domain.bot.classification import Classification
from router.domain.bot.policy import MissingEntity, Rendered
from router.domain.knowledge.base import KnowledgeBase
from router.domain.knowledge.catalogs import EntityCatalog, EntityValue
from router.domain.knowledge.intents import Example, Intent, SkillRequirement
from router.matching.model import BotModel
from router.storage.sqlite.database import SqliteDatabase


def intent(name: str, ru: list[str], en: list[str], **kw: object) -> Intent:
    examples = tuple(Example(t, "ru") for t in ru) + tuple(Example(t, "en") for t in en)
    return Intent(name=name, examples=examples, **kw)  # type: ignore[arg-type]


CITIES = EntityCatalog(
    "city",
    (
        EntityValue(
            "Екатеринбург",
            synonyms={"ru": ("Ебург", "Екб"), "en": ("Yekaterinburg",)},
            attributes={"address": {"ru": "ул. Ленина, 1", "en": "1 Lenina St"}},
        ),
        EntityValue(
            "Москва",
            synonyms={"ru": ("Мск",), "en": ("Moscow",)},
            attributes={"address": {"ru": "Тверская, 7", "en": "7 Tverskaya St"}},
        ),
    ),
    questions={"ru": "В каком городе?", "en": "Which city?"},
)
OFFICE = intent(
    "office_address",
    ["где ваш офис", "адрес офиса", "где находится салон связи", "куда прийти в офис"],
    ["where is your office", "office address", "where can I find a store", "shop location"],
    answers={"ru": "Офис: {city.address}", "en": "Office: {city.address}"},
    entities=("city",),
)
BALANCE = intent(
    "balance",
    ["как узнать баланс", "сколько денег на счету", "проверить баланс", "остаток на счете"],
    ["check my balance", "how much money is left", "account balance", "balance please"],
    answers={"ru": "Баланс: *100#", "en": "Balance: *100#"},
)
PORTING = intent(
    "number_porting",
    ["перенести номер", "перейти со своим номером", "сохранить номер при переходе"],
    ["port my number", "keep my number", "transfer my number"],
    operator_only=True,
    skills=(SkillRequirement("retention", 3),),
)


@pytest.fixture
def database(tmp_path: Path) -> Iterator[SqliteDatabase]:
    database = SqliteDatabase(tmp_path / "kb.db")
    yield database
    database.close()


async def test_a_trained_model_classifies_and_answers_with_catalog_data(
    database: SqliteDatabase,
) -> None:
    await database.knowledge.replace_all(
        KnowledgeBase(intents=(OFFICE, BALANCE), catalogs=(CITIES,)), 0
    )
    model = BotModel(database.knowledge, database.path)
    serving = await model.refresh()
    assert serving is not None
    result = serving.classifier.classify("где офис в Ебурге?")
    assert isinstance(result, Classification)
    assert result.top is not None and result.top.intent == "office_address"
    assert result.entity_values() == {"city": "Екатеринбург"}
    assert serving.answers.render("office_address", "ru", result.entity_values()) == Rendered(
        "Офис: ул. Ленина, 1"
    )
    assert serving.answers.render("office_address", "ru", {}) == MissingEntity("city")


async def test_operator_only_intents_and_skills_come_from_the_knowledge_base(
    database: SqliteDatabase,
) -> None:
    await database.knowledge.replace_all(
        KnowledgeBase(intents=(BALANCE, PORTING, OFFICE), catalogs=(CITIES,)), 0
    )
    serving = await BotModel(database.knowledge, database.path).refresh()
    assert serving is not None
    assert serving.answers.is_operator_only("number_porting")
    assert serving.answers.skills_for("number_porting") == ("retention",)
    assert serving.answers.skills_for("balance") == ("general",)


async def test_a_change_to_the_knowledge_base_swaps_in_a_new_model(
    database: SqliteDatabase,
) -> None:
    await database.knowledge.replace_all(
        KnowledgeBase(intents=(BALANCE, OFFICE), catalogs=(CITIES,)), 0
    )
    model = BotModel(database.knowledge, database.path)
    first = await model.refresh()
    await database.knowledge.upsert_intent(PORTING, 0)
    second = await model.refresh()
    assert first is not None and second is not None
    assert second.version > first.version
    assert second.answers.is_operator_only("number_porting")
    assert not first.answers.is_operator_only("number_porting")  # the old pair is untouched


async def test_a_restart_loads_the_saved_model_instead_of_training(
    database: SqliteDatabase, tmp_path: Path
) -> None:
    await database.knowledge.replace_all(
        KnowledgeBase(intents=(BALANCE, OFFICE), catalogs=(CITIES,)), 0
    )
    first = await BotModel(database.knowledge, database.path).refresh()
    assert first is not None
    files = list(tmp_path.glob("kb.model-v*.bin"))
    assert len(files) == 1
    stamp = files[0].stat().st_mtime_ns
    again = await BotModel(database.knowledge, database.path).refresh()
    assert again is not None and again.version == first.version
    assert files[0].stat().st_mtime_ns == stamp  # read, not rewritten
    text = "сколько денег на счету"
    assert again.classifier.classify(text) == first.classifier.classify(text)


async def test_an_empty_knowledge_base_leaves_the_bot_without_a_model(
    database: SqliteDatabase,
) -> None:
    assert await BotModel(database.knowledge, database.path).refresh() is None
