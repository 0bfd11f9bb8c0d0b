"""Helpers for the operators' web app tests: the demo router, a signed-in operator's HTTP
session, and a reader of the app's server-sent events."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import httpx

from clients.desk.app import CSRF_HEADER, DeskWeb
from router.app import Router
from router.settings import Settings

COOKIE_SECRET = "test-cookie-secret"
# Generous: a bot turn and an offer on a shared 2-core machine; reached only when broken.
WAIT_SECONDS = 20.0


@dataclass
class DemoDesk:
    router: Router
    settings: Settings
    api_key: str
    tokens: dict[str, str]  # operator id → bearer token


@dataclass(frozen=True)
class Sites:
    desk: str  # the operators' app
    chat: str  # the customers' web chat
    web: DeskWeb


@dataclass
class Operator:
    http: httpx.AsyncClient
    csrf: str

    async def post(self, path: str, body: dict[str, Any] | None = None) -> httpx.Response:
        return await self.http.post(path, json=body or {}, headers={CSRF_HEADER: self.csrf})


async def pre_session(http: httpx.AsyncClient) -> str:
    """The CSRF token a signed-out page gets (and its cookie, kept in the client's jar)."""
    answer = await http.get("/api/session")
    assert answer.status_code == 200 and answer.json()["signed_in"] is False
    return str(answer.json()["csrf"])


async def sign_in_response(http: httpx.AsyncClient, operator_id: str, key: str) -> httpx.Response:
    csrf = await pre_session(http)
    return await http.post(
        "/api/signin",
        json={"operator_id": operator_id, "access_key": key},
        headers={CSRF_HEADER: csrf},
    )


@contextlib.asynccontextmanager
async def signed_in(url: str, operator_id: str, key: str) -> AsyncIterator[Operator]:
    async with httpx.AsyncClient(base_url=url, timeout=WAIT_SECONDS) as http:
        answer = await sign_in_response(http, operator_id, key)
        assert answer.status_code == 200, answer.text
        yield Operator(http, answer.json()["csrf"])


@dataclass(frozen=True)
class Event:
    name: str
    id: str
    data: dict[str, Any]


class EventReader:
    def __init__(self, response: httpx.Response) -> None:
        self._lines = response.aiter_lines()

    async def _next(self) -> Event:
        name, event_id, data = "", "", ""
        async for line in self._lines:
            if line.startswith("event: "):
                name = line[7:]
            elif line.startswith("id: "):
                event_id = line[4:]
            elif line.startswith("data: "):
                data = line[6:]
            elif line == "" and data:
                return Event(name, event_id, json.loads(data))
        raise AssertionError("the event stream ended")

    async def until(self, name: str, **wanted: Any) -> Event:
        """The next `name` event whose data has the wanted values (others are skipped)."""

        async def find() -> Event:
            while True:
                event = await self._next()
                if event.name == name and all(event.data.get(k) == v for k, v in wanted.items()):
                    return event

        return await asyncio.wait_for(find(), WAIT_SECONDS)


@contextlib.asynccontextmanager
async def desk_events(operator: Operator, last_event_id: str = "") -> AsyncIterator[EventReader]:
    headers = {"Last-Event-ID": last_event_id} if last_event_id else {}
    async with operator.http.stream("GET", "/api/events", headers=headers) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        yield EventReader(response)


async def customer_says(chat_url: str, text: str, http: httpx.AsyncClient | None = None) -> None:
    """A web-chat visitor sends `text` (through the web-chat adapter, as the widget does)."""
    owned = http is None
    http = http or httpx.AsyncClient(base_url=chat_url, timeout=WAIT_SECONDS)
    try:
        answer = await http.post(
            "/api/messages", json={"text": text}, headers={"X-Omniroute-Widget": "1"}
        )
        assert answer.status_code == 202, answer.text
    finally:
        if owned:
            await http.aclose()
