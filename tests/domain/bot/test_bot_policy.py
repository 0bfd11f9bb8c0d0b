"""The bot's choice between answering, asking and handing over."""

from __future__ import annotations

from typing import ClassVar

import pytest

from router.domain.bot.classification import Candidate, Classification, EntityMatch
from router.domain.bot.policy import (
    Answer,
    AskEntity,
    BotThresholds,
    Clarify,
    Decision,
    HandOff,
    HandoffReason,
    MissingEntity,
    Rendered,
    Rephrase,
    decide,
)

THRESHOLDS = BotThresholds()


class Kb:
    operator_only: ClassVar[set[str]] = {"number_porting"}

    def is_operator_only(self, intent: str) -> bool:
        return intent in self.operator_only

    def title(self, intent: str, language: str) -> str:
        return {"tariff_price": "Цена тарифа", "tariff_switch": "Сменить тариф"}.get(intent, intent)

    def render(
        self, intent: str, language: str, entities: dict[str, str]
    ) -> Rendered | MissingEntity | None:
        if intent == "office_address":
            if "city" not in entities:
                return MissingEntity("city")
            return Rendered(f"Офис в городе {entities['city']}: ул. Ленина, 1")
        if intent == "no_answer_yet":
            return None
        return Rendered(f"answer for {intent}")

    def entity_question(self, catalog: str, language: str) -> str:
        return "В каком городе?"


def run(text: str, *candidates: tuple[str, float], unhelpful: int = 0, **kw: object) -> Decision:
    classification = Classification(
        tuple(Candidate(i, c) for i, c in candidates),
        entities=tuple(kw.pop("entities", ())),  # type: ignore[arg-type]
        out_of_scope=bool(kw.pop("oos", False)),
    )
    return decide(
        text,
        classification,
        Kb(),
        language="ru",
        unhelpful_turns_so_far=unhelpful,
        thresholds=THRESHOLDS,
    )


def test_a_confident_match_is_answered() -> None:
    decision = run("сколько стоит мой онлайн", ("tariff_price", 0.9), ("tariff_switch", 0.05))
    assert decision == Answer("tariff_price", 0.9, "answer for tariff_price")


def test_an_answer_uses_the_matched_entity() -> None:
    decision = run(
        "где офис в Ебурге",
        ("office_address", 0.8),
        entities=[EntityMatch("city", "Екатеринбург", 10, 16)],
    )
    assert isinstance(decision, Answer) and "Екатеринбург" in decision.text


def test_a_missing_entity_is_asked_for() -> None:
    decision = run("где ваш офис", ("office_address", 0.8))
    assert decision == AskEntity("office_address", "city", "В каком городе?")


def test_two_close_candidates_get_a_clarifying_question_with_both_as_quick_replies() -> None:
    decision = run("тариф", ("tariff_price", 0.41), ("tariff_switch", 0.36), ("balance", 0.02))
    assert isinstance(decision, Clarify)
    assert decision.options == (("Цена тарифа", "tariff_price"), ("Сменить тариф", "tariff_switch"))


def test_an_unsure_but_in_scope_message_is_asked_again() -> None:
    assert isinstance(run("ну это самое", ("balance", 0.3), ("tariff_price", 0.05)), Rephrase)


def test_out_of_scope_is_handed_over_with_the_guess() -> None:
    decision = run("какая погода на марсе", ("balance", 0.2), oos=True)
    assert decision == HandOff(HandoffReason.OUT_OF_SCOPE, "balance", 0.2, {})


@pytest.mark.parametrize(
    "text",
    [
        "оператор",
        "Позовите человека!",
        "хочу с живым человеком",
        "соедините со специалистом",
        "дайте оператора пожалуйста",
        "I want a human",
        "can I talk to an agent",
        "let me talk to someone",
    ],
)
def test_asking_for_a_person_is_handed_over_even_when_confident(text: str) -> None:
    decision = run(text, ("tariff_price", 0.95))
    assert isinstance(decision, HandOff) and decision.reason is HandoffReason.CUSTOMER_REQUEST


@pytest.mark.parametrize(
    ("text", "guess"),
    [
        ("Позовите оператора, пожалуйста", ""),
        ("дайте оператора пожалуйста", ""),
        ("Соедините с оператором!", ""),
        ("хочу с живым человеком", ""),
        ("can I talk to an agent", ""),
        ("оператора, вопрос про роуминг в Турции", "tariff_price"),
        ("I want a human, my bill is wrong", "tariff_price"),
    ],
)
def test_the_guess_is_kept_only_when_the_request_names_a_topic(text: str, guess: str) -> None:
    decision = run(text, ("tariff_price", 0.7))
    assert isinstance(decision, HandOff) and decision.intent == guess
    assert decision.confidence == (0.7 if guess else 0.0)


@pytest.mark.parametrize("text", ["операция по карте", "человечный тариф", "agenda"])
def test_words_that_only_look_like_a_request_for_a_person_are_not(text: str) -> None:
    assert isinstance(run(text, ("tariff_price", 0.95)), Answer)


def test_operator_only_intents_go_to_a_person() -> None:
    decision = run("хочу перенести номер", ("number_porting", 0.97))
    assert isinstance(decision, HandOff) and decision.reason is HandoffReason.OPERATOR_ONLY_INTENT


def test_the_second_unhelpful_turn_hands_over() -> None:
    assert isinstance(run("ну это", ("balance", 0.3)), Rephrase)
    decision = run("ну это", ("balance", 0.3), unhelpful=1)
    assert isinstance(decision, HandOff) and decision.reason is HandoffReason.REPEATED_FAILURE


def test_an_intent_without_an_answer_is_handed_over() -> None:
    decision = run("что-то", ("no_answer_yet", 0.9))
    assert isinstance(decision, HandOff) and decision.reason is HandoffReason.NO_ANSWER


def test_nothing_matched_is_out_of_scope() -> None:
    decision = run("???")
    assert isinstance(decision, HandOff) and decision.reason is HandoffReason.OUT_OF_SCOPE


def test_thresholds_are_configuration() -> None:
    classification = Classification((Candidate("balance", 0.5),))
    strict = decide(
        "баланс",
        classification,
        Kb(),
        language="ru",
        unhelpful_turns_so_far=0,
        thresholds=BotThresholds(answer=0.4),
    )
    assert isinstance(strict, Answer)
