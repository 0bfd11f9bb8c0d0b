"""The Prometheus endpoint beside the gRPC server."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import AsyncIterator

import httpx
import pytest
from grpc import aio

from router.app import Router, create_server
from router.domain.channels import Channel
from router.settings import Settings
from router.testing import with_api_key
from router.v1 import common_pb2, ingress_pb2, ingress_pb2_grpc


@pytest.fixture
async def router(settings: Settings) -> AsyncIterator[Router]:
    router = create_server(dataclasses.replace(settings, metrics_listen="127.0.0.1:0"))
    await router.start()
    yield router
    await router.stop()


async def scrape(router: Router) -> str:
    assert router.metrics is not None
    async with httpx.AsyncClient() as client:
        response = await client.get(f"http://{router.metrics.address}/metrics", timeout=5)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    return response.text


async def test_metrics_show_conversations_hand_offs_and_pending_deliveries(router: Router) -> None:
    key = (await router.api_keys.issue("web", frozenset({Channel.WEB}))).key
    async with aio.insecure_channel(router.address, interceptors=with_api_key(key)) as channel:
        await ingress_pb2_grpc.IngressStub(channel).SendMessage(
            ingress_pb2.SendMessageRequest(
                message=ingress_pb2.InboundMessage(
                    channel=common_pb2.CHANNEL_WEB,
                    external_id="1",
                    customer=common_pb2.CustomerIdentity(channel_user_id="v"),
                    text="hello",
                )
            ),
            timeout=5,
        )
    for _ in range(100):  # the bot stage hands it over (no model) in the background
        text = await scrape(router)
        if 'omniroute_queue_conversations{policy="default",state="queued"} 1.0' in text:
            break
        await asyncio.sleep(0.05)
    assert 'omniroute_conversations{stage="operator",status="open"} 1.0' in text
    assert 'omniroute_handoffs{reason="no_answer"} 1.0' in text
    assert 'omniroute_deliveries_pending{channel="web"} 2.0' in text  # notice + queue place
    assert 'omniroute_queue_conversations{policy="default",state="queued"} 1.0' in text
    assert "omniroute_model_version 0.0" in text


async def test_no_endpoint_unless_asked(settings: Settings) -> None:
    router = create_server(settings)
    assert router.metrics is None
    await router.stop()
