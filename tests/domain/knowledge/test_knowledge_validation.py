"""The knowledge base refuses what would break the bot, naming the offending path."""

from __future__ import annotations

import dataclasses

import pytest
from knowledge_samples import city_catalog, ex, office_intent, small_kb

from router.domain.errors import InvalidArgumentError
from router.domain.knowledge import (
    EntityCatalog,
    EntityValue,
    Intent,
    InvalidKnowledgeError,
    KnowledgeBase,
    SkillRequirement,
    ValueAnswer,
)


def refused(intents: tuple[Intent, ...], catalogs: tuple[EntityCatalog, ...] = ()) -> str:
    with pytest.raises(InvalidKnowledgeError) as caught:
        KnowledgeBase(("ru", "en"), intents, catalogs)
    assert isinstance(caught.value, InvalidArgumentError)  # maps to INVALID_ARGUMENT
    return caught.value.field


def test_a_valid_knowledge_base_is_ordered_by_name() -> None:
    kb = small_kb()
    assert kb.intent_names() == ("greeting", "number.porting", "office.address")
    assert kb.catalog("city") is not None
    assert kb.intent("office.address") is not None


def test_an_answer_missing_in_a_language_is_named() -> None:
    intent = office_intent(answers={"ru": "Офис: {city.address}"})
    assert refused((intent,), (city_catalog(),)) == "intents[office.address].answers.en"


def test_an_operator_only_intent_needs_no_answer() -> None:
    intent = office_intent(answers={}, operator_only=True)
    kb = KnowledgeBase(("ru", "en"), (intent,), (city_catalog(),))
    assert kb.intent("office.address") is not None


def test_examples_in_every_language_are_required_for_an_answered_intent() -> None:
    intent = office_intent(examples=ex("где офис", language="ru"))
    assert refused((intent,), (city_catalog(),)) == "intents[office.address].examples.en"


def test_a_template_naming_an_unknown_attribute_is_refused() -> None:
    intent = office_intent(answers={"ru": "{city.adress}", "en": "{city.address}"})
    field = refused((intent,), (city_catalog(),))
    assert field == "intents[office.address].answers.ru"


def test_a_template_naming_a_catalog_the_intent_does_not_use_is_refused() -> None:
    intent = office_intent(answers={"ru": "{tariff.price}", "en": "x"})
    with pytest.raises(InvalidKnowledgeError, match="names no catalog") as caught:
        KnowledgeBase(("ru", "en"), (intent,), (city_catalog(),))
    assert caught.value.field == "intents[office.address].answers.ru"


def test_an_attribute_missing_for_one_value_is_refused_with_the_fix() -> None:
    catalog = city_catalog()
    values = (catalog.values[0], dataclasses.replace(catalog.values[1], attributes={}))
    broken = dataclasses.replace(catalog, values=values)
    with pytest.raises(InvalidKnowledgeError, match=r"values\[Москва\]\.attributes\.name"):
        KnowledgeBase(("ru", "en"), (office_intent(),), (broken,))


def test_a_value_answer_covers_a_value_without_the_attribute() -> None:
    catalog = city_catalog()
    values = (catalog.values[0], dataclasses.replace(catalog.values[1], attributes={}))
    special = ValueAnswer("city", "Москва", {"ru": "Москва: звоните.", "en": "Moscow: call us."})
    kb = KnowledgeBase(
        ("ru", "en"),
        (office_intent(value_answers=(special,)),),
        (dataclasses.replace(catalog, values=values),),
    )
    assert kb.intent("office.address") is not None


def test_malformed_template_syntax_is_refused() -> None:
    intent = office_intent(answers={"ru": "Офис {city.address", "en": "x"})
    with pytest.raises(InvalidKnowledgeError, match="never closed"):
        KnowledgeBase(("ru", "en"), (intent,), (city_catalog(),))


def test_an_unknown_entity_catalog_is_named() -> None:
    assert refused((office_intent(),)) == "intents[office.address].entities[0]"


def test_duplicate_intent_names_are_refused() -> None:
    field = refused((office_intent(), office_intent()), (city_catalog(),))
    assert field == "intents[office.address]"


def test_an_invalid_intent_name_is_refused() -> None:
    field = refused((office_intent(name="Office Address"),), (city_catalog(),))
    assert field == "intents[Office Address].name"


def test_a_skill_level_outside_1_to_10_is_refused() -> None:
    intent = office_intent(skills=(SkillRequirement("sales", 11),))
    assert refused((intent,), (city_catalog(),)) == "intents[office.address].skills[0].min_level"


def test_a_synonym_standing_for_two_values_is_refused() -> None:
    catalog = EntityCatalog(
        "city",
        (
            EntityValue("Нижний Новгород", {"ru": ("Новгород",)}),
            EntityValue("Великий Новгород", {"ru": ("новгород",)}),
        ),
    )
    with pytest.raises(InvalidKnowledgeError, match="ambiguous") as caught:
        KnowledgeBase(("ru", "en"), (), (catalog,))
    assert caught.value.field == "catalogs[city].values[Великий Новгород].synonyms.ru[0]"


def test_a_catalog_an_answered_intent_uses_needs_a_question_per_language() -> None:
    catalog = dataclasses.replace(city_catalog(), questions={"ru": "Какой город?"})
    assert refused((office_intent(),), (catalog,)) == "catalogs[city].questions.en"


def test_a_value_answer_for_an_unknown_value_is_refused() -> None:
    answer = ValueAnswer("city", "Атлантида", {"ru": "a", "en": "b"})
    field = refused((office_intent(value_answers=(answer,)),), (city_catalog(),))
    assert field == "intents[office.address].value_answers[city=Атлантида].value"


def test_an_overlong_example_is_refused() -> None:
    intent = office_intent(examples=office_intent().examples + ex("а" * 1025, language="ru"))
    field = refused((intent,), (city_catalog(),))
    assert field.startswith("intents[office.address].examples[")


def test_deleting_a_catalog_still_in_use_is_refused() -> None:
    with pytest.raises(InvalidKnowledgeError) as caught:
        small_kb().without_catalog("city")
    assert caught.value.field == "intents[office.address].entities[0]"


def test_changes_return_a_new_knowledge_base_and_leave_the_old_one() -> None:
    kb = small_kb()
    smaller = kb.without_intent("greeting")
    assert smaller.intent("greeting") is None
    assert kb.intent("greeting") is not None


def test_equal_content_compares_equal_whatever_the_order() -> None:
    kb = small_kb()
    again = KnowledgeBase(kb.languages, tuple(reversed(kb.intents)), kb.catalogs)
    assert again == kb
