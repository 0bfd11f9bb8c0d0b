"""Importing Rasa NLU YAML: plain training text, catalogs from annotations and lookups."""

from __future__ import annotations

import pytest
from knowledge_samples import small_kb

from router.domain.knowledge import (
    ExampleSource,
    ImportMode,
    InvalidKnowledgeError,
    KnowledgeBase,
    apply_rasa_nlu,
    parse_rasa_nlu,
)

RASA = """\
version: "3.1"
nlu:
- intent: greeting
  examples: |
    - hey
    - hello there
    - good morning
- intent: check_tariff_price
  examples: |
    - how much is [My Online](tariff)
    - what does [my online]{"entity": "tariff", "value": "My Online"} cost
    - price of [online plan](tariff:My Online) please
    - [Volna Max](tariff) price
- intent: faq/store_hours
  examples: |
    - when does the store in [Yekaterinburg](city) open
    - opening hours [ekb](city:Yekaterinburg)
- synonym: My Online
  examples: |
    - myonline
- lookup: city
  examples: |
    - Yekaterinburg
    - Moscow
    - Kazan
- regex: account_number
  examples: |
    - \\d{10}
"""


def test_examples_lose_their_annotations() -> None:
    nlu = parse_rasa_nlu(RASA, "en")
    assert nlu.examples["check_tariff_price"] == [
        "how much is My Online",
        "what does my online cost",
        "price of online plan please",
        "Volna Max price",
    ]
    assert nlu.examples["greeting"] == ["hey", "hello there", "good morning"]


def test_retrieval_intents_become_dotted_names() -> None:
    assert "faq.store_hours" in parse_rasa_nlu(RASA, "en").examples


def test_annotations_lookups_and_synonyms_become_catalogs() -> None:
    nlu = parse_rasa_nlu(RASA, "en")
    tariff = nlu.catalogs["tariff"]
    assert list(tariff) == ["My Online", "Volna Max"]
    assert sorted(tariff["My Online"]) == ["myonline", "online plan"]
    city = nlu.catalogs["city"]
    assert list(city) == ["Yekaterinburg", "Moscow", "Kazan"]
    assert city["Yekaterinburg"] == ["ekb"]
    assert any("regex" in w for w in nlu.warnings)


def test_importing_into_an_empty_base_makes_handed_off_intents() -> None:
    kb, summary = apply_rasa_nlu(
        KnowledgeBase(("en",)), parse_rasa_nlu(RASA, "en"), ImportMode.MERGE
    )
    assert summary.intents_created == 3
    assert summary.examples_imported == 9
    assert summary.catalogs_imported == 2
    intent = kb.intent("check_tariff_price")
    assert intent is not None and intent.operator_only
    assert {e.source for e in intent.examples} == {ExampleSource.IMPORTED}
    assert any("no answers" in w for w in summary.warnings)


def test_importing_into_an_existing_intent_keeps_its_answers_and_other_languages() -> None:
    before = small_kb()
    kb, summary = apply_rasa_nlu(before, parse_rasa_nlu(RASA, "en"), ImportMode.MERGE)
    greeting = kb.intent("greeting")
    old = before.intent("greeting")
    assert greeting is not None and old is not None
    assert greeting.answers == old.answers
    assert [e.text for e in greeting.examples_in("en")] == ["hey", "hello there", "good morning"]
    assert greeting.examples_in("ru") == old.examples_in("ru")
    assert summary.intents_updated == 1
    city = kb.catalog("city")
    assert city is not None
    ekb = city.value("Екатеринбург")
    assert ekb is not None and ekb.attribute("address", "ru") == "ул. Малышева, 5"
    assert "ekb" in ekb.synonyms["en"]  # Rasa's "Yekaterinburg" was already a form of it
    # Answers need a new city's address; the document has none, so Kazan waits.
    assert city.canonicals() == ("Екатеринбург", "Москва")
    assert any("Kazan skipped" in w for w in summary.warnings)


def test_replace_deletes_intents_the_document_lacks() -> None:
    kb, summary = apply_rasa_nlu(small_kb(), parse_rasa_nlu(RASA, "en"), ImportMode.REPLACE)
    assert kb.intent("office.address") is None
    assert summary.intents_deleted == 2


def test_a_malformed_example_block_names_its_line() -> None:
    broken = RASA.replace("    - hello there", "    hello there")
    with pytest.raises(InvalidKnowledgeError, match="expected '- example'") as caught:
        parse_rasa_nlu(broken, "en")
    assert caught.value.line == 6


def test_a_document_without_nlu_is_refused() -> None:
    with pytest.raises(InvalidKnowledgeError, match="nlu"):
        parse_rasa_nlu('version: "3.1"\nrules: []\n', "en")
