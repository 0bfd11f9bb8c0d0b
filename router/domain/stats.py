"""Figures supervisors watch: queues, operators, and how much the bot resolves on its own.

Live figures come from the assignment engine's state; figures over a time window come from
its event log (queue) and the conversations table (self-service), so every number can be
recomputed after a restart.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from router.domain.assignment import (
    AssignmentEngine,
    AssignmentEvent,
    ConversationState,
    EventKind,
    OperatorStatus,
)


@dataclass(frozen=True, slots=True)
class QueueFigures:
    policy: str
    queued: int = 0
    offered: int = 0
    assigned: int = 0
    longest_wait_s: float = 0.0
    estimated_wait_s: float | None = None
    # Over the window:
    accepted: int = 0
    accepted_within_sla: int = 0
    mean_wait_s: float = 0.0
    offers_expired: int = 0
    offers_declined: int = 0
    rejected_queue_full: int = 0

    @property
    def service_level(self) -> float:
        return self.accepted_within_sla / self.accepted if self.accepted else 1.0


@dataclass(frozen=True, slots=True)
class OperatorFigures:
    by_status: dict[OperatorStatus, int]
    load: dict[str, tuple[int, int]]  # kind → (used units, capacity units of those online)


@dataclass(frozen=True, slots=True)
class SelfServiceFigures:
    conversations: int
    handed_off: int
    # Closed by the bot alone: the customer thanked it, or went quiet after its answers.
    resolved_by_bot: int
    handoff_reasons: dict[str, int] = field(default_factory=dict)
    # Operator-labelled conversations where the bot had guessed, and how many it got right.
    labelled: int = 0
    bot_right: int = 0

    @property
    def bot_accuracy(self) -> float:
        return self.bot_right / self.labelled if self.labelled else 0.0

    @property
    def self_service_share(self) -> float:
        return self.resolved_by_bot / self.conversations if self.conversations else 0.0


def queue_figures(
    engine: AssignmentEngine,
    events: Iterable[AssignmentEvent],
    *,
    now: float,
    window: tuple[float, float],
    sla_seconds: float,
    policies: Sequence[str] = (),
) -> list[QueueFigures]:
    """Per routing policy: what waits now, and what happened within `window`."""
    live: dict[str, Counter[str]] = {}
    longest: dict[str, float] = {}
    queued_at: dict[str, float] = {}
    policy_of: dict[str, str] = {}
    for conversation in engine.conversations():
        policy = conversation.item.policy
        policy_of[conversation.conversation_id] = policy
        queued_at[conversation.conversation_id] = conversation.queued_at
        figures = live.setdefault(policy, Counter())
        if conversation.state is ConversationState.QUEUED:
            figures["queued"] += 1
            longest[policy] = max(longest.get(policy, 0.0), now - conversation.queued_at)
        elif conversation.state is ConversationState.OFFERED:
            figures["offered"] += 1
        elif conversation.state is ConversationState.ASSIGNED:
            figures["assigned"] += 1

    start, end = window
    windowed: dict[str, Counter[str]] = {}
    waits: dict[str, list[float]] = {}
    for event in events:
        if not start <= event.at < end or event.conversation_id is None:
            continue
        policy = policy_of.get(event.conversation_id) or str(event.data.get("policy") or "")
        counts = windowed.setdefault(policy, Counter())
        if event.kind is EventKind.ACCEPTED:
            wait = event.at - queued_at.get(event.conversation_id, event.at)
            waits.setdefault(policy, []).append(wait)
            counts["accepted"] += 1
            counts["within_sla"] += wait <= sla_seconds
        elif event.kind is EventKind.OFFER_EXPIRED:
            counts["expired"] += 1
        elif event.kind is EventKind.DECLINED:
            counts["declined"] += 1
        elif event.kind is EventKind.QUEUE_FULL:
            counts["full"] += 1

    names = list(policies) or sorted(set(live) | set(windowed) | {"default"})
    result = []
    for name in names:
        now_figures = live.get(name, Counter())
        counts = windowed.get(name, Counter())
        policy_waits = waits.get(name, [])
        result.append(
            QueueFigures(
                policy=name,
                queued=now_figures["queued"],
                offered=now_figures["offered"],
                assigned=now_figures["assigned"],
                longest_wait_s=longest.get(name, 0.0),
                estimated_wait_s=_estimate(engine, name),
                accepted=counts["accepted"],
                accepted_within_sla=counts["within_sla"],
                mean_wait_s=sum(policy_waits) / len(policy_waits) if policy_waits else 0.0,
                offers_expired=counts["expired"],
                offers_declined=counts["declined"],
                rejected_queue_full=counts["full"],
            )
        )
    return result


def _estimate(engine: AssignmentEngine, policy: str) -> float | None:
    """The wait a conversation joining the back of `policy`'s queue can expect."""
    waiting = [
        c
        for c in engine.conversations()
        if c.item.policy == policy and c.state is ConversationState.QUEUED
    ]
    if not waiting:
        return None
    last = max(waiting, key=lambda c: c.queue_key())
    return engine.wait_estimate(last.conversation_id).estimated_wait_s


def operator_figures(engine: AssignmentEngine, team: str = "") -> OperatorFigures:
    by_status: Counter[OperatorStatus] = Counter()
    load: dict[str, list[int]] = {}
    for record in engine.operators():
        profile = record.profile
        if team and team not in profile.teams:
            continue
        by_status[record.status] += 1
        if record.status is OperatorStatus.OFFLINE:
            continue
        used = engine.load(profile.operator_id)
        for kind, units in profile.capacity.items():
            entry = load.setdefault(kind, [0, 0])
            entry[0] += used.get(kind, 0)
            entry[1] += units
    return OperatorFigures(
        dict(by_status), {kind: (used, cap) for kind, (used, cap) in load.items()}
    )
