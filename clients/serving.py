"""Serving a client's Starlette app with uvicorn: what the adapters and the desk share."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterator

import uvicorn


class Server(uvicorn.Server):
    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        # uvicorn would re-raise SIGTERM after shutting down, killing the process before the
        # router client is closed; the loop's own handlers stop it just as gracefully.
        yield


async def announce(server: uvicorn.Server, what: str, router: str) -> None:
    while not server.started:
        await asyncio.sleep(0.02)
    host, port = server.servers[0].sockets[0].getsockname()[:2]
    # Tests and scripts read this line to learn the port when they asked for port 0.
    print(f"{what} listening on {host}:{port} (router {router})", flush=True)
