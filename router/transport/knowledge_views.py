"""The knowledge base ⇄ protobuf. The contract carries fewer fields than the domain (no
value answers, titles, entity attributes or catalog questions); an upsert keeps those of
the stored record, so editing an intent over the API never silently drops them."""

from __future__ import annotations

import dataclasses
from typing import Any

from router.domain.bot.language import language_of
from router.domain.errors import InvalidArgumentError
from router.domain.knowledge import (
    EntityCatalog,
    EntityValue,
    Example,
    ExampleSource,
    ImportSummary,
    Intent,
    KnowledgeBase,
    SkillRequirement,
)
from router.domain.knowledge.templates import TemplateSyntaxError, parse_template, placeholders
from router.transport.delivery import timestamp
from router.v1 import knowledge_pb2

SOURCES: dict[int, ExampleSource] = {
    knowledge_pb2.EXAMPLE_SOURCE_UNSPECIFIED: ExampleSource.CURATED,
    knowledge_pb2.EXAMPLE_SOURCE_CURATED: ExampleSource.CURATED,
    knowledge_pb2.EXAMPLE_SOURCE_IMPORTED: ExampleSource.IMPORTED,
    knowledge_pb2.EXAMPLE_SOURCE_OPERATOR_RESOLUTION: ExampleSource.OPERATOR_RESOLUTION,
}
SOURCE_NUMBERS: dict[ExampleSource, Any] = {
    ExampleSource.CURATED: knowledge_pb2.EXAMPLE_SOURCE_CURATED,
    ExampleSource.IMPORTED: knowledge_pb2.EXAMPLE_SOURCE_IMPORTED,
    ExampleSource.OPERATOR_RESOLUTION: knowledge_pb2.EXAMPLE_SOURCE_OPERATOR_RESOLUTION,
}


def intent_to_proto(
    intent: Intent, updated_at: float | None = None, *, with_examples: bool = True
) -> knowledge_pb2.Intent:
    return knowledge_pb2.Intent(
        name=intent.name,
        display_name=intent.display_name,
        description=intent.description,
        examples=[
            knowledge_pb2.TrainingExample(
                text=e.text,
                language=e.language,
                source=SOURCE_NUMBERS[e.source],
                conversation_id=e.conversation_id,
            )
            for e in intent.examples
        ]
        if with_examples
        else [],
        answers=[
            knowledge_pb2.AnswerTemplate(language=language, text=text)
            for language, text in sorted(intent.answers.items())
        ],
        skills=[s.skill for s in intent.skills],
        operator_only=intent.operator_only,
        updated_at=timestamp(updated_at) if updated_at is not None else None,
        example_count=len(intent.examples),
    )


def intent_from_proto(
    message: knowledge_pb2.Intent, stored: Intent | None, catalogs: tuple[str, ...]
) -> Intent:
    """The intent to store: the request's fields over the stored record's extras."""
    examples = []
    for i, example in enumerate(message.examples):
        source = SOURCES.get(example.source)
        if source is None:
            raise InvalidArgumentError(f"intent.examples[{i}].source", "unknown source")
        examples.append(Example(example.text, example.language, source, example.conversation_id))
    answers: dict[str, str] = {}
    for i, answer in enumerate(message.answers):
        path = f"intent.answers[{i}]"
        if answer.language in answers:
            raise InvalidArgumentError(f"{path}.language", f"{answer.language!r} appears twice")
        if answer.quick_replies or answer.attachments:
            raise InvalidArgumentError(path, "quick replies and attachments are not supported yet")
        answers[answer.language] = answer.text
    levels = {s.skill: s.min_level for s in stored.skills} if stored else {}
    skills = tuple(SkillRequirement(s, levels.get(s, 1)) for s in message.skills)
    # The contract has no `entities`: an answer's placeholders name the catalogs it needs.
    entities = list(stored.entities) if stored else []
    for _, text in sorted(answers.items()):
        try:
            segments = parse_template(text)
        except TemplateSyntaxError:
            continue  # validation reports it with its path
        for placeholder in placeholders(segments):
            resolved = placeholder.resolve(catalogs)
            if resolved is not None and resolved[0] not in entities:
                entities.append(resolved[0])
    base = stored if stored is not None else Intent(name=message.name)
    return dataclasses.replace(
        base,
        display_name=message.display_name,
        description=message.description,
        examples=tuple(examples),
        answers=answers,
        skills=skills,
        operator_only=message.operator_only,
        entities=tuple(entities),
    )


def catalog_to_proto(catalog: EntityCatalog) -> knowledge_pb2.EntityCatalog:
    return knowledge_pb2.EntityCatalog(
        name=catalog.name,
        values=[
            knowledge_pb2.EntityValue(canonical=v.canonical, synonyms=list(v.all_synonyms()))
            for v in catalog.values
        ],
    )


def catalog_from_proto(
    message: knowledge_pb2.EntityCatalog, stored: EntityCatalog | None, kb: KnowledgeBase
) -> EntityCatalog:
    """Keeps the stored questions and each kept value's attributes; a synonym keeps the
    language it was stored under, a new one goes under the language its script suggests."""
    values: list[EntityValue] = []
    for i, value in enumerate(message.values):
        if value.canonical in (v.canonical for v in values):
            raise InvalidArgumentError(
                f"catalog.values[{i}].canonical", f"{value.canonical!r} appears twice"
            )
        old = stored.value(value.canonical) if stored else None
        was = {s: lang for lang, forms in (old.synonyms if old else {}).items() for s in forms}
        synonyms: dict[str, list[str]] = {}
        for synonym in value.synonyms:
            guessed = language_of(synonym, "")
            language = was.get(synonym) or (guessed if guessed in kb.languages else kb.languages[0])
            synonyms.setdefault(language, []).append(synonym)
        values.append(
            EntityValue(
                value.canonical,
                {language: tuple(forms) for language, forms in synonyms.items()},
                old.attributes if old else {},
            )
        )
    return EntityCatalog(message.name, tuple(values), stored.questions if stored else {})


def import_summary_to_proto(summary: ImportSummary) -> knowledge_pb2.ImportKnowledgeResponse:
    return knowledge_pb2.ImportKnowledgeResponse(
        intents_created=summary.intents_created,
        intents_updated=summary.intents_updated,
        intents_deleted=summary.intents_deleted,
        examples_imported=summary.examples_imported,
        catalogs_imported=summary.catalogs_imported,
        warnings=list(summary.warnings),
    )
