"""Helpers for the web-chat tests: a visitor (a browser's cookie jar over a real socket) and
a reader of the adapter's server-sent events."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import httpx

from clients.web.app import WIDGET_HEADER

WIDGET_HEADERS = {WIDGET_HEADER: "1"}
# Generous: a bot turn on a shared 2-core machine; reached only when something is broken.
WAIT_SECONDS = 15.0


@dataclass(frozen=True)
class Event:
    id: int  # the event's number in this adapter process
    last_event_id: str  # the `id:` line, as a browser gives it back
    data: dict[str, Any]
    raw: str  # the `data:` line as it came over the wire


async def post(
    http: httpx.AsyncClient, body: dict[str, Any], headers: dict[str, str] | None = None
) -> httpx.Response:
    return await http.post(
        "/api/messages", json=body, headers={**WIDGET_HEADERS, **(headers or {})}
    )


@contextlib.asynccontextmanager
async def event_stream(
    http: httpx.AsyncClient, last_event_id: str | None = None
) -> AsyncIterator[EventReader]:
    headers = {"Last-Event-ID": last_event_id} if last_event_id is not None else {}
    async with http.stream("GET", "/api/events", headers=headers) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        yield EventReader(response)


class EventReader:
    def __init__(self, response: httpx.Response) -> None:
        self.response = response
        self._lines = response.aiter_lines()

    async def _next(self) -> Event:
        event_id, data = "", ""
        async for line in self._lines:
            if line.startswith("id: "):
                event_id = line[4:]
            elif line.startswith("data: "):
                data = line[6:]
            elif line == "" and data:
                number = int(event_id.rpartition(".")[2])
                return Event(number, event_id, json.loads(data), data)
        raise AssertionError("the event stream ended")

    async def next(self) -> Event:
        return await asyncio.wait_for(self._next(), WAIT_SECONDS)

    async def until(self, role: str) -> Event:
        """The next event by `role` (skipping, say, a system notice before a bot answer)."""
        while True:
            event = await self.next()
            if event.data["role"] == role:
                return event
