"""Ingress.StreamDeliveries / AckDeliveries over a real channel: at least once, resumable.

The router here only ingests and delivers (`run_stages=False`), so the only deliveries are
the ones each test creates.
"""

from __future__ import annotations

import asyncio
import dataclasses

import grpc
import pytest
from grpc import aio

from router.app import Router
from router.domain.delivery.messages import AuthorRole, OutboundMessage, QuickReply
from router.domain.ingestion.messages import Attachment
from router.settings import Settings
from router.v1 import common_pb2, ingress_pb2, ingress_pb2_grpc

TG = common_pb2.CHANNEL_TELEGRAM


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return dataclasses.replace(settings, run_stages=False)


async def open_conversation(stub: ingress_pb2_grpc.IngressStub, user: str = "777") -> str:
    reply = await stub.SendMessage(
        ingress_pb2.SendMessageRequest(
            message=ingress_pb2.InboundMessage(
                channel=TG,
                external_id=f"in-{user}",
                customer=common_pb2.CustomerIdentity(channel_user_id=user),
                text="Где ближайший офис?",
            )
        ),
        timeout=5,
    )
    return reply.conversation_id


async def say(router: Router, conversation_id: str, text: str, **kw: object) -> str:
    delivery = await router.outbox.send(
        OutboundMessage(conversation_id, AuthorRole.BOT, text, **kw)  # type: ignore[arg-type]
    )
    return delivery.delivery_id


class Reader:
    """Reads a delivery stream in the background, so waiting for "nothing more" does not
    cancel the call the way a timed-out read() would."""

    def __init__(self, stub: ingress_pb2_grpc.IngressStub, **request: object) -> None:
        self.call = stub.StreamDeliveries(ingress_pb2.StreamDeliveriesRequest(**request))  # type: ignore[arg-type]
        self.queue: asyncio.Queue[ingress_pb2.Delivery] = asyncio.Queue()
        self.task = asyncio.create_task(self._pump())

    async def _pump(self) -> None:
        async for delivery in self.call:
            await self.queue.put(delivery)

    async def take(self, n: int) -> list[ingress_pb2.Delivery]:
        return [await asyncio.wait_for(self.queue.get(), 5) for _ in range(n)]

    async def nothing_more(self) -> bool:
        await asyncio.sleep(0.5)
        return self.queue.empty() and not self.task.done()

    def close(self) -> None:
        self.call.cancel()


async def test_a_stored_answer_is_streamed_with_its_content(
    ingress: ingress_pb2_grpc.IngressStub, router: Router
) -> None:
    conversation = await open_conversation(ingress)
    delivery_id = await say(
        router,
        conversation,
        "Офис на Ленина, 1. <b>не разметка</b>",
        author_name="Бот",
        quick_replies=(QuickReply("Часы работы", "hours"),),
        attachments=(Attachment("https://cdn/map.png", "image/png", 1234, "map.png"),),
    )
    stream = Reader(ingress, channel=TG)
    (delivery,) = await stream.take(1)
    stream.close()
    assert delivery.delivery_id == delivery_id
    assert delivery.conversation_id == conversation
    assert delivery.recipient.channel_user_id == "777"
    assert delivery.text == "Офис на Ленина, 1. <b>не разметка</b>"
    assert delivery.author.role == common_pb2.AUTHOR_ROLE_BOT
    assert [(q.title, q.payload) for q in delivery.quick_replies] == [("Часы работы", "hours")]
    assert delivery.attachments[0].size_bytes == 1234
    assert delivery.previous_attempts == 0


async def test_unacknowledged_deliveries_come_again_after_a_reconnect(
    ingress: ingress_pb2_grpc.IngressStub, router: Router
) -> None:
    conversation = await open_conversation(ingress)
    first_id = await say(router, conversation, "one")
    stream = Reader(ingress, channel=TG)
    (first,) = await stream.take(1)
    stream.close()  # the adapter crashed before acknowledging

    again = Reader(ingress, channel=TG)
    (repeat,) = await again.take(1)
    assert repeat.delivery_id == first.delivery_id == first_id
    assert repeat.previous_attempts == 1

    ack = await ingress.AckDeliveries(
        ingress_pb2.AckDeliveriesRequest(
            channel=TG, acks=[ingress_pb2.DeliveryAck(delivery_id=first_id, external_id="tg-9")]
        ),
        timeout=5,
    )
    assert ack.acknowledged_count == 1
    again.close()
    after_ack = Reader(ingress, channel=TG)
    assert await after_ack.nothing_more()
    after_ack.close()


async def test_a_cursor_resumes_right_after_it(
    ingress: ingress_pb2_grpc.IngressStub, router: Router
) -> None:
    conversation = await open_conversation(ingress)
    await say(router, conversation, "one")
    second = await say(router, conversation, "two")
    stream = Reader(ingress, channel=TG)
    first, _ = await stream.take(2)
    stream.close()
    resumed = Reader(ingress, channel=TG, cursor=first.cursor)
    (delivery,) = await resumed.take(1)
    assert delivery.delivery_id == second
    assert await resumed.nothing_more()
    resumed.close()


async def test_new_answers_reach_an_open_stream(
    ingress: ingress_pb2_grpc.IngressStub, router: Router
) -> None:
    conversation = await open_conversation(ingress)
    stream = Reader(ingress, channel=TG)
    assert await stream.nothing_more()
    delivery_id = await say(router, conversation, "live")
    (delivery,) = await stream.take(1)
    assert delivery.delivery_id == delivery_id
    stream.close()


async def test_a_stream_holds_back_past_max_unacked_until_acks_arrive(
    ingress: ingress_pb2_grpc.IngressStub, router: Router
) -> None:
    conversation = await open_conversation(ingress)
    for text in ("a", "b", "c"):
        await say(router, conversation, text)
    stream = Reader(ingress, channel=TG, max_unacked=2)
    got = await stream.take(2)
    assert [d.text for d in got] == ["a", "b"]
    assert await stream.nothing_more()
    await ingress.AckDeliveries(
        ingress_pb2.AckDeliveriesRequest(
            channel=TG, acks=[ingress_pb2.DeliveryAck(delivery_id=got[0].delivery_id)]
        ),
        timeout=5,
    )
    (third,) = await stream.take(1)
    assert third.text == "c"
    stream.close()


async def test_other_channels_deliveries_stay_on_their_channel(
    ingress: ingress_pb2_grpc.IngressStub, router: Router
) -> None:
    conversation = await open_conversation(ingress)
    await say(router, conversation, "for telegram")
    stream = Reader(ingress, channel=common_pb2.CHANNEL_VK)
    assert await stream.nothing_more()
    stream.close()


async def test_acks_are_idempotent_and_name_unknown_ids(
    ingress: ingress_pb2_grpc.IngressStub, router: Router
) -> None:
    conversation = await open_conversation(ingress)
    delivery_id = await say(router, conversation, "one")
    request = ingress_pb2.AckDeliveriesRequest(
        channel=TG,
        acks=[
            ingress_pb2.DeliveryAck(delivery_id=delivery_id),
            ingress_pb2.DeliveryAck(delivery_id="dlv_unknown"),
        ],
    )
    first = await ingress.AckDeliveries(request, timeout=5)
    second = await ingress.AckDeliveries(request, timeout=5)
    assert first.acknowledged_count == 1 and second.acknowledged_count == 0
    assert list(second.unknown_delivery_ids) == ["dlv_unknown"]


@pytest.mark.parametrize(
    ("request_", "field"),
    [
        (ingress_pb2.StreamDeliveriesRequest(), "channel"),
        (ingress_pb2.StreamDeliveriesRequest(channel=TG, cursor="abc"), "cursor"),
        (ingress_pb2.StreamDeliveriesRequest(channel=TG, max_unacked=5000), "max_unacked"),
    ],
)
async def test_bad_stream_requests_are_refused(
    ingress: ingress_pb2_grpc.IngressStub, request_: ingress_pb2.StreamDeliveriesRequest, field: str
) -> None:
    stream = ingress.StreamDeliveries(request_, timeout=5)
    with pytest.raises(aio.AioRpcError) as caught:
        await stream.read()
    assert caught.value.code() is grpc.StatusCode.INVALID_ARGUMENT
    assert (caught.value.details() or "").startswith(field)


async def test_empty_acks_are_refused(ingress: ingress_pb2_grpc.IngressStub) -> None:
    with pytest.raises(aio.AioRpcError) as caught:
        await ingress.AckDeliveries(ingress_pb2.AckDeliveriesRequest(channel=TG), timeout=5)
    assert caught.value.code() is grpc.StatusCode.INVALID_ARGUMENT
