"""The Directory service, and the bearer-token authentication every desk call shares."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from google.protobuf import duration_pb2
from grpc import aio

from router.domain.assignment import OperatorStatus, RoutingPolicy, RoutingStep
from router.domain.directory import (
    Caller,
    Directory,
    OperatorEntry,
    OperatorView,
    PolicyEntry,
    Role,
    Skill,
    Team,
)
from router.domain.directory.records import check_name
from router.domain.errors import InvalidArgumentError
from router.transport.delivery import duration
from router.v1 import common_pb2, directory_pb2, directory_pb2_grpc

AUTHORIZATION = "authorization"

ROLES: dict[int, Role] = {
    directory_pb2.OPERATOR_ROLE_UNSPECIFIED: Role.AGENT,
    directory_pb2.OPERATOR_ROLE_AGENT: Role.AGENT,
    directory_pb2.OPERATOR_ROLE_SUPERVISOR: Role.SUPERVISOR,
    directory_pb2.OPERATOR_ROLE_ADMIN: Role.ADMIN,
}
ROLE_NUMBERS: dict[Role, Any] = {
    Role.AGENT: directory_pb2.OPERATOR_ROLE_AGENT,
    Role.SUPERVISOR: directory_pb2.OPERATOR_ROLE_SUPERVISOR,
    Role.ADMIN: directory_pb2.OPERATOR_ROLE_ADMIN,
}
STATUSES: dict[int, OperatorStatus] = {
    common_pb2.OPERATOR_STATUS_AVAILABLE: OperatorStatus.AVAILABLE,
    common_pb2.OPERATOR_STATUS_AWAY: OperatorStatus.AWAY,
    common_pb2.OPERATOR_STATUS_OFFLINE: OperatorStatus.OFFLINE,
}
STATUS_NUMBERS: dict[OperatorStatus, Any] = {status: n for n, status in STATUSES.items()}
_WRITABLE = {"display_name", "role", "skills", "languages", "teams", "capacity", "disabled"}


async def authenticate(directory: Directory, context: aio.ServicerContext[Any, Any]) -> Caller:
    """The caller named by `authorization: Bearer <token>`; UNAUTHENTICATED otherwise."""
    metadata = context.invocation_metadata() or ()
    value = next((str(v) for k, v in metadata if k == AUTHORIZATION), "")
    scheme, _, token = value.partition(" ")
    return await directory.authenticate(token.strip() if scheme.lower() == "bearer" else None)


def operator_to_proto(view: OperatorView) -> directory_pb2.Operator:
    entry = view.entry
    return directory_pb2.Operator(
        operator_id=entry.operator_id,
        display_name=entry.display_name,
        role=ROLE_NUMBERS[entry.role],
        skills=[
            directory_pb2.SkillLevel(skill=skill, level=level)
            for skill, level in sorted(entry.skills.items())
        ],
        languages=sorted(entry.languages),
        teams=sorted(entry.teams),
        capacity=dict(entry.capacity),
        status=STATUS_NUMBERS[view.status],
        load=dict(view.load),
        disabled=entry.disabled,
    )


def operator_from_proto(
    message: directory_pb2.Operator, current: OperatorEntry | None, mask: list[str]
) -> OperatorEntry:
    """The record to store: the request's writable fields, or only those the mask names."""
    role = ROLES.get(message.role)
    if role is None:
        raise InvalidArgumentError("operator.role", f"unknown role {message.role}")
    skills: dict[str, int] = {}
    for i, level in enumerate(message.skills):
        if level.skill in skills:
            raise InvalidArgumentError(f"operator.skills[{i}]", f"{level.skill} appears twice")
        skills[level.skill] = level.level
    given = {
        "display_name": message.display_name,
        "role": role,
        "skills": skills,
        "languages": frozenset(message.languages),
        "teams": frozenset(message.teams),
        "capacity": dict(message.capacity),
        "disabled": message.disabled,
    }
    unknown = [path for path in mask if path not in _WRITABLE]
    if unknown:
        raise InvalidArgumentError("update_mask", f"not writable fields: {', '.join(unknown)}")
    if current is not None and mask:
        fields = {name: getattr(current, name) for name in _WRITABLE}
        fields.update({name: given[name] for name in mask})
    else:
        fields = given
    return OperatorEntry(operator_id=message.operator_id, **fields)


def _seconds(duration: duration_pb2.Duration) -> float:
    return duration.seconds + duration.nanos / 1e9


def policy_from_proto(message: directory_pb2.RoutingPolicy) -> PolicyEntry:
    steps: list[RoutingStep] = []
    for i, step in enumerate(message.steps):
        if not step.name:
            raise InvalidArgumentError(f"policy.steps[{i}].name", "required")
        if step.name in (s.name for s in steps):
            raise InvalidArgumentError(f"policy.steps[{i}].name", f"{step.name} appears twice")
        try:
            steps.append(
                RoutingStep(
                    name=step.name,
                    timeout_s=_seconds(step.wait) if step.HasField("wait") else None,
                    min_level=step.min_level or 1,
                    teams=frozenset(step.teams) if step.teams else None,
                    match_language=step.match_language,
                    preferred_only=step.preferred_operator_only,
                )
            )
        except ValueError as error:
            raise InvalidArgumentError(f"policy.steps[{i}]", str(error)) from error
    if not steps:
        raise InvalidArgumentError("policy.steps", "at least one step is required")
    for i, step_ in enumerate(steps[:-1]):
        if step_.timeout_s is None:
            raise InvalidArgumentError(f"policy.steps[{i}].wait", "only the last step may be unset")
    if steps[-1].timeout_s is not None:
        raise InvalidArgumentError(
            f"policy.steps[{len(steps) - 1}].wait", "the last step must have no wait"
        )
    check_name(message.name, "policy.name")
    if message.max_queued < 0:
        raise InvalidArgumentError("policy.max_queued", "must not be negative")
    try:
        policy = RoutingPolicy(
            name=message.name, steps=tuple(steps), max_queued=message.max_queued or 10_000
        )
    except ValueError as error:
        raise InvalidArgumentError("policy", str(error)) from error
    return PolicyEntry(
        policy=policy,
        description=message.description,
        offer_timeout_s=_seconds(message.offer_timeout)
        if message.HasField("offer_timeout")
        else 30.0,
        sla_target_s=_seconds(message.sla_target) if message.HasField("sla_target") else 60.0,
    )


def policy_to_proto(entry: PolicyEntry) -> directory_pb2.RoutingPolicy:
    policy = entry.policy
    return directory_pb2.RoutingPolicy(
        name=policy.name,
        description=entry.description,
        steps=[
            directory_pb2.RoutingStep(
                name=step.name,
                wait=duration(step.timeout_s) if step.timeout_s is not None else None,
                min_level=step.min_level,
                teams=sorted(step.teams or ()),
                match_language=step.match_language,
                preferred_operator_only=step.preferred_only,
            )
            for step in policy.steps
        ],
        max_queued=policy.max_queued,
        offer_timeout=duration(entry.offer_timeout_s),
        sla_target=duration(entry.sla_target_s),
    )


def _skill_to_proto(skill: Skill) -> directory_pb2.Skill:
    return directory_pb2.Skill(
        name=skill.name,
        display_name=skill.display_name,
        description=skill.description,
        routing_policy=skill.routing_policy,
    )


def _team_to_proto(team: Team) -> directory_pb2.Team:
    return directory_pb2.Team(
        name=team.name, display_name=team.display_name, supervisor_ids=list(team.supervisor_ids)
    )


def _page(size: int, token: str, default: int, most: int) -> tuple[int, int]:
    """(limit, offset) of a list call; page tokens are offsets."""
    if not 0 <= size <= most:
        raise InvalidArgumentError("page_size", f"must be within 1..{most} (0 means {default})")
    if token and not token.isdigit():
        raise InvalidArgumentError("page_token", "not a token this router issued")
    return size or default, int(token or 0)


def _next_token(offset: int, limit: int, total: int) -> str:
    return str(offset + limit) if offset + limit < total else ""


def _required(value: str, field: str) -> str:
    if not value:
        raise InvalidArgumentError(field, "required")
    return value


class DirectoryServicer(directory_pb2_grpc.DirectoryServicer):
    """Reads need a supervisor's token, writes an admin's."""

    def __init__(self, directory: Directory) -> None:
        self._directory = directory

    async def _caller(self, context: aio.ServicerContext[Any, Any], role: Role) -> Caller:
        caller = await authenticate(self._directory, context)
        caller.require(role)
        return caller

    async def GetOperator(
        self, request: directory_pb2.GetOperatorRequest, context: aio.ServicerContext[Any, Any]
    ) -> directory_pb2.Operator:
        caller = await authenticate(self._directory, context)
        operator_id = request.operator_id or caller.operator_id
        if operator_id != caller.operator_id:
            caller.require(Role.SUPERVISOR)  # anyone may read themselves (to sign in)
        entry = await self._directory.operator(operator_id)
        return operator_to_proto(self._directory.view(entry))

    async def ListOperators(
        self, request: directory_pb2.ListOperatorsRequest, context: aio.ServicerContext[Any, Any]
    ) -> directory_pb2.ListOperatorsResponse:
        # Agents list colleagues, skills and teams to pick where to transfer a conversation.
        await self._caller(context, Role.AGENT)
        limit, offset = _page(request.page_size, request.page_token, 100, 500)
        status = STATUSES.get(request.status)
        views = [
            view
            for entry in await self._directory.operators()
            if (not request.team or request.team in entry.teams)
            and (not request.skill or request.skill in entry.skills)
            for view in (self._directory.view(entry),)
            if status is None or view.status is status
        ]
        return directory_pb2.ListOperatorsResponse(
            operators=[operator_to_proto(v) for v in views[offset : offset + limit]],
            next_page_token=_next_token(offset, limit, len(views)),
        )

    async def UpsertOperator(
        self, request: directory_pb2.UpsertOperatorRequest, context: aio.ServicerContext[Any, Any]
    ) -> directory_pb2.Operator:
        await self._caller(context, Role.ADMIN)
        operator_id = _required(request.operator.operator_id, "operator.operator_id")
        current = await self._directory.find_operator(operator_id)
        entry = operator_from_proto(request.operator, current, list(request.update_mask.paths))
        await self._directory.put_operator(entry)
        return operator_to_proto(self._directory.view(entry))

    async def DeleteOperator(
        self, request: directory_pb2.DeleteOperatorRequest, context: aio.ServicerContext[Any, Any]
    ) -> directory_pb2.DeleteOperatorResponse:
        await self._caller(context, Role.ADMIN)
        existed = await self._directory.delete_operator(
            _required(request.operator_id, "operator_id")
        )
        return directory_pb2.DeleteOperatorResponse(existed=existed)

    async def ListSkills(
        self, request: directory_pb2.ListSkillsRequest, context: aio.ServicerContext[Any, Any]
    ) -> directory_pb2.ListSkillsResponse:
        await self._caller(context, Role.AGENT)
        limit, offset = _page(request.page_size, request.page_token, 1000, 1000)
        skills = await self._directory.skills()
        return directory_pb2.ListSkillsResponse(
            skills=[_skill_to_proto(s) for s in skills[offset : offset + limit]],
            next_page_token=_next_token(offset, limit, len(skills)),
        )

    async def UpsertSkill(
        self, request: directory_pb2.UpsertSkillRequest, context: aio.ServicerContext[Any, Any]
    ) -> directory_pb2.Skill:
        await self._caller(context, Role.ADMIN)
        message = request.skill
        _required(message.name, "skill.name")
        skill = Skill(
            message.name, message.display_name, message.description, message.routing_policy
        )
        return _skill_to_proto(await self._directory.put_skill(skill))

    async def DeleteSkill(
        self, request: directory_pb2.DeleteSkillRequest, context: aio.ServicerContext[Any, Any]
    ) -> directory_pb2.DeleteSkillResponse:
        await self._caller(context, Role.ADMIN)
        existed = await self._directory.delete_skill(_required(request.name, "name"))
        return directory_pb2.DeleteSkillResponse(existed=existed)

    async def ListTeams(
        self, request: directory_pb2.ListTeamsRequest, context: aio.ServicerContext[Any, Any]
    ) -> directory_pb2.ListTeamsResponse:
        await self._caller(context, Role.AGENT)
        limit, offset = _page(request.page_size, request.page_token, 1000, 1000)
        teams = await self._directory.teams()
        return directory_pb2.ListTeamsResponse(
            teams=[_team_to_proto(t) for t in teams[offset : offset + limit]],
            next_page_token=_next_token(offset, limit, len(teams)),
        )

    async def UpsertTeam(
        self, request: directory_pb2.UpsertTeamRequest, context: aio.ServicerContext[Any, Any]
    ) -> directory_pb2.Team:
        await self._caller(context, Role.ADMIN)
        message = request.team
        _required(message.name, "team.name")
        team = Team(message.name, message.display_name, tuple(message.supervisor_ids))
        return _team_to_proto(await self._directory.put_team(team))

    async def DeleteTeam(
        self, request: directory_pb2.DeleteTeamRequest, context: aio.ServicerContext[Any, Any]
    ) -> directory_pb2.DeleteTeamResponse:
        await self._caller(context, Role.ADMIN)
        existed = await self._directory.delete_team(_required(request.name, "name"))
        return directory_pb2.DeleteTeamResponse(existed=existed)

    async def GetRoutingPolicy(
        self, request: directory_pb2.GetRoutingPolicyRequest, context: aio.ServicerContext[Any, Any]
    ) -> directory_pb2.RoutingPolicy:
        await self._caller(context, Role.SUPERVISOR)
        return policy_to_proto(await self._directory.policy(_required(request.name, "name")))

    async def ListRoutingPolicies(
        self,
        request: directory_pb2.ListRoutingPoliciesRequest,
        context: aio.ServicerContext[Any, Any],
    ) -> directory_pb2.ListRoutingPoliciesResponse:
        await self._caller(context, Role.SUPERVISOR)
        limit, offset = _page(request.page_size, request.page_token, 100, 500)
        policies = await self._directory.policies()
        return directory_pb2.ListRoutingPoliciesResponse(
            policies=[policy_to_proto(p) for p in policies[offset : offset + limit]],
            next_page_token=_next_token(offset, limit, len(policies)),
        )

    async def UpsertRoutingPolicy(
        self,
        request: directory_pb2.UpsertRoutingPolicyRequest,
        context: aio.ServicerContext[Any, Any],
    ) -> directory_pb2.RoutingPolicy:
        await self._caller(context, Role.ADMIN)
        _required(request.policy.name, "policy.name")
        entry = policy_from_proto(request.policy)
        return policy_to_proto(await self._directory.put_policy(entry))

    async def DeleteRoutingPolicy(
        self,
        request: directory_pb2.DeleteRoutingPolicyRequest,
        context: aio.ServicerContext[Any, Any],
    ) -> directory_pb2.DeleteRoutingPolicyResponse:
        await self._caller(context, Role.ADMIN)
        existed = await self._directory.delete_policy(_required(request.name, "name"))
        return directory_pb2.DeleteRoutingPolicyResponse(existed=existed)


def directory_registration(directory: Directory) -> Callable[[aio.Server], list[str]]:
    """Adds the Directory service to a server (for `GrpcServer`'s registration list)."""

    def register(server: aio.Server) -> list[str]:
        servicer = DirectoryServicer(directory)
        directory_pb2_grpc.add_DirectoryServicer_to_server(servicer, server)  # type: ignore[no-untyped-call]
        return [directory_pb2.DESCRIPTOR.services_by_name["Directory"].full_name]

    return register
