"""The outbound senders post each platform's documented request shape to a local stand-in
of its API, and retry on 429/5xx."""

from __future__ import annotations

import json
from urllib.parse import parse_qs

import pytest
from clients_harness import FAST_RETRY, PlatformStub

from clients.messengers.common import FileRef, Outbound, QuickReply
from clients.messengers.http_sender import SendRejected, SendUnavailable
from clients.messengers.telegram import TelegramSender
from clients.messengers.vk import VkSender, random_id
from clients.messengers.whatsapp import WhatsAppSender

REPLIES = (QuickReply("Мой онлайн", "tariff:online"), QuickReply("Другой тариф"))
PDF = FileRef("https://files.example.org/tariffs.pdf", "application/pdf", 48213, "tariffs.pdf")
TG_OK = {"ok": True, "result": {"message_id": 5, "chat": {"id": 111}, "date": 1, "text": "x"}}
WA_OK = {
    "messaging_product": "whatsapp",
    "contacts": [{"input": "16505551234", "wa_id": "16505551234"}],
    "messages": [{"id": "wamid.HBgLMTY1MDUwNzY1MjAVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA"}],
}


async def test_telegram_sends_text_with_an_inline_keyboard_then_the_files(
    platform: PlatformStub,
) -> None:
    platform.default = TG_OK
    sender = TelegramSender("123:ABC", base_url=platform.base_url, retry=FAST_RETRY)
    photo = FileRef("tg-file:AgACAgIAAxkBAAIBsmaLarge", "image/jpeg")
    outbound = Outbound("111", "Какой <b>тариф</b>?", REPLIES, (PDF, photo), "dlv_1")
    try:
        assert await sender.send(outbound) == "111:5"
    finally:
        await sender.aclose()
    assert [r.path for r in platform.requests] == [
        "/bot123:ABC/sendMessage",
        "/bot123:ABC/sendDocument",
        "/bot123:ABC/sendPhoto",
    ]
    text, document, picture = (r.json() for r in platform.requests)
    # No parse_mode: the text is data, shown as typed.
    assert text == {
        "chat_id": "111",
        "text": "Какой <b>тариф</b>?",
        "reply_markup": {
            "inline_keyboard": [
                [{"text": "Мой онлайн", "callback_data": "tariff:online"}],
                [{"text": "Другой тариф", "callback_data": "Другой тариф"}],
            ]
        },
    }
    assert document == {"chat_id": "111", "document": PDF.url}
    assert picture == {"chat_id": "111", "photo": "AgACAgIAAxkBAAIBsmaLarge"}


async def test_telegram_quick_replies_too_long_for_a_button_become_a_numbered_list(
    platform: PlatformStub,
) -> None:
    platform.default = TG_OK
    long = QuickReply("Подробнее", "x" * 65)
    sender = TelegramSender("123:ABC", base_url=platform.base_url, retry=FAST_RETRY)
    try:
        await sender.send(Outbound("111", "Выберите", (REPLIES[0], long)))
    finally:
        await sender.aclose()
    [request] = platform.requests
    assert request.json() == {"chat_id": "111", "text": "Выберите\n\n1. Мой онлайн\n2. Подробнее"}


async def test_telegram_sending_retries_on_429_and_503_and_sends_the_same_request(
    platform: PlatformStub,
) -> None:
    platform.default = TG_OK
    platform.script = [
        (
            429,
            {
                "ok": False,
                "error_code": 429,
                "description": "Too Many Requests: retry after 0",
                "parameters": {"retry_after": 0},
            },
            {},
        ),
        (503, {"ok": False, "error_code": 503, "description": "Service Unavailable"}, {}),
    ]
    sender = TelegramSender("123:ABC", base_url=platform.base_url, retry=FAST_RETRY)
    try:
        assert await sender.send(Outbound("111", "Здравствуйте")) == "111:5"
    finally:
        await sender.aclose()
    assert len(platform.requests) == 3
    assert len({r.body for r in platform.requests}) == 1


async def test_a_refusal_is_not_retried_and_an_outage_ends_when_the_policy_does(
    platform: PlatformStub,
) -> None:
    sender = TelegramSender("123:ABC", base_url=platform.base_url, retry=FAST_RETRY)
    blocked = {
        "ok": False,
        "error_code": 403,
        "description": "Forbidden: bot was blocked by the user",
    }
    try:
        platform.script = [(403, blocked, {})]
        with pytest.raises(SendRejected) as refused:
            await sender.send(Outbound("111", "Здравствуйте"))
        assert refused.value.status == 403
        assert len(platform.requests) == 1

        platform.script = [(503, {"ok": False}, {})] * FAST_RETRY.max_attempts
        with pytest.raises(SendUnavailable):
            await sender.send(Outbound("111", "Здравствуйте"))
        assert len(platform.requests) == 1 + FAST_RETRY.max_attempts
    finally:
        await sender.aclose()


async def test_whatsapp_sends_reply_buttons_and_media_to_the_phone_numbers_messages_edge(
    platform: PlatformStub,
) -> None:
    platform.default = WA_OK
    sender = WhatsAppSender(
        "EAAJB-token", "106540352242922", base_url=platform.base_url, retry=FAST_RETRY
    )
    voice = FileRef("wa-media:1538210983779401", "audio/ogg")
    try:
        wamid = await sender.send(Outbound("16505551234", "Какой тариф?", REPLIES, (PDF, voice)))
    finally:
        await sender.aclose()
    assert wamid == WA_OK["messages"][0]["id"]  # type: ignore[index]
    assert {r.path for r in platform.requests} == {"/v23.0/106540352242922/messages"}
    assert {r.headers["authorization"] for r in platform.requests} == {"Bearer EAAJB-token"}
    buttons, document, audio = (r.json() for r in platform.requests)
    assert buttons == {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": "16505551234",
        "type": "interactive",
        "interactive": {
            "type": "button",
            "body": {"text": "Какой тариф?"},
            "action": {
                "buttons": [
                    {"type": "reply", "reply": {"id": "tariff:online", "title": "Мой онлайн"}},
                    {"type": "reply", "reply": {"id": "Другой тариф", "title": "Другой тариф"}},
                ]
            },
        },
    }
    assert document["type"] == "document"
    assert document["document"] == {"link": PDF.url, "filename": "tariffs.pdf"}
    assert (audio["type"], audio["audio"]) == ("audio", {"id": "1538210983779401"})


async def test_whatsapp_sends_more_than_three_replies_as_a_list_and_plain_text_as_text(
    platform: PlatformStub,
) -> None:
    platform.default = WA_OK
    sender = WhatsAppSender("t", "106540352242922", base_url=platform.base_url, retry=FAST_RETRY)
    many = tuple(QuickReply(f"Тариф номер {i} с длинным названием", f"t{i}") for i in range(4))
    try:
        await sender.send(Outbound("16505551234", "Выберите тариф", many))
        await sender.send(Outbound("16505551234", "Спасибо!"))
    finally:
        await sender.aclose()
    listed, plain = (r.json() for r in platform.requests)
    interactive = listed["interactive"]
    assert interactive["type"] == "list"
    rows = interactive["action"]["sections"][0]["rows"]
    assert rows[0] == {
        "id": "t0",
        "title": "Тариф номер 0 с длинным…",
        "description": "Тариф номер 0 с длинным названием",
    }
    assert plain["type"] == "text"
    assert plain["text"] == {"preview_url": False, "body": "Спасибо!"}


async def test_whatsapp_retries_when_throttled_even_inside_a_400(platform: PlatformStub) -> None:
    platform.default = WA_OK
    throttled = {
        "error": {
            "message": "(#130429) Rate limit hit",
            "type": "OAuthException",
            "code": 130429,
            "fbtrace_id": "Az8or2yhqkZfEZ-_4Qn_Bam",
        }
    }
    platform.script = [(400, throttled, {}), (429, throttled, {"Retry-After": "0"})]
    sender = WhatsAppSender("t", "106540352242922", base_url=platform.base_url, retry=FAST_RETRY)
    try:
        await sender.send(Outbound("16505551234", "Здравствуйте"))
    finally:
        await sender.aclose()
    assert len(platform.requests) == 3


async def test_vk_sends_messages_send_with_an_inline_keyboard_and_a_stable_random_id(
    platform: PlatformStub,
) -> None:
    platform.default = {"response": 4096}
    sender = VkSender("vk1.a.token", base_url=platform.base_url, retry=FAST_RETRY)
    outbound = Outbound("612444319", "Какой тариф?", REPLIES, (PDF,), "dlv_01HZX")
    try:
        assert await sender.send(outbound) == "4096"
        await sender.send(outbound)  # the same delivery again (at least once)
    finally:
        await sender.aclose()
    assert {r.path for r in platform.requests} == {"/method/messages.send"}
    first, again = (
        {k: v[0] for k, v in parse_qs(r.body.decode()).items()} for r in platform.requests
    )
    assert first["peer_id"] == "612444319"
    assert first["message"] == f"Какой тариф?\n{PDF.url}"
    assert (first["access_token"], first["v"]) == ("vk1.a.token", "5.199")
    assert first["random_id"] == again["random_id"] == str(random_id("dlv_01HZX"))
    assert json.loads(first["keyboard"]) == {
        "inline": True,
        "buttons": [
            [
                {
                    "action": {
                        "type": "text",
                        "label": "Мой онлайн",
                        "payload": '{"qr": "tariff:online"}',
                    }
                }
            ],
            [
                {
                    "action": {
                        "type": "text",
                        "label": "Другой тариф",
                        "payload": '{"qr": "Другой тариф"}',
                    }
                }
            ],
        ],
    }


async def test_vk_retries_its_in_band_throttling_and_refuses_other_errors(
    platform: PlatformStub,
) -> None:
    too_many = {"error": {"error_code": 6, "error_msg": "Too many requests per second"}}
    cannot = {
        "error": {
            "error_code": 901,
            "error_msg": "Can't send messages for users without permission",
        }
    }
    platform.default = {"response": 7}
    platform.script = [(200, too_many, {}), (500, {}, {})]
    sender = VkSender("vk1.a.token", base_url=platform.base_url, retry=FAST_RETRY)
    try:
        assert await sender.send(Outbound("612444319", "Здравствуйте")) == "7"
        assert len(platform.requests) == 3
        platform.script = [(200, cannot, {})]
        with pytest.raises(SendRejected, match="901"):
            await sender.send(Outbound("612444319", "Здравствуйте"))
    finally:
        await sender.aclose()
