"""Telegram Bot API `Update` objects shaped as in the Bot API documentation
(core.telegram.org/bots/api#update, #message, #callbackquery, #photosize, #document,
#sticker, #voice)."""

from __future__ import annotations

from typing import Any

USER = {
    "id": 111111111,
    "is_bot": False,
    "first_name": "Анна",
    "last_name": "Петрова",
    "username": "anna_p",
    "language_code": "ru",
}
CHAT = {
    "id": 111111111,
    "first_name": "Анна",
    "last_name": "Петрова",
    "username": "anna_p",
    "type": "private",
}


def text_update(update_id: int = 10000, message_id: int = 1365, text: str = "Тариф?") -> Any:
    return {
        "update_id": update_id,
        "message": {
            "message_id": message_id,
            "from": USER,
            "chat": CHAT,
            "date": 1441645532,
            "text": text,
        },
    }


PHOTO_WITH_CAPTION = {
    "update_id": 10001,
    "message": {
        "message_id": 1366,
        "from": USER,
        "chat": CHAT,
        "date": 1441645540,
        "photo": [
            {
                "file_id": "AgACAgIAAxkBAAIBsmaSmall",
                "file_unique_id": "AQADsmall",
                "file_size": 1432,
                "width": 90,
                "height": 51,
            },
            {
                "file_id": "AgACAgIAAxkBAAIBsmaLarge",
                "file_unique_id": "AQADlarge",
                "file_size": 68503,
                "width": 1280,
                "height": 720,
            },
        ],
        "caption": "Вот скриншот ошибки",
    },
}

DOCUMENT = {
    "update_id": 10002,
    "message": {
        "message_id": 1367,
        "from": USER,
        "chat": CHAT,
        "date": 1441645550,
        "document": {
            "file_name": "invoice-2024-05.pdf",
            "mime_type": "application/pdf",
            "file_id": "BQACAgIAAxkBAAIBs2Doc",
            "file_unique_id": "AgADdoc",
            "file_size": 184320,
        },
    },
}

STICKER = {
    "update_id": 10003,
    "message": {
        "message_id": 1368,
        "from": USER,
        "chat": CHAT,
        "date": 1441645560,
        "sticker": {
            "width": 512,
            "height": 512,
            "emoji": "👍",
            "set_name": "HotCherry",
            "is_animated": True,
            "is_video": False,
            "type": "regular",
            "file_id": "CAACAgIAAxkBAAIBtGStk",
            "file_unique_id": "AgADstk",
            "file_size": 27345,
        },
    },
}

VOICE = {
    "update_id": 10004,
    "message": {
        "message_id": 1369,
        "from": USER,
        "chat": CHAT,
        "date": 1441645570,
        "voice": {
            "duration": 3,
            "mime_type": "audio/ogg",
            "file_id": "AwACAgIAAxkBAAIBtVoice",
            "file_unique_id": "AgADvoice",
            "file_size": 9120,
        },
    },
}

CALLBACK_QUERY = {
    "update_id": 10005,
    "callback_query": {
        "id": "4382bfdwdsb323b2d9",
        "from": USER,
        "message": {
            "message_id": 1370,
            "from": {"id": 222222222, "is_bot": True, "first_name": "Omni", "username": "omni_bot"},
            "chat": CHAT,
            "date": 1441645580,
            "text": "Какой тариф вас интересует?",
        },
        "chat_instance": "-1234567890123456789",
        "data": "tariff:my_online",
    },
}

# Kinds the adapter does not turn into messages: acknowledged and logged.
MY_CHAT_MEMBER = {
    "update_id": 10006,
    "my_chat_member": {
        "chat": CHAT,
        "from": USER,
        "date": 1441645590,
        "old_chat_member": {"user": {"id": 222222222, "is_bot": True}, "status": "member"},
        "new_chat_member": {"user": {"id": 222222222, "is_bot": True}, "status": "kicked"},
    },
}

LOCATION = {
    "update_id": 10007,
    "message": {
        "message_id": 1371,
        "from": USER,
        "chat": CHAT,
        "date": 1441645600,
        "location": {"latitude": 55.7558, "longitude": 37.6173},
    },
}
