"""The assignment engine at contact-centre scale, beside a scan-everything baseline.

Scale: 10,000 operators, 200 skills (8 per operator, levels 1–10), 50,000 waiting
conversations. Two groups, each with its baseline in the same run:

- assignment-decision: a conversation arrives; which operator gets the offer? The engine
  walks the ranked index of the primary skill; the baseline scans all operators.
- assignment-freed: an operator has room again; which waiting conversation do they get?
  The engine looks only at the queue buckets their skills and levels reach; the baseline
  walks the queue in service order until the operator qualifies.
- assignment-drain: every operator is full and 50,000 wait; one operator resolves a
  conversation and takes the next waiting one (resolve → offer → accept through the engine
  and its in-memory store). The baseline walks the queue in service order.

Both sides use the same eligibility and ranking functions and the tests check that they pick
the same operator / conversation. With --benchmark-disable (make test) the scale is cut
down so the checks still run in a second.
"""

from __future__ import annotations

import itertools
import time
from typing import Any

import pytest

from benchmarks.assignment_data import (
    BENCH_POLICY,
    START,
    ContactCentre,
    build,
    scan_best_operator,
    scan_first_waiting,
)
from router.domain.assignment import AssignmentEngine, EngineSettings
from router.domain.clock import ManualClock

FULL_SCALE = {"operators": 10_000, "skills": 200, "queued": 50_000}
SMALL_SCALE = {"operators": 500, "skills": 40, "queued": 2_000}
SETTINGS = EngineSettings(presence_timeout_s=1e9)
EXPERTS = BENCH_POLICY.steps[0]
Centre = tuple[ContactCentre, AssignmentEngine]


def _scale(request: pytest.FixtureRequest) -> dict[str, int]:
    disabled = request.config.getoption("benchmark_disable", default=False)
    return SMALL_SCALE if disabled else FULL_SCALE


@pytest.fixture(scope="module")
def open_centre(request: pytest.FixtureRequest) -> Centre:
    centre = build(**_scale(request), full=False)
    return centre, AssignmentEngine(centre.store, ManualClock(START), SETTINGS)


@pytest.fixture
def full_centre(request: pytest.FixtureRequest) -> Centre:
    centre = build(**_scale(request), full=True)
    return centre, AssignmentEngine(centre.store, ManualClock(START), SETTINGS)


# ------------------------------------------------------------------ one decision


@pytest.mark.benchmark(group="assignment-decision")
def test_decision_indexed(benchmark: Any, open_centre: Centre) -> None:
    centre, engine = open_centre
    for item in centre.arrivals[:200]:  # the two implementations agree
        assert engine.best_operator_for(item) == scan_best_operator(centre.operators, item, EXPERTS)
    arrivals = itertools.cycle(centre.arrivals)
    benchmark(lambda: engine.best_operator_for(next(arrivals)))
    if not benchmark.disabled:
        timings = []
        for item in centre.arrivals * 10:
            started = time.perf_counter_ns()
            engine.best_operator_for(item)
            timings.append(time.perf_counter_ns() - started)
        timings.sort()
        p50 = timings[len(timings) // 2] / 1000
        p99 = timings[int(len(timings) * 0.99)] / 1000
        benchmark.extra_info.update({"p50_us": round(p50, 1), "p99_us": round(p99, 1)})
        print(f"\none decision over {len(timings)} arrivals: p50 {p50:.1f} µs, p99 {p99:.1f} µs")


@pytest.mark.benchmark(group="assignment-decision")
def test_decision_baseline_scan(benchmark: Any, open_centre: Centre) -> None:
    centre, _ = open_centre
    arrivals = itertools.cycle(centre.arrivals)
    result = benchmark.pedantic(
        lambda: scan_best_operator(centre.operators, next(arrivals), EXPERTS),
        rounds=5 if benchmark.disabled else 60,
        iterations=1,
    )
    assert result is None or result.startswith("op")


# ------------------------------------------------------------------ capacity frees up


@pytest.mark.benchmark(group="assignment-freed")
def test_freed_indexed(benchmark: Any, open_centre: Centre) -> None:
    centre, engine = open_centre
    for operator in centre.operators[:200]:  # the two implementations agree
        expected = scan_first_waiting(centre.queue, operator, EXPERTS)
        chosen = engine.next_conversation_for(operator.operator_id)
        assert chosen == (None if expected is None else centre.queue[expected][1].conversation_id)
    operators = itertools.cycle([o.operator_id for o in centre.operators])
    benchmark(lambda: engine.next_conversation_for(next(operators)))


@pytest.mark.benchmark(group="assignment-freed")
def test_freed_baseline_scan(benchmark: Any, open_centre: Centre) -> None:
    centre, _ = open_centre
    operators = itertools.cycle(centre.operators)
    benchmark.pedantic(
        lambda: scan_first_waiting(centre.queue, next(operators), EXPERTS),
        rounds=5 if benchmark.disabled else 400,
        iterations=1,
    )


# ------------------------------------------------------------------ draining the queue


def _can_work_now(centre: ContactCentre) -> list[str]:
    """Operators senior enough for the experts step in at least one skill (the others have
    nothing they may take while every conversation is in that step)."""
    return [
        o.operator_id
        for o in centre.operators
        if max(o.profile.skills.values()) >= EXPERTS.min_level
    ]


@pytest.mark.benchmark(group="assignment-drain")
def test_drain_indexed(benchmark: Any, full_centre: Centre) -> None:
    centre, engine = full_centre
    ready = _can_work_now(centre)
    operators = itertools.cycle(ready)
    served: list[str] = []

    def one_assignment() -> None:
        operator_id = next(operators)
        engine.resolve(centre.assigned[operator_id].pop(0))
        offer = engine.pending_offers(operator_id)[0]
        engine.accept(operator_id, offer.offer_id)
        centre.assigned[operator_id].append(offer.conversation_id)
        served.append(offer.conversation_id)

    # The first few against the baseline's choice, then the timed rounds.
    baseline_queue = list(centre.queue)
    by_id = {o.operator_id: o for o in centre.operators}
    for _ in range(20):
        operator_id = ready[len(served)]
        by_id[operator_id].load["chat"] -= 1
        expected = scan_first_waiting(baseline_queue, by_id[operator_id], EXPERTS)
        assert expected is not None
        one_assignment()
        by_id[operator_id].load["chat"] += 1
        assert served[-1] == baseline_queue.pop(expected)[1].conversation_id
    operators = itertools.cycle(ready[20:])
    benchmark.pedantic(one_assignment, rounds=20 if benchmark.disabled else 5_000, iterations=1)
    if not benchmark.disabled:
        rate = 1 / benchmark.stats.stats.median
        benchmark.extra_info["assignments_per_s"] = round(rate)
        print(f"\nassignments per second from a {len(centre.queue)}-deep queue: {rate:,.0f}")


@pytest.mark.benchmark(group="assignment-drain")
def test_drain_baseline_scan(benchmark: Any, full_centre: Centre) -> None:
    centre, _ = full_centre
    queue = list(centre.queue)
    ready = set(_can_work_now(centre))
    operators = itertools.cycle([o for o in centre.operators if o.operator_id in ready])

    def one_assignment() -> None:
        operator = next(operators)
        operator.load["chat"] -= 1  # resolved one
        index = scan_first_waiting(queue, operator, EXPERTS)
        assert index is not None
        del queue[index]
        operator.load["chat"] += 1

    benchmark.pedantic(one_assignment, rounds=20 if benchmark.disabled else 500, iterations=1)
    if not benchmark.disabled:
        rate = 1 / benchmark.stats.stats.median
        benchmark.extra_info["assignments_per_s"] = round(rate)
        print(f"\nbaseline assignments per second: {rate:,.0f}")
