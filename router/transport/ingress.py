"""The Ingress service: channel adapters hand messages in here."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from google.protobuf import timestamp_pb2
from grpc import aio

from router.domain.access.api_keys import ApiKey, ApiKeys
from router.domain.delivery.outbox import DEFAULT_MAX_UNACKED, Outbox
from router.domain.errors import InvalidArgumentError
from router.domain.ingestion.messages import (
    Attachment,
    CustomerIdentity,
    InboundMessage,
    IngestResult,
)
from router.domain.ingestion.service import Ingestion
from router.transport.delivery import (
    acks_from_proto,
    channel_from_proto,
    cursor_from_proto,
    delivery_to_proto,
    timestamp,
)
from router.v1 import ingress_pb2, ingress_pb2_grpc


def inbound_from_proto(request: ingress_pb2.SendMessageRequest) -> InboundMessage:
    if not request.HasField("message"):
        raise InvalidArgumentError("message", "required")
    message = request.message
    channel = channel_from_proto(message.channel, "message.channel")
    customer = message.customer
    return InboundMessage(
        channel=channel,
        external_id=message.external_id,
        customer=CustomerIdentity(
            channel_user_id=customer.channel_user_id,
            display_name=customer.display_name,
            verified_phone=customer.verified_phone,
            verified_email=customer.verified_email,
            app_user_id=customer.app_user_id,
        ),
        text=message.text,
        attachments=tuple(
            Attachment(url=a.url, mime_type=a.mime_type, size_bytes=a.size_bytes, name=a.name)
            for a in message.attachments
        ),
        sent_at=_seconds(message.sent_at) if message.HasField("sent_at") else None,
        locale=message.locale,
        metadata=dict(message.metadata),
    )


def result_to_proto(result: IngestResult) -> ingress_pb2.SendMessageResponse:
    return ingress_pb2.SendMessageResponse(
        message_id=result.message_id,
        conversation_id=result.conversation_id,
        customer_id=result.customer_id,
        duplicate=result.duplicate,
        received_at=timestamp(result.received_at),
    )


def _seconds(ts: timestamp_pb2.Timestamp) -> float:
    return ts.seconds + ts.nanos / 1e9


API_KEY = "x-api-key"


class IngressServicer(ingress_pb2_grpc.IngressServicer):
    """Every call names its channel and carries an API key that must cover that channel."""

    def __init__(self, ingestion: Ingestion, outbox: Outbox, api_keys: ApiKeys) -> None:
        self._ingestion = ingestion
        self._outbox = outbox
        self._api_keys = api_keys

    async def _caller(self, context: aio.ServicerContext[Any, Any]) -> ApiKey:
        metadata = context.invocation_metadata() or ()
        presented = next((str(v) for k, v in metadata if k == API_KEY), None)
        return await self._api_keys.authenticate(presented)

    async def SendMessage(
        self, request: ingress_pb2.SendMessageRequest, context: aio.ServicerContext[Any, Any]
    ) -> ingress_pb2.SendMessageResponse:
        caller = await self._caller(context)
        message = inbound_from_proto(request)
        self._api_keys.require_channel(caller, message.channel)
        result = await self._ingestion.receive(message)
        return result_to_proto(result)

    async def StreamDeliveries(
        self, request: ingress_pb2.StreamDeliveriesRequest, context: aio.ServicerContext[Any, Any]
    ) -> AsyncIterator[ingress_pb2.Delivery]:
        caller = await self._caller(context)
        channel = channel_from_proto(request.channel, "channel")
        self._api_keys.require_channel(caller, channel)
        after = cursor_from_proto(request.cursor)
        async for delivery in self._outbox.stream(
            channel, after, request.max_unacked or DEFAULT_MAX_UNACKED
        ):
            yield delivery_to_proto(delivery)

    async def AckDeliveries(
        self, request: ingress_pb2.AckDeliveriesRequest, context: aio.ServicerContext[Any, Any]
    ) -> ingress_pb2.AckDeliveriesResponse:
        caller = await self._caller(context)
        channel = channel_from_proto(request.channel, "channel")
        self._api_keys.require_channel(caller, channel)
        result = await self._outbox.acknowledge(channel, acks_from_proto(request))
        return ingress_pb2.AckDeliveriesResponse(
            acknowledged_count=result.acknowledged,
            unknown_delivery_ids=list(result.unknown_delivery_ids),
        )
