"""The Ingress service: channel adapters hand messages in here."""

from __future__ import annotations

from typing import Any

from google.protobuf import timestamp_pb2
from grpc import aio

from router.domain.channels import Channel
from router.domain.errors import InvalidArgumentError
from router.domain.ingestion.messages import (
    Attachment,
    CustomerIdentity,
    InboundMessage,
    IngestResult,
)
from router.domain.ingestion.service import Ingestion
from router.v1 import common_pb2, ingress_pb2, ingress_pb2_grpc

CHANNELS: dict[int, Channel] = {
    common_pb2.CHANNEL_WEB: Channel.WEB,
    common_pb2.CHANNEL_TELEGRAM: Channel.TELEGRAM,
    common_pb2.CHANNEL_WHATSAPP: Channel.WHATSAPP,
    common_pb2.CHANNEL_VK: Channel.VK,
    common_pb2.CHANNEL_MOBILE_APP: Channel.MOBILE_APP,
}


def inbound_from_proto(request: ingress_pb2.SendMessageRequest) -> InboundMessage:
    if not request.HasField("message"):
        raise InvalidArgumentError("message", "required")
    message = request.message
    channel = CHANNELS.get(message.channel)
    if channel is None:
        raise InvalidArgumentError(
            "message.channel",
            "unspecified" if message.channel == 0 else f"unknown channel {message.channel}",
        )
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
    received_at = timestamp_pb2.Timestamp()
    received_at.FromNanoseconds(round(result.received_at * 1e9))
    return ingress_pb2.SendMessageResponse(
        message_id=result.message_id,
        conversation_id=result.conversation_id,
        customer_id=result.customer_id,
        duplicate=result.duplicate,
        received_at=received_at,
    )


def _seconds(ts: timestamp_pb2.Timestamp) -> float:
    return ts.seconds + ts.nanos / 1e9


class IngressServicer(ingress_pb2_grpc.IngressServicer):
    """SendMessage is implemented; the delivery stream comes with the conversations issue."""

    def __init__(self, ingestion: Ingestion) -> None:
        self._ingestion = ingestion

    async def SendMessage(
        self, request: ingress_pb2.SendMessageRequest, context: aio.ServicerContext[Any, Any]
    ) -> ingress_pb2.SendMessageResponse:
        result = await self._ingestion.receive(inbound_from_proto(request))
        return result_to_proto(result)
