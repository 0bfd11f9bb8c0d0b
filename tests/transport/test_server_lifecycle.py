"""Health, reflection and an orderly shutdown of a real server."""

from __future__ import annotations

import asyncio
import dataclasses
from pathlib import Path

import grpc
import pytest
from grpc import aio
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection_pb2, reflection_pb2_grpc

from router.app import Router, create_server
from router.domain.channels import Channel
from router.settings import Settings
from router.testing import with_api_key
from router.v1 import common_pb2, ingress_pb2, ingress_pb2_grpc

SERVING = health_pb2.HealthCheckResponse.SERVING
NOT_SERVING = health_pb2.HealthCheckResponse.NOT_SERVING


async def health_of(channel: aio.Channel, service: str = "") -> int:
    stub = health_pb2_grpc.HealthStub(channel)
    reply = await stub.Check(health_pb2.HealthCheckRequest(service=service), timeout=5)
    return int(reply.status)


async def test_health_is_serving_overall_and_for_ingress(channel: aio.Channel) -> None:
    assert await health_of(channel) == SERVING
    assert await health_of(channel, "router.v1.Ingress") == SERVING


async def test_reflection_lists_the_router_services(channel: aio.Channel) -> None:
    stub = reflection_pb2_grpc.ServerReflectionStub(channel)
    responses = stub.ServerReflectionInfo(
        iter([reflection_pb2.ServerReflectionRequest(list_services="")]), timeout=5
    )
    names = set()
    async for response in responses:
        names |= {s.name for s in response.list_services_response.service}
    assert {
        "router.v1.Ingress",
        "router.v1.OperatorDesk",
        "router.v1.Knowledge",
        "router.v1.Directory",
        "router.v1.Stats",
    } <= names
    assert "grpc.health.v1.Health" in names


async def test_shutdown_goes_not_serving_then_lets_in_flight_calls_finish(
    settings: Settings,
) -> None:
    router = create_server(dataclasses.replace(settings, drain_seconds=1.0, grace_seconds=5))
    await router.start()
    key = (await router.api_keys.issue("web", frozenset({Channel.WEB}))).key
    async with aio.insecure_channel(router.address, interceptors=with_api_key(key)) as channel:
        watch = health_pb2_grpc.HealthStub(channel).Watch(
            health_pb2.HealthCheckRequest(service=""), timeout=10
        )
        assert (await watch.read()).status == SERVING
        stopping = asyncio.create_task(router.stop())
        assert (await watch.read()).status == NOT_SERVING
        # Still draining: a call made now is answered, not dropped.
        ingress = ingress_pb2_grpc.IngressStub(channel)
        reply = await ingress.SendMessage(
            ingress_pb2.SendMessageRequest(
                message=ingress_pb2.InboundMessage(
                    channel=common_pb2.CHANNEL_WEB,
                    external_id="during-drain",
                    customer=common_pb2.CustomerIdentity(channel_user_id="v1"),
                    text="hello",
                )
            ),
            timeout=5,
        )
        assert reply.message_id
        await stopping
        with pytest.raises(aio.AioRpcError) as caught:
            await health_of(channel)
        assert caught.value.code() is grpc.StatusCode.UNAVAILABLE


async def test_the_store_is_closed_and_checkpointed_after_stop(settings: Settings) -> None:
    router = create_server(settings)
    await router.start()
    await router.stop()
    wal = Path(str(settings.db_path) + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0


async def test_a_busy_port_is_a_clear_error(router: Router, settings: Settings) -> None:
    clash = create_server(
        dataclasses.replace(
            settings, listen=router.address, db_path=settings.db_path.with_name("b.db")
        )
    )
    with pytest.raises(OSError, match="cannot listen"):
        await clash.start()
    await clash.stop()
