"""GetConversation: the customer with every linked channel, and their earlier
conversations' messages as history, paged."""

from __future__ import annotations

from collections.abc import AsyncIterator

import grpc
import pytest
from desk_harness import add_operator, bearer, customer_writes, next_event
from grpc import aio

from router.app import Router
from router.v1 import (
    common_pb2,
    conversation_pb2,
    ingress_pb2_grpc,
    operator_desk_pb2,
    operator_desk_pb2_grpc,
)

PHONE = "+79001234567"


@pytest.fixture
async def desk(router: Router) -> AsyncIterator[operator_desk_pb2_grpc.OperatorDeskStub]:
    async with aio.insecure_channel(router.address) as channel:
        yield operator_desk_pb2_grpc.OperatorDeskStub(channel)


async def take(
    desk: operator_desk_pb2_grpc.OperatorDeskStub, stream: aio.UnaryStreamCall, token: str
) -> str:  # type: ignore[type-arg]
    offer = (await next_event(stream, "offer")).offer
    await desk.AcceptOffer(
        operator_desk_pb2.AcceptOfferRequest(offer_id=offer.offer_id), metadata=bearer(token)
    )
    return offer.conversation.conversation_id


async def test_history_spans_the_customers_channels_and_past_conversations(
    router: Router,
    desk: operator_desk_pb2_grpc.OperatorDeskStub,
    ingress: ingress_pb2_grpc.IngressStub,
) -> None:
    token = await add_operator(router, "anna")
    stream = desk.StreamEvents(
        operator_desk_pb2.StreamEventsRequest(initial_status=common_pb2.OPERATOR_STATUS_AVAILABLE),
        metadata=bearer(token),
    )
    await customer_writes(ingress, "Where is my refund?", "w-1", user="site-7", phone=PHONE)
    first = await take(desk, stream, token)
    await desk.ResolveConversation(
        operator_desk_pb2.ResolveConversationRequest(conversation_id=first, intent="refund"),
        metadata=bearer(token),
    )
    sent = await customer_writes(
        ingress, "Still no refund", "t-1", user="tg-42", channel="telegram", phone=PHONE
    )
    second = await take(desk, stream, token)
    stream.cancel()
    assert second == sent.conversation_id != first

    detail = await desk.GetConversation(
        operator_desk_pb2.GetConversationRequest(conversation_id=second, history_page_size=1),
        metadata=bearer(token),
    )
    assert detail.conversation.channel == common_pb2.CHANNEL_TELEGRAM
    assert {(i.channel, i.identity.channel_user_id) for i in detail.customer.identities} == {
        (common_pb2.CHANNEL_WEB, "site-7"),
        (common_pb2.CHANNEL_TELEGRAM, "tg-42"),
    }
    assert detail.messages[0].text == "Still no refund"
    assert all(m.conversation_id == second for m in detail.messages)
    # Newest first, one per page, all from the earlier web conversation.
    history = list(detail.history)
    token_ = detail.next_history_page_token
    while token_:
        page = await desk.GetConversation(
            operator_desk_pb2.GetConversationRequest(
                conversation_id=second, history_page_size=1, history_page_token=token_
            ),
            metadata=bearer(token),
        )
        history += page.history
        token_ = page.next_history_page_token
    assert len(history) >= 2  # the question and at least the bot's hand-off notice
    assert {m.conversation_id for m in history} == {first}
    assert {m.channel for m in history} == {common_pb2.CHANNEL_WEB}
    assert history[-1].text == "Where is my refund?"
    assert history[-1].author.role == common_pb2.AUTHOR_ROLE_CUSTOMER

    resolved = await desk.ListConversations(
        operator_desk_pb2.ListConversationsRequest(
            state=conversation_pb2.CONVERSATION_STATE_RESOLVED
        ),
        metadata=bearer(token),
    )
    assert [c.conversation_id for c in resolved.conversations] == [first]
    assert resolved.conversations[0].resolution.intent == "refund"


async def test_an_unknown_conversation_is_not_found(
    router: Router, desk: operator_desk_pb2_grpc.OperatorDeskStub
) -> None:
    token = await add_operator(router, "anna")
    with pytest.raises(aio.AioRpcError) as error:
        await desk.GetConversation(
            operator_desk_pb2.GetConversationRequest(conversation_id="conv_nope"),
            metadata=bearer(token),
        )
    assert error.value.code() is grpc.StatusCode.NOT_FOUND
