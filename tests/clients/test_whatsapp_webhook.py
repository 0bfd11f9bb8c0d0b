"""The WhatsApp Cloud API webhook over a real socket, in front of a real router."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
import whatsapp_payloads as wa
from clients_harness import stored, webhook

from clients.messengers.whatsapp import SIGNATURE_HEADER, create_app, signature
from clients.router_client import RouterClient
from router.app import Router

APP_SECRET = "0123456789abcdef0123456789abcdef"
VERIFY_TOKEN = "verify-me"
PATH = "/whatsapp/webhook"


def app(client: RouterClient) -> Any:
    return create_app(client, app_secret=APP_SECRET, verify_token=VERIFY_TOKEN)


def signed(body: Any, secret: str = APP_SECRET) -> dict[str, Any]:
    raw = json.dumps(body).encode()
    headers = {SIGNATURE_HEADER: signature(secret, raw), "content-type": "application/json"}
    return {"content": raw, "headers": headers}


async def post(client: RouterClient, body: Any, secret: str = APP_SECRET) -> httpx.Response:
    async with webhook(app(client)) as http:
        return await http.post(PATH, **signed(body, secret))


async def test_the_verification_handshake_echoes_the_challenge(client: RouterClient) -> None:
    async with webhook(app(client)) as http:
        query = {"hub.mode": "subscribe", "hub.challenge": "1158201444", "hub.verify_token": ""}
        ok = await http.get(PATH, params={**query, "hub.verify_token": VERIFY_TOKEN})
        wrong = await http.get(PATH, params={**query, "hub.verify_token": "guess"})
    assert (ok.status_code, ok.text) == (200, "1158201444")
    assert wrong.status_code == 403


async def test_a_text_message_is_stored_once_with_the_senders_identity(
    client: RouterClient, router: Router
) -> None:
    assert (await post(client, wa.messages(wa.text()))).status_code == 200
    [message] = stored(router)
    assert message.channel == "whatsapp"
    assert message.external_id == wa.text()["id"]
    assert (message.channel_user_id, message.display_name) == ("16505551234", "Sheena Nelson")
    assert message.text == "Does it come in another color?"


async def test_metas_retry_of_a_notification_stores_nothing_new(
    client: RouterClient, router: Router
) -> None:
    body = wa.messages(wa.text(), wa.text("wamid.second", "И ещё вопрос"))
    async with webhook(app(client)) as http:
        for _ in range(2):
            assert (await http.post(PATH, **signed(body))).status_code == 200
    assert [m.text for m in stored(router)] == ["Does it come in another color?", "И ещё вопрос"]


@pytest.mark.parametrize(
    ("item", "text", "attachment"),
    [
        (
            wa.IMAGE,
            "Роутер мигает красным",
            {
                "url": "wa-media:2754859441498128",
                "mime_type": "image/jpeg",
                "size_bytes": 0,
                "name": "",
            },
        ),
        (
            wa.DOCUMENT,
            "",
            {
                "url": "wa-media:1003383421387256",
                "mime_type": "application/pdf",
                "size_bytes": 0,
                "name": "contract.pdf",
            },
        ),
        (
            wa.STICKER,
            "",
            {
                "url": "wa-media:1263291548198478",
                "mime_type": "image/webp",
                "size_bytes": 0,
                "name": "",
            },
        ),
        (
            wa.VOICE,
            "",
            {
                "url": "wa-media:1538210983779401",
                "mime_type": "audio/ogg; codecs=opus",
                "size_bytes": 0,
                "name": "",
            },
        ),
    ],
    ids=["image", "document", "sticker", "voice"],
)
async def test_media_pass_as_references_with_the_caption_as_text(
    client: RouterClient, router: Router, item: Any, text: str, attachment: Any
) -> None:
    assert (await post(client, wa.messages(item))).status_code == 200
    [message] = stored(router)
    assert message.text == text
    assert message.attachments == [attachment]


async def test_a_tapped_reply_button_becomes_a_message_carrying_its_id(
    client: RouterClient, router: Router
) -> None:
    assert (await post(client, wa.messages(wa.BUTTON_REPLY))).status_code == 200
    [message] = stored(router)
    assert message.text == "tariff:online"
    assert message.metadata == {
        "wa_quick_reply": "true",
        "wa_reply_to": "wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJBOT=",
    }


@pytest.mark.parametrize(
    "body",
    [wa.STATUS_DELIVERED, wa.messages(wa.UNSUPPORTED), wa.notification({}, field="account_update")],
    ids=["status", "unsupported", "other-field"],
)
async def test_statuses_and_unknown_kinds_are_acknowledged_and_store_nothing(
    client: RouterClient, router: Router, body: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("INFO")
    assert (await post(client, body)).status_code == 200
    assert stored(router) == []
    assert any(r.getMessage() == "webhook update ignored" for r in caplog.records)


async def test_a_bad_or_missing_signature_is_refused_and_writes_nothing(
    client: RouterClient, router: Router
) -> None:
    body = wa.messages(wa.text())
    async with webhook(app(client)) as http:
        forged = await http.post(PATH, **signed(body, "not-the-app-secret"))
        unsigned = await http.post(PATH, json=body)
        request = signed(body)
        tampered = await http.post(
            PATH,
            content=request["content"].replace(b"color", b"colour"),
            headers=request["headers"],
        )
    assert (forged.status_code, unsigned.status_code, tampered.status_code) == (403, 401, 403)
    assert stored(router) == []


async def test_a_router_that_is_down_makes_meta_retry_later(
    client: RouterClient, router: Router
) -> None:
    async with webhook(app(client)) as http:
        await router.stop()
        down = await http.post(PATH, **signed(wa.messages(wa.text())))
    assert down.status_code == 503


async def test_a_message_the_router_refuses_is_logged_and_does_not_block_the_rest(
    client: RouterClient, router: Router, caplog: pytest.LogCaptureFixture
) -> None:
    too_long = wa.text("wamid.too-long", "x" * 5000)  # over the router's 4,096 characters
    body = wa.messages(too_long, wa.text("wamid.next", "Следующее сообщение"))
    assert (await post(client, body)).status_code == 200
    assert [m.external_id for m in stored(router)] == ["wamid.next"]
    [refused] = [r for r in caplog.records if r.getMessage() == "router refused a message"]
    assert refused.field == "message.text"  # type: ignore[attr-defined]
