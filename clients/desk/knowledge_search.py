"""The knowledge base's answers, searchable by the operator while they write a reply.

The web app reads the intents (with their answers) from the router and keeps them for a
minute: a search runs on every few keystrokes, and the knowledge base changes rarely. Search
is by word prefixes, case- and ё-insensitive, over the intent's name, title and answer text:
what an operator types is a fragment ("роум", "тариф безлим"), not a sentence.
"""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from router.v1 import knowledge_pb2

REFRESH_SECONDS = 60.0
_WORD = re.compile(r"\w+")


class IntentSource(Protocol):
    async def intents(self) -> list[knowledge_pb2.Intent]: ...


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold().replace("ё", "е"))


@dataclass(frozen=True, slots=True)
class _Answer:
    intent: str
    display_name: str
    language: str
    text: str
    words: frozenset[str]
    title_words: frozenset[str]


class Answers:
    """One snapshot of the knowledge base's answers."""

    def __init__(self, intents: list[knowledge_pb2.Intent]) -> None:
        self._intents = sorted(intents, key=lambda i: i.name)
        self._answers = [
            _Answer(
                intent.name,
                intent.display_name,
                answer.language,
                answer.text,
                frozenset(_words(f"{intent.name} {intent.display_name} {answer.text}")),
                frozenset(_words(f"{intent.name} {intent.display_name}")),
            )
            for intent in self._intents
            for answer in intent.answers
            if answer.text
        ]

    def intent_list(self) -> list[dict[str, str]]:
        return [{"name": i.name, "display_name": i.display_name} for i in self._intents]

    def search(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        """Answers holding a word that starts with each word of the query, best first:
        the query's words in the intent's title, then matched whole, then by name."""
        wanted = _words(query)
        if not wanted:
            return []
        ranked: list[tuple[int, int, str, _Answer]] = []
        for answer in self._answers:
            if all(any(w.startswith(word) for w in answer.words) for word in wanted):
                in_title = sum(
                    any(w.startswith(word) for w in answer.title_words) for word in wanted
                )
                whole = sum(word in answer.words for word in wanted)
                ranked.append((-in_title, -whole, answer.intent, answer))
        ranked.sort(key=lambda r: r[:3])
        return [
            {
                "intent": a.intent,
                "display_name": a.display_name,
                "language": a.language,
                "text": a.text,
            }
            for *_, a in ranked[:limit]
        ]


class AnswerIndex:
    """The current `Answers`, read again from the router when older than `refresh_seconds`."""

    def __init__(
        self,
        refresh_seconds: float = REFRESH_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._refresh = refresh_seconds
        self._clock = clock
        self._answers: Answers | None = None
        self._read_at = 0.0
        self._lock = asyncio.Lock()

    async def current(self, source: IntentSource) -> Answers:
        async with self._lock:  # one read for a burst of keystrokes from many operators
            if self._answers is None or self._clock() - self._read_at >= self._refresh:
                self._answers = Answers(await source.intents())
                self._read_at = self._clock()
            return self._answers
