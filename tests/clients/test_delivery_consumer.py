"""The delivery consumer against a real router: acknowledges, and resumes from its cursor."""

from __future__ import annotations

import asyncio
import dataclasses

import pytest
from clients_harness import FAST_RETRY, issue_key

from clients.backoff import RetryPolicy
from clients.errors import PermissionDenied
from clients.router_client import RouterClient
from clients.settings import ClientSettings
from router.app import Router, create_server
from router.domain.channels import Channel
from router.domain.delivery.messages import AuthorRole, OutboundMessage, QuickReply
from router.settings import Settings
from router.v1 import common_pb2, ingress_pb2

TELEGRAM = common_pb2.CHANNEL_TELEGRAM


async def open_conversation(client: RouterClient) -> str:
    result = await client.send_message(
        ingress_pb2.InboundMessage(
            channel=TELEGRAM,
            external_id="111:1",
            customer=common_pb2.CustomerIdentity(channel_user_id="111"),
            text="Хочу сменить тариф",
        )
    )
    return result.conversation_id


def bot_says(conversation_id: str, text: str) -> OutboundMessage:
    return OutboundMessage(
        conversation_id=conversation_id,
        author_role=AuthorRole.BOT,
        text=text,
        quick_replies=(QuickReply("Мой онлайн", "tariff:online"),),
    )


async def test_deliveries_come_in_order_and_an_acknowledged_one_never_comes_back(
    client: RouterClient, router: Router
) -> None:
    conversation = await open_conversation(client)
    for text in ("один", "два"):
        await router.outbox.send(bot_says(conversation, text))

    stream = client.deliveries(TELEGRAM)
    deliveries = aiter(stream)
    first = await anext(deliveries)
    assert (first.text, first.recipient.channel_user_id) == ("один", "111")
    assert [(q.title, q.payload) for q in first.quick_replies] == [("Мой онлайн", "tariff:online")]
    await stream.ack(first, external_id="111:2")
    await deliveries.aclose()

    # A new consumer without a cursor starts after the last acknowledged delivery.
    again = aiter(client.deliveries(TELEGRAM))
    second = await anext(again)
    assert second.text == "два"
    await again.aclose()


async def test_a_reconnect_after_a_router_restart_resumes_after_the_cursor(
    router: Router, settings: Settings, api_key: str
) -> None:
    patient = RetryPolicy(max_attempts=100, initial_backoff=0.05, max_backoff=0.2, total_seconds=30)
    client_settings = ClientSettings(
        router=router.address, api_key=api_key, deadline_seconds=2, retry=patient
    )
    async with RouterClient(client_settings) as client:
        conversation = await open_conversation(client)
        await router.outbox.send(bot_says(conversation, "до перезапуска"))
        stream = client.deliveries(TELEGRAM)
        deliveries = aiter(stream)
        before = await anext(deliveries)
        await stream.ack(before)

        async def next_delivery() -> ingress_pb2.Delivery:
            return await anext(deliveries)

        waiting = asyncio.create_task(next_delivery())
        await router.stop()
        restarted = create_server(dataclasses.replace(settings, listen=router.address))
        await restarted.start()
        try:
            await restarted.outbox.send(bot_says(conversation, "после перезапуска"))
            after = await asyncio.wait_for(waiting, 20)
            assert after.text == "после перезапуска"
            assert stream.cursor == before.cursor  # not acknowledged yet
            await stream.ack(after)
            assert stream.cursor == after.cursor
            await deliveries.aclose()
        finally:
            await restarted.stop()


async def test_consuming_a_channel_the_key_does_not_cover_is_a_typed_error(
    router: Router,
) -> None:
    key = await issue_key(router, frozenset({Channel.WEB}))
    settings = ClientSettings(router=router.address, api_key=key, retry=FAST_RETRY)
    async with RouterClient(settings) as client:
        deliveries = aiter(client.deliveries(TELEGRAM))
        with pytest.raises(PermissionDenied):
            await anext(deliveries)
