"""The mobile app's backend client against a real router with the demo bot."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import AsyncIterator

import pytest
from clients_harness import FAST_RETRY

from clients.mobile.app_backend import AppBackend, AppMessage, AppUser
from clients.router_client import RouterClient
from clients.settings import ClientSettings
from router.app import Router, create_server
from router.demo.seed import seed_demo
from router.domain.channels import Channel
from router.settings import Settings
from router.v1 import common_pb2, ingress_pb2


@pytest.fixture
async def demo_router(settings: Settings) -> AsyncIterator[Router]:
    router = create_server(dataclasses.replace(settings, run_stages=True))
    await seed_demo(router)
    await router.model.refresh()
    await router.start()
    yield router
    await router.stop()


@pytest.fixture
async def backend(demo_router: Router) -> AsyncIterator[tuple[AppBackend, list[tuple[str, str]]]]:
    key = (await demo_router.api_keys.issue("app", frozenset({Channel.MOBILE_APP}))).key
    pushed: list[tuple[str, str]] = []

    async def push(user: AppUser, message: AppMessage) -> None:
        pushed.append((user.app_user_id, message.text))

    settings = ClientSettings(router=demo_router.address, api_key=key, retry=FAST_RETRY)
    async with RouterClient(settings) as client:
        app = AppBackend(client, push)
        await app.start()
        yield app, pushed
        await app.stop()


async def first(stream: AsyncIterator[AppMessage]) -> AppMessage:
    return await asyncio.wait_for(anext(stream), 10)


async def test_a_signed_in_user_gets_the_bots_answer_on_their_stream(
    backend: tuple[AppBackend, list[tuple[str, str]]], demo_router: Router
) -> None:
    app, pushed = backend
    user = app.sign_in(AppUser("user-42", device_id="ios-1", locale="ru"))
    stream = app.messages(user)
    listening = asyncio.ensure_future(first(stream))
    await asyncio.sleep(0)  # the stream is open before the answer can arrive
    sent = await app.send(user, "Сколько стоит тариф «Мой онлайн»?", client_message_id="m1")
    answer = await listening
    assert answer.author_role == "bot" and "Мой онлайн" in answer.text
    assert pushed == []
    again = await app.send(user, "Сколько стоит тариф «Мой онлайн»?", client_message_id="m1")
    assert again.duplicate and again.message_id == sent.message_id


async def test_a_user_in_the_background_gets_a_push(
    backend: tuple[AppBackend, list[tuple[str, str]]],
) -> None:
    app, pushed = backend
    user = app.sign_in(AppUser("user-7"))
    await app.send(user, "Где ваш офис в Ебурге?")
    for _ in range(200):
        if pushed:
            break
        await asyncio.sleep(0.05)
    assert pushed and pushed[0][0] == "user-7" and "Екатеринбург" in pushed[0][1]


async def test_the_app_user_is_the_same_customer_on_the_web_site(
    backend: tuple[AppBackend, list[tuple[str, str]]], demo_router: Router
) -> None:
    app, _ = backend
    from_app = await app.send(app.sign_in(AppUser("user-99")), "привет")
    web_key = (await demo_router.api_keys.issue("web", frozenset({Channel.WEB}))).key
    settings = ClientSettings(router=demo_router.address, api_key=web_key, retry=FAST_RETRY)
    async with RouterClient(settings) as web:
        from_web = await web.send_message(
            ingress_pb2.InboundMessage(
                channel=common_pb2.CHANNEL_WEB,
                external_id="w1",
                # the site signed the visitor in: the same account id, verified by the site
                customer=common_pb2.CustomerIdentity(
                    channel_user_id="cookie-1", app_user_id="user-99"
                ),
                text="здравствуйте",
            )
        )
    assert from_web.customer_id == from_app.customer_id
    assert from_web.conversation_id != from_app.conversation_id
