"""`omniroute adapter {telegram,whatsapp,vk,web}`: a messenger webhook or the web chat,
served by uvicorn. A messenger adapter also runs its delivery loop (the bot's and operators'
answers to the platform's send API, `--api-base`) when given the platform's credentials.

`register(subparsers)` adds the command to the `omniroute` parser; `python -m clients.cli`
runs it on its own. Secrets may come from flags but are better kept in the environment
(flags show in the process list): OMNIROUTE_API_KEY, OMNIROUTE_TELEGRAM_SECRET,
OMNIROUTE_WHATSAPP_APP_SECRET, OMNIROUTE_WHATSAPP_VERIFY_TOKEN, OMNIROUTE_VK_SECRET,
OMNIROUTE_VK_CONFIRMATION, OMNIROUTE_WEB_SECRET, OMNIROUTE_WEB_LINK_SECRET, and for sending
OMNIROUTE_TELEGRAM_BOT_TOKEN, OMNIROUTE_WHATSAPP_ACCESS_TOKEN (with
OMNIROUTE_WHATSAPP_PHONE_NUMBER_ID), OMNIROUTE_VK_ACCESS_TOKEN. `--api-key-file`
reads the key from a file (waiting for it to appear), so `make run` can start an adapter beside
a router that is still issuing it.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any

from starlette.applications import Starlette

from clients.messengers import telegram, vk, whatsapp
from clients.messengers.outbound import Sender
from clients.router_client import RouterClient
from clients.serving import serve_until_signalled
from clients.settings import DEFAULT_ROUTER, ClientSettings
from clients.web import app as web

log = logging.getLogger(__name__)

DEFAULT_LISTEN = "127.0.0.1:8080"

AppFactory = Callable[[RouterClient, argparse.Namespace], Starlette]

# platform → (help, [(flag, env var, help)], app factory)
PLATFORMS: dict[str, tuple[str, list[tuple[str, str, str]], AppFactory]] = {
    "telegram": (
        "Telegram Bot API webhook",
        [("--secret", "OMNIROUTE_TELEGRAM_SECRET", "the secret_token given to setWebhook")],
        lambda client, a: telegram.create_app(
            client, secret=a.secret, path=a.path, sender=_telegram_sender(a)
        ),
    ),
    "whatsapp": (
        "WhatsApp Cloud API webhook",
        [
            ("--app-secret", "OMNIROUTE_WHATSAPP_APP_SECRET", "the Meta app secret (signatures)"),
            ("--verify-token", "OMNIROUTE_WHATSAPP_VERIFY_TOKEN", "the webhook verify token"),
        ],
        lambda client, a: whatsapp.create_app(
            client,
            app_secret=a.app_secret,
            verify_token=a.verify_token,
            path=a.path,
            sender=_whatsapp_sender(a),
        ),
    ),
    "vk": (
        "VK Callback API server",
        [
            ("--secret", "OMNIROUTE_VK_SECRET", "the Callback API secret key"),
            ("--confirmation", "OMNIROUTE_VK_CONFIRMATION", "the confirmation string"),
        ],
        lambda client, a: vk.create_app(
            client,
            secret=a.secret,
            confirmation=a.confirmation,
            group_id=a.group_id,
            path=a.path,
            sender=_vk_sender(a),
        ),
    ),
    "web": (
        "web-site chat (HTTP + server-sent events, and the widget)",
        [("--cookie-secret", "OMNIROUTE_WEB_SECRET", "the key that signs visitor cookies")],
        lambda client, a: web.create_app(
            client, cookie_secret=a.cookie_secret, link_secret=a.link_secret or ""
        ),
    ),
}
# platform → [(flag, env var, help)]: what the outbound half (the delivery loop) needs.
# Without them the adapter only takes webhooks, and says so in a log line.
OUTBOUND_FLAGS: dict[str, list[tuple[str, str, str]]] = {
    "telegram": [("--bot-token", "OMNIROUTE_TELEGRAM_BOT_TOKEN", "the bot's token")],
    "whatsapp": [
        ("--access-token", "OMNIROUTE_WHATSAPP_ACCESS_TOKEN", "the Cloud API access token"),
        ("--phone-number-id", "OMNIROUTE_WHATSAPP_PHONE_NUMBER_ID", "the sending number's id"),
    ],
    "vk": [("--access-token", "OMNIROUTE_VK_ACCESS_TOKEN", "the community's access token")],
}
API_BASES = {
    "telegram": telegram.DEFAULT_API,
    "whatsapp": whatsapp.DEFAULT_API,
    "vk": vk.DEFAULT_API,
}
DEFAULT_PATHS = {
    "telegram": "/telegram/webhook",
    "whatsapp": "/whatsapp/webhook",
    "vk": "/vk/callback",
}
API_KEY_FILE_WAIT_SECONDS = 30.0


def register(subparsers: Any) -> None:
    """Adds `adapter {telegram,whatsapp,vk,web}` to an argparse subparsers object."""
    adapter = subparsers.add_parser("adapter", help="run a messenger adapter (webhook → router)")
    platforms = adapter.add_subparsers(dest="platform", required=True, metavar="PLATFORM")
    for name, (help_text, secrets, _) in PLATFORMS.items():
        sub = platforms.add_parser(name, help=help_text)
        sub.add_argument(
            "--router",
            default=None,
            metavar="HOST:PORT",
            help=f"the router's gRPC address (default {DEFAULT_ROUTER}, $OMNIROUTE_ROUTER)",
        )
        sub.add_argument(
            "--listen",
            default=DEFAULT_LISTEN,
            metavar="HOST:PORT",
            help=f"where the webhook listens (default {DEFAULT_LISTEN}; port 0 picks)",
        )
        if name in DEFAULT_PATHS:
            sub.add_argument("--path", default=DEFAULT_PATHS[name], help="the webhook's URL path")
        sub.add_argument("--api-key", default=None, help="router API key ($OMNIROUTE_API_KEY)")
        sub.add_argument(
            "--api-key-file",
            default=None,
            metavar="PATH",
            help="read the router API key from this file, waiting for it to appear",
        )
        for flag, env, help_secret in secrets + OUTBOUND_FLAGS.get(name, []):
            sub.add_argument(flag, default=os.environ.get(env), help=f"{help_secret} (${env})")
        if name in API_BASES:
            sub.add_argument(
                "--api-base",
                default=API_BASES[name],
                metavar="URL",
                help=f"the platform's API for sending (default {API_BASES[name]})",
            )
        if name == "vk":
            group = os.environ.get("OMNIROUTE_VK_GROUP_ID")
            sub.add_argument(
                "--group-id",
                type=int,
                default=int(group) if group else None,
                help="accept events of this community only ($OMNIROUTE_VK_GROUP_ID)",
            )
        if name == "web":
            sub.add_argument(
                "--link-secret",
                default=os.environ.get("OMNIROUTE_WEB_LINK_SECRET"),
                help="the key the host site signs logged-in customer ids with"
                " ($OMNIROUTE_WEB_LINK_SECRET; without it no customer id is linked)",
            )
        sub.add_argument("--log-level", default="INFO")
        sub.set_defaults(func=run, secret_flags=[flag for flag, _, _ in secrets])


def _inbound_only(platform: str, missing: str) -> None:
    log.warning(
        "no outbound credentials: the adapter takes webhooks but sends no answers",
        extra={"platform": platform, "missing": missing},
    )


def _telegram_sender(a: argparse.Namespace) -> Sender | None:
    if not a.bot_token:
        _inbound_only("telegram", "--bot-token")
        return None
    return telegram.TelegramSender(a.bot_token, base_url=a.api_base)


def _whatsapp_sender(a: argparse.Namespace) -> Sender | None:
    if not a.access_token or not a.phone_number_id:
        _inbound_only("whatsapp", "--access-token/--phone-number-id")
        return None
    return whatsapp.WhatsAppSender(a.access_token, a.phone_number_id, base_url=a.api_base)


def _vk_sender(a: argparse.Namespace) -> Sender | None:
    if not a.access_token:
        _inbound_only("vk", "--access-token")
        return None
    return vk.VkSender(a.access_token, base_url=a.api_base)


def run(args: argparse.Namespace) -> int:
    missing = [f for f in args.secret_flags if not getattr(args, f[2:].replace("-", "_"))]
    if missing:
        print(f"omniroute adapter {args.platform}: missing {', '.join(missing)}", file=sys.stderr)
        return 2
    logging.basicConfig(level=args.log_level.upper(), stream=sys.stderr)
    return asyncio.run(_serve(args))


async def _serve(args: argparse.Namespace) -> int:
    host, _, port = args.listen.rpartition(":")
    api_key = args.api_key
    if api_key is None and args.api_key_file:
        api_key = await _read_key_file(args.api_key_file)
        if api_key is None:
            print(f"omniroute adapter: no API key in {args.api_key_file}", file=sys.stderr)
            return 2
    settings = ClientSettings.from_env(router=args.router, api_key=api_key)
    async with RouterClient(settings) as client:
        app = PLATFORMS[args.platform][2](client, args)
        chat: web.WebChat | None = getattr(app.state, "web_chat", None)
        try:
            await serve_until_signalled(
                app,
                host=host or "127.0.0.1",
                port=int(port),
                what=f"omniroute adapter {args.platform}",
                router=settings.router,
                lifespan="on",  # it starts and stops a messenger's delivery loop
                close_streams=chat.close_streams if chat is not None else None,
            )
        finally:
            if chat is not None:
                await chat.stop()
    return 0


async def _read_key_file(path: str) -> str | None:
    """The key in the file, once it exists and is not empty; None after the wait."""
    loop = asyncio.get_running_loop()
    give_up_at = loop.time() + API_KEY_FILE_WAIT_SECONDS
    while True:
        with contextlib.suppress(FileNotFoundError):
            with open(path, encoding="utf-8") as file:
                key = file.read().strip()
            if key:
                return key
        if loop.time() >= give_up_at:
            return None
        await asyncio.sleep(0.2)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="omniroute")
    register(parser.add_subparsers(dest="command", required=True, metavar="COMMAND"))
    args = parser.parse_args(argv)
    code: int = args.func(args)
    return code


if __name__ == "__main__":
    sys.exit(main())
