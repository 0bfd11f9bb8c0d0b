"""The bot stage: reads customer messages in order and takes one bot turn for each.

It runs beside ingestion, not inside it, so acknowledging a message never waits for the
bot. Its position is a cursor in the event log, moved in the same transaction as the turn's
effects: after a crash the unfinished turn is taken again, and a finished one never twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from dataclasses import replace

from router.domain.bot.classification import Candidate, Classification
from router.domain.bot.human_request import says_thanks
from router.domain.bot.language import language_of
from router.domain.bot.policy import (
    Answer,
    Answers,
    AskEntity,
    BotThresholds,
    Clarify,
    Decision,
    HandOff,
    HandoffReason,
    Rephrase,
    decide,
)
from router.domain.bot.ports import (
    BotStageStore,
    BotTurn,
    Classifier,
    InboundTurn,
    PendingQuestion,
)
from router.domain.clock import Clock
from router.domain.delivery.messages import AuthorRole, OutboundMessage, QuickReply
from router.domain.delivery.signal import ChannelSignal
from router.domain.ids import IdFactory

log = logging.getLogger(__name__)

CONSUMER = "bot"
BOT_NAME = {"ru": "Бот", "en": "Bot"}
_GOODBYE = {
    "ru": "Рад был помочь! Если появятся вопросы — пишите.",
    "en": "Glad I could help! Write any time you have a question.",
}
_HANDOFF_NOTICE = {
    "ru": "Передаю ваш вопрос оператору, он ответит здесь же.",
    "en": "I'm passing your question to an operator, who will answer here.",
}


class BotStage:
    def __init__(
        self,
        store: BotStageStore,
        classifier: Callable[[], Classifier | None],
        answers: Callable[[], Answers | None],
        clock: Clock,
        ids: IdFactory,
        deliveries: ChannelSignal,
        thresholds: BotThresholds,
        *,
        batch: int = 64,
        poll_seconds: float = 1.0,
        on_handoff: Callable[[], None] = lambda: None,
    ) -> None:
        # Providers, not instances: the model and the knowledge base are swapped whole
        # when they change, and each turn uses the ones current at its start.
        self._store = store
        self._classifier = classifier
        self._answers = answers
        self._clock = clock
        self._ids = ids
        self._deliveries = deliveries
        self._thresholds = thresholds
        self._batch = batch
        self._poll_seconds = poll_seconds
        self._wake = asyncio.Event()
        self._on_handoff = on_handoff

    def wake(self) -> None:
        """Tells the stage that new messages are stored; cheap, callable from any task."""
        self._wake.set()

    async def run_once(self) -> int:
        """Takes the turns that are waiting; returns how many events it consumed."""
        turns = await self._store.next_inbound(CONSUMER, self._batch)
        for turn in turns:
            await self._take(turn)
        return len(turns)

    async def _close_with_thanks(self, turn: InboundTurn, language: str) -> None:
        name = BOT_NAME.get(language, "Bot")
        goodbye = _GOODBYE.get(language, _GOODBYE["en"])
        closing = BotTurn(
            turn.event_seq,
            turn.conversation_id,
            OutboundMessage(turn.conversation_id, AuthorRole.BOT, goodbye, name),
            0,
            turn.pending.answered if turn.pending else "",
            1.0,
            resolve=True,
        )
        delivery = await self._store.apply_turn(
            CONSUMER, closing, self._ids.new("msg"), self._ids.new("dlv"), self._clock.now()
        )
        if delivery is not None:
            self._deliveries.notify(delivery.channel)

    async def close_quiet(self) -> int:
        """Resolves the bot's conversations in which the customer has gone quiet."""
        now = self._clock.now()
        return await self._store.resolve_quiet(now - self._thresholds.resolve_quiet_after_s, now)

    async def run(self, stop: asyncio.Event) -> None:
        last_quiet_check = float("-inf")
        while not stop.is_set():
            # Cleared before the work, so a wake-up that lands during it is kept.
            self._wake.clear()
            try:
                if self._clock.monotonic() - last_quiet_check >= 30.0:
                    last_quiet_check = self._clock.monotonic()
                    await self.close_quiet()
                if await self.run_once():
                    continue
            except Exception:
                # A failing turn must not stop the stage for everyone; the event stays
                # unconsumed and is tried again on the next pass.
                log.exception("bot stage pass failed")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self._poll_seconds)

    async def _take(self, turn: InboundTurn) -> None:
        if turn.stage != "bot":
            await self._store.skip(CONSUMER, turn.event_seq)  # operators handle it now
            return
        classifier, answers = self._classifier(), self._answers()
        language = language_of(turn.text, turn.locale)
        if turn.pending is not None and turn.pending.answered and says_thanks(turn.text):
            await self._close_with_thanks(turn, language)
            return
        decision: Decision
        if classifier is None or answers is None:
            # No model yet: a person answers rather than nobody.
            classification = Classification(())
            decision = HandOff(HandoffReason.NO_ANSWER)
        elif not turn.text.strip():
            # Only attachments: the bot cannot read them.
            classification = Classification(())
            decision = HandOff(HandoffReason.UNSUPPORTED_CONTENT)
        else:
            classification = _in_light_of(turn.pending, turn.text, classifier.classify(turn.text))
            decision = decide(
                turn.text,
                classification,
                answers,
                language=language,
                unhelpful_turns_so_far=turn.unhelpful_turns,
                thresholds=self._thresholds,
            )
        bot_turn = _turn_for(turn, decision, classification, language)
        delivery = await self._store.apply_turn(
            CONSUMER, bot_turn, self._ids.new("msg"), self._ids.new("dlv"), self._clock.now()
        )
        if delivery is not None:
            self._deliveries.notify(delivery.channel)
        if bot_turn.handoff is not None:
            self._on_handoff()
        log.debug(
            "bot turn",
            extra={
                "conversation_id": turn.conversation_id,
                "decision": type(decision).__name__,
                "intent": bot_turn.intent,
                "confidence": round(bot_turn.confidence, 3),
            },
        )


def _in_light_of(
    pending: PendingQuestion | None, text: str, classification: Classification
) -> Classification:
    """A reply to the bot's own question decides the intent: a tapped choice, or the
    entity the bot asked for (the rest of the classification stays as it was)."""
    if pending is None:
        return classification
    chosen = text.strip().casefold()
    for title, intent in pending.options:
        if chosen in (title.casefold(), intent.casefold()):
            return replace(classification, candidates=(Candidate(intent, 1.0),), out_of_scope=False)
    if pending.intent and pending.catalog in classification.entity_values():
        return replace(
            classification, candidates=(Candidate(pending.intent, 1.0),), out_of_scope=False
        )
    return classification


def _turn_for(
    turn: InboundTurn, decision: Decision, classification: Classification, language: str
) -> BotTurn:
    top = classification.top
    intent, confidence = (top.intent, top.confidence) if top else ("", 0.0)
    name = BOT_NAME.get(language, "Bot")

    def reply(text: str, quick: tuple[QuickReply, ...] = ()) -> OutboundMessage:
        return OutboundMessage(turn.conversation_id, AuthorRole.BOT, text, name, quick)

    match decision:
        case Answer(intent=answered, text=text):
            return BotTurn(
                turn.event_seq,
                turn.conversation_id,
                reply(text),
                0,
                intent,
                confidence,
                pending=PendingQuestion(answered=answered),
            )
        case Clarify(question=question, options=options):
            # The button sends its title back as an ordinary message; the pending question
            # maps it to the intent again.
            quick = tuple(QuickReply(title, title) for title, _ in options)
            return BotTurn(
                turn.event_seq,
                turn.conversation_id,
                reply(question, quick),
                turn.unhelpful_turns + 1,
                intent,
                confidence,
                pending=PendingQuestion(options=options),
            )
        case AskEntity(intent=wanted, catalog=catalog, question=question):
            return BotTurn(
                turn.event_seq,
                turn.conversation_id,
                reply(question),
                turn.unhelpful_turns + 1,
                intent,
                confidence,
                pending=PendingQuestion(intent=wanted, catalog=catalog),
            )
        case Rephrase(text=question):
            return BotTurn(
                turn.event_seq,
                turn.conversation_id,
                reply(question),
                turn.unhelpful_turns + 1,
                intent,
                confidence,
            )
        case HandOff(reason=reason, entities=entities):
            notice = _HANDOFF_NOTICE.get(language, _HANDOFF_NOTICE["en"])
            return BotTurn(
                turn.event_seq,
                turn.conversation_id,
                reply(notice),
                0,
                intent,
                confidence,
                handoff=reason,
                language=language,
                entities=entities or classification.entity_values(),
            )
    raise AssertionError(f"unhandled decision {decision!r}")
