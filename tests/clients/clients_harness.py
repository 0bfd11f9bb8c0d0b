"""Helpers for the channel-client tests: real sockets for the adapters and for a stand-in
of each platform's send API, and a look into what the router stored."""

from __future__ import annotations

import asyncio
import contextlib
import json
import sqlite3
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import uvicorn
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp

from clients.backoff import RetryPolicy
from router.app import Router
from router.domain.channels import Channel

# Quick retries so "the router is down" is decided in well under a second.
FAST_RETRY = RetryPolicy(max_attempts=3, initial_backoff=0.02, max_backoff=0.1, total_seconds=3)


@contextlib.asynccontextmanager
async def serve(app: ASGIApp) -> AsyncIterator[str]:
    """Serves an ASGI app with uvicorn on 127.0.0.1, port 0; yields its base URL."""
    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    while not server.started:
        if task.done():
            task.result()
        await asyncio.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await task


@contextlib.asynccontextmanager
async def webhook(app: ASGIApp) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client talking to the adapter over a real socket, as the platform would."""
    async with serve(app) as url, httpx.AsyncClient(base_url=url, timeout=10) as http:
        yield http


@dataclass
class Recorded:
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class PlatformStub:
    """Stands in for a platform's send API: records each request, answers from a script
    of (status, JSON body, headers) and then with `default`."""

    default: Any
    base_url: str = ""
    requests: list[Recorded] = field(default_factory=list)
    script: list[tuple[int, Any, dict[str, str]]] = field(default_factory=list)

    async def handle(self, request: Request) -> Response:
        body = await request.body()
        self.requests.append(Recorded(request.url.path, dict(request.headers), body))
        if self.script:
            status, answer, headers = self.script.pop(0)
            return JSONResponse(answer, status_code=status, headers=headers)
        return JSONResponse(self.default)


@dataclass(frozen=True)
class StoredMessage:
    channel: str
    external_id: str
    channel_user_id: str
    display_name: str
    text: str
    attachments: list[dict[str, Any]]
    metadata: dict[str, str]


def stored(router: Router) -> list[StoredMessage]:
    """Every message the router committed, with its customer's identity on the channel."""
    with sqlite3.connect(router.settings.db_path) as conn:
        rows = conn.execute(
            "SELECT m.channel, m.external_id, i.channel_user_id, c.display_name, m.text,"
            " m.attachments, m.metadata FROM messages m"
            " JOIN customers c ON c.id = m.customer_id"
            " JOIN channel_identities i ON i.customer_id = m.customer_id AND i.channel = m.channel"
            " ORDER BY m.received_at, m.id"
        ).fetchall()
    return [
        StoredMessage(
            r[0], r[1], r[2], r[3] or "", r[4], json.loads(r[5] or "[]"), json.loads(r[6] or "{}")
        )
        for r in rows
    ]


async def issue_key(router: Router, channels: frozenset[Channel]) -> str:
    """A key for the channels, as `omniroute keys create` would issue it."""
    issued = await router.api_keys.issue("clients-tests", channels)
    return issued.key
