"""Offers on the desk: accepting twice, declining, someone else's offer, transfers."""

from __future__ import annotations

from collections.abc import AsyncIterator

import grpc
import pytest
from desk_harness import (
    add_operator,
    bearer,
    customer_writes,
    error_reason,
    next_event,
    next_update,
)
from grpc import aio

from router.app import Router
from router.domain.assignment import ConversationState
from router.v1 import (
    common_pb2,
    conversation_pb2,
    ingress_pb2_grpc,
    operator_desk_pb2,
    operator_desk_pb2_grpc,
)

AVAILABLE = operator_desk_pb2.StreamEventsRequest(
    initial_status=common_pb2.OPERATOR_STATUS_AVAILABLE
)


@pytest.fixture
async def desk(router: Router) -> AsyncIterator[operator_desk_pb2_grpc.OperatorDeskStub]:
    async with aio.insecure_channel(router.address) as channel:
        yield operator_desk_pb2_grpc.OperatorDeskStub(channel)


async def test_accepting_twice_gives_the_same_answer_and_others_cannot_accept(
    router: Router,
    desk: operator_desk_pb2_grpc.OperatorDeskStub,
    ingress: ingress_pb2_grpc.IngressStub,
) -> None:
    anna = await add_operator(router, "anna")
    boris = await add_operator(router, "boris")
    stream = desk.StreamEvents(AVAILABLE, metadata=bearer(anna))
    sent = await customer_writes(ingress, "Roaming question", "w-1")
    offer = (await next_event(stream, "offer")).offer
    stream.cancel()
    accept = operator_desk_pb2.AcceptOfferRequest(offer_id=offer.offer_id)

    with pytest.raises(aio.AioRpcError) as not_theirs:
        await desk.AcceptOffer(accept, metadata=bearer(boris))
    assert not_theirs.value.code() is grpc.StatusCode.NOT_FOUND
    with pytest.raises(aio.AioRpcError) as unknown:
        await desk.AcceptOffer(
            operator_desk_pb2.AcceptOfferRequest(offer_id="offer-999999"), metadata=bearer(anna)
        )
    assert unknown.value.code() is grpc.StatusCode.NOT_FOUND

    first = await desk.AcceptOffer(accept, metadata=bearer(anna))
    second = await desk.AcceptOffer(accept, metadata=bearer(anna))
    assert first.conversation.conversation_id == second.conversation.conversation_id
    assert second.conversation.state == conversation_pb2.CONVERSATION_STATE_ASSIGNED
    assert router.assignment.conversation(sent.conversation_id).operator_id == "anna"


async def test_a_declined_offer_is_closed_for_good(
    router: Router,
    desk: operator_desk_pb2_grpc.OperatorDeskStub,
    ingress: ingress_pb2_grpc.IngressStub,
) -> None:
    anna = await add_operator(router, "anna")
    stream = desk.StreamEvents(AVAILABLE, metadata=bearer(anna))
    sent = await customer_writes(ingress, "Roaming question", "w-1")
    offer = (await next_event(stream, "offer")).offer
    decline = operator_desk_pb2.DeclineOfferRequest(offer_id=offer.offer_id, reason="not mine")
    await desk.DeclineOffer(decline, metadata=bearer(anna))
    closed = await next_event(stream, "offer_closed")
    stream.cancel()
    assert closed.offer_closed.reason == operator_desk_pb2.OFFER_CLOSE_REASON_DECLINED
    assert closed.offer_closed.conversation_id == sent.conversation_id

    await desk.DeclineOffer(decline, metadata=bearer(anna))  # idempotent
    with pytest.raises(aio.AioRpcError) as late:
        await desk.AcceptOffer(
            operator_desk_pb2.AcceptOfferRequest(offer_id=offer.offer_id), metadata=bearer(anna)
        )
    assert late.value.code() is grpc.StatusCode.FAILED_PRECONDITION
    assert error_reason(late.value) == "OFFER_CLOSED"
    # Back in the queue, waiting for someone who has not declined it.
    assert router.assignment.conversation(sent.conversation_id).state is ConversationState.QUEUED


async def test_a_transfer_to_a_colleague_moves_the_conversation(
    router: Router,
    desk: operator_desk_pb2_grpc.OperatorDeskStub,
    ingress: ingress_pb2_grpc.IngressStub,
) -> None:
    anna = await add_operator(router, "anna")
    boris = await add_operator(router, "boris")
    anna_stream = desk.StreamEvents(AVAILABLE, metadata=bearer(anna))
    sent = await customer_writes(ingress, "Roaming question", "w-1")
    offer = (await next_event(anna_stream, "offer")).offer
    await desk.AcceptOffer(
        operator_desk_pb2.AcceptOfferRequest(offer_id=offer.offer_id), metadata=bearer(anna)
    )
    boris_stream = desk.StreamEvents(AVAILABLE, metadata=bearer(boris))
    await next_event(boris_stream, "session_started")

    moved = await desk.TransferConversation(
        operator_desk_pb2.TransferConversationRequest(
            conversation_id=sent.conversation_id, operator_id="boris", note="roaming expert"
        ),
        metadata=bearer(anna),
    )
    assert moved.conversation.operator_id == "boris"
    transferred = operator_desk_pb2.CONVERSATION_CHANGE_TRANSFERRED
    update = await next_update(boris_stream, transferred)
    left = await next_update(anna_stream, transferred)
    anna_stream.cancel()
    boris_stream.cancel()
    assert update.conversation.operator_id == "boris"
    assert left.conversation.conversation_id == sent.conversation_id
    assert router.assignment.load("anna") == {}

    with pytest.raises(aio.AioRpcError) as no_target:
        await desk.TransferConversation(
            operator_desk_pb2.TransferConversationRequest(conversation_id=sent.conversation_id),
            metadata=bearer(boris),
        )
    assert no_target.value.code() is grpc.StatusCode.INVALID_ARGUMENT
