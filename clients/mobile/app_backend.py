"""The mobile app's backend talks to the router through this client.

The backend has already authenticated its users, so a signed-in app user id is a verified
identity: it becomes the customer's channel identity and `app_user_id`, which links the app
to the web site (where a logged-in customer carries the same id) and to any other channel
that verified it. Answers arrive on one delivery stream per backend process and are handed
to the user's open stream; a user without one (the app is in the background) gets a push
notification through the hook instead. A delivery is acknowledged only once it has been
handed to a stream or to the push hook, so a crash before that redelivers it.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field

from clients.errors import RouterError
from clients.router_client import RouterClient, SendResult
from router.v1 import common_pb2, ingress_pb2

log = logging.getLogger(__name__)

APP = common_pb2.CHANNEL_MOBILE_APP
_message_ids = itertools.count(1)


@dataclass(frozen=True, slots=True)
class AppUser:
    """A user the app's backend has signed in."""

    app_user_id: str
    device_id: str = ""
    display_name: str = ""
    locale: str = ""


@dataclass(frozen=True, slots=True)
class AppMessage:
    """What the app shows: the text, who wrote it, and the buttons to offer."""

    delivery_id: str
    author_role: str  # "bot" | "operator" | "system"
    author_name: str
    text: str
    quick_replies: tuple[tuple[str, str], ...] = ()  # (title, payload)
    attachments: tuple[tuple[str, str], ...] = ()  # (url, mime type)


PushHook = Callable[[AppUser, AppMessage], Awaitable[None]]
_ROLES = {
    common_pb2.AUTHOR_ROLE_BOT: "bot",
    common_pb2.AUTHOR_ROLE_OPERATOR: "operator",
    common_pb2.AUTHOR_ROLE_SYSTEM: "system",
}


def app_message(delivery: ingress_pb2.Delivery) -> AppMessage:
    return AppMessage(
        delivery_id=delivery.delivery_id,
        author_role=_ROLES.get(delivery.author.role, "system"),
        author_name=delivery.author.display_name,
        text=delivery.text,
        quick_replies=tuple((q.title, q.payload or q.title) for q in delivery.quick_replies),
        attachments=tuple((a.url, a.mime_type) for a in delivery.attachments),
    )


@dataclass
class _Session:
    user: AppUser
    streams: list[asyncio.Queue[AppMessage]] = field(default_factory=list)


class AppBackend:
    """Sign in, send, receive as a stream, push when nobody listens."""

    def __init__(self, client: RouterClient, push: PushHook) -> None:
        self._client = client
        self._push = push
        self._sessions: dict[str, _Session] = {}
        self._reader: asyncio.Task[None] | None = None

    def sign_in(self, user: AppUser) -> AppUser:
        if not user.app_user_id:
            raise ValueError("app_user_id is required")
        session = self._sessions.setdefault(user.app_user_id, _Session(user))
        session.user = user  # a new device or name replaces the old
        return user

    async def send(self, user: AppUser, text: str, client_message_id: str = "") -> SendResult:
        """Stores the user's message in the router; `client_message_id` (the app's own id of
        the message) makes a retried send idempotent."""
        self.sign_in(user)
        external_id = f"{user.app_user_id}:{client_message_id or next(_message_ids)}"
        return await self._client.send_message(
            ingress_pb2.InboundMessage(
                channel=APP,
                external_id=external_id,
                customer=common_pb2.CustomerIdentity(
                    channel_user_id=user.app_user_id,
                    display_name=user.display_name,
                    app_user_id=user.app_user_id,
                ),
                text=text,
                locale=user.locale,
                metadata={"device_id": user.device_id} if user.device_id else {},
            )
        )

    async def messages(self, user: AppUser) -> AsyncIterator[AppMessage]:
        """The user's answers while the app is in the foreground (an open stream)."""
        session = self._sessions.setdefault(user.app_user_id, _Session(user))
        queue: asyncio.Queue[AppMessage] = asyncio.Queue()
        session.streams.append(queue)
        try:
            while True:
                yield await queue.get()
        finally:
            session.streams.remove(queue)

    async def start(self) -> None:
        self._reader = asyncio.create_task(self._read())

    async def stop(self) -> None:
        if self._reader is not None:
            self._reader.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._reader

    async def _read(self) -> None:
        backoff = 0.5
        while True:
            try:
                stream = self._client.deliveries(APP)
                async for delivery in stream:
                    await self._hand_over(delivery)
                    await stream.ack(delivery)
                    backoff = 0.5
            except RouterError as error:
                log.warning("delivery stream interrupted", extra={"error": str(error)})
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 30.0)

    async def _hand_over(self, delivery: ingress_pb2.Delivery) -> None:
        user_id = delivery.recipient.channel_user_id
        message = app_message(delivery)
        session = self._sessions.get(user_id)
        if session is not None and session.streams:
            for queue in session.streams:
                queue.put_nowait(message)
            return
        user = session.user if session is not None else AppUser(user_id)
        await self._push(user, message)
