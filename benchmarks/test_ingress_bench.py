"""Ingress.SendMessage throughput beside a bare gRPC echo server, at 1 and 16 calls in flight.

Both servers run in their own process, as in production; the client drives each with the
same request bytes. One round sends MESSAGES_PER_ROUND messages; the median round time
gives messages per second, and the summary prints the router's share of the echo's speed.
"""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Awaitable, Callable, Iterator

import pytest
from grpc import aio

from benchmarks.echo_server import ECHO_METHOD
from router.testing import ServerProcess
from router.v1 import common_pb2, ingress_pb2

MESSAGES_PER_ROUND = 400
ROUNDS = 5
_ids = itertools.count()


def payload() -> ingress_pb2.SendMessageRequest:
    return ingress_pb2.SendMessageRequest(
        message=ingress_pb2.InboundMessage(
            channel=common_pb2.CHANNEL_TELEGRAM,
            external_id=f"bench-{next(_ids)}",
            customer=common_pb2.CustomerIdentity(
                channel_user_id=f"{next(_ids) % 500}", display_name="Иван Петров"
            ),
            text="Здравствуйте! Подскажите, сколько стоит тариф «Мой онлайн» в Екатеринбурге?",
            locale="ru-RU",
            metadata={"chat_id": "123456789"},
        )
    )


@pytest.fixture(scope="module")
def router_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    """The whole router: every message also goes through the bot stage and, with no model
    loaded, is handed over to the assignment engine."""
    with ServerProcess(tmp_path_factory.mktemp("bench") / "bench.db") as server:
        yield server


@pytest.fixture(scope="module")
def ingest_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    """An ingest-only replica (`--no-stages`): what SendMessage itself costs."""
    db = tmp_path_factory.mktemp("bench") / "ingest.db"
    with ServerProcess(db, ["--no-stages"]) as server:
        yield server


Send = Callable[[bytes], Awaitable[bytes]]


def run_round(loop: asyncio.AbstractEventLoop, send: Send, in_flight: int) -> int:
    requests = [payload().SerializeToString() for _ in range(MESSAGES_PER_ROUND)]

    async def worker(chunk: list[bytes]) -> int:
        for body in chunk:
            await send(body)
        return len(chunk)

    async def all_workers() -> int:
        chunks = [requests[i::in_flight] for i in range(in_flight)]
        return sum(await asyncio.gather(*(worker(c) for c in chunks)))

    return loop.run_until_complete(all_workers())


def bench(
    benchmark: pytest.FixtureDef,  # type: ignore[type-arg]
    loop: asyncio.AbstractEventLoop,
    address: str,
    method: str,
    in_flight: int,
    api_key: str = "",
) -> None:
    async def open_channel() -> tuple[aio.Channel, Send]:
        channel = aio.insecure_channel(address)
        metadata = (("x-api-key", api_key),) if api_key else ()
        call = channel.unary_unary(method)  # bytes in, bytes out: no (de)serialization cost

        async def send(body: bytes) -> bytes:
            reply: bytes = await call(body, timeout=30, metadata=metadata)
            return reply

        await channel.channel_ready()
        return channel, send

    channel, send = loop.run_until_complete(open_channel())
    try:
        run_round(loop, send, in_flight)  # warm-up: connection, caches, first pages of the db
        sent = benchmark.pedantic(  # type: ignore[attr-defined]
            run_round, args=(loop, send, in_flight), rounds=ROUNDS, iterations=1
        )
        assert sent == MESSAGES_PER_ROUND
        benchmark.extra_info["messages_per_round"] = MESSAGES_PER_ROUND  # type: ignore[attr-defined]
    finally:
        loop.run_until_complete(channel.close())


SEND_MESSAGE = "/router.v1.Ingress/SendMessage"


@pytest.mark.benchmark(group="ingress-1-in-flight")
def test_send_message_1_in_flight(benchmark, loop, router_server) -> None:  # type: ignore[no-untyped-def]
    bench(benchmark, loop, router_server.address, SEND_MESSAGE, 1, router_server.api_key)


@pytest.mark.benchmark(group="ingress-1-in-flight")
def test_send_message_ingest_only_1_in_flight(benchmark, loop, ingest_server) -> None:  # type: ignore[no-untyped-def]
    bench(benchmark, loop, ingest_server.address, SEND_MESSAGE, 1, ingest_server.api_key)


@pytest.mark.benchmark(group="ingress-1-in-flight")
def test_echo_baseline_1_in_flight(benchmark, loop, echo_address) -> None:  # type: ignore[no-untyped-def]
    bench(benchmark, loop, echo_address, ECHO_METHOD, 1)


@pytest.mark.benchmark(group="ingress-16-in-flight")
def test_send_message_16_in_flight(benchmark, loop, router_server) -> None:  # type: ignore[no-untyped-def]
    bench(benchmark, loop, router_server.address, SEND_MESSAGE, 16, router_server.api_key)


@pytest.mark.benchmark(group="ingress-16-in-flight")
def test_send_message_ingest_only_16_in_flight(benchmark, loop, ingest_server) -> None:  # type: ignore[no-untyped-def]
    bench(benchmark, loop, ingest_server.address, SEND_MESSAGE, 16, ingest_server.api_key)


@pytest.mark.benchmark(group="ingress-16-in-flight")
def test_echo_baseline_16_in_flight(benchmark, loop, echo_address) -> None:  # type: ignore[no-untyped-def]
    bench(benchmark, loop, echo_address, ECHO_METHOD, 16)
