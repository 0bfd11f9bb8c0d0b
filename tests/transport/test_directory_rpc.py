"""The Directory service through a real server: roles, validation, and edits that reach
the assignment engine."""

from __future__ import annotations

from collections.abc import AsyncIterator

import grpc
import pytest
from desk_harness import add_operator, bearer
from google.protobuf import duration_pb2, field_mask_pb2
from grpc import aio

from router.app import Router
from router.domain.assignment import OperatorStatus, WorkItem
from router.domain.directory import Role
from router.v1 import directory_pb2, directory_pb2_grpc


@pytest.fixture
async def directory(router: Router) -> AsyncIterator[directory_pb2_grpc.DirectoryStub]:
    async with aio.insecure_channel(router.address) as channel:
        yield directory_pb2_grpc.DirectoryStub(channel)


@pytest.fixture
async def admin(router: Router) -> str:
    return await add_operator(router, "root", role=Role.ADMIN, skills={})


def operator(operator_id: str, **fields: object) -> directory_pb2.Operator:
    return directory_pb2.Operator(operator_id=operator_id, **fields)  # type: ignore[arg-type]


async def test_an_upserted_operator_reaches_the_engine(
    router: Router, directory: directory_pb2_grpc.DirectoryStub, admin: str
) -> None:
    created = await directory.UpsertOperator(
        directory_pb2.UpsertOperatorRequest(
            operator=operator(
                "olga",
                display_name="Olga",
                role=directory_pb2.OPERATOR_ROLE_AGENT,
                skills=[directory_pb2.SkillLevel(skill="roaming", level=8)],
                languages=["ru"],
                teams=["night"],
                capacity={"chat": 4},
            )
        ),
        metadata=bearer(admin),
    )
    assert created.status == 3  # OFFLINE: a new operator starts offline
    profile = router.assignment.operator("olga").profile
    assert profile.skills == {"roaming": 8}
    assert profile.capacity == {"chat": 4}
    assert profile.teams == frozenset({"night"})

    # A masked update changes only the named field.
    await directory.UpsertOperator(
        directory_pb2.UpsertOperatorRequest(
            operator=operator("olga", capacity={"chat": 1}, display_name="ignored"),
            update_mask=field_mask_pb2.FieldMask(paths=["capacity"]),
        ),
        metadata=bearer(admin),
    )
    fetched = await directory.GetOperator(
        directory_pb2.GetOperatorRequest(operator_id="olga"), metadata=bearer(admin)
    )
    assert fetched.display_name == "Olga"
    assert dict(fetched.capacity) == {"chat": 1}
    assert router.assignment.operator("olga").profile.capacity == {"chat": 1}

    listed = await directory.ListOperators(
        directory_pb2.ListOperatorsRequest(skill="roaming"), metadata=bearer(admin)
    )
    assert [o.operator_id for o in listed.operators] == ["olga"]

    deleted = await directory.DeleteOperator(
        directory_pb2.DeleteOperatorRequest(operator_id="olga"), metadata=bearer(admin)
    )
    again = await directory.DeleteOperator(
        directory_pb2.DeleteOperatorRequest(operator_id="olga"), metadata=bearer(admin)
    )
    assert deleted.existed and not again.existed
    assert router.assignment.operator("olga").profile.capacity == {}
    with pytest.raises(aio.AioRpcError) as gone:
        await directory.GetOperator(
            directory_pb2.GetOperatorRequest(operator_id="olga"), metadata=bearer(admin)
        )
    assert gone.value.code() is grpc.StatusCode.NOT_FOUND


async def test_supervisors_read_admins_write_agents_neither(
    router: Router, directory: directory_pb2_grpc.DirectoryStub
) -> None:
    supervisor = await add_operator(router, "sam", role=Role.SUPERVISOR)
    agent = await add_operator(router, "anna")
    listed = await directory.ListOperators(
        directory_pb2.ListOperatorsRequest(), metadata=bearer(supervisor)
    )
    assert [o.operator_id for o in listed.operators] == ["anna", "sam"]
    assert listed.operators[1].role == directory_pb2.OPERATOR_ROLE_SUPERVISOR

    write = directory_pb2.UpsertSkillRequest(skill=directory_pb2.Skill(name="billing"))
    for token, call in [
        (supervisor, directory.UpsertSkill(write, metadata=bearer(supervisor))),
        (agent, directory.UpsertSkill(write, metadata=bearer(agent))),
        (
            agent,
            directory.GetOperator(
                directory_pb2.GetOperatorRequest(operator_id="sam"), metadata=bearer(agent)
            ),
        ),
        (
            agent,
            directory.ListRoutingPolicies(
                directory_pb2.ListRoutingPoliciesRequest(), metadata=bearer(agent)
            ),
        ),
    ]:
        with pytest.raises(aio.AioRpcError) as error:
            await call
        assert error.value.code() is grpc.StatusCode.PERMISSION_DENIED, token
    with pytest.raises(aio.AioRpcError) as anonymous:
        await directory.ListSkills(directory_pb2.ListSkillsRequest())
    assert anonymous.value.code() is grpc.StatusCode.UNAUTHENTICATED


async def test_every_operator_reads_themselves_and_lists_transfer_targets(
    router: Router, directory: directory_pb2_grpc.DirectoryStub
) -> None:
    await add_operator(router, "sam", role=Role.SUPERVISOR)
    agent = bearer(await add_operator(router, "anna"))
    me = await directory.GetOperator(directory_pb2.GetOperatorRequest(), metadata=agent)
    assert (me.operator_id, me.role) == ("anna", directory_pb2.OPERATOR_ROLE_AGENT)
    same = await directory.GetOperator(
        directory_pb2.GetOperatorRequest(operator_id="anna"), metadata=agent
    )
    assert same.operator_id == "anna"
    listed = await directory.ListOperators(directory_pb2.ListOperatorsRequest(), metadata=agent)
    assert [o.operator_id for o in listed.operators] == ["anna", "sam"]
    await directory.ListSkills(directory_pb2.ListSkillsRequest(), metadata=agent)
    await directory.ListTeams(directory_pb2.ListTeamsRequest(), metadata=agent)


async def test_bad_records_are_refused_naming_the_field(
    directory: directory_pb2_grpc.DirectoryStub, admin: str
) -> None:
    cases = [
        (
            directory_pb2.UpsertOperatorRequest(
                operator=operator("olga", skills=[directory_pb2.SkillLevel(skill="x", level=11)])
            ),
            "operator.skills.level",
        ),
        (
            directory_pb2.UpsertOperatorRequest(operator=operator("bad id!")),
            "operator.operator_id",
        ),
    ]
    for request, field in cases:
        with pytest.raises(aio.AioRpcError) as error:
            await directory.UpsertOperator(request, metadata=bearer(admin))
        assert error.value.code() is grpc.StatusCode.INVALID_ARGUMENT
        assert field in (error.value.details() or "")
    with pytest.raises(aio.AioRpcError) as steps:
        await directory.UpsertRoutingPolicy(
            directory_pb2.UpsertRoutingPolicyRequest(
                policy=directory_pb2.RoutingPolicy(
                    name="vip",
                    steps=[
                        directory_pb2.RoutingStep(name="experts", min_level=7),
                        directory_pb2.RoutingStep(name="anyone"),
                    ],
                )
            ),
            metadata=bearer(admin),
        )
    assert steps.value.code() is grpc.StatusCode.INVALID_ARGUMENT
    assert "policy.steps[0].wait" in (steps.value.details() or "")


async def test_routing_policies_are_data_the_engine_follows(
    router: Router, directory: directory_pb2_grpc.DirectoryStub, admin: str
) -> None:
    default = await directory.GetRoutingPolicy(
        directory_pb2.GetRoutingPolicyRequest(name="default"), metadata=bearer(admin)
    )
    assert default.steps[-1].name == "fallback"
    stored = await directory.UpsertRoutingPolicy(
        directory_pb2.UpsertRoutingPolicyRequest(
            policy=directory_pb2.RoutingPolicy(
                name="vip",
                description="VIP customers",
                steps=[
                    directory_pb2.RoutingStep(
                        name="experts", wait=duration_pb2.Duration(seconds=20), min_level=8
                    ),
                    directory_pb2.RoutingStep(name="anyone", min_level=1, teams=["vip-desk"]),
                ],
                max_queued=50,
            )
        ),
        metadata=bearer(admin),
    )
    assert stored.offer_timeout.seconds == 30  # the default, filled in
    policy = router.assignment.policy("vip")
    assert [s.name for s in policy.steps] == ["experts", "anyone"]
    assert policy.steps[0].timeout_s == 20 and policy.steps[0].min_level == 8
    assert policy.steps[1].teams == frozenset({"vip-desk"})
    assert policy.max_queued == 50

    names = await directory.ListRoutingPolicies(
        directory_pb2.ListRoutingPoliciesRequest(), metadata=bearer(admin)
    )
    assert [p.name for p in names.policies] == ["default", "vip"]
    with pytest.raises(aio.AioRpcError) as default_delete:
        await directory.DeleteRoutingPolicy(
            directory_pb2.DeleteRoutingPolicyRequest(name="default"), metadata=bearer(admin)
        )
    assert default_delete.value.code() is grpc.StatusCode.FAILED_PRECONDITION

    await directory.UpsertTeam(
        directory_pb2.UpsertTeamRequest(team=directory_pb2.Team(name="vip-desk")),
        metadata=bearer(admin),
    )
    with pytest.raises(aio.AioRpcError) as team_in_use:
        await directory.DeleteTeam(
            directory_pb2.DeleteTeamRequest(name="vip-desk"), metadata=bearer(admin)
        )
    assert team_in_use.value.code() is grpc.StatusCode.FAILED_PRECONDITION
    removed = await directory.DeleteRoutingPolicy(
        directory_pb2.DeleteRoutingPolicyRequest(name="vip"), metadata=bearer(admin)
    )
    assert removed.existed
    team_gone = await directory.DeleteTeam(
        directory_pb2.DeleteTeamRequest(name="vip-desk"), metadata=bearer(admin)
    )
    assert team_gone.existed


async def test_skills_and_teams_are_listed_by_name(
    directory: directory_pb2_grpc.DirectoryStub, admin: str
) -> None:
    for name in ["roaming", "billing"]:
        await directory.UpsertSkill(
            directory_pb2.UpsertSkillRequest(
                skill=directory_pb2.Skill(name=name, display_name=name.title())
            ),
            metadata=bearer(admin),
        )
    skills = await directory.ListSkills(directory_pb2.ListSkillsRequest(), metadata=bearer(admin))
    assert [(s.name, s.display_name) for s in skills.skills] == [
        ("billing", "Billing"),
        ("roaming", "Roaming"),
    ]
    page = await directory.ListSkills(
        directory_pb2.ListSkillsRequest(page_size=1), metadata=bearer(admin)
    )
    rest = await directory.ListSkills(
        directory_pb2.ListSkillsRequest(page_size=1, page_token=page.next_page_token),
        metadata=bearer(admin),
    )
    assert [s.name for s in [*page.skills, *rest.skills]] == ["billing", "roaming"]
    assert rest.next_page_token == ""
    deleted = await directory.DeleteSkill(
        directory_pb2.DeleteSkillRequest(name="billing"), metadata=bearer(admin)
    )
    assert deleted.existed


async def test_a_disabled_operator_cannot_sign_in_and_one_holding_work_stays(
    router: Router, directory: directory_pb2_grpc.DirectoryStub, admin: str
) -> None:
    anna = await add_operator(router, "anna")
    router.assignment.set_status("anna", OperatorStatus.AVAILABLE)
    router.assignment.enqueue(WorkItem("conv-1", "cust-1", ("general",), language="en"))
    assert router.assignment.load("anna") == {"chat": 1}  # offered to her

    with pytest.raises(aio.AioRpcError) as holding:
        await directory.DeleteOperator(
            directory_pb2.DeleteOperatorRequest(operator_id="anna"), metadata=bearer(admin)
        )
    assert holding.value.code() is grpc.StatusCode.FAILED_PRECONDITION

    await directory.UpsertOperator(
        directory_pb2.UpsertOperatorRequest(
            operator=operator("anna", disabled=True),
            update_mask=field_mask_pb2.FieldMask(paths=["disabled"]),
        ),
        metadata=bearer(admin),
    )
    assert router.assignment.operator("anna").status is OperatorStatus.OFFLINE
    assert router.assignment.load("anna") == {}  # the offer was revoked
    with pytest.raises(aio.AioRpcError) as refused:
        await directory.ListSkills(directory_pb2.ListSkillsRequest(), metadata=bearer(anna))
    assert refused.value.code() is grpc.StatusCode.UNAUTHENTICATED
