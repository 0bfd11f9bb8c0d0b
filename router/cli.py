"""The `omniroute` command."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import signal
import sys
from collections.abc import Sequence
from pathlib import Path

from clients import cli as adapters_cli
from clients.desk import cli as desk_cli
from router import access_cli, directory_cli
from router.app import create_server
from router.demo.seed import demo_token_file, seed_demo
from router.domain.bot.policy import BotThresholds
from router.domain.ingestion.limits import IngestionLimits
from router.observability import configure_logging
from router.replay import cli as replay_cli
from router.settings import DEFAULT_DB, DEFAULT_LISTEN, Settings


def settings_from_args(args: argparse.Namespace) -> Settings:
    """The `serve` flags over the environment over the defaults."""
    return Settings.from_env(
        db_path=args.db,
        listen=args.listen,
        synchronous=args.synchronous,
        drain_seconds=args.drain,
        grace_seconds=args.grace,
        run_stages=False if args.no_stages else None,
        metrics_listen=args.metrics_listen,
        bot=BotThresholds(
            answer=args.bot_answer,
            clarify_margin=args.bot_clarify_margin,
            unhelpful_turns=args.bot_unhelpful_turns,
            resolve_quiet_after_s=args.bot_quiet,
        ),
        ingestion=(
            IngestionLimits(max_text_chars=args.max_text_chars) if args.max_text_chars else None
        ),
    )


def _serve(args: argparse.Namespace) -> int:
    configure_logging(args.log_level)
    settings = settings_from_args(args)
    return asyncio.run(
        _serve_until_signalled(settings, demo=args.demo, demo_key_file=args.demo_key_file)
    )


async def _serve_until_signalled(
    settings: Settings, *, demo: bool, demo_key_file: Path | None = None
) -> int:
    router = create_server(settings)
    if demo:
        seeded = await seed_demo(router, demo_key_file)
        if seeded.api_key:
            print(f"demo API key (all channels; shown once): {seeded.api_key}", flush=True)
        for operator_id, token in seeded.operator_tokens.items():
            kept = (
                f"kept in {demo_token_file(demo_key_file, operator_id)}"
                if demo_key_file
                else "shown once"
            )
            print(f"demo operator {operator_id} token ({kept}): {token}", flush=True)
    await router.start()
    # Tests and scripts read this line to learn the port when they asked for port 0.
    print(f"omniroute listening on {router.address} (db {settings.db_path})", flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    await router.stop()
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="omniroute", description="Omnichannel routing core for customer support."
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    serve = sub.add_parser("serve", help="run the router's gRPC server")
    serve.add_argument(
        "--db", type=Path, default=None, help=f"SQLite file (default {DEFAULT_DB}, $OMNIROUTE_DB)"
    )
    serve.add_argument(
        "--listen",
        default=None,
        metavar="HOST:PORT",
        help=f"address to listen on (default {DEFAULT_LISTEN}, $OMNIROUTE_LISTEN; port 0 picks)",
    )
    serve.add_argument(
        "--synchronous",
        choices=["FULL", "NORMAL"],
        default=None,
        help="SQLite durability: FULL (default) survives power loss, NORMAL only a crash",
    )
    serve.add_argument(
        "--max-text-chars", type=int, default=None, help="longest accepted message text"
    )
    serve.add_argument(
        "--drain", type=float, default=None, help="seconds NOT_SERVING before stopping"
    )
    serve.add_argument(
        "--grace", type=float, default=None, help="seconds in-flight calls get on shutdown"
    )
    serve.add_argument(
        "--metrics-listen",
        default=None,
        metavar="HOST:PORT",
        help="serve Prometheus metrics at http://HOST:PORT/metrics (default: off)",
    )
    serve.add_argument(
        "--demo",
        action="store_true",
        help="load the demo knowledge base and issue a demo API key when missing",
    )
    serve.add_argument(
        "--demo-key-file",
        type=Path,
        default=None,
        metavar="PATH",
        help=(
            "with --demo: also write the demo API key here (for the web-chat adapter), and"
            " each demo operator's token beside it as <operator>.token (for signing in)"
        ),
    )
    serve.add_argument(
        "--no-stages",
        action="store_true",
        help="only ingest and deliver; another replica runs the bot and assignment stages",
    )
    defaults = BotThresholds()
    serve.add_argument(
        "--bot-answer",
        type=float,
        default=defaults.answer,
        help=f"confidence at which the bot answers (default {defaults.answer})",
    )
    serve.add_argument(
        "--bot-clarify-margin",
        type=float,
        default=defaults.clarify_margin,
        help="below that, candidates this close get a clarifying question"
        f" (default {defaults.clarify_margin})",
    )
    serve.add_argument(
        "--bot-unhelpful-turns",
        type=int,
        default=defaults.unhelpful_turns,
        help=f"unhelpful bot turns before a hand-over (default {defaults.unhelpful_turns})",
    )
    serve.add_argument(
        "--bot-quiet",
        type=float,
        default=defaults.resolve_quiet_after_s,
        help="seconds of customer silence after which the bot closes its conversation"
        f" (default {defaults.resolve_quiet_after_s:.0f})",
    )
    serve.add_argument("--log-level", default="INFO", help="DEBUG logs every call")
    serve.set_defaults(func=_serve)
    access_cli.register(sub)
    replay_cli.register(sub)
    directory_cli.register(sub)
    adapters_cli.register(sub)
    desk_cli.register(sub)

    with contextlib.suppress(ImportError):  # the knowledge tools are optional at build time
        from router.knowledge import cli as knowledge_cli

        knowledge_cli.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    code: int = args.func(args)
    return code


if __name__ == "__main__":
    sys.exit(main())
