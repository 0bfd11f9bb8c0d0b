"""Bot-answer round trip: a customer message in, the bot's answer out on the delivery
stream, at 1 and 16 conversations in flight, beside a bare gRPC echo of the same request.

The router runs as `make run` runs it (`--demo`: the demo knowledge base, a trained model),
in its own process. Each round sends ROUND_MESSAGES questions from distinct customers and
waits for every answer; the summary prints the router's speed as a share of the echo's.
"""

from __future__ import annotations

import asyncio
import itertools
import time
from collections.abc import Iterator

import pytest
from grpc import aio

from benchmarks.echo_server import ECHO_METHOD
from router.testing import ServerProcess, with_api_key
from router.v1 import common_pb2, ingress_pb2, ingress_pb2_grpc

ROUND_MESSAGES = 64
ROUNDS = 5
QUESTIONS = [
    "Сколько стоит тариф «Мой онлайн»?",
    "Где ваш офис в Екатеринбурге?",
    "Сколько стоит роуминг в Турции?",
    "How do I check my balance?",
]
WEB = common_pb2.CHANNEL_WEB
_ids = itertools.count()


def question() -> ingress_pb2.SendMessageRequest:
    n = next(_ids)
    return ingress_pb2.SendMessageRequest(
        message=ingress_pb2.InboundMessage(
            channel=WEB,
            external_id=f"rt-{n}",
            customer=common_pb2.CustomerIdentity(channel_user_id=f"rt-visitor-{n}"),
            text=QUESTIONS[n % len(QUESTIONS)],
        )
    )


class Conversations:
    """Sends questions and matches each answer on the delivery stream to its conversation."""

    def __init__(self, address: str, key: str) -> None:
        self.address, self.key = address, key
        self.waiting: dict[str, asyncio.Future[ingress_pb2.Delivery]] = {}
        self.early: dict[str, ingress_pb2.Delivery] = {}
        self.reader: asyncio.Task[None] | None = None
        self.latencies: list[float] = []

    async def start(self) -> None:
        # Made inside the running loop: an aio channel belongs to the loop it was made in.
        self.channel = aio.insecure_channel(self.address, interceptors=with_api_key(self.key))
        self.stub = ingress_pb2_grpc.IngressStub(self.channel)
        self.reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        stream = self.stub.StreamDeliveries(
            ingress_pb2.StreamDeliveriesRequest(channel=WEB, max_unacked=1000)
        )
        async for delivery in stream:
            future = self.waiting.pop(delivery.conversation_id, None)
            if future is not None:
                future.set_result(delivery)
            else:
                self.early[delivery.conversation_id] = delivery
            # The answer counts as arrived when it is read; the ack only keeps the
            # stream's window open, as an adapter's would after handing it on.
            await self.stub.AckDeliveries(
                ingress_pb2.AckDeliveriesRequest(
                    channel=WEB, acks=[ingress_pb2.DeliveryAck(delivery_id=delivery.delivery_id)]
                )
            )

    async def ask(self) -> ingress_pb2.Delivery:
        started = time.perf_counter()
        reply = await self.stub.SendMessage(question(), timeout=30)
        if reply.conversation_id in self.early:
            delivery = self.early.pop(reply.conversation_id)
        else:
            future = asyncio.get_running_loop().create_future()
            self.waiting[reply.conversation_id] = future
            delivery = await asyncio.wait_for(future, 30)
        self.latencies.append(time.perf_counter() - started)
        return delivery

    async def close(self) -> None:
        if self.reader is not None:
            self.reader.cancel()
        await self.channel.close()


@pytest.fixture(scope="module")
def demo_router(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    db = tmp_path_factory.mktemp("roundtrip") / "demo.db"
    with ServerProcess(db, ["--demo"]) as server:
        yield server


@pytest.fixture(scope="module")
def conversations(
    loop: asyncio.AbstractEventLoop, demo_router: ServerProcess
) -> Iterator[Conversations]:
    talk = Conversations(demo_router.address, demo_router.api_key)
    loop.run_until_complete(talk.start())

    async def until_the_bot_answers() -> None:
        # The model trains in the background after start: wait for a real answer.
        for _ in range(100):
            if (await talk.ask()).author.role == common_pb2.AUTHOR_ROLE_BOT:
                return
        raise AssertionError("the demo bot never answered")

    loop.run_until_complete(until_the_bot_answers())
    yield talk
    loop.run_until_complete(talk.close())


def round_trips(loop: asyncio.AbstractEventLoop, talk: Conversations, in_flight: int) -> int:
    async def worker(n: int) -> int:
        answered = 0
        for _ in range(n):
            delivery = await talk.ask()
            answered += delivery.author.role == common_pb2.AUTHOR_ROLE_BOT
        return answered

    async def everyone() -> int:
        share = ROUND_MESSAGES // in_flight
        return sum(await asyncio.gather(*(worker(share) for _ in range(in_flight))))

    return loop.run_until_complete(everyone())


def echoes(loop: asyncio.AbstractEventLoop, address: str, in_flight: int) -> int:
    async def everyone() -> int:
        async with aio.insecure_channel(address) as channel:
            call = channel.unary_unary(ECHO_METHOD)

            async def worker(n: int) -> int:
                for _ in range(n):
                    await call(question().SerializeToString(), timeout=30)
                return n

            share = ROUND_MESSAGES // in_flight
            return sum(await asyncio.gather(*(worker(share) for _ in range(in_flight))))

    return loop.run_until_complete(everyone())


@pytest.mark.parametrize("in_flight", [1, 16])
def test_bot_answer_round_trip(benchmark, loop, conversations, in_flight) -> None:  # type: ignore[no-untyped-def]
    benchmark.group = f"roundtrip-{in_flight}-in-flight"
    conversations.latencies.clear()
    answered = benchmark.pedantic(
        round_trips, args=(loop, conversations, in_flight), rounds=ROUNDS, iterations=1
    )
    assert answered == ROUND_MESSAGES  # every question got the bot's answer, no hand-over
    latencies = sorted(conversations.latencies)
    benchmark.extra_info["p50_ms"] = round(latencies[len(latencies) // 2] * 1000, 2)
    benchmark.extra_info["p99_ms"] = round(latencies[int(len(latencies) * 0.99)] * 1000, 2)
    print(f"\nround trip at {in_flight} in flight: {benchmark.extra_info}")


@pytest.mark.parametrize("in_flight", [1, 16])
def test_echo_baseline_round_trip(benchmark, loop, echo_address, in_flight) -> None:  # type: ignore[no-untyped-def]
    benchmark.group = f"roundtrip-{in_flight}-in-flight"
    sent = benchmark.pedantic(
        echoes, args=(loop, echo_address, in_flight), rounds=ROUNDS, iterations=1
    )
    assert sent == ROUND_MESSAGES
