"""RouterClient against a real router on port 0."""

from __future__ import annotations

import asyncio
import dataclasses

import grpc
import pytest
from clients_harness import FAST_RETRY, issue_key, stored

from clients.backoff import RetryPolicy
from clients.errors import (
    InvalidMessage,
    PermissionDenied,
    RouterError,
    RouterUnavailable,
    Unauthenticated,
)
from clients.router_client import RouterClient
from clients.settings import ClientSettings
from router.app import Router, create_server
from router.domain.channels import Channel
from router.settings import Settings
from router.v1 import common_pb2, ingress_pb2


def message(external_id: str = "tg-1", text: str = "Сколько стоит роуминг?", **kw: object):  # type: ignore[no-untyped-def]
    return ingress_pb2.InboundMessage(
        channel=kw.get("channel", common_pb2.CHANNEL_TELEGRAM),  # type: ignore[arg-type]
        external_id=external_id,
        customer=common_pb2.CustomerIdentity(channel_user_id="777", display_name="Анна"),
        text=text,
    )


async def test_a_sent_message_is_committed_and_its_ids_returned(
    client: RouterClient, router: Router
) -> None:
    result = await client.send_message(message())
    assert result.message_id.startswith("msg_")
    assert result.conversation_id.startswith("conv_")
    assert result.customer_id.startswith("cus_")
    assert not result.duplicate
    assert result.received_at.tzinfo is not None
    assert [m.external_id for m in stored(router)] == ["tg-1"]


async def test_sending_again_returns_the_original_ids_and_stores_nothing(
    client: RouterClient, router: Router
) -> None:
    first = await client.send_message(message())
    again = await client.send_message(ingress_pb2.SendMessageRequest(message=message()))
    assert again.duplicate
    assert again.message_id == first.message_id
    assert len(stored(router)) == 1


async def test_bad_input_raises_invalid_message_naming_the_field(
    client: RouterClient, router: Router
) -> None:
    with pytest.raises(InvalidMessage) as caught:
        await client.send_message(message(text=""))
    assert caught.value.field == "message.text"
    assert caught.value.reason
    assert isinstance(caught.value, ValueError)
    assert stored(router) == []


async def test_an_unreachable_router_raises_router_unavailable_after_bounded_retries(
    router: Router, caplog: pytest.LogCaptureFixture
) -> None:
    address = router.address
    await router.stop()
    settings = ClientSettings(router=address, deadline_seconds=1, retry=FAST_RETRY)
    async with RouterClient(settings) as client:
        with pytest.raises(RouterUnavailable) as caught:
            await client.send_message(message())
    assert caught.value.code is grpc.StatusCode.UNAVAILABLE
    retries = [r for r in caplog.records if r.getMessage() == "router call failed, retrying"]
    assert len(retries) == FAST_RETRY.max_attempts - 1


async def test_a_router_that_comes_back_gets_the_message_exactly_once(
    router: Router, settings: Settings, api_key: str
) -> None:
    address = router.address
    await router.stop()
    patient = RetryPolicy(max_attempts=50, initial_backoff=0.05, max_backoff=0.2, total_seconds=20)
    client_settings = ClientSettings(
        router=address, api_key=api_key, deadline_seconds=1, retry=patient
    )
    restarted = create_server(dataclasses.replace(settings, listen=address))
    async with RouterClient(client_settings) as client:
        sending = asyncio.create_task(client.send_message(message()))
        await asyncio.sleep(0.3)  # let a few attempts fail first
        await restarted.start()
        try:
            result = await sending
            assert not result.duplicate
            assert [m.external_id for m in stored(restarted)] == ["tg-1"]
        finally:
            await restarted.stop()


async def test_the_api_key_travels_as_metadata_and_its_refusals_are_typed(
    router: Router,
) -> None:
    web_only = await issue_key(router, frozenset({Channel.WEB}))
    for key, error in (("", Unauthenticated), ("ork_nope_nope", Unauthenticated)):
        settings = ClientSettings(router=router.address, api_key=key, retry=FAST_RETRY)
        async with RouterClient(settings) as client:
            with pytest.raises(error):
                await client.send_message(message())
    settings = ClientSettings(router=router.address, api_key=web_only, retry=FAST_RETRY)
    async with RouterClient(settings) as client:
        with pytest.raises(PermissionDenied) as caught:
            await client.send_message(message())
    assert isinstance(caught.value, RouterError)
    assert stored(router) == []
