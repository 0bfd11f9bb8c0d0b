"""Searching the knowledge base's answers by word prefixes, and the minute-long cache."""

from __future__ import annotations

from clients.desk.knowledge_search import AnswerIndex, Answers
from router.v1 import knowledge_pb2 as K


def intent(name: str, title: str, *answers: str) -> K.Intent:
    return K.Intent(
        name=name,
        display_name=title,
        answers=[K.AnswerTemplate(language="ru", text=a) for a in answers],
    )


KB = [
    intent("greeting", "Приветствие", "Здравствуйте! Спросите про роуминг или тарифы."),
    intent("roaming.enable", "Подключить роуминг", "Роуминг включается командой *100#."),
    intent("tariff.price", "Цена тарифа", "Тариф «Мой онлайн» стоит 500 ₽ в месяц."),
    intent("operator_only", "Без ответа"),
]


def test_every_query_word_must_start_some_word_and_titles_rank_first() -> None:
    answers = Answers(KB)
    found = answers.search("роум")
    assert [a["intent"] for a in found] == ["roaming.enable", "greeting"]
    assert found[0]["text"] == "Роуминг включается командой *100#."
    assert [a["intent"] for a in answers.search("ТАРИФ онлайн")] == ["tariff.price"]
    assert answers.search("ёлка") == answers.search("елка") == []
    assert answers.search("  ") == []
    assert len(answers.search("т")) == 2 and len(answers.search("т", limit=1)) == 1


def test_intents_are_listed_by_name_even_without_answers() -> None:
    assert [i["name"] for i in Answers(KB).intent_list()] == [
        "greeting",
        "operator_only",
        "roaming.enable",
        "tariff.price",
    ]


class Source:
    def __init__(self) -> None:
        self.reads = 0

    async def intents(self) -> list[K.Intent]:
        self.reads += 1
        return KB[: self.reads]


async def test_the_index_reads_the_router_again_only_when_stale() -> None:
    now = [0.0]
    index = AnswerIndex(refresh_seconds=60, clock=lambda: now[0])
    source = Source()
    first = await index.current(source)
    assert await index.current(source) is first and source.reads == 1
    now[0] = 61
    second = await index.current(source)
    assert source.reads == 2 and len(second.intent_list()) == 2
