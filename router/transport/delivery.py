"""Ingress.StreamDeliveries / AckDeliveries: protobuf ⇄ the domain's outbox."""

from __future__ import annotations

from typing import Any

from google.protobuf import duration_pb2, timestamp_pb2

from router.domain.channels import Channel
from router.domain.delivery.messages import AuthorRole, Delivery, DeliveryAck, DeliveryOutcome
from router.domain.errors import InvalidArgumentError
from router.v1 import common_pb2, ingress_pb2

CHANNELS: dict[int, Channel] = {
    common_pb2.CHANNEL_WEB: Channel.WEB,
    common_pb2.CHANNEL_TELEGRAM: Channel.TELEGRAM,
    common_pb2.CHANNEL_WHATSAPP: Channel.WHATSAPP,
    common_pb2.CHANNEL_VK: Channel.VK,
    common_pb2.CHANNEL_MOBILE_APP: Channel.MOBILE_APP,
}
# Typed loosely: the stubs give enum fields a ValueType that plain ints do not match.
CHANNEL_NUMBERS: dict[Channel, Any] = {channel: number for number, channel in CHANNELS.items()}
_ROLES = {
    AuthorRole.BOT: common_pb2.AUTHOR_ROLE_BOT,
    AuthorRole.OPERATOR: common_pb2.AUTHOR_ROLE_OPERATOR,
    AuthorRole.SYSTEM: common_pb2.AUTHOR_ROLE_SYSTEM,
}
_OUTCOMES = {
    ingress_pb2.DELIVERY_OUTCOME_UNSPECIFIED: DeliveryOutcome.SENT,
    ingress_pb2.DELIVERY_OUTCOME_SENT: DeliveryOutcome.SENT,
    ingress_pb2.DELIVERY_OUTCOME_REJECTED: DeliveryOutcome.REJECTED,
}


def channel_from_proto(value: int, field: str) -> Channel:
    channel = CHANNELS.get(value)
    if channel is None:
        raise InvalidArgumentError(
            field, "unspecified" if value == 0 else f"unknown channel {value}"
        )
    return channel


def cursor_from_proto(cursor: str) -> int:
    if not cursor:
        return 0
    if not cursor.isdigit():
        raise InvalidArgumentError("cursor", "not a cursor this router issued")
    return int(cursor)


def duration(seconds: float) -> duration_pb2.Duration:
    value = duration_pb2.Duration()
    value.FromNanoseconds(round(seconds * 1e9))
    return value


def timestamp(seconds: float) -> timestamp_pb2.Timestamp:
    ts = timestamp_pb2.Timestamp()
    ts.FromNanoseconds(round(seconds * 1e9))
    return ts


def delivery_to_proto(delivery: Delivery) -> ingress_pb2.Delivery:
    message = delivery.message
    return ingress_pb2.Delivery(
        delivery_id=delivery.delivery_id,
        cursor=str(delivery.seq),
        conversation_id=delivery.conversation_id,
        message_id=delivery.message_id,
        channel=CHANNEL_NUMBERS[delivery.channel],
        recipient=common_pb2.CustomerIdentity(channel_user_id=delivery.recipient),
        author=common_pb2.Author(
            role=_ROLES[message.author_role], display_name=message.author_name
        ),
        text=message.text,
        quick_replies=[
            common_pb2.QuickReply(title=q.title, payload=q.payload) for q in message.quick_replies
        ],
        attachments=[
            common_pb2.Attachment(
                url=a.url, mime_type=a.mime_type, size_bytes=a.size_bytes, name=a.name
            )
            for a in message.attachments
        ],
        reply_to_external_id=message.reply_to_external_id,
        created_at=timestamp(delivery.created_at),
        previous_attempts=delivery.previous_attempts,
        customer_id=delivery.customer_id,
    )


def acks_from_proto(request: ingress_pb2.AckDeliveriesRequest) -> list[DeliveryAck]:
    acks = []
    for i, ack in enumerate(request.acks):
        outcome = _OUTCOMES.get(ack.outcome)
        if outcome is None:
            raise InvalidArgumentError(f"acks[{i}].outcome", f"unknown outcome {ack.outcome}")
        acks.append(
            DeliveryAck(
                delivery_id=ack.delivery_id,
                outcome=outcome,
                channel_message_id=ack.external_id,
                error_message=ack.error_message,
            )
        )
    return acks
