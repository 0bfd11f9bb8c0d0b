"""The bot's answer for an intent, with the entities found in the customer's message."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from router.domain.knowledge.base import KnowledgeBase
from router.domain.knowledge.catalogs import EntityValue
from router.domain.knowledge.intents import Intent
from router.domain.knowledge.templates import Placeholder, parse_template, substitute

_ASK_FALLBACK = {
    "ru": "Уточните, пожалуйста: {catalog}?",
    "en": "Could you tell me which {catalog} you mean?",
}


@dataclass(frozen=True, slots=True)
class RenderedAnswer:
    """The answer text: plain text, for the channel to show as text (never as markup)."""

    text: str


@dataclass(frozen=True, slots=True)
class NeedEntity:
    """The answer depends on a value of `catalog` the message did not name (or named one
    the catalog does not know): the bot should ask `question` and render again."""

    catalog: str
    question: str


def render_answer(
    kb: KnowledgeBase, intent: str, language: str, entities: Mapping[str, str]
) -> RenderedAnswer | NeedEntity | None:
    """The answer of `intent` in `language`, with `entities` (catalog → canonical value).

    None when the bot has nothing to say: no such intent (e.g. deleted since the matcher
    was trained), an operator-only intent, or no answer in this language — the bot then
    hands off. A value-specific answer wins over the general template; among several
    catalogs, the first of the intent's `entities` with such an answer wins.
    """
    found = kb.intent(intent)
    if found is None or found.operator_only:
        return None
    values: dict[str, EntityValue] = {}
    for name in found.entities:
        catalog = kb.catalog(name)
        value = None if catalog is None else catalog.value(entities.get(name, ""))
        if value is None:
            return NeedEntity(name, entity_question(kb, name, language))
        values[name] = value
    template = _template(found, language, values)
    if template is None:
        return None
    return RenderedAnswer(_fill(template, language, values))


def entity_question(kb: KnowledgeBase, catalog: str, language: str) -> str:
    """How the bot asks for a value of `catalog` in `language`."""
    found = kb.catalog(catalog)
    if found is not None and language in found.questions:
        return found.questions[language]
    return _ASK_FALLBACK.get(language, _ASK_FALLBACK["en"]).replace("{catalog}", catalog)


def _template(intent: Intent, language: str, values: Mapping[str, EntityValue]) -> str | None:
    for name, value in values.items():
        specific = intent.value_answer(name, value.canonical, language)
        if specific is not None:
            return specific
    return intent.answers.get(language)


def _fill(template: str, language: str, values: Mapping[str, EntityValue]) -> str:
    def resolve(placeholder: Placeholder) -> str:
        resolved = placeholder.resolve(values)
        if resolved is None:  # validation keeps templates to the intent's catalogs
            return str(placeholder)
        catalog, attribute = resolved
        value = values[catalog]
        if attribute is None:
            return value.canonical
        text = value.attribute(attribute, language)
        return str(placeholder) if text is None else text

    return substitute(parse_template(template), resolve)
