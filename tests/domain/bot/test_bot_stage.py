"""The bot stage on a real SQLite file, with a scripted classifier and knowledge base."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from router.domain.bot.classification import Candidate, Classification, EntityMatch
from router.domain.bot.policy import BotThresholds, MissingEntity, Rendered
from router.domain.bot.ports import BotTurn
from router.domain.bot.stage import CONSUMER, BotStage
from router.domain.channels import Channel
from router.domain.clock import ManualClock
from router.domain.delivery.messages import AuthorRole, OutboundMessage
from router.domain.delivery.signal import ChannelSignal
from router.domain.ids import UlidFactory
from router.domain.ingestion.limits import IngestionLimits
from router.domain.ingestion.messages import CustomerIdentity, InboundMessage
from router.domain.ingestion.service import Ingestion
from router.storage.sqlite.database import SqliteDatabase

SCRIPT: dict[str, Classification] = {
    "сколько стоит мой онлайн": Classification((Candidate("tariff_price", 0.9),)),
    "тариф": Classification((Candidate("tariff_price", 0.4), Candidate("tariff_switch", 0.35))),
    "где офис": Classification((Candidate("office_address", 0.85),)),
    "екатеринбург": Classification(
        (Candidate("city_info", 0.2),), (EntityMatch("city", "Екатеринбург", 0, 12),)
    ),
    "позовите оператора": Classification((Candidate("tariff_price", 0.3),)),
}


class Classifier:
    def classify(self, text: str) -> Classification:
        return SCRIPT.get(text.lower(), Classification((Candidate("balance", 0.2),)))


class Kb:
    def is_operator_only(self, intent: str) -> bool:
        return False

    def title(self, intent: str, language: str) -> str:
        return {"tariff_price": "Цена тарифа", "tariff_switch": "Сменить тариф"}[intent]

    def render(
        self, intent: str, language: str, entities: dict[str, str]
    ) -> Rendered | MissingEntity | None:
        if intent == "office_address":
            if "city" not in entities:
                return MissingEntity("city")
            return Rendered(f"Офис в городе {entities['city']}")
        return Rendered(f"Ответ: {intent}")

    def entity_question(self, catalog: str, language: str) -> str:
        return "В каком городе?"


@pytest.fixture
def database(tmp_path: Path) -> Iterator[SqliteDatabase]:
    database = SqliteDatabase(tmp_path / "bot.db")
    yield database
    database.close()


class Chat:
    """One customer chatting on Telegram with a bot stage over a real database."""

    def __init__(self, database: SqliteDatabase, classifier: Classifier | None = None) -> None:
        self.clock = clock = ManualClock()
        self.database = database
        self.ingestion = Ingestion(database.ingestion, clock, UlidFactory(clock), IngestionLimits())
        self.stage = BotStage(
            database.bot_stage,
            lambda: classifier,
            lambda: Kb(),
            clock,
            UlidFactory(clock),
            ChannelSignal(),
            BotThresholds(),
        )
        self.sent = 0
        self.conversation_id = ""

    async def say(self, text: str) -> list[str]:
        """Sends `text`, runs the stage, returns the bot's new replies."""
        self.sent += 1
        result = await self.ingestion.receive(
            InboundMessage(Channel.TELEGRAM, str(self.sent), CustomerIdentity("u1"), text=text)
        )
        self.conversation_id = result.conversation_id
        before = len(await self.replies())
        await self.stage.run_once()
        return (await self.replies())[before:]

    async def replies(self) -> list[str]:
        deliveries = await self.database.deliveries.take_pending(Channel.TELEGRAM, 0, 1000)
        return [d.message.text for d in deliveries]

    def conversation(self) -> tuple[str, str, int]:
        with sqlite3.connect(self.database.path) as conn:
            row = conn.execute(
                "SELECT stage, handoff_reason, unhelpful_turns FROM conversations WHERE id = ?",
                (self.conversation_id,),
            ).fetchone()
        return row[0], row[1], row[2]


async def test_a_confident_question_is_answered_once(database: SqliteDatabase) -> None:
    chat = Chat(database, Classifier())
    assert await chat.say("Сколько стоит Мой онлайн") == ["Ответ: tariff_price"]
    assert await chat.stage.run_once() == 0  # the event is consumed; no second answer
    assert len(await chat.replies()) == 1


async def test_a_tapped_quick_reply_answers_the_chosen_intent(database: SqliteDatabase) -> None:
    chat = Chat(database, Classifier())
    (question,) = await chat.say("тариф")
    assert question.startswith("Уточните")
    delivery = (await database.deliveries.take_pending(Channel.TELEGRAM, 0, 10))[0]
    assert [q.payload for q in delivery.message.quick_replies] == ["Цена тарифа", "Сменить тариф"]
    assert await chat.say("Сменить тариф") == ["Ответ: tariff_switch"]
    assert chat.conversation()[2] == 0  # the clarification helped


async def test_the_entity_asked_for_completes_the_answer(database: SqliteDatabase) -> None:
    chat = Chat(database, Classifier())
    assert await chat.say("где офис") == ["В каком городе?"]
    assert await chat.say("Екатеринбург") == ["Офис в городе Екатеринбург"]


async def test_a_request_for_a_person_hands_over_and_the_bot_falls_silent(
    database: SqliteDatabase,
) -> None:
    chat = Chat(database, Classifier())
    (notice,) = await chat.say("Позовите оператора")
    assert "оператор" in notice
    assert chat.conversation()[:2] == ("operator", "customer_request")
    assert await chat.say("Сколько стоит Мой онлайн") == []  # operators answer from now on
    with sqlite3.connect(database.path) as conn:
        kinds = [r[0] for r in conn.execute("SELECT kind FROM events ORDER BY seq")]
    assert "handed_off" in kinds


async def test_two_unhelpful_turns_hand_over(database: SqliteDatabase) -> None:
    chat = Chat(database, Classifier())
    assert await chat.say("ну это самое") != []
    assert chat.conversation()[:2] == ("bot", "")
    await chat.say("ну это самое")
    assert chat.conversation()[:2] == ("operator", "repeated_failure")


async def test_without_a_model_a_person_answers(database: SqliteDatabase) -> None:
    chat = Chat(database, classifier=None)
    (notice,) = await chat.say("Сколько стоит Мой онлайн")
    assert "оператор" in notice
    assert chat.conversation()[:2] == ("operator", "no_answer")


async def test_a_turn_applied_twice_answers_once(database: SqliteDatabase) -> None:
    chat = Chat(database, Classifier())
    await chat.say("Сколько стоит Мой онлайн")
    again = OutboundMessage(chat.conversation_id, AuthorRole.BOT, "Ответ: tariff_price")
    replayed = BotTurn(1, chat.conversation_id, again, 0, "tariff_price", 0.9)
    assert await database.bot_stage.apply_turn(CONSUMER, replayed, "m", "d", 0.0) is None
    assert len(await chat.replies()) == 1


async def test_thanks_after_an_answer_closes_the_conversation(database: SqliteDatabase) -> None:
    chat = Chat(database, Classifier())
    await chat.say("Сколько стоит Мой онлайн")
    (goodbye,) = await chat.say("Спасибо, помогло!")
    assert "помочь" in goodbye
    with sqlite3.connect(database.path) as conn:
        status = conn.execute(
            "SELECT status FROM conversations WHERE id = ?", (chat.conversation_id,)
        ).fetchone()[0]
    assert status == "resolved"
    first = chat.conversation_id
    chat.clock.advance(IngestionLimits().reopen_window_s + 1)
    await chat.say("Сколько стоит Мой онлайн")
    assert chat.conversation_id != first  # a question after the window opens a new conversation


async def test_a_question_soon_after_thanks_reopens_and_the_bot_carries_on(
    database: SqliteDatabase,
) -> None:
    chat = Chat(database, Classifier())
    await chat.say("Сколько стоит Мой онлайн")
    await chat.say("Спасибо, помогло!")
    first = chat.conversation_id
    chat.clock.advance(IngestionLimits().reopen_window_s - 1)
    assert await chat.say("Сколько стоит Мой онлайн") == ["Ответ: tariff_price"]
    assert chat.conversation_id == first
    assert chat.conversation()[0] == "bot"
    with sqlite3.connect(database.path) as conn:
        status = conn.execute("SELECT status FROM conversations WHERE id = ?", (first,)).fetchone()
    assert status == ("open",)


async def test_thanks_with_a_further_question_is_not_a_goodbye(database: SqliteDatabase) -> None:
    chat = Chat(database, Classifier())
    await chat.say("Сколько стоит Мой онлайн")
    replies = await chat.say("Спасибо, а где офис?")
    assert replies and "помочь" not in replies[0]


async def test_a_quiet_customer_s_conversation_is_closed_by_the_bot(
    database: SqliteDatabase,
) -> None:
    chat = Chat(database, Classifier())
    await chat.say("Сколько стоит Мой онлайн")
    assert await chat.stage.close_quiet() == 0
    chat.clock.advance(BotThresholds().resolve_quiet_after_s + 1)
    assert await chat.stage.close_quiet() == 1
    assert await chat.stage.close_quiet() == 0
