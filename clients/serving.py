"""What the clients' web apps (the adapters, the web chat, the operators' desk) share:
serving with uvicorn until a signal, and the same-origin rule of their CSRF checks."""

from __future__ import annotations

import asyncio
import contextlib
import signal
from collections.abc import Callable, Iterator
from typing import Literal
from urllib.parse import urlsplit

import uvicorn
from starlette.requests import Request
from starlette.types import ASGIApp


class _Server(uvicorn.Server):
    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        # uvicorn would re-raise SIGTERM after shutting down, killing the process before the
        # router client is closed; the loop's own handlers stop it just as gracefully.
        yield


async def serve_until_signalled(
    app: ASGIApp,
    *,
    host: str,
    port: int,
    what: str,
    router: str,
    lifespan: Literal["on", "off"] = "off",
    close_streams: Callable[[], None] | None = None,
) -> None:
    """Serves `app` until SIGTERM or Ctrl-C, then returns after the in-flight requests.
    `close_streams` ends open event streams first, which would hold the shutdown forever."""
    server = _Server(
        uvicorn.Config(app, host=host, port=port, lifespan=lifespan, log_level="warning")
    )
    loop = asyncio.get_running_loop()

    def stop(sig: int) -> None:
        if close_streams is not None:
            close_streams()
        server.handle_exit(sig, None)

    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop, sig)
    announcing = asyncio.create_task(_announce(server, what, router))
    try:
        await server.serve()
    finally:
        announcing.cancel()


async def _announce(server: uvicorn.Server, what: str, router: str) -> None:
    while not server.started:
        await asyncio.sleep(0.02)
    host, port = server.servers[0].sockets[0].getsockname()[:2]
    # Tests and scripts read this line to learn the port when they asked for port 0.
    print(f"{what} listening on {host}:{port} (router {router})", flush=True)


def same_origin(request: Request) -> bool:
    """False only when the browser says the request comes from another site. No Origin
    header means not a browser, or a same-origin GET-like request: the other CSRF rules
    (a custom header, a JSON body) hold there."""
    origin = request.headers.get("origin")
    return origin is None or urlsplit(origin).netloc == request.headers.get("host", "")
