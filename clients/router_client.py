"""`RouterClient`: the one way a channel client talks to the router (grpc.aio).

Every call carries a deadline and the adapter's API key. Calls the contract makes idempotent
(SendMessage on (channel, external_id), AckDeliveries) are retried with jittered exponential
backoff when the router is unreachable or slow, so a retry can never store a message twice.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from types import TracebackType
from typing import Any, TypeVar

import grpc
from grpc import aio

from clients.backoff import RetryPolicy
from clients.deliveries import DeliveryStream
from clients.errors import from_rpc_error
from clients.settings import ClientSettings
from router.v1 import common_pb2, ingress_pb2, ingress_pb2_grpc

log = logging.getLogger(__name__)

API_KEY_HEADER = "x-api-key"
# Both mean "the request may not have been applied": safe to repeat only because the
# methods retried here are idempotent.
RETRYABLE = frozenset({grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.DEADLINE_EXCEEDED})

Response = TypeVar("Response")


@dataclass(frozen=True, slots=True)
class SendResult:
    """The router's acknowledgement: the message is committed."""

    message_id: str
    conversation_id: str
    customer_id: str
    duplicate: bool  # the same (channel, external_id) had been received before
    received_at: datetime


class RouterClient:
    def __init__(
        self,
        settings: ClientSettings,
        *,
        channel: aio.Channel | None = None,
        rng: random.Random | None = None,
    ) -> None:
        self.settings = settings
        self._owns_channel = channel is None
        self._channel = channel or aio.insecure_channel(settings.router)
        self._stub: Any = ingress_pb2_grpc.IngressStub(self._channel)  # type: ignore[no-untyped-call]
        self._rng = rng or random.Random()
        self.metadata: tuple[tuple[str, str], ...] = (
            ((API_KEY_HEADER, settings.api_key),) if settings.api_key else ()
        )

    async def __aenter__(self) -> RouterClient:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    async def close(self) -> None:
        if self._owns_channel:
            await self._channel.close(None)

    async def send_message(
        self, message: ingress_pb2.InboundMessage | ingress_pb2.SendMessageRequest
    ) -> SendResult:
        """Returns once the router has committed the message (or found it already stored).

        Raises RouterUnavailable when the retries ran out, InvalidMessage naming the field,
        Unauthenticated, PermissionDenied, RateLimited, or RouterError.
        """
        request = (
            message
            if isinstance(message, ingress_pb2.SendMessageRequest)
            else ingress_pb2.SendMessageRequest(message=message)
        )
        reply: ingress_pb2.SendMessageResponse = await self._call(
            self._stub.SendMessage, request, "SendMessage"
        )
        return SendResult(
            message_id=reply.message_id,
            conversation_id=reply.conversation_id,
            customer_id=reply.customer_id,
            duplicate=reply.duplicate,
            received_at=reply.received_at.ToDatetime(tzinfo=UTC),
        )

    async def ack_deliveries(
        self, channel: common_pb2.Channel, acks: Sequence[ingress_pb2.DeliveryAck]
    ) -> ingress_pb2.AckDeliveriesResponse:
        """Acknowledges handled deliveries (idempotent on the router, so retried)."""
        request = ingress_pb2.AckDeliveriesRequest(channel=channel, acks=list(acks))
        reply: ingress_pb2.AckDeliveriesResponse = await self._call(
            self._stub.AckDeliveries, request, "AckDeliveries"
        )
        if reply.unknown_delivery_ids:
            log.warning(
                "router does not know acknowledged deliveries",
                extra={"delivery_ids": list(reply.unknown_delivery_ids)},
            )
        return reply

    def deliveries(
        self,
        channel: common_pb2.Channel,
        *,
        cursor: str = "",
        max_unacked: int = 0,
        stream_seconds: float = 300.0,
    ) -> DeliveryStream:
        """The channel's outbound deliveries: iterate, send each, then `await stream.ack(d)`.
        The stream reconnects on its own and resumes after the last acknowledged cursor."""
        return DeliveryStream(
            self,
            self._stub.StreamDeliveries,
            channel,
            cursor=cursor,
            max_unacked=max_unacked,
            stream_seconds=stream_seconds,
        )

    async def _call(
        self,
        method: Callable[..., Awaitable[Response]],
        request: Any,
        name: str,
    ) -> Response:
        """One unary call of an idempotent method, retried on RETRYABLE within the policy."""
        return await call_with_retries(
            method,
            request,
            name=name,
            metadata=self.metadata,
            deadline_seconds=self.settings.deadline_seconds,
            policy=self.settings.retry,
            rng=self._rng,
        )


async def call_with_retries(
    method: Callable[..., Awaitable[Response]],
    request: Any,
    *,
    name: str,
    metadata: Sequence[tuple[str, str]],
    deadline_seconds: float,
    policy: RetryPolicy,
    rng: random.Random,
) -> Response:
    """A unary call retried on RETRYABLE with jittered backoff, each attempt with its own
    deadline, all of them within `policy.total_seconds`. Only for calls that are safe to
    repeat (idempotent writes, reads). Failures arrive as `clients.errors` types."""
    loop = asyncio.get_running_loop()
    give_up_at = loop.time() + policy.total_seconds
    delays = policy.delays(rng)
    attempt = 1
    while True:
        timeout = max(0.05, min(deadline_seconds, give_up_at - loop.time()))
        try:
            return await method(request, timeout=timeout, metadata=metadata)
        except aio.AioRpcError as error:
            delay = next(delays, None) if error.code() in RETRYABLE else None
            if delay is None or loop.time() + delay >= give_up_at:
                raise from_rpc_error(error) from error
            log.warning(
                "router call failed, retrying",
                extra={
                    "method": name,
                    "code": error.code().name,
                    "attempt": attempt,
                    "retry_in_s": round(delay, 3),
                },
            )
            attempt += 1
            await asyncio.sleep(delay)
