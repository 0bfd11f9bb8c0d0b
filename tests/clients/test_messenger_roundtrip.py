"""Each messenger adapter both ways, against a real router running the demo bot: the
platform's webhook in over a real socket, the bot's answer out to a recording stand-in of the
platform's send API, in the platform's own format, and the delivery acknowledged."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import json
import os
import re
import signal
import sqlite3
import sys
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import httpx
import pytest
import telegram_payloads as tg
import uvicorn
import vk_payloads as vk
import whatsapp_payloads as wa
from clients_harness import FAST_RETRY, PlatformStub, Recorded
from starlette.applications import Starlette

from clients.backoff import RetryPolicy
from clients.messengers import telegram, whatsapp
from clients.messengers import vk as vk_adapter
from clients.messengers.outbound import DeliveryLoop
from clients.router_client import RouterClient
from clients.settings import ClientSettings
from router.app import Router, create_server
from router.demo.seed import seed_demo
from router.domain.channels import Channel
from router.settings import Settings
from router.v1 import common_pb2

QUESTION = "Сколько стоит тариф «Мой онлайн»?"
OTHER_QUESTION = "Где офис в Ебурге?"
TARIFF = "Мой онлайн"
# Generous: a bot turn on a shared 2-core machine; reached only when something is broken.
WAIT_SECONDS = 20.0
TG_SECRET = "roundtrip-secret"
TG_TOKEN = "123456:roundtrip"
WA_APP_SECRET = "0123456789abcdef0123456789abcdef"
VK_CONFIRMATION = "d8v2ve07"
# What each platform answers a successful send with (its documented response shape).
TG_SENT = {"ok": True, "result": {"message_id": 77, "chat": {"id": tg.CHAT["id"]}}}
WA_SENT = {"messaging_product": "whatsapp", "messages": [{"id": "wamid.OUT77"}]}
VK_SENT = {"response": 4077}


@pytest.fixture
async def demo_router(tmp_path: Path) -> AsyncIterator[tuple[Router, str]]:
    router = create_server(
        Settings(db_path=tmp_path / "roundtrip.db", listen="127.0.0.1:0", grace_seconds=1)
    )
    seeded = await seed_demo(router)
    assert seeded.api_key
    await router.model.refresh()
    await router.start()
    yield router, seeded.api_key
    await router.stop()


@pytest.fixture
async def demo_client(demo_router: tuple[Router, str]) -> AsyncIterator[RouterClient]:
    router, key = demo_router
    settings = ClientSettings(router=router.address, api_key=key, retry=FAST_RETRY)
    async with RouterClient(settings) as client:
        yield client


@contextlib.asynccontextmanager
async def adapter(app: Starlette) -> AsyncIterator[httpx.AsyncClient]:
    """The adapter on 127.0.0.1 with its lifespan on (which runs the delivery loop), as
    `omniroute adapter` serves it; yields a client posting to it as the platform would."""
    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    while not server.started:
        if task.done():
            task.result()
        await asyncio.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=10) as http:
            yield http
    finally:
        server.should_exit = True
        await task


@dataclass(frozen=True)
class StoredDelivery:
    state: str
    recipient: str
    channel_message_id: str
    error_message: str


def deliveries(router: Router, channel: Channel) -> list[StoredDelivery]:
    with sqlite3.connect(router.settings.db_path) as conn:
        rows = conn.execute(
            "SELECT state, recipient, channel_message_id, error_message FROM deliveries"
            " WHERE channel = ? ORDER BY seq",
            (channel.value,),
        ).fetchall()
    return [StoredDelivery(r[0], r[1], r[2] or "", r[3] or "") for r in rows]


async def until(condition: Callable[[], bool], what: str) -> None:
    loop = asyncio.get_running_loop()
    give_up_at = loop.time() + WAIT_SECONDS
    while not condition():
        if loop.time() > give_up_at:
            raise AssertionError(f"waited {WAIT_SECONDS} s for {what}")
        await asyncio.sleep(0.05)


def all_acked(router: Router, channel: Channel) -> Callable[[], bool]:
    def check() -> bool:
        found = deliveries(router, channel)
        return bool(found) and all(d.state != "pending" for d in found)

    return check


def tg_text(request: Recorded) -> str:
    return str(request.json().get("text", ""))


def wa_text(request: Recorded) -> str:
    body = request.json()
    if body["type"] == "interactive":
        return str(body["interactive"]["body"]["text"])
    return str(body.get("text", {}).get("body", ""))


def vk_text(request: Recorded) -> str:
    return parse_qs(request.body.decode())["message"][0]


def answers(platform: PlatformStub, text_of: Callable[[Recorded], str]) -> list[Recorded]:
    return [r for r in platform.requests if TARIFF in text_of(r)]


def telegram_app(client: RouterClient, platform: PlatformStub, **retry: Any) -> Starlette:
    policy = RetryPolicy(**retry) if retry else FAST_RETRY
    sender = telegram.TelegramSender(TG_TOKEN, base_url=platform.base_url, retry=policy)
    return telegram.create_app(client, secret=TG_SECRET, sender=sender)


async def post_telegram(http: httpx.AsyncClient, update: Any) -> None:
    response = await http.post(
        "/telegram/webhook", json=update, headers={telegram.SECRET_HEADER: TG_SECRET}
    )
    assert response.status_code == 200


async def test_telegram_question_gets_the_bots_answer_as_send_message(
    demo_router: tuple[Router, str], demo_client: RouterClient, platform: PlatformStub
) -> None:
    router, _ = demo_router
    platform.default = TG_SENT
    async with adapter(telegram_app(demo_client, platform)) as http:
        await post_telegram(http, tg.text_update(text=QUESTION))
        await until(lambda: bool(answers(platform, tg_text)), "the answer at sendMessage")
        await until(all_acked(router, Channel.TELEGRAM), "the delivery acknowledged")
    [answer] = answers(platform, tg_text)
    assert answer.path == f"/bot{TG_TOKEN}/sendMessage"
    assert answer.json()["chat_id"] == str(tg.CHAT["id"])
    assert "parse_mode" not in answer.json()
    found = deliveries(router, Channel.TELEGRAM)
    assert {d.state for d in found} == {"sent"}
    assert {d.channel_message_id for d in found} == {f"{tg.CHAT['id']}:77"}
    assert {d.recipient for d in found} == {str(tg.CHAT["id"])}


async def test_telegram_update_posted_twice_is_answered_once(
    demo_router: tuple[Router, str], demo_client: RouterClient, platform: PlatformStub
) -> None:
    router, _ = demo_router
    platform.default = TG_SENT
    async with adapter(telegram_app(demo_client, platform)) as http:
        update = tg.text_update(update_id=500, message_id=900, text=QUESTION)
        await post_telegram(http, update)
        await until(lambda: bool(answers(platform, tg_text)), "the first answer")
        await post_telegram(http, update)  # Telegram retrying the same update
        # A later question's answer comes after any the replay could have caused: the bot
        # reads its events in order and the loop sends a channel's deliveries in order.
        later = tg.text_update(update_id=501, message_id=901, text=OTHER_QUESTION)
        await post_telegram(http, later)
        await until(
            lambda: any(TARIFF not in tg_text(r) for r in platform.requests),
            "the answer to the second question",
        )
        await until(all_acked(router, Channel.TELEGRAM), "every delivery acknowledged")
    assert len(answers(platform, tg_text)) == 1
    assert len(platform.requests) == len(deliveries(router, Channel.TELEGRAM))


async def test_telegram_blocked_bot_acks_the_delivery_rejected(
    demo_router: tuple[Router, str], demo_client: RouterClient, platform: PlatformStub
) -> None:
    router, _ = demo_router
    platform.default = TG_SENT
    blocked = {
        "ok": False,
        "error_code": 403,
        "description": "Forbidden: bot was blocked by the user",
    }
    platform.script = [(403, blocked, {})]
    async with adapter(telegram_app(demo_client, platform)) as http:
        await post_telegram(http, tg.text_update(text=QUESTION))
        await until(all_acked(router, Channel.TELEGRAM), "the delivery acknowledged")
    first = deliveries(router, Channel.TELEGRAM)[0]
    assert first.state == "rejected"
    assert "bot was blocked" in first.error_message
    assert first.channel_message_id == ""
    assert len(platform.requests) == len(deliveries(router, Channel.TELEGRAM))  # not retried


async def test_telegram_unavailable_leaves_the_delivery_pending_until_it_is_sent(
    demo_router: tuple[Router, str], demo_client: RouterClient, platform: PlatformStub
) -> None:
    router, _ = demo_router
    platform.default = TG_SENT
    platform.script = [(503, {"ok": False}, {}), (503, {"ok": False}, {})]
    app = telegram_app(demo_client, platform, max_attempts=2, initial_backoff=0.01, total_seconds=1)
    async with adapter(app) as http:
        await post_telegram(http, tg.text_update(text=QUESTION))
        await until(lambda: len(answers(platform, tg_text)) >= 3, "the answer sent at last")
        await until(all_acked(router, Channel.TELEGRAM), "the delivery acknowledged")
    # Two failed attempts (the sender gave up), then the same delivery streamed again.
    texts = [tg_text(r) for r in answers(platform, tg_text)]
    assert len(texts) == 3 and len(set(texts)) == 1
    assert deliveries(router, Channel.TELEGRAM)[0].state == "sent"


async def test_the_delivery_loop_outlives_a_router_that_is_down_and_sends_once_it_is_back(
    tmp_path: Path, platform: PlatformStub, caplog: pytest.LogCaptureFixture
) -> None:
    settings = Settings(db_path=tmp_path / "down.db", listen="127.0.0.1:0", grace_seconds=1)
    first = create_server(settings)
    key = (await seed_demo(first)).api_key
    await first.start()
    address = first.address
    await first.stop()
    platform.default = TG_SENT
    sender = telegram.TelegramSender(TG_TOKEN, base_url=platform.base_url, retry=FAST_RETRY)
    # The customer's side is patient enough to outlast gRPC's reconnect backoff once the
    # router is back; the loop's side gives up quickly, so it fails (and goes on) often.
    patient = RetryPolicy(max_attempts=50, initial_backoff=0.05, max_backoff=0.2, total_seconds=20)
    restarted = create_server(dataclasses.replace(settings, listen=address))
    async with (
        RouterClient(ClientSettings(router=address, api_key=key, retry=FAST_RETRY)) as reader,
        RouterClient(ClientSettings(router=address, api_key=key, retry=patient)) as writer,
    ):
        loop = DeliveryLoop(
            reader, common_pb2.CHANNEL_TELEGRAM, sender, platform="telegram", max_pause=0.2
        )
        loop.start()
        try:
            failed = "delivery loop failed; streaming again after a pause"
            await until(
                lambda: sum(r.getMessage() == failed for r in caplog.records) >= 2,
                "the loop to fail twice and go on",
            )
            await restarted.model.refresh()
            await restarted.start()
            inbound = telegram.parse_message(tg.text_update(text=QUESTION)["message"])
            assert inbound is not None
            await writer.send_message(inbound.to_proto(common_pb2.CHANNEL_TELEGRAM))
            await until(lambda: bool(answers(platform, tg_text)), "the answer at sendMessage")
            await until(all_acked(restarted, Channel.TELEGRAM), "the delivery acknowledged")
        finally:
            await loop.stop()
            await restarted.stop()
    assert {d.state for d in deliveries(restarted, Channel.TELEGRAM)} == {"sent"}


async def test_omniroute_adapter_telegram_answers_through_the_api_base_it_is_given(
    demo_router: tuple[Router, str], platform: PlatformStub
) -> None:
    router, key = demo_router
    platform.default = TG_SENT
    env = {
        **os.environ,
        "OMNIROUTE_API_KEY": key,
        "OMNIROUTE_TELEGRAM_SECRET": TG_SECRET,
        "OMNIROUTE_TELEGRAM_BOT_TOKEN": TG_TOKEN,
        "PYTHONUNBUFFERED": "1",
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "clients.cli", "adapter", "telegram",
        "--router", router.address, "--listen", "127.0.0.1:0",
        "--api-base", platform.base_url,
        stdout=asyncio.subprocess.PIPE, env=env,
    )  # fmt: skip
    try:
        assert process.stdout is not None
        line = (await asyncio.wait_for(process.stdout.readline(), 30)).decode()
        found = re.search(r"listening on (\S+)", line)
        assert found, line
        async with httpx.AsyncClient(base_url=f"http://{found.group(1)}") as http:
            await post_telegram(http, tg.text_update(text=QUESTION))
        await until(lambda: bool(answers(platform, tg_text)), "the answer at sendMessage")
        await until(all_acked(router, Channel.TELEGRAM), "the delivery acknowledged")
        process.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(process.wait(), 30) == 0
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    [answer] = answers(platform, tg_text)
    assert answer.path == f"/bot{TG_TOKEN}/sendMessage"
    assert answer.json()["chat_id"] == str(tg.CHAT["id"])


def signed(body: Any) -> dict[str, Any]:
    raw = json.dumps(body).encode()
    headers = {
        whatsapp.SIGNATURE_HEADER: whatsapp.signature(WA_APP_SECRET, raw),
        "content-type": "application/json",
    }
    return {"content": raw, "headers": headers}


async def test_whatsapp_question_gets_the_bots_answer_at_the_phone_numbers_messages(
    demo_router: tuple[Router, str], demo_client: RouterClient, platform: PlatformStub
) -> None:
    router, _ = demo_router
    platform.default = WA_SENT
    sender = whatsapp.WhatsAppSender(
        "wa-token", wa.PHONE_NUMBER_ID, base_url=platform.base_url, retry=FAST_RETRY
    )
    app = whatsapp.create_app(
        demo_client, app_secret=WA_APP_SECRET, verify_token="v", sender=sender
    )
    notification = wa.messages(wa.text(wamid="wamid.IN1", body=QUESTION))
    async with adapter(app) as http:
        for _ in range(2):  # Meta retrying the notification
            response = await http.post("/whatsapp/webhook", **signed(notification))
            assert response.status_code == 200
        await until(lambda: bool(answers(platform, wa_text)), "the answer at /messages")
        await until(all_acked(router, Channel.WHATSAPP), "the delivery acknowledged")
    [answer] = answers(platform, wa_text)
    assert answer.path == f"/{whatsapp.DEFAULT_API_VERSION}/{wa.PHONE_NUMBER_ID}/messages"
    assert answer.headers["authorization"] == "Bearer wa-token"
    body = answer.json()
    assert body["messaging_product"] == "whatsapp"
    assert body["to"] == wa.CONTACTS[0]["wa_id"]
    found = deliveries(router, Channel.WHATSAPP)
    assert {d.state for d in found} == {"sent"}
    assert {d.channel_message_id for d in found} == {"wamid.OUT77"}


async def test_vk_question_gets_the_bots_answer_as_messages_send(
    demo_router: tuple[Router, str], demo_client: RouterClient, platform: PlatformStub
) -> None:
    router, _ = demo_router
    platform.default = VK_SENT
    sender = vk_adapter.VkSender("vk-token", base_url=platform.base_url, retry=FAST_RETRY)
    app = vk_adapter.create_app(
        demo_client,
        secret=vk.SECRET,
        confirmation=VK_CONFIRMATION,
        group_id=vk.GROUP_ID,
        sender=sender,
    )
    event = vk.message_new(text=QUESTION, cmid=3001)
    async with adapter(app) as http:
        for _ in range(2):  # VK repeating the event
            response = await http.post("/vk/callback", json=event)
            assert (response.status_code, response.text) == (200, "ok")
        await until(lambda: bool(answers(platform, vk_text)), "the answer at messages.send")
        await until(all_acked(router, Channel.VK), "the delivery acknowledged")
    [answer] = answers(platform, vk_text)
    assert answer.path == "/method/messages.send"
    form = parse_qs(answer.body.decode())
    peer_id = str(event["object"]["message"]["peer_id"])
    assert form["peer_id"] == [peer_id]
    assert form["access_token"] == ["vk-token"] and form["v"] == [vk_adapter.API_VERSION]
    assert form["random_id"][0].isdigit()
    found = deliveries(router, Channel.VK)
    assert {d.state for d in found} == {"sent"}
    assert {d.channel_message_id for d in found} == {"4077"}
    assert {d.recipient for d in found} == {peer_id}
