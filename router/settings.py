"""All configuration in one object, built once at start-up and passed down."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from router.domain.bot.policy import BotThresholds
from router.domain.ingestion.limits import IngestionLimits
from router.storage.sqlite.connection import Synchronous

DEFAULT_DB = Path("var/omniroute.db")
DEFAULT_LISTEN = "127.0.0.1:50051"


@dataclass(frozen=True, slots=True)
class Settings:
    db_path: Path = DEFAULT_DB
    listen: str = DEFAULT_LISTEN
    ingestion: IngestionLimits = field(default_factory=IngestionLimits)
    bot: BotThresholds = field(default_factory=BotThresholds)
    # FULL: a commit survives a power cut. NORMAL survives a crash of the process only.
    synchronous: Synchronous = "FULL"
    # How long health reports NOT_SERVING before the server stops taking calls, so load
    # balancers route new traffic elsewhere first.
    drain_seconds: float = 0.0
    # How long in-flight calls may run once shutdown has begun.
    grace_seconds: float = 10.0
    # False makes a replica that only ingests and delivers, while another one runs the
    # single-writer stages (bot, hand-off, assignment) that read the event log.
    run_stages: bool = True
    # HOST:PORT for the Prometheus text endpoint `/metrics`; empty: no endpoint.
    metrics_listen: str = ""

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None, **overrides: object) -> Settings:
        """Defaults, then OMNIROUTE_* environment variables, then explicit overrides."""
        env = dict(os.environ if env is None else env)
        values: dict[str, object] = {}
        if "OMNIROUTE_DB" in env:
            values["db_path"] = Path(env["OMNIROUTE_DB"])
        if "OMNIROUTE_LISTEN" in env:
            values["listen"] = env["OMNIROUTE_LISTEN"]
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]
