"""The VK Callback API server over a real socket, in front of a real router."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
import vk_payloads as vk
from clients_harness import stored, webhook

from clients.messengers.vk import create_app
from clients.router_client import RouterClient
from router.app import Router

CONFIRMATION = "d8v2ve07"
PATH = "/vk/callback"


def app(client: RouterClient) -> Any:
    return create_app(client, secret=vk.SECRET, confirmation=CONFIRMATION, group_id=vk.GROUP_ID)


async def post(client: RouterClient, body: Any) -> httpx.Response:
    async with webhook(app(client)) as http:
        return await http.post(PATH, json=body)


async def test_the_confirmation_request_gets_the_confirmation_string(
    client: RouterClient, router: Router
) -> None:
    response = await post(client, vk.CONFIRMATION)
    assert (response.status_code, response.text) == (200, CONFIRMATION)
    other = await post(client, {**vk.CONFIRMATION, "group_id": 1})
    assert other.status_code == 403
    assert stored(router) == []


async def test_a_message_is_stored_once_and_vk_reads_ok(
    client: RouterClient, router: Router
) -> None:
    async with webhook(app(client)) as http:
        answers = [await http.post(PATH, json=vk.message_new()) for _ in range(2)]
    assert [(a.status_code, a.text) for a in answers] == [(200, "ok")] * 2
    [message] = stored(router)
    assert (message.channel, message.external_id) == ("vk", "612444319:2169")
    assert message.channel_user_id == "612444319"
    assert message.text == "Не работает интернет"


async def test_a_tapped_keyboard_button_becomes_its_quick_reply_payload(
    client: RouterClient, router: Router
) -> None:
    body = vk.message_new("Мой онлайн", payload='{"qr":"tariff:online"}')
    assert (await post(client, body)).text == "ok"
    [message] = stored(router)
    assert message.text == "tariff:online"
    assert message.metadata == {"vk_quick_reply": "true"}


async def test_attachments_pass_as_references_with_the_text_as_caption(
    client: RouterClient, router: Router
) -> None:
    body = vk.message_new(
        "Вот фото и договор",
        attachments=[vk.PHOTO, vk.DOC, vk.AUDIO_MESSAGE, vk.STICKER],
    )
    assert (await post(client, body)).text == "ok"
    [message] = stored(router)
    assert message.text == "Вот фото и договор"
    assert message.attachments == [
        {
            "url": "https://sun9-1.userapi.com/w.jpg",
            "mime_type": "image/jpeg",
            "size_bytes": 0,
            "name": "",
        },
        {
            "url": "https://vk.com/doc612444319_671248553?hash=abc&dl=xyz",
            "mime_type": "application/pdf",
            "size_bytes": 254117,
            "name": "Договор.pdf",
        },
        {
            "url": "https://psv4.userapi.com/c1/voice.ogg",
            "mime_type": "audio/ogg",
            "size_bytes": 0,
            "name": "",
        },
        {
            "url": "https://vk.com/sticker/1-9012-512",
            "mime_type": "image/png",
            "size_bytes": 0,
            "name": "",
        },
    ]


async def test_a_sticker_alone_is_stored_as_an_attachment(
    client: RouterClient, router: Router
) -> None:
    assert (await post(client, vk.message_new("", attachments=[vk.STICKER]))).text == "ok"
    [message] = stored(router)
    assert (message.text, len(message.attachments)) == ("", 1)


async def test_unknown_events_are_acknowledged_and_store_nothing(
    client: RouterClient, router: Router, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("INFO")
    response = await post(client, vk.GROUP_JOIN)
    assert (response.status_code, response.text) == (200, "ok")
    assert stored(router) == []
    assert any(r.getMessage() == "webhook update ignored" for r in caplog.records)


@pytest.mark.parametrize(("secret", "status"), [(None, 401), ("guess", 403)], ids=["none", "wrong"])
async def test_a_bad_secret_is_refused_and_writes_nothing(
    client: RouterClient, router: Router, secret: str | None, status: int
) -> None:
    assert (await post(client, vk.message_new(secret=secret))).status_code == status
    assert stored(router) == []


async def test_a_router_that_is_down_makes_vk_retry_later(
    client: RouterClient, router: Router
) -> None:
    async with webhook(app(client)) as http:
        await router.stop()
        down = await http.post(PATH, json=vk.message_new())
    assert down.status_code == 503
    assert down.text != "ok"
