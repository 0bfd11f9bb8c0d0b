"""An operator's day through a real server: a hand-off arrives as an offer on the desk
stream, is accepted, answered (the reply reaches the customer's channel) and resolved with
an intent label."""

from __future__ import annotations

import asyncio
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
    ingress_pb2,
    ingress_pb2_grpc,
    operator_desk_pb2,
    operator_desk_pb2_grpc,
)


@pytest.fixture
async def desk(router: Router) -> AsyncIterator[operator_desk_pb2_grpc.OperatorDeskStub]:
    async with aio.insecure_channel(router.address) as channel:
        yield operator_desk_pb2_grpc.OperatorDeskStub(channel)


async def test_a_hand_off_is_offered_accepted_answered_and_resolved(
    router: Router,
    desk: operator_desk_pb2_grpc.OperatorDeskStub,
    ingress: ingress_pb2_grpc.IngressStub,
) -> None:
    token = await add_operator(router, "anna")
    stream = desk.StreamEvents(
        operator_desk_pb2.StreamEventsRequest(initial_status=common_pb2.OPERATOR_STATUS_AVAILABLE),
        metadata=bearer(token),
    )
    started = await next_event(stream, "session_started")
    assert started.session_started.operator.operator_id == "anna"
    assert not started.session_started.resumed

    sent = await customer_writes(ingress, "My internet is down since morning", "w-1")
    offer = (await next_event(stream, "offer")).offer
    assert offer.conversation.conversation_id == sent.conversation_id
    assert offer.conversation.state == conversation_pb2.CONVERSATION_STATE_OFFERED
    assert offer.customer.customer_id == sent.customer_id
    assert offer.expires_at.seconds > 0

    accepted = await desk.AcceptOffer(
        operator_desk_pb2.AcceptOfferRequest(offer_id=offer.offer_id), metadata=bearer(token)
    )
    assert accepted.conversation.state == conversation_pb2.CONVERSATION_STATE_ASSIGNED
    assert accepted.conversation.operator_id == "anna"
    closed = await next_event(stream, "offer_closed")
    assert closed.offer_closed.reason == operator_desk_pb2.OFFER_CLOSE_REASON_ACCEPTED

    # The customer writes again: the operator sees it live.
    await customer_writes(ingress, "Router lights are red", "w-2")
    live = await next_event(stream, "message")
    assert live.message.text == "Router lights are red"
    assert live.message.author.role == common_pb2.AUTHOR_ROLE_CUSTOMER

    reply = await desk.SendReply(
        operator_desk_pb2.SendReplyRequest(
            conversation_id=sent.conversation_id, client_message_id="r-1", text="Restarting it"
        ),
        metadata=bearer(token),
    )
    assert not reply.duplicate
    assert reply.message.author.role == common_pb2.AUTHOR_ROLE_OPERATOR
    assert reply.message.author.operator_id == "anna"

    deliveries = ingress.StreamDeliveries(
        ingress_pb2.StreamDeliveriesRequest(channel=common_pb2.CHANNEL_WEB)
    )

    async def operator_delivery() -> ingress_pb2.Delivery:
        while True:
            delivery: ingress_pb2.Delivery = await deliveries.read()
            if delivery.author.role == common_pb2.AUTHOR_ROLE_OPERATOR:
                return delivery

    delivered = await asyncio.wait_for(operator_delivery(), 10)
    deliveries.cancel()
    assert delivered.text == "Restarting it"
    assert delivered.recipient.channel_user_id == "visitor-1"
    assert delivered.message_id == reply.message.message_id
    assert delivered.author.display_name == "Anna"

    resolved = await desk.ResolveConversation(
        operator_desk_pb2.ResolveConversationRequest(
            conversation_id=sent.conversation_id, intent="internet.outage", note="rebooted"
        ),
        metadata=bearer(token),
    )
    stream.cancel()
    assert resolved.training_example_added
    assert resolved.conversation.state == conversation_pb2.CONVERSATION_STATE_RESOLVED
    assert resolved.conversation.resolution.intent == "internet.outage"
    assert resolved.conversation.resolution.operator_id == "anna"
    assert router.assignment.load("anna") == {}
    with sqlite3.connect(router.settings.db_path) as db:
        status = db.execute(
            "SELECT status FROM conversations WHERE id = ?", (sent.conversation_id,)
        ).fetchone()
        label = db.execute(
            "SELECT intent, bot_intent, corrects_bot, operator_id FROM resolution_labels"
            " WHERE conversation_id = ?",
            (sent.conversation_id,),
        ).fetchone()
    assert status == ("resolved",)
    # Without a model the bot guessed nothing, so the label corrects nothing.
    assert label == ("internet.outage", "", 0, "anna")

    again = await desk.ResolveConversation(
        operator_desk_pb2.ResolveConversationRequest(
            conversation_id=sent.conversation_id, intent="something.else"
        ),
        metadata=bearer(token),
    )
    assert again.conversation.resolution.intent == "internet.outage"  # idempotent


async def test_a_reply_is_idempotent_on_its_client_message_id(
    router: Router,
    desk: operator_desk_pb2_grpc.OperatorDeskStub,
    ingress: ingress_pb2_grpc.IngressStub,
) -> None:
    token = await add_operator(router, "anna")
    stream = desk.StreamEvents(
        operator_desk_pb2.StreamEventsRequest(initial_status=common_pb2.OPERATOR_STATUS_AVAILABLE),
        metadata=bearer(token),
    )
    sent = await customer_writes(ingress, "Need help", "w-1")
    offer = (await next_event(stream, "offer")).offer
    request = operator_desk_pb2.SendReplyRequest(
        conversation_id=sent.conversation_id, client_message_id="r-1", text="Hello"
    )
    with pytest.raises(aio.AioRpcError) as not_yet:
        await desk.SendReply(request, metadata=bearer(token))
    assert not_yet.value.code().name == "FAILED_PRECONDITION"  # offered, not yet accepted

    await desk.AcceptOffer(
        operator_desk_pb2.AcceptOfferRequest(offer_id=offer.offer_id), metadata=bearer(token)
    )
    first = await desk.SendReply(request, metadata=bearer(token))
    second = await desk.SendReply(request, metadata=bearer(token))
    stream.cancel()
    assert not first.duplicate and second.duplicate
    assert first.message.message_id == second.message.message_id
    with sqlite3.connect(router.settings.db_path) as db:
        (count,) = db.execute(
            "SELECT count(*) FROM deliveries WHERE author_role = 'operator'"
        ).fetchone()
    assert count == 1
    assert router.assignment.conversation(sent.conversation_id).state is ConversationState.ASSIGNED
