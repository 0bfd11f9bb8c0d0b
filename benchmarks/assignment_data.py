"""A synthetic contact centre for the assignment benchmarks, and the naive baselines.

The baselines use the engine's own eligibility and ranking functions, so the only difference
measured is the data structure: the engine walks ranked per-skill indexes, the baseline scans
every operator (or every waiting conversation) each time.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

from router.domain.assignment import (
    ConversationState,
    MemoryAssignmentStore,
    OperatorProfile,
    OperatorRecord,
    OperatorStatus,
    RoutingPolicy,
    RoutingStep,
    WorkItem,
)
from router.domain.assignment.conversations import Conversation
from router.domain.assignment.eligibility import can_take
from router.domain.assignment.operators import OperatorState
from router.domain.assignment.ranking import RankKey, rank_key

START = 1_700_000_000.0
CAPACITY = 5
SKILLS_PER_OPERATOR = 8
BENCH_POLICY = RoutingPolicy(
    "default",
    (RoutingStep("experts", timeout_s=60.0, min_level=6), RoutingStep("anyone")),
    max_queued=1_000_000,
)


@dataclass
class ContactCentre:
    store: MemoryAssignmentStore
    operators: list[OperatorState]  # the baseline's own copy, loads included
    queue: list[tuple[tuple[int, int, str], WorkItem]]  # service order
    assigned: dict[str, list[str]]  # operator id → conversation ids they hold
    arrivals: list[WorkItem]  # fresh conversations to decide on


def _item(rng: random.Random, cid: str, skills: int) -> WorkItem:
    required = tuple(f"s{n}" for n in rng.sample(range(skills), 2 if rng.random() < 0.2 else 1))
    return WorkItem(
        cid,
        f"cust-{cid}",
        required,
        language="ru" if rng.random() < 0.9 else "en",
        priority=2 if rng.random() < 0.05 else 0,
    )


def build(*, operators: int, skills: int, queued: int, full: bool, seed: int = 42) -> ContactCentre:
    """`full=True`: every operator is at capacity (the queue drains as they finish);
    otherwise loads are random so that a new arrival has candidates to choose from."""
    rng = random.Random(seed)
    # Queue places come from event ids; start the counter past the ones used here.
    store = MemoryAssignmentStore(keep_events=False, last_event_id=queued + 1)
    store.policies["default"] = BENCH_POLICY
    states: list[OperatorState] = []
    assigned: dict[str, list[str]] = {}
    held = 0
    for n in range(operators):
        operator_id = f"op{n:05d}"
        profile = OperatorProfile(
            operator_id,
            {f"s{s}": rng.randint(1, 10) for s in rng.sample(range(skills), SKILLS_PER_OPERATOR)},
            {"chat": CAPACITY},
            frozenset({"ru", "en"}) if rng.random() < 0.2 else frozenset({"ru"}),
        )
        record = OperatorRecord(
            profile, OperatorStatus.AVAILABLE, last_assigned_at=START - rng.random() * 3600
        )
        store.operators[operator_id] = record
        load = CAPACITY if full else rng.randint(0, CAPACITY - 1)
        assigned[operator_id] = []
        for _ in range(load):
            held += 1
            skill = rng.choice(list(profile.skills))
            item = WorkItem(f"held{held}", f"cust-held{held}", (skill,), language="ru")
            store.conversations[item.conversation_id] = Conversation(
                item,
                ConversationState.ASSIGNED,
                START - 600,
                -held,
                START - 600,
                operator_id=operator_id,
                assigned_at=START - 300,
            )
            assigned[operator_id].append(item.conversation_id)
        states.append(OperatorState(record, load={"chat": load}))
    queue: list[tuple[tuple[int, int, str], WorkItem]] = []
    for n in range(queued):
        item = _item(rng, f"q{n}", skills)
        conversation = Conversation(item, ConversationState.QUEUED, START, n + 1, START)
        store.conversations[item.conversation_id] = conversation
        queue.append((conversation.queue_key(), item))
    queue.sort(key=lambda entry: entry[0])
    arrivals = [_item(rng, f"new{n}", skills) for n in range(2000)]
    return ContactCentre(store, states, queue, assigned, arrivals)


def scan_best_operator(
    operators: Sequence[OperatorState], item: WorkItem, step: RoutingStep
) -> str | None:
    """The baseline decision: look at every operator, keep the best-ranked who qualifies."""
    best: RankKey | None = None
    for operator in operators:
        if can_take(operator, item, step, frozenset()):
            key = rank_key(operator, item.primary_skill, item.kind)
            if best is None or key < best:
                best = key
    return best[3] if best is not None else None


def scan_first_waiting(
    queue: list[tuple[tuple[int, int, str], WorkItem]], operator: OperatorState, step: RoutingStep
) -> int | None:
    """The baseline for freed capacity: walk the whole queue in service order."""
    for index, (_, item) in enumerate(queue):
        if can_take(operator, item, step, frozenset()):
            return index
    return None
