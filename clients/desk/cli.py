"""`omniroute web`: the operators' web app (one inbox for every channel), served by uvicorn."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import signal
import sys
from typing import Any

import uvicorn

from clients.desk.app import DeskWeb, DeskWebSettings, create_app
from clients.serving import Server, announce
from clients.settings import DEFAULT_ROUTER

DEFAULT_LISTEN = "127.0.0.1:8082"


def register(subparsers: Any) -> None:
    web = subparsers.add_parser(
        "web",
        help="run the operators' web app (talks to the router over gRPC)",
        description="The operators' and supervisors' web app. Operators sign in with their "
        "operator id and the access key `omniroute operators token` issued.",
    )
    web.add_argument(
        "--listen",
        default=DEFAULT_LISTEN,
        metavar="HOST:PORT",
        help=f"address to serve the app on (default {DEFAULT_LISTEN}; port 0 picks)",
    )
    web.add_argument(
        "--router",
        default=os.environ.get("OMNIROUTE_ROUTER", DEFAULT_ROUTER),
        metavar="HOST:PORT",
        help=f"the router's gRPC address (default {DEFAULT_ROUTER}, $OMNIROUTE_ROUTER)",
    )
    web.add_argument(
        "--secure-cookies",
        action="store_true",
        help="mark session cookies Secure (serve over HTTPS, e.g. behind a proxy)",
    )
    web.add_argument("--log-level", default="info", choices=["debug", "info", "warning", "error"])
    web.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    logging.basicConfig(level=args.log_level.upper(), stream=sys.stderr)
    host, _, port = args.listen.rpartition(":")
    if not port.isdigit():
        print(f"omniroute web: --listen wants HOST:PORT, not {args.listen!r}", file=sys.stderr)
        return 2
    settings = DeskWebSettings(router=args.router, secure_cookies=args.secure_cookies)
    return asyncio.run(_serve(settings, host or "127.0.0.1", int(port)))


async def _serve(settings: DeskWebSettings, host: str, port: int) -> int:
    desk = DeskWeb(settings)
    config = uvicorn.Config(
        create_app(desk), host=host, port=port, lifespan="off", log_level="warning"
    )
    server = Server(config)
    loop = asyncio.get_running_loop()

    def stop(sig: int) -> None:
        desk.close_streams()  # open event streams would hold the shutdown forever
        server.handle_exit(sig, None)

    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop, sig)
    announcing = asyncio.create_task(announce(server, "omniroute web", settings.router))
    try:
        await server.serve()
    finally:
        announcing.cancel()
        await desk.stop()
    return 0
