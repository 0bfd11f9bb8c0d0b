"""How a channel client reaches the router: one settings object, from flags or environment."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field

from clients.backoff import RetryPolicy

DEFAULT_ROUTER = "127.0.0.1:50051"


@dataclass(frozen=True, slots=True)
class ClientSettings:
    # host:port of the router's gRPC endpoint.
    router: str = DEFAULT_ROUTER
    # Sent as `x-api-key` metadata on every call; a key is bound to one channel.
    api_key: str = ""
    # The deadline of one call (one attempt); retries get a fresh one each.
    deadline_seconds: float = 5.0
    retry: RetryPolicy = field(default_factory=RetryPolicy)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: object) -> ClientSettings:
        """Defaults, then OMNIROUTE_ROUTER / OMNIROUTE_API_KEY, then explicit overrides."""
        env = os.environ if env is None else env
        values: dict[str, object] = {}
        if "OMNIROUTE_ROUTER" in env:
            values["router"] = env["OMNIROUTE_ROUTER"]
        if "OMNIROUTE_API_KEY" in env:
            values["api_key"] = env["OMNIROUTE_API_KEY"]
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]
