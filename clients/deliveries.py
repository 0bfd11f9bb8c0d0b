"""The delivery consumer: a channel's outbound messages, acknowledged one by one, resumed
from the last acknowledged cursor after any reconnect.

Deliveries come at least once (DESIGN.md, invariant 4), so a delivery id that was already
acknowledged on this stream is acknowledged again and not handed out a second time.
"""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict
from collections.abc import AsyncGenerator, Callable
from typing import TYPE_CHECKING, Any

import grpc
from grpc import aio

from clients.errors import from_rpc_error
from router.v1 import common_pb2, ingress_pb2

if TYPE_CHECKING:
    from clients.router_client import RouterClient

log = logging.getLogger(__name__)

# Enough to cover the router's flow-control window (max_unacked ≤ 1000) several times.
REMEMBERED_ACKS = 4096


class DeliveryStream:
    def __init__(
        self,
        client: RouterClient,
        open_stream: Callable[..., Any],
        channel: common_pb2.Channel,
        *,
        cursor: str,
        max_unacked: int,
        stream_seconds: float,
    ) -> None:
        self._client = client
        self._open_stream = open_stream
        self.channel = channel
        self.cursor = cursor
        self._max_unacked = max_unacked
        # A stream is a call too and gets a deadline; when it passes, the stream is simply
        # reopened from the cursor, which also bounds how long a half-dead connection lingers.
        self._stream_seconds = stream_seconds
        self._acked: OrderedDict[str, ingress_pb2.DeliveryAck] = OrderedDict()

    def __aiter__(self) -> AsyncGenerator[ingress_pb2.Delivery, None]:
        return self._run()

    async def ack(
        self,
        delivery: ingress_pb2.Delivery,
        outcome: ingress_pb2.DeliveryOutcome = ingress_pb2.DELIVERY_OUTCOME_SENT,
        *,
        external_id: str = "",
        error_message: str = "",
    ) -> None:
        """Tells the router the delivery was handed to the channel (or refused for good);
        from then on a reconnect resumes after it."""
        ack = ingress_pb2.DeliveryAck(
            delivery_id=delivery.delivery_id,
            outcome=outcome,
            external_id=external_id,
            error_message=error_message[:1024],
        )
        await self._client.ack_deliveries(self.channel, [ack])
        self._remember(ack)
        self.cursor = delivery.cursor

    def _remember(self, ack: ingress_pb2.DeliveryAck) -> None:
        self._acked[ack.delivery_id] = ack
        self._acked.move_to_end(ack.delivery_id)
        while len(self._acked) > REMEMBERED_ACKS:
            self._acked.popitem(last=False)

    async def _run(self) -> AsyncGenerator[ingress_pb2.Delivery, None]:
        policy = self._client.settings.retry
        delays = policy.delays()
        while True:
            request = ingress_pb2.StreamDeliveriesRequest(
                channel=self.channel, cursor=self.cursor, max_unacked=self._max_unacked
            )
            call = self._open_stream(
                request, timeout=self._stream_seconds, metadata=self._client.metadata
            )
            try:
                async for delivery in call:
                    delays = policy.delays()  # the router is back: a new outage starts afresh
                    repeat = self._acked.get(delivery.delivery_id)
                    if repeat is not None:
                        await self._client.ack_deliveries(self.channel, [repeat])
                        self.cursor = delivery.cursor
                        continue
                    yield delivery
                # The router ended the stream (e.g. shutting down): reopen after a pause.
                await asyncio.sleep(next(delays, policy.max_backoff))
            except aio.AioRpcError as error:
                typed = from_rpc_error(error)
                delay = next(delays, None)
                if error.code() is grpc.StatusCode.DEADLINE_EXCEEDED:
                    delay = 0.0  # the stream's own deadline: reopen at once
                elif not isinstance(typed, ConnectionError) or delay is None:
                    raise typed from error
                log.warning(
                    "delivery stream broke, resuming from cursor",
                    extra={"code": error.code().name, "cursor": self.cursor},
                )
                await asyncio.sleep(delay)
            finally:
                call.cancel()
