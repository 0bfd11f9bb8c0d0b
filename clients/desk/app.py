"""The operators' web app: one inbox for every channel, over the router's gRPC API only.

Pages: `/`, `/conversations/{id}` and `/supervisor` all serve the one page (static/desk.html);
its script talks to the JSON API below and listens to `/api/events` (server-sent events).
The JSON shapes are the router's messages through `json_views.to_json`.

Security:
- The session is a random id in an HttpOnly, SameSite=Strict cookie; the router token stays
  here (sessions.py).
- CSRF: every POST needs `X-CSRF-Token` (the session's token; before sign-in, the pre-session
  cookie's value) and a JSON body, and must come from this origin when the browser says where
  from. A cross-site form can set neither the header nor the content type, and a cross-site
  fetch that does needs a CORS preflight this app never grants.
- A Content-Security-Policy allows only this origin's scripts and styles, so even text that
  slipped into markup could not run; the page builds the DOM with textContent only.
- Sign-in attempts are limited per client address and per operator id (SignInThrottle).
- A conversation that is not the operator's answers 403, the page as well as the API: the
  router decides (PERMISSION_DENIED), this app only passes it on.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import secrets
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
from grpc import aio
from starlette.applications import Starlette
from starlette.datastructures import MutableHeaders
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import FileResponse, Response, StreamingResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from clients.desk.desk_client import DeskClient
from clients.desk.json_views import enum_json, iso_json, timestamp_json, to_json
from clients.desk.knowledge_search import AnswerIndex
from clients.desk.links import OperatorLink
from clients.desk.sessions import SignInThrottle, WebSession, WebSessions
from clients.errors import (
    InvalidMessage,
    NotFound,
    PermissionDenied,
    PreconditionFailed,
    RateLimited,
    RouterError,
    RouterUnavailable,
    Unauthenticated,
)
from clients.event_buffer import event_number
from clients.serving import same_origin
from router.v1 import common_pb2, directory_pb2

log = logging.getLogger(__name__)

STATIC = Path(__file__).parent / "static"
PAGE = STATIC / "desk.html"
SESSION_COOKIE = "omniroute_desk"
PRE_SESSION_COOKIE = "omniroute_desk_pre"
CSRF_HEADER = "X-CSRF-Token"
KEEPALIVE_SECONDS = 15.0
MAX_REPLY = 4096
MAX_NOTE = 2048
STATUSES = {
    "available": common_pb2.OPERATOR_STATUS_AVAILABLE,
    "away": common_pb2.OPERATOR_STATUS_AWAY,
}
TRANSFER_KINDS = {"operator": "operator_id", "team": "team", "skill": "skill"}
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
_OFFER_ID = re.compile(r"^[\w.:-]{1,128}$")


@dataclass(frozen=True, slots=True)
class DeskWebSettings:
    # host:port of the router's gRPC endpoint.
    router: str = "127.0.0.1:50051"
    # Mark cookies Secure: on whenever the app is served over HTTPS (behind a proxy too).
    secure_cookies: bool = False
    # A signed-in operator with no tab open for this long has their router session closed.
    link_idle_seconds: float = 60.0
    deadline_seconds: float = 5.0


class HttpError(Exception):
    def __init__(self, status: int, message: str, code: str, **extra: Any) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.extra = extra


def json_response(body: Any, status: int = 200) -> Response:
    return Response(orjson.dumps(body), status_code=status, media_type="application/json")


def _error_for(error: RouterError) -> HttpError:
    """The router's typed error as the page's HTTP error."""
    message = str(error)
    if isinstance(error, Unauthenticated):
        return HttpError(401, "Your sign-in is no longer valid; sign in again", "signed_out")
    if isinstance(error, PermissionDenied):
        return HttpError(403, message, "forbidden")
    if isinstance(error, NotFound):
        return HttpError(404, message, "not_found")
    if isinstance(error, PreconditionFailed):
        return HttpError(409, message, "conflict")
    if isinstance(error, InvalidMessage):
        return HttpError(422, message, "invalid", field=error.field)
    if isinstance(error, RateLimited):
        return HttpError(429, message, "rate_limited")
    if isinstance(error, RouterUnavailable):
        return HttpError(503, "The router cannot be reached; retrying", "router_unavailable")
    return HttpError(502, message, "router_error")


class DeskWeb:
    """The app's state: the router channel, the sessions, the live links, the answer index."""

    def __init__(self, settings: DeskWebSettings, channel: aio.Channel | None = None) -> None:
        self.settings = settings
        self._owns_channel = channel is None
        self.channel = channel or aio.insecure_channel(settings.router)
        self.sessions = WebSessions()
        self.throttle = SignInThrottle()
        self.links: dict[str, OperatorLink] = {}
        self.answers = AnswerIndex()
        self.closing = asyncio.Event()

    def client(self, session: WebSession) -> DeskClient:
        return DeskClient(
            self.channel, session.token, deadline_seconds=self.settings.deadline_seconds
        )

    def link(self, session: WebSession) -> OperatorLink:
        """The operator's live link, started on first use (and again after it closed)."""
        link = self.links.get(session.operator_id)
        if link is None or link.closed:
            link = OperatorLink(
                session.operator_id,
                self.client(session),
                idle_seconds=self.settings.link_idle_seconds,
                on_closed=self._forget_link,
            )
            self.links[session.operator_id] = link
            link.start()
        return link

    def _forget_link(self, link: OperatorLink) -> None:
        if self.links.get(link.operator_id) is link:
            del self.links[link.operator_id]

    def close_streams(self) -> None:
        """Ends every open event stream, so a graceful shutdown does not wait on them."""
        self.closing.set()

    async def stop(self) -> None:
        self.close_streams()
        for link in list(self.links.values()):
            await link.close()
        if self._owns_channel:
            await self.channel.close(None)


# --- request helpers -----------------------------------------------------------------------


def _web(request: Request) -> DeskWeb:
    web: DeskWeb = request.app.state.desk
    return web


def _session(request: Request) -> WebSession:
    session = _web(request).sessions.get(request.cookies.get(SESSION_COOKIE, ""))
    if session is None:
        raise HttpError(401, "Sign in first", "signed_out")
    return session


def _check_origin(request: Request) -> None:
    if not same_origin(request):
        raise HttpError(403, "Cross-site request refused", "csrf")


async def _json_body(request: Request) -> dict[str, Any]:
    if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
        raise HttpError(415, "Send JSON", "csrf")
    try:
        body = orjson.loads(await request.body() or b"{}")
    except orjson.JSONDecodeError as error:
        raise HttpError(400, "The body is not JSON", "bad_json") from error
    if not isinstance(body, dict):
        raise HttpError(400, "The body must be a JSON object", "bad_json")
    return body


async def _post(request: Request) -> tuple[WebSession, dict[str, Any]]:
    """The session and JSON body of a state-changing request, after the CSRF checks."""
    _check_origin(request)
    session = _session(request)
    if not session.csrf_matches(request.headers.get(CSRF_HEADER, "")):
        raise HttpError(403, "Missing or stale CSRF token; reload the page", "csrf")
    return session, await _json_body(request)


def _text(body: dict[str, Any], name: str, limit: int, *, required: bool = False) -> str:
    value = body.get(name, "")
    if not isinstance(value, str):
        raise HttpError(422, f"{name} must be text", "invalid", field=name)
    value = value.strip()
    if required and not value:
        raise HttpError(422, f"{name} is required", "invalid", field=name)
    if len(value) > limit:
        raise HttpError(422, f"{name}: at most {limit} characters", "invalid", field=name)
    return value


def _start_of_today() -> datetime:
    """Midnight in the web server's time zone: what "today" means to a supervisor."""
    return datetime.now().astimezone().replace(hour=0, minute=0, second=0, microsecond=0)


Handler = Callable[[Request], Awaitable[Response]]


def endpoint(handler: Handler) -> Handler:
    """Turns HttpError and the router's typed errors into JSON error answers."""

    async def wrapped(request: Request) -> Response:
        try:
            return await handler(request)
        except RouterError as error:
            failure = _error_for(error)
            if isinstance(error, Unauthenticated):
                # The token was revoked or the operator deleted: this session is over.
                _web(request).sessions.close(request.cookies.get(SESSION_COOKIE, ""))
        except HttpError as error:
            failure = error
        body = {"error": str(failure), "code": failure.code, **failure.extra}
        response = json_response(body, failure.status)
        if failure.status == 429 and "retry_after" in failure.extra:
            response.headers["Retry-After"] = str(failure.extra["retry_after"])
        return response

    return wrapped


# --- session -------------------------------------------------------------------------------


@endpoint
async def session_info(request: Request) -> Response:
    web = _web(request)
    session = web.sessions.get(request.cookies.get(SESSION_COOKIE, ""))
    if session is not None:
        me = await web.client(session).me()
        return json_response({"signed_in": True, "csrf": session.csrf, "operator": to_json(me)})
    pre = request.cookies.get(PRE_SESSION_COOKIE) or secrets.token_urlsafe(24)
    response = json_response({"signed_in": False, "csrf": pre, "operator": None})
    _set_cookie(request, response, PRE_SESSION_COOKIE, pre)
    return response


@endpoint
async def sign_in(request: Request) -> Response:
    _check_origin(request)
    pre = request.cookies.get(PRE_SESSION_COOKIE, "")
    presented = request.headers.get(CSRF_HEADER, "")
    if not pre or not secrets.compare_digest(pre.encode(), presented.encode()):
        raise HttpError(403, "Missing or stale CSRF token; reload the page", "csrf")
    body = await _json_body(request)
    operator_id = _text(body, "operator_id", 128, required=True)
    key = _text(body, "access_key", 256, required=True)
    web = _web(request)
    address = request.client.host if request.client else "?"
    wait = web.throttle.retry_after(address, operator_id)
    if wait > 0:
        raise HttpError(
            429,
            "Too many failed sign-in attempts; try again later",
            "rate_limited",
            retry_after=int(wait) + 1,
        )
    try:
        me = await DeskClient(web.channel, key, deadline_seconds=web.settings.deadline_seconds).me()
    except Unauthenticated:
        me = None
    if me is None or me.operator_id != operator_id or me.disabled:
        web.throttle.failed(address, operator_id)
        log.info("sign-in refused", extra={"operator_id": operator_id, "address": address})
        raise HttpError(401, "Unknown operator or wrong access key", "bad_credentials")
    role = enum_json(directory_pb2.OperatorRole.DESCRIPTOR, me.role)
    session = web.sessions.open(
        me.operator_id, "agent" if role == "unspecified" else role, me.display_name, key
    )
    web.link(session)
    log.info("operator signed in", extra={"operator_id": me.operator_id})
    response = json_response({"operator": to_json(me), "csrf": session.csrf})
    _set_cookie(request, response, SESSION_COOKIE, session.session_id)
    response.delete_cookie(PRE_SESSION_COOKIE, path="/")
    return response


@endpoint
async def sign_out(request: Request) -> Response:
    session, _ = await _post(request)
    web = _web(request)
    web.sessions.close(session.session_id)
    if not web.sessions.of_operator(session.operator_id):
        link = web.links.get(session.operator_id)
        if link is not None:
            await link.close()
        with contextlib.suppress(RouterError):  # signed out here whatever the router says
            await web.client(session).set_status(common_pb2.OPERATOR_STATUS_OFFLINE)
    response = json_response({})
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


def _set_cookie(request: Request, response: Response, name: str, value: str) -> None:
    response.set_cookie(
        name,
        value,
        httponly=True,
        samesite="strict",
        secure=_web(request).settings.secure_cookies,
        path="/",
    )


# --- the operator's desk -------------------------------------------------------------------


@endpoint
async def state(request: Request) -> Response:
    session = _session(request)
    web = _web(request)
    client = web.client(session)
    link = web.link(session)
    me, conversations = await asyncio.gather(
        client.me(), client.held_conversations(session.operator_id)
    )
    return json_response(
        {
            "operator": to_json(me),
            "offers": link.open_offers(),
            "conversations": [to_json(c) for c in conversations],
            "server_time": iso_json(datetime.now(UTC)),
            "connected": link.connected,
        }
    )


@endpoint
async def events(request: Request) -> Response:
    session = _session(request)
    web = _web(request)
    link = web.link(session)
    # A tab that connects afresh has just loaded /api/state: it gets what happens from now
    # on. A tab reconnecting (EventSource sends Last-Event-ID) gets what it missed.
    last_seen = request.headers.get("last-event-id")
    number = event_number(last_seen, link.epoch) if last_seen else link.last_number

    async def stream() -> AsyncIterator[bytes]:
        nonlocal number
        link.watch()
        try:
            # The link's state first, without an id: a tab that connects while the router is
            # away shows it at once, and resuming is not disturbed.
            state_now = {"state": "connected" if link.connected else "reconnecting"}
            yield _sse("link", state_now, None)
            while not web.closing.is_set() and not link.closed:
                pending = link.after(number)
                for number, published in pending:
                    yield _sse(published.name, published.data, link.event_id(number))
                if not pending:
                    yield b": keep-alive\n\n"
                await link.wait(number, KEEPALIVE_SECONDS, web.closing)
        finally:
            link.unwatch()

    return StreamingResponse(
        stream(),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
    )


def _sse(name: str, data: dict[str, Any], event_id: str | None) -> bytes:
    head = f"id: {event_id}\n" if event_id else ""
    return f"{head}event: {name}\ndata: ".encode() + orjson.dumps(data) + b"\n\n"


@endpoint
async def conversation(request: Request) -> Response:
    session = _session(request)
    detail = await _web(request).client(session).conversation(request.path_params["id"])
    past: dict[str, dict[str, Any]] = {}
    for message in detail.history:  # newest first: the first seen is each one's latest
        if message.conversation_id not in past:
            past[message.conversation_id] = {
                "conversation_id": message.conversation_id,
                "channel": enum_json(common_pb2.Channel.DESCRIPTOR, message.channel),
                "last_at": timestamp_json(message.created_at),
                "preview": message.text[:140],
            }
    return json_response(
        {
            "conversation": to_json(detail.conversation),
            "customer": to_json(detail.customer) if detail.HasField("customer") else None,
            "messages": [to_json(m) for m in detail.messages],
            "history": [to_json(m) for m in detail.history],
            "past_conversations": list(past.values()),
        }
    )


@endpoint
async def accept_offer(request: Request) -> Response:
    session, _ = await _post(request)
    offer_id = _offer_id(request)
    accepted = await _web(request).client(session).accept(offer_id)
    return json_response({"conversation": to_json(accepted)})


@endpoint
async def decline_offer(request: Request) -> Response:
    session, body = await _post(request)
    offer_id = _offer_id(request)
    await _web(request).client(session).decline(offer_id, _text(body, "reason", 256))
    return json_response({})


def _offer_id(request: Request) -> str:
    offer_id: str = request.path_params["offer_id"]
    if not _OFFER_ID.match(offer_id):
        raise HttpError(404, "No such offer", "not_found")
    return offer_id


@endpoint
async def reply(request: Request) -> Response:
    session, body = await _post(request)
    text = _text(body, "text", MAX_REPLY, required=True)
    client_message_id = _text(body, "client_message_id", 64, required=True)
    sent = (
        await _web(request)
        .client(session)
        .reply(request.path_params["id"], text, client_message_id)
    )
    return json_response({"message": to_json(sent.message), "duplicate": sent.duplicate})


@endpoint
async def transfer(request: Request) -> Response:
    session, body = await _post(request)
    kind, _, target = _text(body, "target", 256, required=True).partition(":")
    if kind not in TRANSFER_KINDS or not target:
        raise HttpError(
            422, "target: operator:ID, team:NAME or skill:NAME", "invalid", field="target"
        )
    moved = (
        await _web(request)
        .client(session)
        .transfer(
            request.path_params["id"], TRANSFER_KINDS[kind], target, _text(body, "note", MAX_NOTE)
        )
    )
    return json_response({"conversation": to_json(moved)})


@endpoint
async def resolve(request: Request) -> Response:
    session, body = await _post(request)
    exclude = body.get("exclude_from_training", False)
    if not isinstance(exclude, bool):
        raise HttpError(422, "exclude_from_training must be true or false", "invalid")
    resolved = (
        await _web(request)
        .client(session)
        .resolve(
            request.path_params["id"],
            _text(body, "intent", 128, required=True),
            _text(body, "note", MAX_NOTE),
            exclude,
        )
    )
    return json_response(
        {
            "conversation": to_json(resolved.conversation),
            "training_example_added": resolved.training_example_added,
        }
    )


@endpoint
async def set_status(request: Request) -> Response:
    session, body = await _post(request)
    status = STATUSES.get(str(body.get("status", "")))
    if status is None:
        raise HttpError(422, "status: available or away", "invalid", field="status")
    operator = await _web(request).client(session).set_status(status)
    return json_response({"operator": to_json(operator)})


@endpoint
async def transfer_targets(request: Request) -> Response:
    session = _session(request)
    client = _web(request).client(session)
    operators, teams, skills = await asyncio.gather(
        client.operators(), client.teams(), client.skills()
    )
    return json_response(
        {
            "operators": [
                {
                    "operator_id": o.operator_id,
                    "display_name": o.display_name,
                    "status": enum_json(common_pb2.OperatorStatus.DESCRIPTOR, o.status),
                }
                for o in operators
                if o.operator_id != session.operator_id and not o.disabled
            ],
            "teams": [{"name": t.name, "display_name": t.display_name} for t in teams],
            "skills": [{"name": s.name, "display_name": s.display_name} for s in skills],
        }
    )


@endpoint
async def intents(request: Request) -> Response:
    session = _session(request)
    web = _web(request)
    index = await web.answers.current(web.client(session))
    return json_response({"intents": index.intent_list()})


@endpoint
async def answers(request: Request) -> Response:
    session = _session(request)
    web = _web(request)
    query = request.query_params.get("q", "")[:256]
    index = await web.answers.current(web.client(session))
    return json_response({"answers": index.search(query, limit=20)})


@endpoint
async def supervisor(request: Request) -> Response:
    session = _session(request)
    if not session.supervises:
        raise HttpError(403, "Supervisors only", "forbidden")
    client = _web(request).client(session)
    today = _start_of_today()
    queues, operator_stats, self_service, operators = await asyncio.gather(
        client.queue_stats(today),
        client.operator_stats(),
        client.self_service_stats(today),
        client.operators(),
    )
    return json_response(
        {
            "queues": [to_json(q) for q in queues.queues],
            "operators": [to_json(o) for o in operators],
            "operator_stats": to_json(operator_stats),
            "self_service": to_json(self_service),
            "computed_at": timestamp_json(queues.computed_at),
        }
    )


# --- pages ---------------------------------------------------------------------------------


async def page(request: Request) -> Response:
    return FileResponse(PAGE, headers={"Cache-Control": "no-store"})


async def conversation_page(request: Request) -> Response:
    """The page, with the status the router gives this operator for this conversation:
    403 for another operator's (the page then shows why), 404 for none."""
    web = _web(request)
    session = web.sessions.get(request.cookies.get(SESSION_COOKIE, ""))
    status = 200
    if session is not None:
        try:
            await web.client(session).conversation(request.path_params["id"])
        except PermissionDenied:
            status = 403
        except NotFound:
            status = 404
        except RouterError:
            pass  # the page loads anyway and shows the router's state itself
    return FileResponse(PAGE, status_code=status, headers={"Cache-Control": "no-store"})


class SecurityHeaders:
    """Adds SECURITY_HEADERS to every answer. Plain ASGI: it must not buffer the event stream
    (Starlette's BaseHTTPMiddleware would wrap it)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, send_with_headers)


def create_app(web: DeskWeb) -> Starlette:
    app = Starlette(
        routes=[
            Route("/", page),
            Route("/supervisor", page),
            Route("/conversations/{id}", conversation_page),
            Route("/api/session", session_info),
            Route("/api/signin", sign_in, methods=["POST"]),
            Route("/api/signout", sign_out, methods=["POST"]),
            Route("/api/state", state),
            Route("/api/events", events),
            Route("/api/conversations/{id}", conversation),
            Route("/api/conversations/{id}/reply", reply, methods=["POST"]),
            Route("/api/conversations/{id}/transfer", transfer, methods=["POST"]),
            Route("/api/conversations/{id}/resolve", resolve, methods=["POST"]),
            Route("/api/offers/{offer_id}/accept", accept_offer, methods=["POST"]),
            Route("/api/offers/{offer_id}/decline", decline_offer, methods=["POST"]),
            Route("/api/status", set_status, methods=["POST"]),
            Route("/api/transfer-targets", transfer_targets),
            Route("/api/intents", intents),
            Route("/api/answers", answers),
            Route("/api/supervisor", supervisor),
            Mount("/static", StaticFiles(directory=STATIC), name="static"),
        ],
        middleware=[Middleware(SecurityHeaders)],
    )
    app.state.desk = web
    return app
