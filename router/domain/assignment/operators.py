"""Operators as the directory knows them: skills, languages, teams, capacity and status."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field

MIN_LEVEL = 1
MAX_LEVEL = 10


class OperatorStatus(enum.Enum):
    AVAILABLE = "available"  # takes new offers
    AWAY = "away"  # keeps what they hold, gets nothing new
    OFFLINE = "offline"  # gone: offers revoked, held conversations requeued after a grace


@dataclass(frozen=True)
class OperatorProfile:
    """What an operator can do. `capacity` maps a kind of work ("chat", "email") to units;
    a work item spends `weight` units of its kind, so one heavy conversation can count as
    several light ones."""

    operator_id: str
    skills: Mapping[str, int]
    capacity: Mapping[str, int]
    languages: frozenset[str] = frozenset()
    teams: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        if not self.operator_id:
            raise ValueError("operator_id must not be empty")
        for skill, level in self.skills.items():
            if not MIN_LEVEL <= level <= MAX_LEVEL:
                raise ValueError(f"skills[{skill!r}]: level {level} is outside 1..10")
        for kind, units in self.capacity.items():
            if units < 0:
                raise ValueError(f"capacity[{kind!r}] must not be negative")

    def level(self, skill: str) -> int:
        return self.skills.get(skill, 0)


@dataclass(frozen=True)
class OperatorRecord:
    """The durable part of an operator: the profile plus what survives a restart.

    Load is not stored: it is the sum of what the store says the operator holds, so the two
    can never disagree after a crash."""

    profile: OperatorProfile
    status: OperatorStatus = OperatorStatus.OFFLINE
    offline_since: float | None = None
    last_assigned_at: float = 0.0


@dataclass
class OperatorState:
    """The engine's live view of one operator (mutable; never handed out)."""

    record: OperatorRecord
    load: dict[str, int] = field(default_factory=dict)
    last_seen: float = 0.0

    @property
    def operator_id(self) -> str:
        return self.record.profile.operator_id

    @property
    def profile(self) -> OperatorProfile:
        return self.record.profile

    @property
    def status(self) -> OperatorStatus:
        return self.record.status

    def free(self, kind: str) -> int:
        return self.record.profile.capacity.get(kind, 0) - self.load.get(kind, 0)

    def load_ratio(self, kind: str) -> float:
        capacity = self.record.profile.capacity.get(kind, 0)
        return self.load.get(kind, 0) / capacity if capacity else 1.0
