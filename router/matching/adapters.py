"""matcher_rs and the knowledge base, seen through the bot stage's protocols."""

from __future__ import annotations

import matcher_rs
from router.domain.bot.classification import Candidate, Classification, EntityMatch
from router.domain.bot.policy import MissingEntity, Rendered
from router.domain.knowledge.base import KnowledgeBase
from router.domain.knowledge.rendering import (
    NeedEntity,
    RenderedAnswer,
    entity_question,
    render_answer,
)


class MatcherClassifier:
    def __init__(self, matcher: matcher_rs.Matcher, top_k: int = 3) -> None:
        self.matcher = matcher
        self._top_k = top_k

    def classify(self, text: str) -> Classification:
        result = self.matcher.classify(text, self._top_k)
        return Classification(
            candidates=tuple(Candidate(c.label, c.confidence) for c in result.candidates),
            entities=tuple(EntityMatch(e.kind, e.value, e.start, e.end) for e in result.entities),
            out_of_scope=result.out_of_scope,
        )


class KnowledgeAnswers:
    """One version of the knowledge base answering for the bot."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb

    def is_operator_only(self, intent: str) -> bool:
        found = self.kb.intent(intent)
        return found is not None and found.operator_only

    def title(self, intent: str, language: str) -> str:
        found = self.kb.intent(intent)
        return found.title(language) if found else intent

    def render(
        self, intent: str, language: str, entities: dict[str, str]
    ) -> Rendered | MissingEntity | None:
        answer = render_answer(self.kb, intent, language, entities)
        if isinstance(answer, RenderedAnswer):
            return Rendered(answer.text)
        if isinstance(answer, NeedEntity):
            return MissingEntity(answer.catalog)
        return None

    def entity_question(self, catalog: str, language: str) -> str:
        return entity_question(self.kb, catalog, language)

    def skills_for(self, intent: str) -> tuple[str, ...]:
        found = self.kb.intent(intent)
        return found.skill_names() if found else ()
