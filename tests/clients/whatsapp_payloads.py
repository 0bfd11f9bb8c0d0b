"""WhatsApp Cloud API webhook notifications shaped as in Meta's webhook reference
(whatsapp/webhooks/reference/messages: text, image, document, sticker, audio, interactive,
statuses, unsupported)."""

from __future__ import annotations

from typing import Any

WABA_ID = "102290129340398"
PHONE_NUMBER_ID = "106540352242922"
METADATA = {"display_phone_number": "15550783881", "phone_number_id": PHONE_NUMBER_ID}
CONTACTS = [{"profile": {"name": "Sheena Nelson"}, "wa_id": "16505551234"}]


def notification(value: dict[str, Any], field: str = "messages") -> Any:
    return {
        "object": "whatsapp_business_account",
        "entry": [
            {
                "id": WABA_ID,
                "changes": [
                    {
                        "value": {"messaging_product": "whatsapp", "metadata": METADATA, **value},
                        "field": field,
                    }
                ],
            }
        ],
    }


def messages(*items: dict[str, Any]) -> Any:
    return notification({"contacts": CONTACTS, "messages": list(items)})


def text(
    wamid: str = "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=",
    body: str = "Does it come in another color?",
) -> dict[str, Any]:
    return {
        "from": "16505551234",
        "id": wamid,
        "timestamp": "1749416383",
        "type": "text",
        "text": {"body": body},
    }


IMAGE = {
    "from": "16505551234",
    "id": "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUIMAGE=",
    "timestamp": "1749416400",
    "type": "image",
    "image": {
        "caption": "Роутер мигает красным",
        "mime_type": "image/jpeg",
        "sha256": "81d3bd8a8db4868c9520ed47186e8b7c5789e61ff79f7f834be6950b808a90d3",
        "id": "2754859441498128",
    },
}

DOCUMENT = {
    "from": "16505551234",
    "id": "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUDOC=",
    "timestamp": "1749416410",
    "type": "document",
    "document": {
        "filename": "contract.pdf",
        "mime_type": "application/pdf",
        "sha256": "7a4d0e6bc9d2a4b9a2f3c1e0d9b8a7f6e5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0",
        "id": "1003383421387256",
    },
}

STICKER = {
    "from": "16505551234",
    "id": "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUSTK=",
    "timestamp": "1749416420",
    "type": "sticker",
    "sticker": {
        "mime_type": "image/webp",
        "sha256": "5b1a8e4e3a0f2c9d7e6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d",
        "id": "1263291548198478",
        "animated": False,
    },
}

VOICE = {
    "from": "16505551234",
    "id": "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUVOICE=",
    "timestamp": "1749416430",
    "type": "audio",
    "audio": {
        "mime_type": "audio/ogg; codecs=opus",
        "sha256": "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90",
        "id": "1538210983779401",
        "voice": True,
    },
}

BUTTON_REPLY = {
    "context": {"from": "15550783881", "id": "wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJBOT="},
    "from": "16505551234",
    "id": "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUBUTTON=",
    "timestamp": "1749416440",
    "type": "interactive",
    "interactive": {
        "type": "button_reply",
        "button_reply": {"id": "tariff:online", "title": "Мой онлайн"},
    },
}

UNSUPPORTED = {
    "from": "16505551234",
    "id": "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUUNSUP=",
    "timestamp": "1749416450",
    "type": "unsupported",
    "errors": [
        {
            "code": 131051,
            "title": "Message type unknown",
            "message": "Message type unknown",
            "error_data": {"details": "Message type is currently not supported."},
        }
    ],
}

STATUS_DELIVERED = notification(
    {
        "statuses": [
            {
                "id": "wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJCNkY5NTBENEU3ODYxQTM3RUQA",
                "status": "delivered",
                "timestamp": "1750857384",
                "recipient_id": "16505551234",
                "conversation": {
                    "id": "a75d17ad06104c51166f948319b03c6a",
                    "origin": {"type": "service"},
                },
                "pricing": {"billable": True, "pricing_model": "CBP", "category": "service"},
            }
        ]
    }
)
