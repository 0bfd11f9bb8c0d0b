"""The directory: operators, skills, teams and routing policies, kept in the store and
pushed into the assignment engine whenever they change (and once at start-up).

The store is the source of truth; the engine's copy is derived, so a start-up `sync()` puts
back anything a crash between the two writes lost.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass

from router.domain.assignment import AssignmentEngine, OperatorStatus, UnknownOperator
from router.domain.clock import Clock
from router.domain.directory.ports import DirectoryStore
from router.domain.directory.records import OperatorEntry, PolicyEntry, Role, Skill, Team
from router.domain.directory.tokens import (
    IssuedToken,
    OperatorToken,
    matches,
    new_token,
    split_token,
)
from router.domain.errors import (
    FailedPreconditionError,
    NotFoundError,
    PermissionDeniedError,
    UnauthenticatedError,
)

log = logging.getLogger(__name__)

DEFAULT_POLICY = "default"


@dataclass(frozen=True, slots=True)
class OperatorView:
    """An operator with what only the engine knows: their status and current load."""

    entry: OperatorEntry
    status: OperatorStatus
    load: Mapping[str, int]


@dataclass(frozen=True, slots=True)
class Caller:
    """Who is calling, as their token says."""

    operator_id: str
    role: Role
    display_name: str = ""

    def require(self, role: Role) -> None:
        if not self.role.covers(role):
            raise PermissionDeniedError(
                f"operator {self.operator_id} is {self.role.value}; this needs {role.value}"
            )


class Directory:
    def __init__(
        self,
        store: DirectoryStore,
        engine: AssignmentEngine,
        clock: Clock,
        *,
        cache_seconds: float = 5.0,
    ) -> None:
        self._store = store
        self._engine = engine
        self._clock = clock
        # Verified tokens are cached briefly: the desk stream and every click authenticate,
        # and a revocation or a role change takes effect within this many seconds.
        self._cache_seconds = cache_seconds
        self._cache: dict[str, tuple[float, OperatorToken | None]] = {}

    # ----------------------------------------------------------------- start-up

    async def sync(self) -> None:
        """Pushes every stored operator and policy into the engine."""
        for entry in await self._store.list_policies():
            self._engine.put_policy(entry.policy)
        for operator in await self._store.list_operators():
            self._push_operator(operator)

    def _push_operator(self, entry: OperatorEntry) -> None:
        profile = entry.profile()
        try:
            current = self._engine.operator(entry.operator_id)
        except UnknownOperator:
            current = None
        if (
            current is not None
            and current.profile == profile
            and (not entry.disabled or current.status is OperatorStatus.OFFLINE)
        ):
            return  # unchanged: no event for nothing
        self._engine.put_operator(profile)
        if entry.disabled:
            self._engine.set_status(entry.operator_id, OperatorStatus.OFFLINE)

    # ----------------------------------------------------------------- tokens

    async def issue_token(self, operator_id: str) -> IssuedToken:
        if await self._store.get_operator(operator_id) is None:
            raise NotFoundError(f"operator {operator_id} not found")
        issued = new_token(operator_id, self._clock.now())
        await self._store.add_token(issued.record)
        return issued

    async def revoke_token(self, token_id: str) -> bool:
        self._cache.pop(token_id, None)
        return await self._store.revoke_token(token_id, self._clock.now())

    async def tokens(self, operator_id: str) -> list[OperatorToken]:
        return await self._store.list_tokens(operator_id)

    async def authenticate(self, presented: str | None) -> Caller:
        """The caller a bearer token names; UnauthenticatedError for anything else."""
        if not presented:
            raise UnauthenticatedError("an operator token is required (authorization: Bearer …)")
        parts = split_token(presented)
        if parts is None:
            raise UnauthenticatedError("malformed operator token")
        token_id, secret = parts
        record = await self._token(token_id)
        if record is None or not matches(record, secret):
            raise UnauthenticatedError("unknown or revoked operator token")
        entry = await self._store.get_operator(record.operator_id)
        if entry is None or entry.disabled:
            raise UnauthenticatedError(f"operator {record.operator_id} may not sign in")
        return Caller(entry.operator_id, entry.role, entry.display_name)

    async def _token(self, token_id: str) -> OperatorToken | None:
        now = self._clock.monotonic()
        cached = self._cache.get(token_id)
        if cached is not None and now - cached[0] < self._cache_seconds:
            return cached[1]
        record = await self._store.get_token(token_id)
        self._cache[token_id] = (now, record)
        return record

    # ----------------------------------------------------------------- operators

    async def find_operator(self, operator_id: str) -> OperatorEntry | None:
        return await self._store.get_operator(operator_id)

    async def operator(self, operator_id: str) -> OperatorEntry:
        entry = await self._store.get_operator(operator_id)
        if entry is None:
            raise NotFoundError(f"operator {operator_id} not found")
        return entry

    async def operators(self) -> list[OperatorEntry]:
        return await self._store.list_operators()

    def view(self, entry: OperatorEntry) -> OperatorView:
        try:
            status = self._engine.operator(entry.operator_id).status
            load = self._engine.load(entry.operator_id)
        except UnknownOperator:
            status, load = OperatorStatus.OFFLINE, {}
        return OperatorView(entry, status, dict(load))

    async def put_operator(self, entry: OperatorEntry) -> OperatorEntry:
        await self._store.put_operator(entry, self._clock.now())
        self._push_operator(entry)
        return entry

    async def delete_operator(self, operator_id: str) -> bool:
        try:
            held = self._engine.load(operator_id)
        except UnknownOperator:
            held = {}
        if held:
            raise FailedPreconditionError(
                f"operator {operator_id} holds conversations; transfer them first",
                "OPERATOR_HOLDS_CONVERSATIONS",
            )
        existed = await self._store.delete_operator(operator_id)
        self._cache.clear()
        # The engine has no removal: a deleted operator stays there offline with no capacity,
        # so nothing is ever offered to them again.
        try:
            profile = self._engine.operator(operator_id).profile
        except UnknownOperator:
            return existed
        self._engine.put_operator(OperatorEntry(operator_id, skills=profile.skills).profile())
        self._engine.set_status(operator_id, OperatorStatus.OFFLINE)
        return existed

    # ----------------------------------------------------------------- skills, teams

    async def skills(self) -> list[Skill]:
        return await self._store.list_skills()

    async def put_skill(self, skill: Skill) -> Skill:
        await self._store.put_skill(skill)
        return skill

    async def delete_skill(self, name: str) -> bool:
        users = [op.operator_id for op in await self._store.list_operators() if name in op.skills]
        queued = [
            c.conversation_id
            for c in self._engine.conversations()
            if name in c.item.required_skills
        ]
        if users or queued:
            raise FailedPreconditionError(
                f"skill {name} is in use by operators {users[:5]} or conversations {queued[:5]}",
                "SKILL_IN_USE",
            )
        return await self._store.delete_skill(name)

    async def teams(self) -> list[Team]:
        return await self._store.list_teams()

    async def put_team(self, team: Team) -> Team:
        await self._store.put_team(team)
        return team

    async def delete_team(self, name: str) -> bool:
        members = [op.operator_id for op in await self._store.list_operators() if name in op.teams]
        steps = [
            entry.name
            for entry in await self.policies()
            if any(step.teams and name in step.teams for step in entry.policy.steps)
        ]
        if members or steps:
            raise FailedPreconditionError(
                f"team {name} is named by operators {members[:5]} or policies {steps[:5]}",
                "TEAM_IN_USE",
            )
        return await self._store.delete_team(name)

    # ----------------------------------------------------------------- policies

    async def policies(self) -> list[PolicyEntry]:
        """Every policy by name; "default" always exists (the engine's built-in one until
        someone stores their own)."""
        stored = {entry.name: entry for entry in await self._store.list_policies()}
        if DEFAULT_POLICY not in stored:
            stored[DEFAULT_POLICY] = PolicyEntry(self._engine.policy(DEFAULT_POLICY))
        return [stored[name] for name in sorted(stored)]

    async def policy(self, name: str) -> PolicyEntry:
        for entry in await self.policies():
            if entry.name == name:
                return entry
        raise NotFoundError(f"routing policy {name} not found")

    async def put_policy(self, entry: PolicyEntry) -> PolicyEntry:
        await self._store.put_policy(entry)
        self._engine.put_policy(entry.policy)
        return entry

    async def delete_policy(self, name: str) -> bool:
        if name == DEFAULT_POLICY:
            raise FailedPreconditionError("the default policy cannot be deleted", "POLICY_DEFAULT")
        queued = [c.conversation_id for c in self._engine.conversations() if c.item.policy == name]
        if queued:
            raise FailedPreconditionError(
                f"policy {name} holds conversations {queued[:5]}", "POLICY_IN_USE"
            )
        return await self._store.delete_policy(name)
