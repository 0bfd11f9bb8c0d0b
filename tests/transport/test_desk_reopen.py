"""A customer who writes again soon after an operator resolved their conversation gets the
same conversation back, offered to the same operator, who can resolve it again with a new
label — through a real server."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator

import pytest
from desk_harness import add_operator, bearer, customer_writes, next_event
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


@pytest.fixture
async def desk(router: Router) -> AsyncIterator[operator_desk_pb2_grpc.OperatorDeskStub]:
    async with aio.insecure_channel(router.address) as channel:
        yield operator_desk_pb2_grpc.OperatorDeskStub(channel)


def available() -> operator_desk_pb2.StreamEventsRequest:
    return operator_desk_pb2.StreamEventsRequest(
        initial_status=common_pb2.OPERATOR_STATUS_AVAILABLE
    )


async def test_a_message_soon_after_resolution_reopens_with_the_same_operator(
    router: Router,
    desk: operator_desk_pb2_grpc.OperatorDeskStub,
    ingress: ingress_pb2_grpc.IngressStub,
) -> None:
    anna = await add_operator(router, "anna")
    stream = desk.StreamEvents(available(), metadata=bearer(anna))
    await next_event(stream, "session_started")

    sent = await customer_writes(ingress, "My internet is down since morning", "w-1")
    offer = (await next_event(stream, "offer")).offer
    assert offer.conversation.conversation_id == sent.conversation_id
    await desk.AcceptOffer(
        operator_desk_pb2.AcceptOfferRequest(offer_id=offer.offer_id), metadata=bearer(anna)
    )
    first = await desk.ResolveConversation(
        operator_desk_pb2.ResolveConversationRequest(
            conversation_id=sent.conversation_id, intent="internet.outage"
        ),
        metadata=bearer(anna),
    )
    assert first.conversation.state == conversation_pb2.CONVERSATION_STATE_RESOLVED

    # A second operator is free too, with nothing on their plate: the customer's last
    # operator still comes first.
    boris = await add_operator(router, "boris")
    other = desk.StreamEvents(available(), metadata=bearer(boris))
    await next_event(other, "session_started")

    again = await customer_writes(ingress, "It is down again", "w-2")
    assert again.conversation_id == sent.conversation_id
    reoffer = (await next_event(stream, "offer")).offer
    assert reoffer.conversation.conversation_id == sent.conversation_id
    assert router.assignment.pending_offers("boris") == []
    accepted = await desk.AcceptOffer(
        operator_desk_pb2.AcceptOfferRequest(offer_id=reoffer.offer_id), metadata=bearer(anna)
    )
    assert accepted.conversation.operator_id == "anna"
    assert router.assignment.conversation(sent.conversation_id).state is ConversationState.ASSIGNED

    second = await desk.ResolveConversation(
        operator_desk_pb2.ResolveConversationRequest(
            conversation_id=sent.conversation_id, intent="internet.router", note="new router"
        ),
        metadata=bearer(anna),
    )
    repeated = await desk.ResolveConversation(
        operator_desk_pb2.ResolveConversationRequest(
            conversation_id=sent.conversation_id, intent="something.else"
        ),
        metadata=bearer(anna),
    )
    stream.cancel()
    other.cancel()
    assert second.training_example_added
    assert second.conversation.state == conversation_pb2.CONVERSATION_STATE_RESOLVED
    assert second.conversation.resolution.intent == "internet.router"
    assert second.conversation.resolution.operator_id == "anna"
    assert repeated.conversation.resolution.intent == "internet.router"  # idempotent
    assert router.assignment.load("anna") == {}
    with sqlite3.connect(router.settings.db_path) as db:
        labels = db.execute(
            "SELECT opening, intent, operator_id FROM resolution_labels"
            " WHERE conversation_id = ? ORDER BY rowid",
            (sent.conversation_id,),
        ).fetchall()
        kinds = [
            row[0]
            for row in db.execute(
                "SELECT kind FROM events WHERE conversation_id = ?"
                " AND kind IN ('handed_off', 'conversation_reopened') ORDER BY seq",
                (sent.conversation_id,),
            )
        ]
    assert labels == [(0, "internet.outage", "anna"), (1, "internet.router", "anna")]
    assert kinds == ["handed_off", "conversation_reopened", "handed_off"]
