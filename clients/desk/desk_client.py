"""`DeskClient`: one operator's calls to the router, as that operator (bearer token).

The operators' web app makes one per signed-in operator. Every call has a deadline; only
reads are retried (the desk's writes are idempotent on the router, but an operator who
clicked "accept" wants to know at once that the router is away, not after ten seconds).
Failures arrive as the typed errors of `clients.errors`.
"""

from __future__ import annotations

import random
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime
from typing import Any, TypeVar

from grpc import aio

from clients.backoff import RetryPolicy
from clients.errors import from_rpc_error
from clients.router_client import call_with_retries
from router.v1 import (
    common_pb2,
    conversation_pb2,
    directory_pb2,
    directory_pb2_grpc,
    knowledge_pb2,
    knowledge_pb2_grpc,
    operator_desk_pb2,
    operator_desk_pb2_grpc,
    stats_pb2,
    stats_pb2_grpc,
)

Response = TypeVar("Response")

# Reads retry briefly (a page that waits longer should say the router is away), within about
# one call's deadline so the first attempt keeps all of it.
READ_RETRY = RetryPolicy(max_attempts=3, initial_backoff=0.1, max_backoff=0.5, total_seconds=6.0)


class DeskClient:
    """The gRPC stubs an operator's desk needs, sharing one channel to the router."""

    def __init__(self, channel: aio.Channel, token: str, *, deadline_seconds: float = 5.0) -> None:
        self._metadata = (("authorization", f"Bearer {token}"),)
        self._deadline = deadline_seconds
        self._desk: Any = operator_desk_pb2_grpc.OperatorDeskStub(channel)  # type: ignore[no-untyped-call]
        self._directory: Any = directory_pb2_grpc.DirectoryStub(channel)  # type: ignore[no-untyped-call]
        self._knowledge: Any = knowledge_pb2_grpc.KnowledgeStub(channel)  # type: ignore[no-untyped-call]
        self._stats: Any = stats_pb2_grpc.StatsStub(channel)  # type: ignore[no-untyped-call]
        self._rng = random.Random()

    # --- the session -----------------------------------------------------------------

    async def me(self) -> directory_pb2.Operator:
        """The operator the token names (UNAUTHENTICATED for a token the router refuses)."""
        return await self._read(self._directory.GetOperator, directory_pb2.GetOperatorRequest())

    async def events(
        self, cursor: str, *, initial_available: bool = False
    ) -> AsyncIterator[operator_desk_pb2.DeskEvent]:
        """The operator's desk session from `cursor`; ends or raises when the router goes.
        With `initial_available` the operator becomes AVAILABLE as the session opens."""
        request = operator_desk_pb2.StreamEventsRequest(
            cursor=cursor,
            initial_status=(
                common_pb2.OPERATOR_STATUS_AVAILABLE
                if initial_available
                else common_pb2.OPERATOR_STATUS_UNSPECIFIED
            ),
        )
        call = self._desk.StreamEvents(request, metadata=self._metadata)
        try:
            async for event in call:
                yield event
        except aio.AioRpcError as error:
            raise from_rpc_error(error) from error
        finally:
            call.cancel()

    async def heartbeat(self, session_id: str) -> None:
        await self._write(
            self._desk.Heartbeat, operator_desk_pb2.HeartbeatRequest(session_id=session_id)
        )

    async def set_status(self, status: common_pb2.OperatorStatus) -> directory_pb2.Operator:
        reply = await self._write(
            self._desk.SetOperatorStatus, operator_desk_pb2.SetOperatorStatusRequest(status=status)
        )
        return reply.operator  # type: ignore[no-any-return]

    # --- conversations ---------------------------------------------------------------

    async def held_conversations(self, operator_id: str) -> list[Any]:
        """The conversations the operator holds (ASSIGNED to them), newest activity first:
        their inbox. Offered ones are offers, and a supervisor's listing would hold
        everyone's."""
        reply = await self._read(
            self._desk.ListConversations,
            operator_desk_pb2.ListConversationsRequest(
                page_size=200,
                operator_id=operator_id,
                state=conversation_pb2.CONVERSATION_STATE_ASSIGNED,
            ),
        )
        return list(reply.conversations)

    async def conversation(self, conversation_id: str) -> operator_desk_pb2.GetConversationResponse:
        return await self._read(
            self._desk.GetConversation,
            operator_desk_pb2.GetConversationRequest(
                conversation_id=conversation_id, history_page_size=100
            ),
        )

    async def accept(self, offer_id: str) -> Any:
        reply = await self._write(
            self._desk.AcceptOffer, operator_desk_pb2.AcceptOfferRequest(offer_id=offer_id)
        )
        return reply.conversation

    async def decline(self, offer_id: str, reason: str) -> None:
        await self._write(
            self._desk.DeclineOffer,
            operator_desk_pb2.DeclineOfferRequest(offer_id=offer_id, reason=reason),
        )

    async def reply(
        self, conversation_id: str, text: str, client_message_id: str
    ) -> operator_desk_pb2.SendReplyResponse:
        return await self._write(
            self._desk.SendReply,
            operator_desk_pb2.SendReplyRequest(
                conversation_id=conversation_id, client_message_id=client_message_id, text=text
            ),
        )

    async def transfer(self, conversation_id: str, kind: str, target: str, note: str) -> Any:
        request = operator_desk_pb2.TransferConversationRequest(
            conversation_id=conversation_id, note=note, **{kind: target}
        )
        reply = await self._write(self._desk.TransferConversation, request)
        return reply.conversation

    async def resolve(
        self, conversation_id: str, intent: str, note: str, exclude_from_training: bool
    ) -> operator_desk_pb2.ResolveConversationResponse:
        return await self._write(
            self._desk.ResolveConversation,
            operator_desk_pb2.ResolveConversationRequest(
                conversation_id=conversation_id,
                intent=intent,
                note=note,
                exclude_from_training=exclude_from_training,
            ),
        )

    # --- reference data --------------------------------------------------------------

    async def operators(self) -> list[directory_pb2.Operator]:
        reply = await self._read(
            self._directory.ListOperators, directory_pb2.ListOperatorsRequest(page_size=500)
        )
        return list(reply.operators)

    async def teams(self) -> list[directory_pb2.Team]:
        reply = await self._read(self._directory.ListTeams, directory_pb2.ListTeamsRequest())
        return list(reply.teams)

    async def skills(self) -> list[directory_pb2.Skill]:
        reply = await self._read(self._directory.ListSkills, directory_pb2.ListSkillsRequest())
        return list(reply.skills)

    async def intents(self) -> list[knowledge_pb2.Intent]:
        """Every intent with its answers (no examples), in pages of a thousand."""
        found: list[knowledge_pb2.Intent] = []
        token = ""
        while True:
            reply = await self._read(
                self._knowledge.ListIntents,
                knowledge_pb2.ListIntentsRequest(page_size=1000, page_token=token),
            )
            found.extend(reply.intents)
            token = reply.next_page_token
            if not token:
                return found

    # --- supervisors -----------------------------------------------------------------

    async def queue_stats(self, since: datetime) -> stats_pb2.GetQueueStatsResponse:
        return await self._read(
            self._stats.GetQueueStats, stats_pb2.GetQueueStatsRequest(window=_window(since))
        )

    async def operator_stats(self) -> stats_pb2.GetOperatorStatsResponse:
        return await self._read(self._stats.GetOperatorStats, stats_pb2.GetOperatorStatsRequest())

    async def self_service_stats(self, since: datetime) -> stats_pb2.GetSelfServiceStatsResponse:
        return await self._read(
            self._stats.GetSelfServiceStats,
            stats_pb2.GetSelfServiceStatsRequest(window=_window(since)),
        )

    # --- calls -----------------------------------------------------------------------

    async def _write(self, method: Callable[..., Awaitable[Response]], request: Any) -> Response:
        try:
            return await method(request, timeout=self._deadline, metadata=self._metadata)
        except aio.AioRpcError as error:
            raise from_rpc_error(error) from error

    async def _read(self, method: Callable[..., Awaitable[Response]], request: Any) -> Response:
        return await call_with_retries(
            method,
            request,
            name=type(request).__name__,
            metadata=self._metadata,
            deadline_seconds=self._deadline,
            policy=READ_RETRY,
            rng=self._rng,
        )


def _window(since: datetime) -> stats_pb2.TimeWindow:
    window = stats_pb2.TimeWindow()
    window.start_time.FromDatetime(since.astimezone(UTC))
    window.end_time.FromDatetime(datetime.now(UTC))
    return window
