"""What the matcher trains on, taken from the knowledge base."""

from __future__ import annotations

from router.domain.knowledge.base import KnowledgeBase


def training_examples(kb: KnowledgeBase) -> list[tuple[str, str]]:
    """(text, intent) for every example of every intent, operator-only ones included: the
    bot must recognise those to hand them off at once."""
    return [(e.text, intent.name) for intent in kb.intents for e in intent.examples]


def entity_synonyms(kb: KnowledgeBase) -> dict[str, dict[str, list[str]]]:
    """{catalog: {canonical value: [every other written form, all languages]}}, the shape
    the matcher's entity recogniser takes; it answers with the canonical value, which is
    what `render_answer` expects."""
    return {
        catalog.name: {
            value.canonical: list(dict.fromkeys(value.all_synonyms())) for value in catalog.values
        }
        for catalog in kb.catalogs
    }
