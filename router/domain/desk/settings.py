"""The desk's knobs."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DeskSettings:
    # How often clients call Heartbeat and the server sends one when idle; three missed
    # intervals make an operator OFFLINE (the engine's presence timeout).
    heartbeat_s: float = 10.0
    # How often a session looks for new events and messages when nothing woke it.
    poll_s: float = 0.5
    max_reply_chars: int = 4096
    # An operator's conversation with no message either way for this long is resolved
    # by the router (the customer has gone, or the operator forgot to resolve it).
    idle_resolve_s: float = 2 * 3600.0
