"""The one reader of the web channel's deliveries in an adapter process: each delivery goes
into its visitor's buffer, and only then is acknowledged to the router."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from clients.errors import RouterError
from clients.router_client import RouterClient
from clients.web.visitors import VisitorBuffers
from router.v1 import common_pb2, ingress_pb2

log = logging.getLogger(__name__)

CHANNEL = common_pb2.CHANNEL_WEB
RESTART_AFTER_SECONDS = 1.0

_ROLES = {
    common_pb2.AUTHOR_ROLE_BOT: "bot",
    common_pb2.AUTHOR_ROLE_OPERATOR: "operator",
    common_pb2.AUTHOR_ROLE_SYSTEM: "system",
    common_pb2.AUTHOR_ROLE_CUSTOMER: "customer",
}


def to_event(delivery: ingress_pb2.Delivery) -> dict[str, Any]:
    """What the widget receives: plain data; the text is shown as text, never as markup."""
    event: dict[str, Any] = {
        "delivery_id": delivery.delivery_id,
        "message_id": delivery.message_id,
        "role": _ROLES.get(delivery.author.role, "system"),
        "author": delivery.author.display_name,
        "text": delivery.text,
        "quick_replies": [
            {"title": q.title, "payload": q.payload or q.title} for q in delivery.quick_replies
        ],
        "attachments": [
            {"url": a.url, "name": a.name, "mime_type": a.mime_type} for a in delivery.attachments
        ],
    }
    if delivery.HasField("queue_position"):
        position = delivery.queue_position
        event["queue"] = {
            "position": position.position,
            "wait_seconds": (
                position.estimated_wait.seconds if position.HasField("estimated_wait") else None
            ),
        }
    return event


async def consume(client: RouterClient, buffers: VisitorBuffers) -> None:
    """Runs until cancelled; a refusing or unreachable router is retried, not fatal."""
    cursor = ""
    while True:
        stream = client.deliveries(CHANNEL, cursor=cursor)
        try:
            async for delivery in stream:
                buffers.publish(delivery.recipient.channel_user_id, to_event(delivery))
                await stream.ack(delivery)
                cursor = stream.cursor
        except RouterError as error:
            log.error(
                "web delivery stream failed; restarting",
                extra={"error": type(error).__name__, "detail": str(error)},
            )
        await asyncio.sleep(RESTART_AFTER_SECONDS)
