from __future__ import annotations

from collections.abc import Callable

import pytest

from router.domain.assignment import (
    AssignmentEngine,
    EngineSettings,
    MemoryAssignmentStore,
    OperatorProfile,
    OperatorStatus,
    RoutingPolicy,
    RoutingStep,
)
from router.domain.clock import ManualClock

AddOperator = Callable[..., str]

# One ring, any level: most rules are easier to see without the bullseye in the way.
FLAT = RoutingPolicy("default", (RoutingStep("anyone", timeout_s=None, match_language=True),))


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def store() -> MemoryAssignmentStore:
    return MemoryAssignmentStore()


@pytest.fixture
def settings() -> EngineSettings:
    return EngineSettings(presence_timeout_s=3600.0)


@pytest.fixture
def engine(
    store: MemoryAssignmentStore, clock: ManualClock, settings: EngineSettings
) -> AssignmentEngine:
    engine = AssignmentEngine(store, clock, settings)
    engine.put_policy(FLAT)
    return engine


@pytest.fixture
def add(engine: AssignmentEngine) -> AddOperator:
    def add_operator(
        operator_id: str,
        skills: dict[str, int] | None = None,
        *,
        chats: int = 2,
        capacity: dict[str, int] | None = None,
        languages: frozenset[str] = frozenset({"ru"}),
        teams: frozenset[str] = frozenset(),
        status: OperatorStatus = OperatorStatus.AVAILABLE,
    ) -> str:
        engine.put_operator(
            OperatorProfile(
                operator_id,
                skills if skills is not None else {"billing": 5},
                capacity if capacity is not None else {"chat": chats},
                languages,
                teams,
            )
        )
        engine.set_status(operator_id, status)
        return operator_id

    return add_operator
