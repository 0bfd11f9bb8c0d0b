"""The channels customers write through."""

from __future__ import annotations

from enum import StrEnum


class Channel(StrEnum):
    WEB = "web"
    TELEGRAM = "telegram"
    WHATSAPP = "whatsapp"
    VK = "vk"
    MOBILE_APP = "mobile_app"
