"""The Stats service over a real server: what waits, who works, what the bot kept."""

from __future__ import annotations

import asyncio

import grpc
import pytest
from desk_harness import add_operator, bearer, customer_writes
from grpc import aio

from router.app import Router
from router.domain.assignment import ConversationState, OperatorStatus
from router.domain.directory import Role
from router.v1 import common_pb2, ingress_pb2_grpc, stats_pb2, stats_pb2_grpc


async def handed_over(router: Router, conversation_id: str) -> None:
    """Waits (bounded) until the bot stage and the bridge queued the conversation."""
    for _ in range(200):
        if any(c.conversation_id == conversation_id for c in router.assignment.conversations()):
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"{conversation_id} never reached the queue")


async def test_supervisors_see_queues_operators_and_self_service(
    router: Router, channel: aio.Channel
) -> None:
    supervisor = await add_operator(router, "olga", Role.SUPERVISOR)
    await add_operator(router, "anna", skills={"general": 9}, capacity=2)
    router.assignment.set_status("anna", OperatorStatus.AVAILABLE)
    ingress = ingress_pb2_grpc.IngressStub(channel)
    # With no model loaded the bot hands every conversation over: three customers, one
    # operator with room for two.
    ids = [
        (await customer_writes(ingress, "help", f"m{i}", user=f"u{i}")).conversation_id
        for i in range(3)
    ]
    for conversation_id in ids:
        await handed_over(router, conversation_id)
    states = sorted(router.assignment.conversation(c).state.value for c in ids)
    assert states == ["offered", "offered", "queued"]
    # Anna declines one offer; with room again she is offered the third conversation.
    declined = router.assignment.pending_offers("anna")[0]
    router.assignment.decline("anna", declined.offer_id)

    stats = stats_pb2_grpc.StatsStub(channel)
    queues = await stats.GetQueueStats(
        stats_pb2.GetQueueStatsRequest(), metadata=bearer(supervisor), timeout=5
    )
    (default,) = [q for q in queues.queues if q.policy == "default"]
    assert default.offers_declined == 1
    assert default.offered + default.queued == 3 and default.assigned == 0
    assert default.longest_wait.ToNanoseconds() >= 0

    operators = await stats.GetOperatorStats(
        stats_pb2.GetOperatorStatsRequest(), metadata=bearer(supervisor), timeout=5
    )
    by_status = {s.status: s.operators for s in operators.by_status}
    assert by_status[common_pb2.OPERATOR_STATUS_AVAILABLE] == 1
    (chat,) = [load for load in operators.load if load.work_kind == "chat"]
    assert (chat.used_units, chat.capacity_units) == (2, 2)

    self_service = await stats.GetSelfServiceStats(
        stats_pb2.GetSelfServiceStatsRequest(), metadata=bearer(supervisor), timeout=5
    )
    assert (self_service.conversations, self_service.handed_off) == (3, 3)
    assert self_service.self_service_share == 0.0
    assert [(r.reason, r.conversations) for r in self_service.handoff_reasons] == [
        (common_pb2.HANDOFF_REASON_NO_ANSWER, 3)
    ]
    assert router.assignment.conversation(ids[0]).state is not ConversationState.RESOLVED


async def test_agents_may_not_read_the_figures(router: Router, channel: aio.Channel) -> None:
    agent = await add_operator(router, "anna")
    stats = stats_pb2_grpc.StatsStub(channel)
    with pytest.raises(aio.AioRpcError) as caught:
        await stats.GetQueueStats(stats_pb2.GetQueueStatsRequest(), metadata=bearer(agent))
    assert caught.value.code() is grpc.StatusCode.PERMISSION_DENIED
    with pytest.raises(aio.AioRpcError) as caught:
        await stats.GetOperatorStats(stats_pb2.GetOperatorStatsRequest())
    assert caught.value.code() is grpc.StatusCode.UNAUTHENTICATED


async def test_an_empty_window_is_refused(router: Router, channel: aio.Channel) -> None:
    supervisor = await add_operator(router, "olga", Role.SUPERVISOR)
    window = stats_pb2.TimeWindow()
    window.start_time.FromSeconds(2_000_000_000)
    window.end_time.FromSeconds(1_000_000_000)
    with pytest.raises(aio.AioRpcError) as caught:
        await stats_pb2_grpc.StatsStub(channel).GetSelfServiceStats(
            stats_pb2.GetSelfServiceStatsRequest(window=window), metadata=bearer(supervisor)
        )
    assert caught.value.code() is grpc.StatusCode.INVALID_ARGUMENT
