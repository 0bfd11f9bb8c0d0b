"""The directory's records: who works here, what they can do, and how work is routed.

Everything here is plain data, validated on construction; the engine gets its own view of
an operator (`OperatorProfile`) and of a policy (`RoutingPolicy`) from these.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from router.domain.assignment import OperatorProfile, RoutingPolicy
from router.domain.assignment.operators import MAX_LEVEL, MIN_LEVEL
from router.domain.errors import InvalidArgumentError

OPERATOR_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
NAME = re.compile(r"[a-z0-9._-]{1,64}")
MAX_DISPLAY_NAME = 128
DEFAULT_OFFER_TIMEOUT_S = 30.0
DEFAULT_SLA_TARGET_S = 60.0


class Role(enum.Enum):
    """Each role can do everything the one before it can."""

    AGENT = "agent"  # works what is offered or assigned to them
    SUPERVISOR = "supervisor"  # also sees every conversation and queue
    ADMIN = "admin"  # also edits the directory

    def covers(self, other: Role) -> bool:
        order = (Role.AGENT, Role.SUPERVISOR, Role.ADMIN)
        return order.index(self) >= order.index(other)


def check_name(value: str, field_path: str) -> str:
    if not NAME.fullmatch(value):
        raise InvalidArgumentError(field_path, "must be 1..64 characters of [a-z0-9._-]")
    return value


def check_display_name(value: str, field_path: str) -> str:
    if len(value) > MAX_DISPLAY_NAME:
        raise InvalidArgumentError(field_path, f"at most {MAX_DISPLAY_NAME} characters")
    return value


@dataclass(frozen=True)
class OperatorEntry:
    """An operator (or supervisor, or admin) as the directory keeps them."""

    operator_id: str
    display_name: str = ""
    role: Role = Role.AGENT
    skills: Mapping[str, int] = field(default_factory=dict)
    languages: frozenset[str] = frozenset()
    teams: frozenset[str] = frozenset()
    capacity: Mapping[str, int] = field(default_factory=dict)
    disabled: bool = False

    def __post_init__(self) -> None:
        if not OPERATOR_ID.fullmatch(self.operator_id):
            raise InvalidArgumentError(
                "operator.operator_id", "must be 1..64 characters of [A-Za-z0-9._-]"
            )
        check_display_name(self.display_name, "operator.display_name")
        for skill, level in self.skills.items():
            check_name(skill, "operator.skills.skill")
            if not MIN_LEVEL <= level <= MAX_LEVEL:
                raise InvalidArgumentError(
                    "operator.skills.level", f"{skill}: level {level} is outside 1..10"
                )
        for team in self.teams:
            check_name(team, "operator.teams")
        for kind, units in self.capacity.items():
            if not kind or units < 0:
                raise InvalidArgumentError(
                    "operator.capacity", f"{kind!r}: a named kind with units >= 0"
                )

    def profile(self) -> OperatorProfile:
        """What the assignment engine needs. A disabled operator can hold nothing."""
        return OperatorProfile(
            operator_id=self.operator_id,
            skills=dict(self.skills),
            capacity={} if self.disabled else dict(self.capacity),
            languages=self.languages,
            teams=self.teams,
        )


@dataclass(frozen=True)
class Skill:
    name: str
    display_name: str = ""
    description: str = ""
    routing_policy: str = ""

    def __post_init__(self) -> None:
        check_name(self.name, "skill.name")
        check_display_name(self.display_name, "skill.display_name")
        if self.routing_policy:
            check_name(self.routing_policy, "skill.routing_policy")


@dataclass(frozen=True)
class Team:
    name: str
    display_name: str = ""
    supervisor_ids: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        check_name(self.name, "team.name")
        check_display_name(self.display_name, "team.display_name")


@dataclass(frozen=True)
class PolicyEntry:
    """A routing policy as data: the engine's steps plus what only people and Stats read."""

    policy: RoutingPolicy
    description: str = ""
    offer_timeout_s: float = DEFAULT_OFFER_TIMEOUT_S
    sla_target_s: float = DEFAULT_SLA_TARGET_S

    @property
    def name(self) -> str:
        return self.policy.name
