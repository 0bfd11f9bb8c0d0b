"""Desk sessions: one per operator, heartbeats both ways, resuming from a cursor."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import grpc
import pytest
from desk_harness import add_operator, bearer, customer_writes, next_event
from grpc import aio

from router.app import Router
from router.domain.assignment import OperatorStatus
from router.domain.desk import DeskSettings
from router.v1 import common_pb2, ingress_pb2_grpc, operator_desk_pb2, operator_desk_pb2_grpc

AVAILABLE = operator_desk_pb2.StreamEventsRequest(
    initial_status=common_pb2.OPERATOR_STATUS_AVAILABLE
)


@pytest.fixture
async def desk(router: Router) -> AsyncIterator[operator_desk_pb2_grpc.OperatorDeskStub]:
    async with aio.insecure_channel(router.address) as channel:
        yield operator_desk_pb2_grpc.OperatorDeskStub(channel)


async def test_heartbeats_keep_the_session_and_a_new_session_aborts_the_old(
    router: Router, desk: operator_desk_pb2_grpc.OperatorDeskStub
) -> None:
    router.desk.settings = DeskSettings(heartbeat_s=0.2, poll_s=0.05)
    token = await add_operator(router, "anna")
    first = desk.StreamEvents(AVAILABLE, metadata=bearer(token))
    started = (await next_event(first, "session_started")).session_started
    assert started.heartbeat_interval.ToNanoseconds() == 200_000_000
    assert router.assignment.operator("anna").status is OperatorStatus.AVAILABLE
    beat = await next_event(first, "heartbeat")
    assert beat.heartbeat.server_time.seconds > 0

    answer = await desk.Heartbeat(
        operator_desk_pb2.HeartbeatRequest(session_id=started.session_id), metadata=bearer(token)
    )
    assert answer.next_heartbeat_before.seconds > 0
    with pytest.raises(aio.AioRpcError) as unknown:
        await desk.Heartbeat(
            operator_desk_pb2.HeartbeatRequest(session_id="nope"), metadata=bearer(token)
        )
    assert unknown.value.code() is grpc.StatusCode.NOT_FOUND

    second = desk.StreamEvents(operator_desk_pb2.StreamEventsRequest(), metadata=bearer(token))
    await next_event(second, "session_started")

    async def drain() -> None:
        while True:
            await first.read()

    with pytest.raises(aio.AioRpcError) as replaced:
        await asyncio.wait_for(drain(), 10)
    assert replaced.value.code() is grpc.StatusCode.ABORTED
    second.cancel()
    with pytest.raises(aio.AioRpcError) as ended:
        await desk.Heartbeat(
            operator_desk_pb2.HeartbeatRequest(session_id=started.session_id),
            metadata=bearer(token),
        )
    assert ended.value.code() is grpc.StatusCode.NOT_FOUND


async def test_a_session_resumes_after_its_cursor(
    router: Router,
    desk: operator_desk_pb2_grpc.OperatorDeskStub,
    ingress: ingress_pb2_grpc.IngressStub,
) -> None:
    token = await add_operator(router, "anna")
    stream = desk.StreamEvents(AVAILABLE, metadata=bearer(token))
    await customer_writes(ingress, "Roaming question", "w-1")
    offered = await next_event(stream, "offer")
    stream.cancel()
    # While nobody listens, the offer is accepted (from another tab, say).
    await desk.AcceptOffer(
        operator_desk_pb2.AcceptOfferRequest(offer_id=offered.offer.offer_id),
        metadata=bearer(token),
    )

    resumed = desk.StreamEvents(
        operator_desk_pb2.StreamEventsRequest(cursor=offered.cursor), metadata=bearer(token)
    )
    started = await next_event(resumed, "session_started")
    closed = await next_event(resumed, "offer_closed")
    resumed.cancel()
    assert started.session_started.resumed
    assert closed.offer_closed.offer_id == offered.offer.offer_id
    assert closed.offer_closed.reason == operator_desk_pb2.OFFER_CLOSE_REASON_ACCEPTED

    with pytest.raises(aio.AioRpcError) as bad:
        await desk.StreamEvents(
            operator_desk_pb2.StreamEventsRequest(cursor="garbage"), metadata=bearer(token)
        ).read()
    assert bad.value.code() is grpc.StatusCode.INVALID_ARGUMENT


async def test_a_fresh_session_is_given_its_open_offers(
    router: Router,
    desk: operator_desk_pb2_grpc.OperatorDeskStub,
    ingress: ingress_pb2_grpc.IngressStub,
) -> None:
    token = await add_operator(router, "anna")
    stream = desk.StreamEvents(AVAILABLE, metadata=bearer(token))
    sent = await customer_writes(ingress, "Roaming question", "w-1")
    await next_event(stream, "offer")
    stream.cancel()

    fresh = desk.StreamEvents(operator_desk_pb2.StreamEventsRequest(), metadata=bearer(token))
    started = await next_event(fresh, "session_started")
    offer = await next_event(fresh, "offer")
    fresh.cancel()
    assert not started.session_started.resumed
    assert offer.offer.conversation.conversation_id == sent.conversation_id
