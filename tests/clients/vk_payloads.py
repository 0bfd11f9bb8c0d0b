"""VK Callback API events shaped as in the VK API documentation (dev.vk.com: callback API
`confirmation`, `message_new` with the message and client_info objects, attachments)."""

from __future__ import annotations

from typing import Any

GROUP_ID = 214167102
SECRET = "aX3kQ9vLm2"
CLIENT_INFO = {
    "button_actions": ["text", "vkpay", "open_app", "location", "open_link", "callback"],
    "keyboard": True,
    "inline_keyboard": True,
    "carousel": True,
    "lang_id": 0,
}

CONFIRMATION = {"type": "confirmation", "group_id": GROUP_ID}


def event(kind: str, obj: dict[str, Any], secret: str | None = SECRET) -> Any:
    body: dict[str, Any] = {
        "group_id": GROUP_ID,
        "type": kind,
        "event_id": "da1b15e9f6d0c3c8a0c937e048cdd3e2b43794d0",
        "v": "5.199",
        "object": obj,
    }
    if secret is not None:
        body["secret"] = secret
    return body


def message_new(
    text: str = "Не работает интернет",
    cmid: int = 2169,
    attachments: list[Any] | None = None,
    secret: str | None = SECRET,
    **extra: Any,
) -> Any:
    message = {
        "date": 1683278670,
        "from_id": 612444319,
        "id": 4087,
        "out": 0,
        "attachments": attachments or [],
        "conversation_message_id": cmid,
        "fwd_messages": [],
        "important": False,
        "is_hidden": False,
        "peer_id": 612444319,
        "random_id": 0,
        "text": text,
        **extra,
    }
    return event("message_new", {"message": message, "client_info": CLIENT_INFO}, secret)


PHOTO = {
    "type": "photo",
    "photo": {
        "album_id": -3,
        "date": 1683278660,
        "id": 457239018,
        "owner_id": 612444319,
        "access_key": "b3c1a1f7d6a4e1f2c9",
        "sizes": [
            {"height": 75, "type": "s", "width": 75, "url": "https://sun9-1.userapi.com/s.jpg"},
            {"height": 1080, "type": "w", "width": 1920, "url": "https://sun9-1.userapi.com/w.jpg"},
            {"height": 604, "type": "x", "width": 604, "url": "https://sun9-1.userapi.com/x.jpg"},
        ],
        "text": "",
    },
}

DOC = {
    "type": "doc",
    "doc": {
        "id": 671248553,
        "owner_id": 612444319,
        "title": "Договор.pdf",
        "size": 254117,
        "ext": "pdf",
        "date": 1683278600,
        "type": 1,
        "url": "https://vk.com/doc612444319_671248553?hash=abc&dl=xyz",
    },
}

AUDIO_MESSAGE = {
    "type": "audio_message",
    "audio_message": {
        "id": 671248600,
        "owner_id": 612444319,
        "duration": 4,
        "waveform": [0, 3, 7, 12, 9, 4],
        "link_ogg": "https://psv4.userapi.com/c1/voice.ogg",
        "link_mp3": "https://psv4.userapi.com/c1/voice.mp3",
        "access_key": "f00ba7",
    },
}

STICKER = {
    "type": "sticker",
    "sticker": {
        "product_id": 279,
        "sticker_id": 9012,
        "images": [
            {"url": "https://vk.com/sticker/1-9012-64", "width": 64, "height": 64},
            {"url": "https://vk.com/sticker/1-9012-512", "width": 512, "height": 512},
        ],
        "images_with_background": [
            {"url": "https://vk.com/sticker/1-9012-64b", "width": 64, "height": 64},
        ],
    },
}

GROUP_JOIN = event("group_join", {"user_id": 612444319, "join_type": "join"})
