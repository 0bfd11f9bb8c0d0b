"""Combining an imported knowledge base with the current one (merge or replace)."""

from __future__ import annotations

import enum
from collections import defaultdict
from dataclasses import dataclass

from router.domain.knowledge.base import KnowledgeBase


class ImportMode(enum.Enum):
    MERGE = "merge"  # the document's intents and catalogs replace those of the same name
    REPLACE = "replace"  # the document becomes the whole knowledge base


@dataclass(frozen=True)
class ImportSummary:
    intents_created: int = 0
    intents_updated: int = 0
    intents_deleted: int = 0
    examples_imported: int = 0
    catalogs_imported: int = 0
    warnings: tuple[str, ...] = ()


def import_knowledge(
    current: KnowledgeBase, document: KnowledgeBase, mode: ImportMode
) -> tuple[KnowledgeBase, ImportSummary]:
    """The knowledge base after importing `document`, and what changed. Raises
    InvalidKnowledgeError, changing nothing, if the result would not be valid."""
    if mode is ImportMode.REPLACE:
        result = document
    else:
        result = current.with_catalogs(document.catalogs).with_intents(document.intents)
    return result, summarize(current, result, document.example_count(), len(document.catalogs))


def summarize(
    before: KnowledgeBase, after: KnowledgeBase, examples: int, catalogs: int
) -> ImportSummary:
    created = updated = 0
    for intent in after.intents:
        old = before.intent(intent.name)
        if old is None:
            created += 1
        elif old != intent:
            updated += 1
    deleted = sum(1 for name in before.intent_names() if after.intent(name) is None)
    return ImportSummary(
        intents_created=created,
        intents_updated=updated,
        intents_deleted=deleted,
        examples_imported=examples,
        catalogs_imported=catalogs,
        warnings=duplicate_example_warnings(after),
    )


def duplicate_example_warnings(kb: KnowledgeBase) -> tuple[str, ...]:
    """An example listed under two intents teaches the matcher both at once."""
    owners: defaultdict[tuple[str, str], list[str]] = defaultdict(list)
    for intent in kb.intents:
        for example in intent.examples:
            owners[(example.language, example.text.casefold().strip())].append(intent.name)
    return tuple(
        f"example {text!r} ({language}) is under several intents: {', '.join(names)}"
        for (language, text), names in sorted(owners.items())
        if len(names) > 1
    )
