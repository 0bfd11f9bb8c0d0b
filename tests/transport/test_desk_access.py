"""Who may see what on the desk: tokens, agents' own conversations, supervisors' view."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import grpc
import pytest
from desk_harness import add_operator, bearer, customer_writes, next_event
from grpc import aio

from router.app import Router, create_server
from router.directory_cli import create_operator
from router.domain.directory import OperatorEntry, Role
from router.settings import Settings
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


async def assigned_to(
    desk: operator_desk_pb2_grpc.OperatorDeskStub,
    ingress: ingress_pb2_grpc.IngressStub,
    token: str,
) -> str:
    """A customer's conversation, handed over and accepted by the token's operator."""
    stream = desk.StreamEvents(
        operator_desk_pb2.StreamEventsRequest(initial_status=common_pb2.OPERATOR_STATUS_AVAILABLE),
        metadata=bearer(token),
    )
    sent = await customer_writes(ingress, "Help with my bill", "w-1")
    offer = (await next_event(stream, "offer")).offer
    await desk.AcceptOffer(
        operator_desk_pb2.AcceptOfferRequest(offer_id=offer.offer_id), metadata=bearer(token)
    )
    stream.cancel()
    return sent.conversation_id


async def test_calls_without_a_valid_token_are_unauthenticated(
    router: Router, desk: operator_desk_pb2_grpc.OperatorDeskStub
) -> None:
    token = await add_operator(router, "anna")
    token_id = token.split("_")[1]
    await router.directory.revoke_token(token_id)
    request = operator_desk_pb2.ListConversationsRequest()
    for metadata in [
        (),
        (("authorization", "Bearer opt_nope_nope"),),
        (("authorization", "Basic abc"),),
        bearer(token),  # revoked
    ]:
        with pytest.raises(aio.AioRpcError) as error:
            await desk.ListConversations(request, metadata=metadata)
        assert error.value.code() is grpc.StatusCode.UNAUTHENTICATED
    stream = desk.StreamEvents(operator_desk_pb2.StreamEventsRequest())
    with pytest.raises(aio.AioRpcError) as streamed:
        await stream.read()
    assert streamed.value.code() is grpc.StatusCode.UNAUTHENTICATED


async def test_an_agent_cannot_touch_another_agents_conversation(
    router: Router,
    desk: operator_desk_pb2_grpc.OperatorDeskStub,
    ingress: ingress_pb2_grpc.IngressStub,
) -> None:
    anna = await add_operator(router, "anna")
    boris = await add_operator(router, "boris")
    conversation_id = await assigned_to(desk, ingress, anna)
    calls = [
        desk.GetConversation(
            operator_desk_pb2.GetConversationRequest(conversation_id=conversation_id),
            metadata=bearer(boris),
        ),
        desk.SendReply(
            operator_desk_pb2.SendReplyRequest(
                conversation_id=conversation_id, client_message_id="x", text="hi"
            ),
            metadata=bearer(boris),
        ),
        desk.ResolveConversation(
            operator_desk_pb2.ResolveConversationRequest(
                conversation_id=conversation_id, intent="billing"
            ),
            metadata=bearer(boris),
        ),
        desk.TransferConversation(
            operator_desk_pb2.TransferConversationRequest(
                conversation_id=conversation_id, skill="general"
            ),
            metadata=bearer(boris),
        ),
        desk.ListConversations(
            operator_desk_pb2.ListConversationsRequest(operator_id="anna"),
            metadata=bearer(boris),
        ),
    ]
    for call in calls:
        with pytest.raises(aio.AioRpcError) as error:
            await call
        assert error.value.code() is grpc.StatusCode.PERMISSION_DENIED
    assert router.assignment.conversation(conversation_id).operator_id == "anna"

    own = await desk.ListConversations(
        operator_desk_pb2.ListConversationsRequest(), metadata=bearer(boris)
    )
    assert list(own.conversations) == []
    annas = await desk.ListConversations(
        operator_desk_pb2.ListConversationsRequest(), metadata=bearer(anna)
    )
    assert [c.conversation_id for c in annas.conversations] == [conversation_id]


async def test_a_supervisor_sees_every_conversation_and_can_assign(
    router: Router,
    desk: operator_desk_pb2_grpc.OperatorDeskStub,
    ingress: ingress_pb2_grpc.IngressStub,
) -> None:
    anna = await add_operator(router, "anna")
    boss = await add_operator(router, "boss", role=Role.SUPERVISOR, skills={})
    boris = await add_operator(router, "boris")
    conversation_id = await assigned_to(desk, ingress, anna)

    seen = await desk.ListConversations(
        operator_desk_pb2.ListConversationsRequest(), metadata=bearer(boss)
    )
    assert [(c.conversation_id, c.operator_id) for c in seen.conversations] == [
        (conversation_id, "anna")
    ]
    detail = await desk.GetConversation(
        operator_desk_pb2.GetConversationRequest(conversation_id=conversation_id),
        metadata=bearer(boss),
    )
    assert detail.conversation.state == conversation_pb2.CONVERSATION_STATE_ASSIGNED
    assert detail.messages[0].text == "Help with my bill"

    with pytest.raises(aio.AioRpcError) as agent_assigns:
        await desk.AssignConversation(
            operator_desk_pb2.AssignConversationRequest(
                conversation_id=conversation_id, operator_id="anna"
            ),
            metadata=bearer(anna),
        )
    assert agent_assigns.value.code() is grpc.StatusCode.PERMISSION_DENIED
    await desk.SetOperatorStatus(
        operator_desk_pb2.SetOperatorStatusRequest(
            status=common_pb2.OPERATOR_STATUS_AVAILABLE, operator_id="boris"
        ),
        metadata=bearer(boss),
    )
    moved = await desk.AssignConversation(
        operator_desk_pb2.AssignConversationRequest(
            conversation_id=conversation_id, operator_id="boris"
        ),
        metadata=bearer(boss),
    )
    assert moved.conversation.operator_id == "boris"
    # Now it is Boris's, and Anna no longer sees it.
    with pytest.raises(aio.AioRpcError) as gone:
        await desk.GetConversation(
            operator_desk_pb2.GetConversationRequest(conversation_id=conversation_id),
            metadata=bearer(anna),
        )
    assert gone.value.code() is grpc.StatusCode.PERMISSION_DENIED
    await desk.GetConversation(
        operator_desk_pb2.GetConversationRequest(conversation_id=conversation_id),
        metadata=bearer(boris),
    )


async def test_an_agent_may_not_change_a_colleagues_status(
    router: Router, desk: operator_desk_pb2_grpc.OperatorDeskStub
) -> None:
    anna = await add_operator(router, "anna")
    await add_operator(router, "boris")
    with pytest.raises(aio.AioRpcError) as error:
        await desk.SetOperatorStatus(
            operator_desk_pb2.SetOperatorStatusRequest(
                status=common_pb2.OPERATOR_STATUS_AVAILABLE, operator_id="boris"
            ),
            metadata=bearer(anna),
        )
    assert error.value.code() is grpc.StatusCode.PERMISSION_DENIED
    own = await desk.SetOperatorStatus(
        operator_desk_pb2.SetOperatorStatusRequest(status=common_pb2.OPERATOR_STATUS_AWAY),
        metadata=bearer(anna),
    )
    assert own.operator.status == common_pb2.OPERATOR_STATUS_AWAY


async def test_a_token_from_the_cli_signs_in_to_a_router_started_later(tmp_path: Path) -> None:
    db = tmp_path / "cli.db"
    issued = await create_operator(
        db, OperatorEntry("vera", skills={"general": 5}, capacity={"chat": 2})
    )
    router = create_server(Settings(db_path=db, listen="127.0.0.1:0", grace_seconds=2))
    await router.start()
    try:
        # Start-up brought the directory's operator into routing.
        assert router.assignment.operator("vera").profile.capacity == {"chat": 2}
        async with aio.insecure_channel(router.address) as channel:
            desk = operator_desk_pb2_grpc.OperatorDeskStub(channel)
            response = await desk.SetOperatorStatus(
                operator_desk_pb2.SetOperatorStatusRequest(
                    status=common_pb2.OPERATOR_STATUS_AVAILABLE
                ),
                metadata=bearer(issued.token),
            )
        assert response.operator.operator_id == "vera"
        assert response.operator.status == common_pb2.OPERATOR_STATUS_AVAILABLE
    finally:
        await router.stop()
