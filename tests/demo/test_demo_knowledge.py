"""The demo knowledge base shipped with omniroute («Волна» / Volna Telecom, fictional)."""

from __future__ import annotations

import itertools
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

from router.demo import DEMO_FILES, load_demo_knowledge
from router.domain.knowledge import (
    KnowledgeBase,
    NeedEntity,
    RenderedAnswer,
    dump_native_yaml,
    load_native_yaml,
    render_answer,
    topic_count,
)

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_demo_knowledge()


def test_it_has_over_a_thousand_distinct_topics(kb: KnowledgeBase) -> None:
    assert topic_count(kb) >= 1000


def test_every_intent_has_a_dozen_examples_in_both_languages(kb: KnowledgeBase) -> None:
    assert kb.languages == ("ru", "en")
    for intent in kb.intents:
        for language in kb.languages:
            assert len(intent.examples_in(language)) >= 12, (intent.name, language)


def test_every_answered_intent_answers_in_both_languages_with_a_skill(kb: KnowledgeBase) -> None:
    for intent in kb.intents:
        assert intent.skills, intent.name
        assert intent.titles.keys() == {"ru", "en"}, intent.name
        if not intent.operator_only:
            assert intent.answers.keys() == {"ru", "en"}, intent.name


def test_every_template_renders_for_every_entity_value(kb: KnowledgeBase) -> None:
    rendered = 0
    for intent in kb.intents:
        if intent.operator_only:
            continue
        catalogs = [kb.catalog(name) for name in intent.entities]
        choices = [c.canonicals() for c in catalogs if c is not None]
        for combination in itertools.product(*choices):
            entities = dict(zip(intent.entities, combination, strict=True))
            for language in kb.languages:
                answer = render_answer(kb, intent.name, language, entities)
                assert isinstance(answer, RenderedAnswer), (intent.name, entities, language)
                assert "{" not in answer.text and "}" not in answer.text, answer.text
                rendered += 1
    assert rendered >= 2000


def test_answers_use_the_catalog_data_in_the_customers_language(kb: KnowledgeBase) -> None:
    ru = render_answer(kb, "office.address", "ru", {"city": "Екатеринбург"})
    en = render_answer(kb, "office.address", "en", {"city": "Екатеринбург"})
    assert isinstance(ru, RenderedAnswer) and "Екатеринбург" in ru.text
    assert isinstance(en, RenderedAnswer) and "Yekaterinburg" in en.text
    turkey = render_answer(kb, "roaming.country", "ru", {"country": "Турция"})
    assert isinstance(turkey, RenderedAnswer) and "Турция" in turkey.text
    ask = render_answer(kb, "tariff.price", "ru", {})
    assert ask == NeedEntity("tariff", "Какой тариф?")


def test_the_catalogs_cover_what_customers_ask_about(kb: KnowledgeBase) -> None:
    cities, tariffs = kb.catalog("city"), kb.catalog("tariff")
    countries, services = kb.catalog("country"), kb.catalog("service")
    assert cities and tariffs and countries and services
    assert len(cities.values) >= 60
    assert len(tariffs.values) >= 15
    assert len(countries.values) >= 100
    assert len(services.values) >= 40
    ekb, spb = cities.value("Екатеринбург"), cities.value("Санкт-Петербург")
    assert ekb is not None and "Ебург" in ekb.synonyms["ru"]
    assert spb is not None and "Питер" in spb.synonyms["ru"]
    assert cities.value("Москва") is not None
    assert tariffs.value("Мой онлайн") is not None
    assert countries.value("Турция") is not None
    assert {"eSIM", "Переадресация", "Голосовая почта", "Антиопределитель номера"} <= set(
        services.canonicals()
    )


def test_sensitive_requests_go_to_operators_with_the_right_skills(kb: KnowledgeBase) -> None:
    operator_only = {i.name for i in kb.intents if i.operator_only}
    assert {"number.porting", "billing.dispute", "contract.termination"} <= operator_only
    skills = {s.skill for i in kb.intents for s in i.skills}
    assert {"billing", "tech_support", "sales", "roaming", "retention"} <= skills
    for name in operator_only:
        assert render_answer(kb, name, "ru", {}) is None


@pytest.mark.parametrize("name", DEMO_FILES)
def test_each_shipped_file_is_in_canonical_form(name: str) -> None:
    text = resources.files("router.demo").joinpath("knowledge", name).read_text("utf-8")
    body = "".join(line for line in text.splitlines(keepends=True) if not line.startswith("#"))
    assert dump_native_yaml(load_native_yaml(body)) == body


def test_the_shipped_files_match_their_generator() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "script" / "gen_demo_knowledge.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
