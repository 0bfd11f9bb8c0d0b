"""The web-chat adapter: a Starlette app for a site's chat widget.

- POST /api/messages  {"text": ...} or {"quick_reply": payload}, optionally "client_id" (the
  widget's id for the message, so a retried POST is stored once). Answers 202 once the router
  has committed the message, 503 when it cannot be reached (the widget retries).
- GET /api/events     server-sent events: this visitor's bot, operator and system messages
  (quick replies, queue position); resumes after Last-Event-ID (see visitors.py).
- GET /  and /widget/ the demo page and the widget (plain JS and CSS, no build step).

CSRF: a POST must carry the X-Omniroute-Widget header with a JSON body (a cross-site form
cannot set either, and a cross-site fetch that sets them needs a CORS preflight this app never
grants) and, when the browser sends Origin, come from this app's own origin.
The visitor is the id in an HMAC-signed, HttpOnly, SameSite=Lax cookie. A logged-in customer
is linked (CustomerIdentity.app_user_id) only when the host site signs the id with the
shared link secret (identity.customer_signature); an unsigned or badly signed id is ignored.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response, StreamingResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from clients.errors import InvalidMessage, RouterError
from clients.event_buffer import event_number
from clients.router_client import RouterClient
from clients.serving import same_origin
from clients.web import identity
from clients.web.consumer import CHANNEL, consume
from clients.web.visitors import VisitorBuffers
from router.v1 import common_pb2, ingress_pb2

log = logging.getLogger(__name__)

STATIC = Path(__file__).parent / "static"
WIDGET_HEADER = "X-Omniroute-Widget"
CUSTOMER_HEADER = "X-Customer-Id"
CUSTOMER_SIGNATURE_HEADER = "X-Customer-Signature"
MAX_TEXT = 4096
# A comment line this often keeps proxies from closing an idle stream.
KEEPALIVE_SECONDS = 15.0


class WebChat:
    """The adapter's state: the visitors' buffers and the one delivery consumer."""

    def __init__(self, client: RouterClient, *, cookie_secret: str, link_secret: str) -> None:
        if not cookie_secret:
            raise ValueError("the web chat needs a cookie secret")
        self.client = client
        self.cookie_secret = cookie_secret
        self.link_secret = link_secret
        self.buffers = VisitorBuffers()
        self._consumer: asyncio.Task[None] | None = None

    def ensure_consumer(self) -> None:
        # Started by the first request: the app is served with lifespan off, like the others.
        if self._consumer is None or self._consumer.done():
            self._consumer = asyncio.create_task(consume(self.client, self.buffers))

    def close_streams(self) -> None:
        """Ends every open SSE stream, so a graceful shutdown does not wait on them."""
        self.buffers.closed.set()

    async def stop(self) -> None:
        self.close_streams()
        if self._consumer is not None:
            self._consumer.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._consumer

    def visitor(self, request: Request) -> tuple[str, bool]:
        """(visitor id, whether it is new and the cookie must be set)."""
        cookie = request.cookies.get(identity.VISITOR_COOKIE)
        known = identity.visitor_from_cookie(self.cookie_secret, cookie)
        return (known, False) if known else (identity.new_visitor_id(), True)

    def set_cookie(self, response: Response, visitor_id: str, request: Request) -> None:
        response.set_cookie(
            identity.VISITOR_COOKIE,
            identity.visitor_cookie(self.cookie_secret, visitor_id),
            max_age=identity.COOKIE_MAX_AGE,
            httponly=True,
            samesite="lax",
            secure=request.url.scheme == "https",
        )


def _refuse(status: int, error: str) -> JSONResponse:
    return JSONResponse({"error": error}, status_code=status)


def _text_of(body: Any) -> str | None:
    if not isinstance(body, dict):
        return None
    value = body.get("quick_reply", body.get("text"))
    return value if isinstance(value, str) else None


async def post_message(request: Request) -> Response:
    chat: WebChat = request.app.state.web_chat
    chat.ensure_consumer()
    if request.headers.get(WIDGET_HEADER) is None or not same_origin(request):
        return _refuse(403, "cross-site request")
    if not request.headers.get("content-type", "").startswith("application/json"):
        return _refuse(415, "the body must be JSON")
    try:
        body = await request.json()
    except ValueError:
        return _refuse(400, "the body is not JSON")
    text = _text_of(body)
    if text is None or not text.strip():
        return _refuse(400, "text: required")
    if len(text) > MAX_TEXT:
        return _refuse(400, f"text: longer than {MAX_TEXT} characters")
    visitor_id, new = chat.visitor(request)
    client_id = body.get("client_id")
    if not isinstance(client_id, str) or not 0 < len(client_id) <= 64:
        client_id = uuid.uuid4().hex
    customer = common_pb2.CustomerIdentity(
        channel_user_id=visitor_id,
        app_user_id=identity.verified_customer(
            chat.link_secret,
            request.headers.get(CUSTOMER_HEADER),
            request.headers.get(CUSTOMER_SIGNATURE_HEADER),
        ),
    )
    message = ingress_pb2.InboundMessage(
        channel=CHANNEL,
        external_id=f"{visitor_id}:{client_id}",
        customer=customer,
        text=text,
        metadata={"web_quick_reply": "true"} if "quick_reply" in body else {},
    )
    try:
        result = await chat.client.send_message(message)
    except InvalidMessage as error:
        return _refuse(400, f"{error.field}: {error.reason}")
    except RouterError as error:
        log.error("router did not take a web message", extra={"error": type(error).__name__})
        return _refuse(503, "the chat is unavailable; try again shortly")
    response = JSONResponse({"message_id": result.message_id}, status_code=202)
    if new:
        chat.set_cookie(response, visitor_id, request)
    return response


def _last_event_id(request: Request, epoch: str) -> int:
    """The visitor's last seen event number; 0 (send all buffered) for an id from another
    process, since numbering restarts with the process."""
    raw = request.headers.get("last-event-id") or request.query_params.get("last_event_id", "")
    return event_number(raw, epoch)


async def _events(chat: WebChat, visitor_id: str, last_id: int) -> AsyncIterator[str]:
    yield "retry: 2000\n\n"
    while not chat.buffers.closed.is_set():
        for event_id, event in chat.buffers.after(visitor_id, last_id):
            # json.dumps escapes nothing HTML-wise: the text stays exactly what was written.
            data = json.dumps(event)
            yield f"id: {chat.buffers.epoch}.{event_id}\nevent: message\ndata: {data}\n\n"
            last_id = event_id
        await chat.buffers.wait(visitor_id, last_id, KEEPALIVE_SECONDS)
        if not chat.buffers.after(visitor_id, last_id):
            yield ": keepalive\n\n"


async def events(request: Request) -> Response:
    chat: WebChat = request.app.state.web_chat
    chat.ensure_consumer()
    visitor_id, new = chat.visitor(request)
    response = StreamingResponse(
        _events(chat, visitor_id, _last_event_id(request, chat.buffers.epoch)),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
    )
    if new:
        chat.set_cookie(response, visitor_id, request)
    return response


async def index(request: Request) -> Response:
    return FileResponse(STATIC / "index.html")


def create_app(client: RouterClient, *, cookie_secret: str, link_secret: str = "") -> Starlette:
    """The app; `app.state.web_chat.stop()` ends its streams and delivery consumer."""
    app = Starlette(
        routes=[
            Route("/", index),
            Route("/api/messages", post_message, methods=["POST"]),
            Route("/api/events", events),
            Mount("/widget", StaticFiles(directory=STATIC), name="widget"),
        ]
    )
    app.state.web_chat = WebChat(client, cookie_secret=cookie_secret, link_secret=link_secret)
    return app
