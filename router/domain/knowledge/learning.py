"""Learning from operators: a resolved conversation's label becomes a training example.

Which text: the customer's first inbound message of the conversation that is not a bare
request for a person. That is the message the customer opened the request with — what a
new customer will write again — and the one the bot classified first; a later message
(«позовите оператора», "thanks") says little about the intent. Nothing records which
message the bot's last guess came from, and guessing at it would teach the matcher the
hand-off phrase instead.

Learned examples train at once (the bot should stop misrouting the next customer today)
and each is kept as a review item, `pending` until a supervisor approves it or rejects
it; rejecting removes the example from its intent, so the next training forgets it.

An example is skipped when its normalized text is already an example of any intent (a
duplicate teaches nothing; a clash with a curated example is the admins' to settle), when
the label's intent no longer exists, or when the text does not fit an example's limits.
"""

from __future__ import annotations

import dataclasses
import enum
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from router.domain.bot.human_request import asks_for_a_person
from router.domain.bot.language import language_of
from router.domain.clock import Clock
from router.domain.knowledge.base import KnowledgeBase
from router.domain.knowledge.intents import Example, ExampleSource
from router.domain.knowledge.names import MAX_EXAMPLE_CHARS

_SPACES = re.compile(r"\s+")
_EDGE_PUNCTUATION = " \t.,!?;:…«»\"'()"


class ReviewStatus(enum.Enum):
    PENDING = "pending"  # training already; a supervisor has not looked at it yet
    APPROVED = "approved"
    REJECTED = "rejected"  # removed from its intent


@dataclass(frozen=True, slots=True)
class CustomerMessage:
    text: str
    locale: str


@dataclass(frozen=True, slots=True)
class LabelledConversation:
    """A resolution label to learn from, with the customer's inbound messages in order."""

    conversation_id: str
    intent: str
    operator_id: str
    bot_intent: str  # what the bot guessed last, "" if nothing
    messages: tuple[CustomerMessage, ...]

    @property
    def corrects_bot(self) -> bool:
        return bool(self.bot_intent) and self.bot_intent != self.intent


@dataclass(frozen=True, slots=True)
class LearnedExample:
    conversation_id: str
    intent: str
    text: str
    language: str
    operator_id: str
    bot_intent: str
    corrects_bot: bool
    status: ReviewStatus = ReviewStatus.PENDING
    learned_at: float = 0.0
    reviewed_by: str = ""
    reviewed_at: float | None = None


def normalized(text: str) -> str:
    """The text as duplicates are compared: NFKC, case folded, ё as е, single spaces,
    without punctuation at the edges."""
    folded = unicodedata.normalize("NFKC", text).casefold().replace("ё", "е")
    return _SPACES.sub(" ", folded).strip(_EDGE_PUNCTUATION)


def learning_text(messages: Sequence[CustomerMessage]) -> CustomerMessage | None:
    """The message to learn from (see the module's docstring), or None."""
    for message in messages:
        if message.text.strip() and not asks_for_a_person(message.text):
            return message
    return None


def learn(
    kb: KnowledgeBase, conversations: Sequence[LabelledConversation], now: float
) -> tuple[KnowledgeBase, list[LearnedExample]]:
    """`kb` with an OPERATOR_RESOLUTION example per conversation that teaches something
    new, and those examples as review items."""
    known = {normalized(e.text) for intent in kb.intents for e in intent.examples}
    added: dict[str, list[Example]] = {}
    learned: list[LearnedExample] = []
    for conversation in conversations:
        message = learning_text(conversation.messages)
        if kb.intent(conversation.intent) is None or message is None:
            continue
        text = message.text.strip()
        key = normalized(text)
        if not key or key in known or len(text) > MAX_EXAMPLE_CHARS:
            continue
        known.add(key)
        language = language_of(text, message.locale)
        example = Example(
            text, language, ExampleSource.OPERATOR_RESOLUTION, conversation.conversation_id
        )
        added.setdefault(conversation.intent, []).append(example)
        learned.append(
            LearnedExample(
                conversation_id=conversation.conversation_id,
                intent=conversation.intent,
                text=text,
                language=language,
                operator_id=conversation.operator_id,
                bot_intent=conversation.bot_intent,
                corrects_bot=conversation.corrects_bot,
                learned_at=now,
            )
        )
    if not added:
        return kb, learned
    changed = []
    for name, examples in added.items():
        intent = kb.intent(name)
        assert intent is not None
        changed.append(dataclasses.replace(intent, examples=intent.examples + tuple(examples)))
    return kb.with_intents(changed), learned


def unlearn(kb: KnowledgeBase, learned: LearnedExample) -> KnowledgeBase:
    """`kb` without the example learned from `learned.conversation_id` (if still there)."""
    intent = kb.intent(learned.intent)
    if intent is None:
        return kb
    kept = tuple(
        e
        for e in intent.examples
        if not (
            e.source is ExampleSource.OPERATOR_RESOLUTION
            and e.conversation_id == learned.conversation_id
        )
    )
    if len(kept) == len(intent.examples):
        return kb
    return kb.with_intents([dataclasses.replace(intent, examples=kept)])


class LearningStore(Protocol):
    async def learn_from_new_labels(
        self, now: float, limit: int
    ) -> tuple[int, list[LearnedExample]]:
        """Applies `learn` to up to `limit` labels recorded since the last call, moving
        the cursor past them in the same transaction as the knowledge-base update; how
        many labels it read, and the examples added."""
        ...

    async def learned(self, status: ReviewStatus | None, limit: int) -> list[LearnedExample]:
        """Review items, newest first; all statuses when `status` is None."""
        ...

    async def review(
        self, conversation_id: str, approve: bool, reviewer: str, now: float
    ) -> LearnedExample:
        """Approves or rejects (removing the example) one item; NotFoundError if none."""
        ...


class Learning:
    """Turns operators' labels into training examples and lets supervisors review them."""

    def __init__(self, store: LearningStore, clock: Clock, *, batch: int = 100) -> None:
        self._store = store
        self._clock = clock
        self._batch = batch

    async def apply_new_labels(self) -> list[LearnedExample]:
        """Learns from every label recorded since the last call; the examples added."""
        learned: list[LearnedExample] = []
        while True:
            read, page = await self._store.learn_from_new_labels(self._clock.now(), self._batch)
            learned.extend(page)
            if read < self._batch:
                return learned

    async def pending_review(self, limit: int = 100) -> list[LearnedExample]:
        return await self._store.learned(ReviewStatus.PENDING, limit)

    async def approve(self, conversation_id: str, reviewer: str) -> LearnedExample:
        return await self._store.review(conversation_id, True, reviewer, self._clock.now())

    async def reject(self, conversation_id: str, reviewer: str) -> LearnedExample:
        return await self._store.review(conversation_id, False, reviewer, self._clock.now())
