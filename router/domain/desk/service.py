"""The operators' desk: the rules behind every OperatorDesk call except the event stream.

The caller always arrives authenticated (a `Caller` from the directory). Engine errors are
translated here into the domain errors the transport maps to statuses, so the transport
needs to know nothing about the engine.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from router.domain.assignment import (
    AssignmentEngine,
    AssignmentEvent,
    CapacityExceeded,
    ConversationState,
    EventKind,
    InvalidTransition,
    NotEligible,
    OfferNotFound,
    OperatorStatus,
    UnknownConversation,
    UnknownOperator,
    UnknownPolicy,
)
from router.domain.clock import Clock
from router.domain.delivery.messages import AuthorRole, OutboundMessage, QuickReply
from router.domain.delivery.signal import ChannelSignal
from router.domain.desk.access import can_see, require_holder, require_visible
from router.domain.desk.ports import DeskStore
from router.domain.desk.settings import DeskSettings
from router.domain.desk.views import (
    ConversationRecord,
    CustomerView,
    DeskConversation,
    DeskState,
    HistoryPage,
    MessageView,
    ResolutionLabel,
)
from router.domain.directory import Caller, Directory, OperatorView, Role
from router.domain.errors import (
    FailedPreconditionError,
    InvalidArgumentError,
    NotFoundError,
    PermissionDeniedError,
    ResourceExhaustedError,
)
from router.domain.ids import IdFactory
from router.domain.ingestion.messages import Attachment

EventsAfter = Callable[[int, int], Sequence[AssignmentEvent]]
INTENT = re.compile(r"[A-Za-z0-9._:-]{1,128}")
MAX_NOTE = 2048
ACTIVE = (DeskState.QUEUED, DeskState.OFFERED, DeskState.ASSIGNED)
_LIVE_STATES = {
    ConversationState.QUEUED: DeskState.QUEUED,
    ConversationState.OFFERED: DeskState.OFFERED,
    ConversationState.ASSIGNED: DeskState.ASSIGNED,
    ConversationState.RESOLVED: DeskState.RESOLVED,
}


@contextmanager
def engine_errors() -> Iterator[None]:
    """The engine's errors as the domain errors every caller understands."""
    try:
        yield
    except (UnknownConversation, UnknownOperator) as error:
        raise NotFoundError(f"{type(error).__name__}: {error}") from error
    except UnknownPolicy as error:
        raise InvalidArgumentError("policy", f"unknown routing policy {error}") from error
    except CapacityExceeded as error:
        raise ResourceExhaustedError(str(error)) from error
    except NotEligible as error:
        raise FailedPreconditionError(str(error), "NOT_ELIGIBLE") from error
    except InvalidTransition as error:
        raise FailedPreconditionError(str(error), "INVALID_STATE") from error


@dataclass(frozen=True, slots=True)
class Reply:
    text: str
    client_message_id: str
    attachments: tuple[Attachment, ...] = ()
    quick_replies: tuple[QuickReply, ...] = ()


@dataclass(frozen=True, slots=True)
class ConversationFilter:
    state: DeskState | None = None  # None: queued, offered and assigned
    operator_id: str = ""
    customer_id: str = ""
    channel: str = ""
    skill: str = ""
    team: str = ""


@dataclass(frozen=True, slots=True)
class ConversationDetail:
    conversation: DeskConversation
    customer: CustomerView | None
    messages: tuple[MessageView, ...]
    history: HistoryPage


class Desk:
    def __init__(
        self,
        engine: AssignmentEngine,
        events_after: EventsAfter,
        store: DeskStore,
        directory: Directory,
        clock: Clock,
        ids: IdFactory,
        deliveries: ChannelSignal,
        settings: DeskSettings | None = None,
        intent_known: Callable[[str], bool | None] = lambda intent: None,
    ) -> None:
        self.engine = engine
        self.events_after = events_after
        self.store = store
        self.directory = directory
        self.clock = clock
        self.settings = settings or DeskSettings()
        self._ids = ids
        self._deliveries = deliveries
        # Whether the knowledge base knows an intent; None while there is no knowledge base
        # (then any well-formed label is taken).
        self._intent_known = intent_known

    # ----------------------------------------------------------------- reading

    async def compose(self, records: Sequence[ConversationRecord]) -> list[DeskConversation]:
        """Records joined with the engine's live state and any resolution label."""
        labels = await self.store.labels(
            [r.conversation_id for r in records if r.status == "resolved"]
        )
        return [self._compose(record, labels.get(record.conversation_id)) for record in records]

    def _compose(
        self, record: ConversationRecord, label: ResolutionLabel | None
    ) -> DeskConversation:
        try:
            live = self.engine.conversation(record.conversation_id)
        except UnknownConversation:
            live = None
        if live is not None and live.state is not ConversationState.RESOLVED:
            position = wait = None
            if live.state is ConversationState.QUEUED:
                estimate = self.engine.wait_estimate(record.conversation_id)
                position, wait = estimate.position, estimate.estimated_wait_s
            return DeskConversation(record, _LIVE_STATES[live.state], live, label, position, wait)
        if record.status == "resolved" or live is not None:
            return DeskConversation(record, DeskState.RESOLVED, live, label)
        # Handed over but not yet in the engine (the bridge is a moment behind): queued.
        state = DeskState.QUEUED if record.stage == "operator" else DeskState.BOT
        return DeskConversation(record, state, None, label)

    async def conversation(self, conversation_id: str) -> DeskConversation:
        records = await self.store.conversations([conversation_id])
        if not records:
            raise NotFoundError(f"conversation {conversation_id} not found")
        return (await self.compose(records))[0]

    async def visible_conversation(self, caller: Caller, conversation_id: str) -> DeskConversation:
        if not conversation_id:
            raise InvalidArgumentError("conversation_id", "required")
        conversation = await self.conversation(conversation_id)
        require_visible(caller, conversation)
        return conversation

    async def detail(
        self, caller: Caller, conversation_id: str, history_size: int, before_seq: int | None
    ) -> ConversationDetail:
        if not 0 <= history_size <= 500:
            raise InvalidArgumentError("history_page_size", "must be within 0..500")
        conversation = await self.visible_conversation(caller, conversation_id)
        record = conversation.record
        customer = await self.store.customer(record.customer_id)
        messages = await self.store.messages(conversation_id)
        history = await self.store.history(
            record.customer_id, conversation_id, before_seq, history_size or 50
        )
        return ConversationDetail(conversation, customer, tuple(messages), history)

    async def list(
        self, caller: Caller, wanted: ConversationFilter, page_size: int, offset: int
    ) -> tuple[list[DeskConversation], int | None]:
        """A page of conversations, newest activity first, and the offset of the next page."""
        if not 0 <= page_size <= 200:
            raise InvalidArgumentError("page_size", "must be within 1..200 (0 means 50)")
        size = page_size or 50
        operator_id = wanted.operator_id
        if not caller.role.covers(Role.SUPERVISOR):
            if operator_id not in ("", caller.operator_id):
                raise PermissionDeniedError("agents list only their own conversations")
            operator_id = caller.operator_id
        if wanted.state in (DeskState.RESOLVED, DeskState.BOT):
            if wanted.state is DeskState.BOT and not caller.role.covers(Role.SUPERVISOR):
                return [], None  # nothing with the bot is offered to anyone
            if wanted.skill or wanted.team:
                return [], None  # routing facts leave the engine with the conversation
            records = await self.store.find_conversations(
                resolved=wanted.state is DeskState.RESOLVED,
                customer_id=wanted.customer_id,
                channel=wanted.channel,
                operator_id=operator_id,
                limit=size + 1,
                offset=offset,
            )
            page = await self.compose(records[:size])
            return page, offset + size if len(records) > size else None
        states = (wanted.state,) if wanted.state is not None else ACTIVE
        ids = [
            c.conversation_id
            for c in self.engine.conversations()
            if _LIVE_STATES[c.state] in states
            and (not operator_id or c.operator_id == operator_id)
            and (not wanted.skill or c.item.primary_skill == wanted.skill)
            and (not wanted.team or c.item.team == wanted.team)
        ]
        records = [
            r
            for r in await self.store.conversations(ids)
            if (not wanted.customer_id or r.customer_id == wanted.customer_id)
            and (not wanted.channel or r.channel == wanted.channel)
        ]
        records.sort(key=lambda r: (-r.last_message_at, r.conversation_id))
        page = [
            c for c in await self.compose(records[offset : offset + size]) if can_see(caller, c)
        ]
        return page, offset + size if len(records) > offset + size else None

    # ----------------------------------------------------------------- offers

    async def accept(self, caller: Caller, offer_id: str) -> DeskConversation:
        if not offer_id:
            raise InvalidArgumentError("offer_id", "required")
        try:
            accepted = self.engine.accept(caller.operator_id, offer_id)
        except (OfferNotFound, UnknownOperator):
            cid = self._explain_closed_offer(caller, offer_id)
            if cid is None:
                raise
            return await self.conversation(cid)  # accepted before: the same answer again
        return await self.conversation(accepted.conversation_id)

    async def decline(self, caller: Caller, offer_id: str) -> None:
        if not offer_id:
            raise InvalidArgumentError("offer_id", "required")
        try:
            self.engine.decline(caller.operator_id, offer_id)
        except (OfferNotFound, UnknownOperator):
            try:
                self._explain_closed_offer(caller, offer_id)
            except FailedPreconditionError:
                return  # it was theirs and is closed already: declining again is a no-op

    def _explain_closed_offer(self, caller: Caller, offer_id: str) -> str | None:
        """Why an offer is not open. Returns the conversation id if the caller accepted it
        already; raises NOT_FOUND if it never was theirs, FAILED_PRECONDITION otherwise."""
        offered = self._offer_event(offer_id)
        if offered is None or offered.operator_id != caller.operator_id:
            raise NotFoundError(f"offer {offer_id} is not an offer to {caller.operator_id}")
        cid = offered.conversation_id or ""
        try:
            live = self.engine.conversation(cid)
        except UnknownConversation:
            live = None
        if (
            live is not None
            and live.state is ConversationState.ASSIGNED
            and live.operator_id == caller.operator_id
            and self._accepted(offered)
        ):
            return cid
        expires_at = offered.data.get("expires_at")
        if isinstance(expires_at, int | float) and self.clock.now() >= expires_at:
            raise FailedPreconditionError(f"offer {offer_id} has expired", "OFFER_EXPIRED")
        raise FailedPreconditionError(f"offer {offer_id} is closed", "OFFER_CLOSED")

    def _offer_event(self, offer_id: str) -> AssignmentEvent | None:
        # Offer ids are "offer-<id of the event that made the offer>".
        number = offer_id.removeprefix("offer-")
        if not number.isdigit():
            return None
        found = self.events_after(int(number) - 1, 1)
        if not found or found[0].kind is not EventKind.OFFERED:
            return None
        event = found[0]
        return event if event.data.get("offer_id") == offer_id else None

    def _accepted(self, offered: AssignmentEvent) -> bool:
        """Whether the offer's next event for its conversation is the caller's accept."""
        after = offered.event_id
        while batch := self.events_after(after, 200):
            for event in batch:
                if event.conversation_id == offered.conversation_id:
                    return (
                        event.kind is EventKind.ACCEPTED
                        and event.operator_id == offered.operator_id
                    )
            after = batch[-1].event_id
        return False

    # ----------------------------------------------------------------- work

    async def reply(
        self, caller: Caller, conversation_id: str, reply: Reply
    ) -> tuple[MessageView, bool]:
        """The stored message, and whether the client message id had been used before."""
        if not reply.client_message_id:
            raise InvalidArgumentError("client_message_id", "required")
        if len(reply.client_message_id) > 64:
            raise InvalidArgumentError("client_message_id", "at most 64 characters")
        if len(reply.text) > self.settings.max_reply_chars:
            raise InvalidArgumentError(
                "text", f"at most {self.settings.max_reply_chars} characters"
            )
        if not reply.text.strip() and not reply.attachments:
            raise InvalidArgumentError("text", "text or at least one attachment is required")
        if len(reply.attachments) > 10:
            raise InvalidArgumentError("attachments", "at most 10")
        if len(reply.quick_replies) > 10:
            raise InvalidArgumentError("quick_replies", "at most 10")
        conversation = await self.visible_conversation(caller, conversation_id)
        require_holder(caller, conversation)
        message = OutboundMessage(
            conversation_id,
            AuthorRole.OPERATOR,
            reply.text,
            author_name=caller.display_name or caller.operator_id,
            quick_replies=reply.quick_replies,
            attachments=reply.attachments,
        )
        stored, delivery = await self.store.record_reply(
            caller.operator_id,
            reply.client_message_id,
            message,
            self._ids.new("msg"),
            self._ids.new("dlv"),
            self.clock.now(),
        )
        if delivery is not None:
            self._deliveries.notify(delivery.channel)
        return stored, delivery is None

    async def transfer(
        self,
        caller: Caller,
        conversation_id: str,
        *,
        to_operator: str = "",
        to_team: str = "",
        to_skill: str = "",
    ) -> DeskConversation:
        targets = [t for t in (to_operator, to_team, to_skill) if t]
        if len(targets) != 1:
            raise InvalidArgumentError("target", "exactly one of operator_id, team, skill")
        conversation = await self.visible_conversation(caller, conversation_id)
        require_holder(caller, conversation, supervisor_may=True)
        if to_operator and to_operator == conversation.operator_id:
            raise InvalidArgumentError("operator_id", "the conversation is theirs already")
        with engine_errors():
            self.engine.transfer(
                conversation_id,
                to_operator=to_operator or None,
                to_team=to_team or None,
                to_skill=to_skill or None,
            )
        return await self.conversation(conversation_id)

    async def resolve(
        self,
        caller: Caller,
        conversation_id: str,
        intent: str,
        note: str = "",
        exclude_from_training: bool = False,
    ) -> tuple[DeskConversation, bool]:
        """The resolved conversation, and whether a training example was recorded."""
        if not INTENT.fullmatch(intent):
            raise InvalidArgumentError("intent", "required: 1..128 characters of [A-Za-z0-9._:-]")
        if self._intent_known(intent) is False:
            raise InvalidArgumentError("intent", f"the knowledge base has no intent {intent!r}")
        if len(note) > MAX_NOTE:
            raise InvalidArgumentError("note", f"at most {MAX_NOTE} characters")
        conversation = await self.visible_conversation(caller, conversation_id)
        if conversation.label is not None:  # resolved before: the same answer again
            return conversation, not conversation.label.exclude_from_training
        require_holder(caller, conversation, supervisor_may=True)
        holder = conversation.operator_id or caller.operator_id
        # The engine first: it is synchronous, so nothing can move the conversation between
        # the check above and this; the label write after it is idempotent.
        with engine_errors():
            self.engine.resolve(conversation_id)
        record = conversation.record
        label = await self.store.record_resolution(
            ResolutionLabel(
                conversation_id=conversation_id,
                operator_id=holder,
                intent=intent,
                bot_intent=record.last_intent,
                bot_confidence=record.last_confidence,
                note=note,
                exclude_from_training=exclude_from_training,
                resolved_at=self.clock.now(),
            )
        )
        return await self.conversation(conversation_id), not label.exclude_from_training

    async def close_idle(self) -> int:
        """Resolves operator conversations idle past the setting; how many it closed.

        Only conversations an operator holds are closed: one still queued or offered is a
        customer waiting for a person, not an idle conversation.
        """
        now = self.clock.now()
        closed = 0
        for conversation_id in await self.store.idle_operator_conversations(
            now - self.settings.idle_resolve_s
        ):
            try:
                state = self.engine.conversation(conversation_id).state
            except LookupError:
                continue
            if state is not ConversationState.ASSIGNED:
                continue
            self.engine.resolve(conversation_id)
            await self.store.close_idle(conversation_id, now)
            closed += 1
        return closed

    async def assign(
        self, caller: Caller, conversation_id: str, operator_id: str
    ) -> DeskConversation:
        caller.require(Role.SUPERVISOR)
        if not conversation_id:
            raise InvalidArgumentError("conversation_id", "required")
        if not operator_id:
            raise InvalidArgumentError("operator_id", "required")
        with engine_errors():
            self.engine.force_assign(conversation_id, operator_id)
        return await self.conversation(conversation_id)

    # ----------------------------------------------------------------- presence

    async def set_status(
        self, caller: Caller, status: OperatorStatus, operator_id: str = ""
    ) -> OperatorView:
        target = operator_id or caller.operator_id
        if target != caller.operator_id:
            caller.require(Role.SUPERVISOR)
        entry = await self.directory.operator(target)
        if entry.disabled and status is not OperatorStatus.OFFLINE:
            raise FailedPreconditionError(f"operator {target} is disabled", "OPERATOR_DISABLED")
        with engine_errors():
            self.engine.set_status(target, status)
        return self.directory.view(entry)
