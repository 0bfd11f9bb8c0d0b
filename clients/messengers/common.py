"""What every messenger adapter shares: the normalized shapes both ways and the rule for
answering a webhook only after the router has committed what it carried."""

from __future__ import annotations

import hmac
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from google.protobuf import timestamp_pb2
from starlette.responses import PlainTextResponse, Response

from clients.errors import InvalidMessage, RouterError
from clients.router_client import RouterClient
from router.v1 import common_pb2, ingress_pb2

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class FileRef:
    """A file by reference, both ways: the router never sees the bytes."""

    url: str
    mime_type: str = ""
    size_bytes: int = 0
    name: str = ""

    def to_proto(self) -> common_pb2.Attachment:
        return common_pb2.Attachment(
            url=self.url, mime_type=self.mime_type, size_bytes=self.size_bytes, name=self.name
        )


@dataclass(frozen=True, slots=True)
class QuickReply:
    title: str
    payload: str = ""

    @property
    def value(self) -> str:
        """What comes back as the customer's message when the button is tapped."""
        return self.payload or self.title


@dataclass(frozen=True, slots=True)
class Outbound:
    """One message to send to a customer: the part of a router `Delivery` a sender needs."""

    recipient: str  # the customer's channel_user_id
    text: str
    quick_replies: tuple[QuickReply, ...] = ()
    attachments: tuple[FileRef, ...] = ()
    delivery_id: str = ""

    @classmethod
    def from_delivery(cls, delivery: ingress_pb2.Delivery) -> Outbound:
        return cls(
            recipient=delivery.recipient.channel_user_id,
            text=delivery.text,
            quick_replies=tuple(QuickReply(q.title, q.payload) for q in delivery.quick_replies),
            attachments=tuple(
                FileRef(a.url, a.mime_type, a.size_bytes, a.name) for a in delivery.attachments
            ),
            delivery_id=delivery.delivery_id,
        )


def with_numbered_replies(text: str, replies: Sequence[QuickReply]) -> str:
    """The contract's rendering of quick replies where buttons cannot carry them."""
    lines = [f"{i}. {reply.title}" for i, reply in enumerate(replies, 1)]
    return "\n".join([text, "", *lines]) if text else "\n".join(lines)


@dataclass(frozen=True, slots=True)
class Customer:
    user_id: str
    display_name: str = ""
    verified_phone: str = ""


@dataclass(frozen=True, slots=True)
class Inbound:
    """A platform message normalized for the router."""

    external_id: str
    customer: Customer
    text: str = ""
    attachments: tuple[FileRef, ...] = ()
    sent_at: int | None = None  # unix seconds, by the platform's clock
    locale: str = ""
    metadata: Mapping[str, str] = field(default_factory=dict)

    def to_proto(self, channel: common_pb2.Channel) -> ingress_pb2.InboundMessage:
        message = ingress_pb2.InboundMessage(
            channel=channel,
            external_id=self.external_id,
            customer=common_pb2.CustomerIdentity(
                channel_user_id=self.customer.user_id,
                display_name=self.customer.display_name,
                verified_phone=self.customer.verified_phone,
            ),
            text=self.text,
            attachments=[a.to_proto() for a in self.attachments],
            locale=self.locale,
            metadata=dict(self.metadata),
        )
        if self.sent_at:
            message.sent_at.CopyFrom(timestamp_pb2.Timestamp(seconds=self.sent_at))
        return message


def clip(text: str, limit: int) -> str:
    """Fits a label into a platform's limit, showing that it was cut."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def same_secret(given: str | bytes, expected: str | bytes) -> bool:
    """Constant-time comparison, so the secret cannot be guessed byte by byte from timing."""
    a = given.encode() if isinstance(given, str) else given
    b = expected.encode() if isinstance(expected, str) else expected
    return hmac.compare_digest(a, b)


def unauthorized(platform: str, reason: str, status: int = 403) -> Response:
    log.warning("webhook refused", extra={"platform": platform, "reason": reason})
    return PlainTextResponse("forbidden" if status == 403 else "unauthorized", status_code=status)


def ignored(platform: str, kind: str) -> None:
    """Unknown kinds are acknowledged so the platform does not retry them forever."""
    log.info("webhook update ignored", extra={"platform": platform, "kind": kind})


async def forward(
    client: RouterClient,
    channel: common_pb2.Channel,
    messages: Sequence[Inbound],
    platform: str,
) -> Response | None:
    """Hands the messages to the router in order. None means all are committed and the
    platform may be told so; otherwise the 503 to answer, so the platform retries the whole
    update later (the ones already stored then come back as duplicates and add nothing)."""
    for message in messages:
        try:
            result = await client.send_message(message.to_proto(channel))
        except InvalidMessage as error:
            # No retry can make it valid; failing the webhook would only block the messages
            # behind it (Telegram delivers a bot's updates in order).
            log.error(
                "router refused a message",
                extra={
                    "platform": platform,
                    "external_id": message.external_id,
                    "field": error.field,
                    "reason": error.reason,
                },
            )
            continue
        except RouterError as error:
            log.error(
                "router did not take a message; asking the platform to retry",
                extra={
                    "platform": platform,
                    "external_id": message.external_id,
                    "error": type(error).__name__,
                    "detail": str(error),
                },
            )
            return PlainTextResponse("router unavailable", status_code=503)
        log.info(
            "message handed to router",
            extra={
                "platform": platform,
                "external_id": message.external_id,
                "message_id": result.message_id,
                "duplicate": result.duplicate,
            },
        )
    return None
