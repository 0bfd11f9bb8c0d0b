"""The bot's answers: templates filled from catalogs, or which entity to ask for."""

from __future__ import annotations

import dataclasses

from knowledge_samples import city_catalog, office_intent, small_kb

from router.domain.knowledge import (
    EntityValue,
    KnowledgeBase,
    NeedEntity,
    RenderedAnswer,
    entity_question,
    entity_synonyms,
    render_answer,
    topic_count,
    training_examples,
)
from router.domain.knowledge.templates import Placeholder, parse_template


def test_the_answer_uses_the_matched_value_and_its_attributes_per_language() -> None:
    kb = small_kb()
    entities = {"city": "Екатеринбург"}
    assert render_answer(kb, "office.address", "ru", entities) == RenderedAnswer(
        "Офис в городе Екатеринбург: ул. Малышева, 5, 9:00–21:00."
    )
    assert render_answer(kb, "office.address", "en", entities) == RenderedAnswer(
        "Our store in Yekaterinburg: 5 Malysheva St, 9:00–21:00."
    )


def test_a_value_answer_wins_over_the_template() -> None:
    rendered = render_answer(small_kb(), "office.address", "ru", {"city": "Москва"})
    assert rendered == RenderedAnswer("В Москве три офиса: ул. Ленина, 3.")


def test_a_missing_entity_asks_which_one() -> None:
    rendered = render_answer(small_kb(), "office.address", "en", {})
    assert rendered == NeedEntity("city", "Which city are you in?")


def test_a_value_the_catalog_does_not_know_also_asks() -> None:
    rendered = render_answer(small_kb(), "office.address", "ru", {"city": "Атлантида"})
    assert rendered == NeedEntity("city", "В каком вы городе?")


def test_an_intent_without_entities_answers_directly() -> None:
    assert render_answer(small_kb(), "greeting", "en", {"city": "Москва"}) == RenderedAnswer(
        "Hello!"
    )


def test_no_answer_for_operator_only_unknown_intents_and_other_languages() -> None:
    kb = small_kb()
    assert render_answer(kb, "number.porting", "ru", {}) is None
    assert render_answer(kb, "no.such.intent", "ru", {}) is None
    assert render_answer(kb, "greeting", "de", {}) is None


def test_markup_and_braces_in_data_stay_literal_text() -> None:
    catalog = city_catalog()
    hostile = EntityValue(
        "Тест",
        {},
        {
            "name": {"*": "<script>alert(1)</script>"},
            "address": {"*": "{city.hours} & <b>"},
            "hours": {"*": "{{}}"},
        },
    )
    kb = KnowledgeBase(
        ("ru", "en"),
        (office_intent(),),
        (dataclasses.replace(catalog, values=(*catalog.values, hostile)),),
    )
    rendered = render_answer(kb, "office.address", "en", {"city": "Тест"})
    assert rendered == RenderedAnswer(
        "Our store in <script>alert(1)</script>: {city.hours} & <b>, {{}}."
    )


def test_literal_braces_are_written_doubled() -> None:
    assert parse_template("{{x}} {city}") == ("{x} ", Placeholder("city"))


def test_the_question_for_an_unknown_catalog_falls_back_to_a_generic_one() -> None:
    assert "tariff" in entity_question(small_kb(), "tariff", "en")


def test_topics_count_distinct_answers_per_value_and_intents_without_entities() -> None:
    # greeting: 1; office.address: 2 cities with different answers; porting: not answered.
    assert topic_count(small_kb()) == 3


def test_a_template_that_ignores_the_value_counts_once() -> None:
    intent = office_intent(answers={"ru": "Офисы на сайте.", "en": "Stores are on the website."})
    kb = KnowledgeBase(("ru", "en"), (intent,), (city_catalog(),))
    assert topic_count(kb) == 1


def test_training_data_covers_every_intent_and_every_written_form() -> None:
    kb = small_kb()
    pairs = training_examples(kb)
    assert ("port my number", "number.porting") in pairs  # handed off, still recognised
    assert {label for _, label in pairs} == set(kb.intent_names())
    assert entity_synonyms(kb)["city"]["Екатеринбург"] == ["Yekaterinburg", "Ебург", "Екб"]
