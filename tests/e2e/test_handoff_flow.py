"""A customer message the bot cannot answer reaches the operators' queue, and the customer
is told so, through a real server."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from grpc import aio

from router.app import Router, create_server
from router.domain.assignment import ConversationState, OperatorProfile, OperatorStatus
from router.domain.channels import Channel
from router.settings import Settings
from router.testing import with_api_key
from router.v1 import common_pb2, ingress_pb2, ingress_pb2_grpc


@pytest.fixture
async def router(tmp_path: Path) -> AsyncIterator[Router]:
    router = create_server(
        Settings(db_path=tmp_path / "r.db", listen="127.0.0.1:0", grace_seconds=2)
    )
    await router.start()
    yield router
    await router.stop()


async def converse(router: Router, text: str) -> tuple[str, list[ingress_pb2.Delivery]]:
    key = (await router.api_keys.issue("web", frozenset({Channel.WEB}))).key
    async with aio.insecure_channel(router.address, interceptors=with_api_key(key)) as channel:
        stub = ingress_pb2_grpc.IngressStub(channel)
        reply = await stub.SendMessage(
            ingress_pb2.SendMessageRequest(
                message=ingress_pb2.InboundMessage(
                    channel=common_pb2.CHANNEL_WEB,
                    external_id="w-1",
                    customer=common_pb2.CustomerIdentity(channel_user_id="visitor-1"),
                    text="Хочу оспорить списание",
                    locale="ru",
                )
            ),
            timeout=5,
        )
        stream = stub.StreamDeliveries(
            ingress_pb2.StreamDeliveriesRequest(channel=common_pb2.CHANNEL_WEB)
        )
        deliveries = [await asyncio.wait_for(stream.read(), 10) for _ in range(2)]
        stream.cancel()
    return reply.conversation_id, deliveries


async def test_without_a_model_the_customer_is_queued_and_told_their_place(
    router: Router,
) -> None:
    conversation_id, deliveries = await converse(router, "Хочу оспорить списание")
    assert "оператор" in deliveries[0].text
    assert deliveries[0].author.role == common_pb2.AUTHOR_ROLE_BOT
    assert deliveries[1].text.startswith("Вы в очереди: 1-й")
    assert deliveries[1].author.role == common_pb2.AUTHOR_ROLE_SYSTEM
    assert router.assignment.conversation(conversation_id).state is ConversationState.QUEUED


async def test_an_available_operator_gets_the_offer(router: Router) -> None:
    router.assignment.put_operator(
        OperatorProfile(
            "op-1", skills={"general": 8}, capacity={"chat": 3}, languages=frozenset({"ru"})
        )
    )
    router.assignment.set_status("op-1", OperatorStatus.AVAILABLE)
    conversation_id, deliveries = await converse(router, "Хочу оспорить списание")
    assert "подключается" in deliveries[1].text
    assert router.assignment.conversation(conversation_id).state is ConversationState.OFFERED
    assert [o.conversation_id for o in router.assignment.pending_offers("op-1")] == [
        conversation_id
    ]
