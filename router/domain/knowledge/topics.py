"""How many distinct topics the bot can answer."""

from __future__ import annotations

import itertools

from router.domain.knowledge.base import KnowledgeBase
from router.domain.knowledge.rendering import RenderedAnswer, render_answer


def topic_count(kb: KnowledgeBase) -> int:
    """Distinct answers the bot gives, summed over intents.

    An answered intent without entities is one topic. An intent with entities counts the
    distinct answers it gives over every combination of its catalogs' values (each answer
    taken in all the knowledge base's languages together): an office per city counts once
    per city whose answer differs, and a template that ignores the value counts once.
    Operator-only intents are not counted: the bot recognises them but answers none.
    """
    total = 0
    for intent in kb.intents:
        if intent.operator_only:
            continue
        catalogs = [kb.catalog(name) for name in intent.entities]
        choices = [c.canonicals() if c is not None else () for c in catalogs]
        answers: set[tuple[str, ...]] = set()
        for combination in itertools.product(*choices):
            entities = dict(zip(intent.entities, combination, strict=True))
            texts = []
            for language in kb.languages:
                rendered = render_answer(kb, intent.name, language, entities)
                texts.append(rendered.text if isinstance(rendered, RenderedAnswer) else "")
            answers.add(tuple(texts))
        total += len(answers)
    return total
