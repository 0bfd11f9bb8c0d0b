"""Routing policies as data: ordered steps that widen the pool of operators as time passes.

This is the "bullseye" of Genesys or the workflow of Twilio TaskRouter: a conversation first
waits for the operator who served the customer last (sticky), then for the best experts, then
for anyone with the skill. Policies are plain dataclasses, stored and edited like any record.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RoutingStep:
    """One ring of the bullseye.

    `timeout_s` is how long a conversation waits in this step before the next one applies;
    `None` means the step never ends (the fallback). A `preferred_only` step offers only to
    the customer's previous operator, and is skipped while that operator is not available."""

    name: str
    timeout_s: float | None = None
    min_level: int = 1
    teams: frozenset[str] | None = None
    match_language: bool = True
    preferred_only: bool = False

    def __post_init__(self) -> None:
        if self.timeout_s is not None and self.timeout_s < 0:
            raise ValueError(f"step {self.name!r}: timeout_s must not be negative")
        if not 1 <= self.min_level <= 10:
            raise ValueError(f"step {self.name!r}: min_level must be within 1..10")


@dataclass(frozen=True)
class RoutingPolicy:
    """A named queue: its steps, in order, and how many conversations may wait in it."""

    name: str
    steps: tuple[RoutingStep, ...]
    max_queued: int = 10_000

    def __post_init__(self) -> None:
        if not self.steps:
            raise ValueError(f"policy {self.name!r} needs at least one step")
        if self.steps[-1].timeout_s is not None:
            raise ValueError(f"policy {self.name!r}: the last step must be a fallback")
        if self.max_queued < 0:
            raise ValueError(f"policy {self.name!r}: max_queued must not be negative")


def default_policy(name: str = "default") -> RoutingPolicy:
    return RoutingPolicy(
        name=name,
        steps=(
            RoutingStep("sticky", timeout_s=30.0, preferred_only=True),
            RoutingStep("experts", timeout_s=60.0, min_level=7),
            RoutingStep("skilled", timeout_s=120.0, min_level=3),
            RoutingStep("fallback", timeout_s=None, min_level=1, match_language=False),
        ),
    )


@dataclass(frozen=True)
class ActiveStep:
    step: RoutingStep
    index: int
    ends_at: float | None  # when the next step takes over; None for the fallback


def active_step(
    policy: RoutingPolicy, anchor: float, now: float, *, sticky_usable: bool
) -> ActiveStep:
    """The step that applies `now` to a conversation routed since `anchor`.

    Skipped sticky steps take no time: nobody should wait for an operator who is away."""
    start = anchor
    for index, step in enumerate(policy.steps):
        if step.preferred_only and not sticky_usable:
            continue
        if step.timeout_s is None:
            return ActiveStep(step, index, None)
        end = start + step.timeout_s
        if now < end:
            return ActiveStep(step, index, end)
        start = end
    last = policy.steps[-1]
    return ActiveStep(last, len(policy.steps) - 1, None)
