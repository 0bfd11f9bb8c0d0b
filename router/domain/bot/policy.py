"""The bot policy: answer when confident, ask when torn between two, hand over otherwise.

Thresholds are configuration (`BotThresholds`), chosen per deployment on its own traffic.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol

from router.domain.bot.classification import Classification
from router.domain.bot.human_request import asks_for_a_person, only_asks_for_a_person


class HandoffReason(StrEnum):
    OUT_OF_SCOPE = "out_of_scope"
    CUSTOMER_REQUEST = "customer_request"
    REPEATED_FAILURE = "repeated_failure"
    OPERATOR_ONLY_INTENT = "operator_only_intent"
    NO_ANSWER = "no_answer"
    UNSUPPORTED_CONTENT = "unsupported_content"


@dataclass(frozen=True, slots=True)
class BotThresholds:
    # At or above this calibrated confidence the bot answers.
    answer: float = 0.55
    # Below `answer` but with the top two within this margin, the bot asks which one.
    clarify_margin: float = 0.15
    # The second candidate must be at least this likely to be offered as a choice.
    clarify_min: float = 0.15
    # This many bot turns in a row that did not help hand the customer over.
    unhelpful_turns: int = 2
    # A conversation only the bot took part in closes after this long without a message.
    resolve_quiet_after_s: float = 15 * 60.0


@dataclass(frozen=True, slots=True)
class Rendered:
    text: str


@dataclass(frozen=True, slots=True)
class MissingEntity:
    catalog: str  # which catalog's value the answer needs, e.g. "city"


class Answers(Protocol):
    """The knowledge base as the policy sees it."""

    def is_operator_only(self, intent: str) -> bool: ...

    def title(self, intent: str, language: str) -> str: ...

    def render(
        self, intent: str, language: str, entities: dict[str, str]
    ) -> Rendered | MissingEntity | None:
        """The answer, or which entity it still needs, or None when there is none."""
        ...

    def entity_question(self, catalog: str, language: str) -> str: ...


@dataclass(frozen=True, slots=True)
class Answer:
    intent: str
    confidence: float
    text: str


@dataclass(frozen=True, slots=True)
class Clarify:
    question: str
    options: tuple[tuple[str, str], ...]  # (title, payload = intent name)


@dataclass(frozen=True, slots=True)
class AskEntity:
    intent: str
    catalog: str
    question: str


@dataclass(frozen=True, slots=True)
class HandOff:
    reason: HandoffReason
    intent: str = ""
    confidence: float = 0.0
    entities: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Rephrase:
    """Unsure, but not out of scope: ask the customer to say it in other words."""

    text: str


Decision = Answer | Clarify | AskEntity | Rephrase | HandOff

_CLARIFY = {
    "ru": "Уточните, пожалуйста, что вас интересует:",
    "en": "Could you tell me which one you mean?",
}
_REPHRASE = {
    "ru": "Не совсем понял вопрос. Сформулируйте его, пожалуйста, иначе.",
    "en": "I'm not sure I understood. Could you put it another way?",
}


def decide(
    text: str,
    classification: Classification,
    answers: Answers,
    *,
    language: str,
    unhelpful_turns_so_far: int,
    thresholds: BotThresholds,
) -> Decision:
    """The bot's next move for one customer message."""
    top = classification.top
    entities = classification.entity_values()
    if asks_for_a_person(text):
        if only_asks_for_a_person(text):  # no topic to guess: leave the label to the operator
            return HandOff(HandoffReason.CUSTOMER_REQUEST, "", 0.0, entities)
        return _hand_off(HandoffReason.CUSTOMER_REQUEST, classification, entities)
    if top is None or classification.out_of_scope:
        return _hand_off(HandoffReason.OUT_OF_SCOPE, classification, entities)
    if answers.is_operator_only(top.intent):
        return _hand_off(HandoffReason.OPERATOR_ONLY_INTENT, classification, entities)

    decision = _bot_move(classification, answers, language, entities, thresholds)
    if isinstance(decision, Answer | HandOff):
        return decision
    # Asking again is a turn that did not help; enough of those and a person takes over.
    if unhelpful_turns_so_far + 1 >= thresholds.unhelpful_turns:
        return _hand_off(HandoffReason.REPEATED_FAILURE, classification, entities)
    return decision


def _bot_move(
    classification: Classification,
    answers: Answers,
    language: str,
    entities: dict[str, str],
    thresholds: BotThresholds,
) -> Decision:
    top = classification.candidates[0]
    if top.confidence >= thresholds.answer:
        rendered = answers.render(top.intent, language, entities)
        if isinstance(rendered, Rendered):
            return Answer(top.intent, top.confidence, rendered.text)
        if isinstance(rendered, MissingEntity):
            question = answers.entity_question(rendered.catalog, language)
            return AskEntity(top.intent, rendered.catalog, question)
        return _hand_off(HandoffReason.NO_ANSWER, classification, entities)
    close = [
        c
        for c in classification.candidates[:3]
        if c.confidence >= thresholds.clarify_min
        and top.confidence - c.confidence <= thresholds.clarify_margin
        and not answers.is_operator_only(c.intent)
    ]
    if len(close) >= 2:
        return Clarify(
            _CLARIFY.get(language, _CLARIFY["en"]),
            tuple((answers.title(c.intent, language), c.intent) for c in close),
        )
    return Rephrase(_REPHRASE.get(language, _REPHRASE["en"]))


def _hand_off(
    reason: HandoffReason, classification: Classification, entities: dict[str, str]
) -> HandOff:
    top = classification.top
    return HandOff(
        reason,
        intent=top.intent if top else "",
        confidence=top.confidence if top else 0.0,
        entities=entities,
    )
