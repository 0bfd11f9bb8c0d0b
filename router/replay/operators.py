"""A simulated operator: signs in, takes every offer, answers, and resolves after a handle time."""

from __future__ import annotations

import asyncio
import contextlib
import itertools

from grpc import aio

from router.v1 import common_pb2, operator_desk_pb2, operator_desk_pb2_grpc

_replies = itertools.count()


class SimulatedOperator:
    def __init__(self, channel: aio.Channel, token: str, handle_seconds: float) -> None:
        self._desk = operator_desk_pb2_grpc.OperatorDeskStub(channel)  # type: ignore[no-untyped-call]
        self._metadata = (("authorization", f"Bearer {token}"),)
        self._handle_seconds = handle_seconds
        self._work: set[asyncio.Task[None]] = set()
        self.resolved = 0

    async def run(self) -> None:
        stream = self._desk.StreamEvents(
            operator_desk_pb2.StreamEventsRequest(
                initial_status=common_pb2.OPERATOR_STATUS_AVAILABLE
            ),
            metadata=self._metadata,
        )
        try:
            async for event in stream:
                if event.WhichOneof("kind") == "offer":
                    task = asyncio.create_task(self._handle(event.offer))
                    self._work.add(task)
                    task.add_done_callback(self._work.discard)
        finally:
            for task in self._work:
                task.cancel()

    async def _handle(self, offer: operator_desk_pb2.OfferEvent) -> None:
        with contextlib.suppress(aio.AioRpcError):  # an offer that expired first is fine
            await self._desk.AcceptOffer(
                operator_desk_pb2.AcceptOfferRequest(offer_id=offer.offer_id),
                metadata=self._metadata,
                timeout=10,
            )
            conversation_id = offer.conversation.conversation_id
            await asyncio.sleep(self._handle_seconds)
            await self._desk.SendReply(
                operator_desk_pb2.SendReplyRequest(
                    conversation_id=conversation_id,
                    client_message_id=f"replay-{next(_replies)}",
                    text="Здравствуйте! Помогу разобраться.",
                ),
                metadata=self._metadata,
                timeout=10,
            )
            await self._desk.ResolveConversation(
                operator_desk_pb2.ResolveConversationRequest(
                    conversation_id=conversation_id,
                    intent=offer.conversation.handoff.intent or "other",
                    exclude_from_training=True,
                ),
                metadata=self._metadata,
                timeout=10,
            )
            self.resolved += 1
