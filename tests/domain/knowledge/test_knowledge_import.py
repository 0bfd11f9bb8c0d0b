"""Importing a native document into a knowledge base: merge or replace, counted."""

from __future__ import annotations

import pytest
from knowledge_samples import ex, small_kb

from router.domain.knowledge import (
    ImportMode,
    Intent,
    InvalidKnowledgeError,
    KnowledgeBase,
    import_knowledge,
)


def thanks() -> Intent:
    return Intent(
        name="thanks",
        examples=ex("спасибо", language="ru") + ex("thanks", language="en"),
        answers={"ru": "Пожалуйста!", "en": "You're welcome!"},
    )


def test_merge_adds_and_replaces_by_name_and_keeps_the_rest() -> None:
    current = small_kb()
    greeting = current.intent("greeting")
    assert greeting is not None
    changed = Intent(
        name="greeting",
        examples=greeting.examples,
        answers={"ru": "Привет!", "en": "Hi!"},
    )
    with pytest.raises(InvalidKnowledgeError):
        KnowledgeBase(("ru", "en"), (changed, changed))  # a document is validated too
    document = KnowledgeBase(("ru", "en"), (thanks(), changed))
    kb, summary = import_knowledge(current, document, ImportMode.MERGE)
    assert kb.intent_names() == ("greeting", "number.porting", "office.address", "thanks")
    assert (summary.intents_created, summary.intents_updated, summary.intents_deleted) == (
        1,
        1,
        0,
    )
    assert summary.examples_imported == 4


def test_replace_makes_the_document_the_whole_base() -> None:
    kb, summary = import_knowledge(
        small_kb(), KnowledgeBase(("ru", "en"), (thanks(),)), ImportMode.REPLACE
    )
    assert kb.intent_names() == ("thanks",)
    assert kb.catalog_names() == ()
    assert summary.intents_deleted == 3


def test_an_example_under_two_intents_is_a_warning() -> None:
    twin = Intent(
        name="hello.again",
        examples=ex("Привет ", language="ru") + ex("hi", language="en"),
        answers={"ru": "Снова здравствуйте!", "en": "Hello again!"},
    )
    _, summary = import_knowledge(
        small_kb(), KnowledgeBase(("ru", "en"), (twin,)), ImportMode.MERGE
    )
    assert summary.warnings == (
        "example 'привет' (ru) is under several intents: greeting, hello.again",
    )
