"""Channel adapters authenticate with an API key limited to their channels."""

from __future__ import annotations

import grpc
import pytest
from grpc import aio

from router.app import Router
from router.domain.channels import Channel
from router.testing import with_api_key
from router.v1 import common_pb2, ingress_pb2, ingress_pb2_grpc


def telegram_message() -> ingress_pb2.SendMessageRequest:
    return ingress_pb2.SendMessageRequest(
        message=ingress_pb2.InboundMessage(
            channel=common_pb2.CHANNEL_TELEGRAM,
            external_id="1",
            customer=common_pb2.CustomerIdentity(channel_user_id="u"),
            text="hi",
        )
    )


async def code_of(stub: ingress_pb2_grpc.IngressStub, metadata: tuple[tuple[str, str], ...]):  # type: ignore[no-untyped-def]
    with pytest.raises(aio.AioRpcError) as caught:
        await stub.SendMessage(telegram_message(), timeout=5, metadata=metadata)
    return caught.value.code()


async def test_a_call_without_a_key_is_unauthenticated(bare_channel: aio.Channel) -> None:
    stub = ingress_pb2_grpc.IngressStub(bare_channel)
    assert await code_of(stub, ()) is grpc.StatusCode.UNAUTHENTICATED


@pytest.mark.parametrize("key", ["nonsense", "ork_abc_def", "ork__"])
async def test_a_wrong_key_is_unauthenticated(bare_channel: aio.Channel, key: str) -> None:
    stub = ingress_pb2_grpc.IngressStub(bare_channel)
    assert await code_of(stub, (("x-api-key", key),)) is grpc.StatusCode.UNAUTHENTICATED


async def test_a_key_for_another_channel_is_permission_denied(
    router: Router, bare_channel: aio.Channel
) -> None:
    web_only = await router.api_keys.issue("web adapter", frozenset({Channel.WEB}))
    stub = ingress_pb2_grpc.IngressStub(bare_channel)
    assert await code_of(stub, (("x-api-key", web_only.key),)) is grpc.StatusCode.PERMISSION_DENIED
    stream = stub.StreamDeliveries(
        ingress_pb2.StreamDeliveriesRequest(channel=common_pb2.CHANNEL_VK),
        metadata=(("x-api-key", web_only.key),),
    )
    with pytest.raises(aio.AioRpcError) as caught:
        await stream.read()
    assert caught.value.code() is grpc.StatusCode.PERMISSION_DENIED


async def test_a_key_with_a_tampered_secret_is_refused(
    router: Router, bare_channel: aio.Channel
) -> None:
    issued = await router.api_keys.issue("telegram adapter", frozenset({Channel.TELEGRAM}))
    stub = ingress_pb2_grpc.IngressStub(bare_channel)
    tampered = issued.key[:-2] + ("AA" if not issued.key.endswith("AA") else "BB")
    assert await code_of(stub, (("x-api-key", tampered),)) is grpc.StatusCode.UNAUTHENTICATED


async def test_a_revoked_key_stops_working(router: Router) -> None:
    issued = await router.api_keys.issue("telegram adapter", frozenset({Channel.TELEGRAM}))
    async with aio.insecure_channel(router.address, interceptors=with_api_key(issued.key)) as ch:
        stub = ingress_pb2_grpc.IngressStub(ch)
        assert (await stub.SendMessage(telegram_message(), timeout=5)).message_id
        assert await router.api_keys.revoke(issued.record.key_id)
        assert await code_of(stub, ()) is grpc.StatusCode.UNAUTHENTICATED
