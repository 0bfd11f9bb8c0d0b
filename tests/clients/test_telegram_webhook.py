"""The Telegram webhook over a real socket, in front of a real router."""

from __future__ import annotations

from typing import Any

import pytest
import telegram_payloads as tg
from clients_harness import stored, webhook

from clients.messengers.telegram import SECRET_HEADER, create_app
from clients.router_client import RouterClient
from router.app import Router

SECRET = "s3cr3t-token_A-z"
HEADERS = {SECRET_HEADER: SECRET}


async def post(client: RouterClient, update: Any, headers: dict[str, str] = HEADERS) -> Any:
    async with webhook(create_app(client, secret=SECRET)) as http:
        return await http.post("/telegram/webhook", json=update, headers=headers)


async def test_a_text_message_is_stored_once_with_the_customers_identity(
    client: RouterClient, router: Router
) -> None:
    response = await post(client, tg.text_update())
    assert response.status_code == 200
    [message] = stored(router)
    assert (message.channel, message.external_id) == ("telegram", "111111111:1365")
    assert message.channel_user_id == "111111111"
    assert message.display_name == "Анна Петрова"
    assert message.text == "Тариф?"
    assert message.metadata == {"tg_chat_type": "private", "tg_username": "anna_p"}


async def test_telegrams_retry_of_the_same_update_stores_nothing_new(
    client: RouterClient, router: Router
) -> None:
    async with webhook(create_app(client, secret=SECRET)) as http:
        for _ in range(3):
            response = await http.post("/telegram/webhook", json=tg.text_update(), headers=HEADERS)
            assert response.status_code == 200
    assert len(stored(router)) == 1


async def test_a_photo_becomes_a_reference_to_its_largest_size_with_the_caption_as_text(
    client: RouterClient, router: Router
) -> None:
    assert (await post(client, tg.PHOTO_WITH_CAPTION)).status_code == 200
    [message] = stored(router)
    assert message.text == "Вот скриншот ошибки"
    assert message.attachments == [
        {
            "url": "tg-file:AgACAgIAAxkBAAIBsmaLarge",
            "mime_type": "image/jpeg",
            "size_bytes": 68503,
            "name": "",
        }
    ]


@pytest.mark.parametrize(
    ("update", "text", "attachment"),
    [
        (
            tg.DOCUMENT,
            "",
            {
                "url": "tg-file:BQACAgIAAxkBAAIBs2Doc",
                "mime_type": "application/pdf",
                "size_bytes": 184320,
                "name": "invoice-2024-05.pdf",
            },
        ),
        (
            tg.STICKER,
            "👍",
            {
                "url": "tg-file:CAACAgIAAxkBAAIBtGStk",
                "mime_type": "application/x-tgsticker",
                "size_bytes": 27345,
                "name": "",
            },
        ),
        (
            tg.VOICE,
            "",
            {
                "url": "tg-file:AwACAgIAAxkBAAIBtVoice",
                "mime_type": "audio/ogg",
                "size_bytes": 9120,
                "name": "",
            },
        ),
    ],
    ids=["document", "sticker", "voice"],
)
async def test_files_pass_as_references_never_as_bytes(
    client: RouterClient, router: Router, update: Any, text: str, attachment: Any
) -> None:
    assert (await post(client, update)).status_code == 200
    [message] = stored(router)
    assert message.text == text
    assert message.attachments == [attachment]


async def test_a_tapped_button_becomes_a_message_carrying_its_payload(
    client: RouterClient, router: Router
) -> None:
    response = await post(client, tg.CALLBACK_QUERY)
    assert response.status_code == 200
    # The answer to the callback query rides on the webhook's response.
    assert response.json() == {
        "method": "answerCallbackQuery",
        "callback_query_id": "4382bfdwdsb323b2d9",
    }
    [message] = stored(router)
    assert message.external_id == "cb:4382bfdwdsb323b2d9"
    assert message.channel_user_id == "111111111"
    assert message.text == "tariff:my_online"
    assert message.metadata["tg_reply_to"] == "111111111:1370"


@pytest.mark.parametrize("update", [tg.MY_CHAT_MEMBER, tg.LOCATION], ids=["member", "location"])
async def test_unknown_kinds_are_acknowledged_and_logged_and_store_nothing(
    client: RouterClient, router: Router, update: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("INFO")
    assert (await post(client, update)).status_code == 200
    assert stored(router) == []
    assert any(r.getMessage() == "webhook update ignored" for r in caplog.records)


@pytest.mark.parametrize(
    ("headers", "status"), [({}, 401), ({SECRET_HEADER: "guess"}, 403)], ids=["none", "wrong"]
)
async def test_a_bad_secret_token_is_refused_and_writes_nothing(
    client: RouterClient, router: Router, headers: dict[str, str], status: int
) -> None:
    assert (await post(client, tg.text_update(), headers)).status_code == status
    assert stored(router) == []


async def test_a_router_that_is_down_makes_telegram_retry_later(
    client: RouterClient, router: Router
) -> None:
    async with webhook(create_app(client, secret=SECRET)) as http:
        await router.stop()
        down = await http.post("/telegram/webhook", json=tg.text_update(), headers=HEADERS)
    assert down.status_code == 503
