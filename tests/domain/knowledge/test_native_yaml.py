"""The native YAML format: exact round trips, and errors with paths and lines."""

from __future__ import annotations

import pytest
from knowledge_samples import small_kb

from router.domain.knowledge import (
    InvalidKnowledgeError,
    dump_native_yaml,
    load_native_documents,
    load_native_yaml,
)

DOCUMENT = """\
version: 1
languages: [ru, en]
catalogs:
  - name: tariff
    questions: {ru: Какой тариф?, en: Which plan?}
    values:
      - value: Мой онлайн
        synonyms: {ru: [онлайн], en: [My Online]}
        attributes:
          price: 450 ₽
          name: {ru: «Мой онлайн», en: My Online}
      - value: "no"
        attributes: {price: "0", name: {ru: Нет, en: "No"}}
intents:
  - name: tariff.price
    entities: [tariff]
    skills: [sales, {skill: retention, min_level: 3}]
    examples:
      ru: [сколько стоит мой онлайн, цена тарифа]
      en:
        - how much is my online
        - {text: plan price?, source: operator_resolution, conversation_id: c-42}
    answers:
      ru: "{tariff.name} стоит {tariff.price} в месяц."
      en: |
        {tariff.name} costs {tariff.price} a month.
        Switch in the app.
"""


def test_a_dump_loads_back_equal_and_dumps_to_the_same_text() -> None:
    kb = small_kb()
    text = dump_native_yaml(kb)
    again = load_native_yaml(text)
    assert again == kb
    assert dump_native_yaml(again) == text


def test_a_hand_written_document_round_trips_through_its_canonical_form() -> None:
    kb = load_native_yaml(DOCUMENT)
    text = dump_native_yaml(kb)
    assert load_native_yaml(text) == kb
    assert dump_native_yaml(load_native_yaml(text)) == text


def test_scalars_stay_the_text_that_was_written() -> None:
    kb = load_native_yaml(DOCUMENT)
    tariff = kb.catalog("tariff")
    assert tariff is not None
    assert tariff.canonicals() == ("Мой онлайн", "no")  # not False
    value = tariff.value("Мой онлайн")
    assert value is not None
    assert value.attribute("price", "en") == "450 ₽"
    intent = kb.intent("tariff.price")
    assert intent is not None
    assert intent.answers["en"].endswith("Switch in the app.\n")
    learned = [e for e in intent.examples if e.conversation_id]
    assert [(e.text, e.source.value) for e in learned] == [("plan price?", "operator_resolution")]
    assert [(s.skill, s.min_level) for s in intent.skills] == [("sales", 1), ("retention", 3)]


def test_a_semantic_error_names_the_path_and_the_line() -> None:
    broken = DOCUMENT.replace('{tariff.price} в месяц."', '{tariff.cost} в месяц."')
    with pytest.raises(InvalidKnowledgeError) as caught:
        load_native_yaml(broken)
    assert caught.value.field == "intents[tariff.price].answers.ru"
    assert caught.value.line == 24
    assert "line 24" in str(caught.value)


def test_a_shape_error_names_the_path_and_the_line() -> None:
    broken = DOCUMENT.replace("operator_resolution", "rumour")
    with pytest.raises(InvalidKnowledgeError, match="expected one of") as caught:
        load_native_yaml(broken)
    assert caught.value.field == "intents[tariff.price].examples.en[1].source"
    assert caught.value.line == 22


def test_unknown_keys_are_refused() -> None:
    with pytest.raises(InvalidKnowledgeError, match="unknown key") as caught:
        load_native_yaml(DOCUMENT.replace("    entities:", "    entitys:"))
    assert caught.value.field == "intents[0].entitys"


def test_malformed_yaml_names_its_line() -> None:
    with pytest.raises(InvalidKnowledgeError, match="not valid YAML") as caught:
        load_native_yaml("intents:\n  - name: [unclosed\n")
    assert caught.value.field == "content"
    assert caught.value.line is not None


def test_tags_that_would_build_objects_are_refused() -> None:
    with pytest.raises(InvalidKnowledgeError):
        load_native_yaml("intents: !!python/object/apply:os.system ['echo hi']\n")


def test_several_documents_make_one_knowledge_base_and_errors_name_the_file() -> None:
    catalogs, _, _ = DOCUMENT.partition("intents:")
    intents = "intents:" + DOCUMENT.partition("intents:")[2]
    kb = load_native_documents({"catalogs.yaml": catalogs, "intents.yaml": intents})
    assert kb == load_native_yaml(DOCUMENT)
    with pytest.raises(InvalidKnowledgeError, match=r"intents\.yaml") as caught:
        load_native_documents({"intents.yaml": intents})
    assert caught.value.document == "intents.yaml"
