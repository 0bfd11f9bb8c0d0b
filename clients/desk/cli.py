"""`omniroute web`: the operators' web app (one inbox for every channel), served by uvicorn."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
from typing import Any

from clients.desk.app import DeskWeb, DeskWebSettings, create_app
from clients.serving import serve_until_signalled
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
    try:
        await serve_until_signalled(
            create_app(desk),
            host=host,
            port=port,
            what="omniroute web",
            router=settings.router,
            close_streams=desk.close_streams,
        )
    finally:
        await desk.stop()
    return 0
