"""Learning from operators' labels: which text is learned, deduplication, review items,
and forgetting a rejected example."""

from __future__ import annotations

from router.domain.knowledge import Example, ExampleSource, Intent, KnowledgeBase
from router.domain.knowledge.learning import (
    CustomerMessage,
    LabelledConversation,
    ReviewStatus,
    learn,
    learning_text,
    normalized,
    unlearn,
)

BALANCE = Intent(
    name="balance",
    examples=(Example("проверить баланс", "ru"), Example("check my balance", "en")),
    answers={"ru": "Баланс: *100#", "en": "Balance: *100#"},
)
ROAMING = Intent(
    name="roaming",
    examples=(Example("роуминг", "ru"), Example("enable roaming", "en")),
    answers={"ru": "Роуминг включён", "en": "Roaming is on"},
)
KB = KnowledgeBase(intents=(BALANCE, ROAMING))


def labelled(
    conversation_id: str, intent: str, *texts: str, bot_intent: str = "balance"
) -> LabelledConversation:
    return LabelledConversation(
        conversation_id=conversation_id,
        intent=intent,
        operator_id="anna",
        bot_intent=bot_intent,
        messages=tuple(CustomerMessage(t, "") for t in texts),
    )


def test_the_first_message_that_is_not_a_call_for_a_person_is_learned() -> None:
    kb, learned = learn(
        KB,
        [labelled("c-1", "roaming", "позовите оператора", "Деньги списали за границей!", "ок")],
        now=10.0,
    )
    roaming = kb.intent("roaming")
    assert roaming is not None
    added = [e for e in roaming.examples if e.source is ExampleSource.OPERATOR_RESOLUTION]
    assert added == [
        Example("Деньги списали за границей!", "ru", ExampleSource.OPERATOR_RESOLUTION, "c-1")
    ]
    assert [(x.intent, x.text, x.corrects_bot, x.status) for x in learned] == [
        ("roaming", "Деньги списали за границей!", True, ReviewStatus.PENDING)
    ]
    assert learned[0].learned_at == 10.0
    assert kb.intent("balance") == BALANCE  # other intents untouched


def test_texts_already_known_anywhere_are_not_learned_again() -> None:
    assert normalized("  Check   MY balance?! ") == normalized("check my balance")
    assert normalized("Ещё") == normalized("еще")
    kb, learned = learn(
        KB,
        [
            labelled("c-1", "roaming", "Check my balance?"),  # a curated example elsewhere
            labelled("c-2", "roaming", "phone abroad"),
            labelled("c-3", "roaming", "Phone  abroad!"),  # the same as c-2
        ],
        now=0.0,
    )
    assert [x.conversation_id for x in learned] == ["c-2"]
    roaming = kb.intent("roaming")
    assert roaming is not None and len(roaming.examples) == 3


def test_labels_of_unknown_intents_or_without_customer_text_teach_nothing() -> None:
    kb, learned = learn(
        KB,
        [
            labelled("c-1", "deleted.intent", "some question"),
            labelled("c-2", "roaming", "оператора позовите", "   "),
            labelled("c-3", "roaming", "x" * 2000),
        ],
        now=0.0,
    )
    assert learned == [] and kb == KB
    assert learning_text([CustomerMessage("agent", "en")]) is None


def test_a_label_that_agrees_with_the_bot_is_learned_but_is_no_correction() -> None:
    _, learned = learn(KB, [labelled("c-1", "balance", "what is left on my account")], 0.0)
    assert [(x.intent, x.corrects_bot, x.language) for x in learned] == [("balance", False, "en")]


def test_unlearning_removes_only_that_conversations_example() -> None:
    kb, learned = learn(
        KB, [labelled("c-1", "roaming", "phone abroad"), labelled("c-2", "roaming", "in turkey")], 0
    )
    forgotten = unlearn(kb, learned[0])
    roaming = forgotten.intent("roaming")
    assert roaming is not None
    assert [e.conversation_id for e in roaming.examples if e.conversation_id] == ["c-2"]
    assert unlearn(forgotten, learned[0]) == forgotten  # idempotent
