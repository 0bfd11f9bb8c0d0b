"""VK Callback API: `confirmation` and `message_new` in, `messages.send` out.

Identity and idempotency:
- channel_user_id is the message's peer_id (the dialog a reply goes to; in a private
  dialog with the community it is the user id). VK sends no name with a message, so the
  display name stays empty.
- external_id is "<peer_id>:<conversation_message_id>": stable when VK repeats an event
  (`id` is 0 for messages in chats, so it cannot serve).
- A tapped keyboard button comes back as a message whose `payload` is {"qr": ...}; its value
  (the quick reply's payload) becomes the text.
VK gives public URLs for photos, documents, voice messages and stickers; they pass as they
are. Outbound files cannot go by URL (VK wants its own uploads), so their links are appended
to the text.
"""

from __future__ import annotations

import hashlib
import json
import logging
import mimetypes
import random
from collections.abc import Mapping
from typing import Any

import httpx
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from clients.backoff import RetryPolicy
from clients.messengers.common import (
    Customer,
    FileRef,
    Inbound,
    Outbound,
    QuickReply,
    clip,
    forward,
    ignored,
    same_secret,
    unauthorized,
    with_numbered_replies,
)
from clients.messengers.http_sender import PlatformHttp, SendRejected
from clients.messengers.outbound import Sender, messenger_app
from clients.router_client import RouterClient
from router.v1 import common_pb2

log = logging.getLogger(__name__)

PLATFORM = "vk"
DEFAULT_API = "https://api.vk.com"
API_VERSION = "5.199"
QUICK_REPLY_KEY = "qr"
# VK error codes worth another try: too many requests per second, flood control, internal.
RETRYABLE_ERRORS = frozenset({6, 9, 10})
# client_info.lang_id → BCP 47.
LANGUAGES = {0: "ru", 1: "uk", 2: "be", 3: "en", 4: "es", 5: "fi", 6: "de", 7: "it"}
MAX_BUTTONS = 10  # an inline keyboard holds at most 10 buttons


def _largest(images: list[Mapping[str, Any]]) -> Mapping[str, Any]:
    return max(images, key=lambda i: int(i.get("width", 0)) * int(i.get("height", 0)))


def _attachment(item: Mapping[str, Any]) -> FileRef | None:
    kind = str(item.get("type", ""))
    obj = item.get(kind) or {}
    if kind == "photo" and obj.get("sizes"):
        return FileRef(url=str(_largest(obj["sizes"])["url"]), mime_type="image/jpeg")
    if kind == "doc" and obj.get("url"):
        title = str(obj.get("title", ""))
        mime = mimetypes.guess_type("x." + str(obj.get("ext", "")))[0] or ""
        return FileRef(str(obj["url"]), mime, int(obj.get("size") or 0), title)
    if kind == "audio_message" and obj.get("link_ogg"):
        return FileRef(url=str(obj["link_ogg"]), mime_type="audio/ogg")
    if kind == "sticker":
        images = obj.get("images") or obj.get("images_with_background") or []
        if images:
            return FileRef(url=str(_largest(images)["url"]), mime_type="image/png")
    return None


def _quick_reply(payload: object) -> str | None:
    """The value of a button we sent, or None for any other payload (e.g. the Start button)."""
    if not isinstance(payload, str):
        return None
    try:
        data = json.loads(payload)
    except ValueError:
        return None
    value = data.get(QUICK_REPLY_KEY) if isinstance(data, dict) else None
    return value if isinstance(value, str) else None


def parse_message(event_object: Mapping[str, Any]) -> Inbound | None:
    """The `object` of a message_new event → Inbound; None when it carries nothing usable."""
    message = event_object["message"]
    attachments = tuple(
        a for a in (_attachment(i) for i in message.get("attachments", [])) if a is not None
    )
    metadata: dict[str, str] = {}
    text = str(message.get("text", ""))
    chosen = _quick_reply(message.get("payload"))
    if chosen is not None:
        text = chosen
        metadata["vk_quick_reply"] = "true"
    elif message.get("payload"):
        metadata["vk_payload"] = str(message["payload"])[:1024]
    if not text and not attachments:
        return None
    peer_id = str(message["peer_id"])
    if str(message.get("from_id")) != peer_id:
        metadata["vk_from_id"] = str(message.get("from_id"))
    lang = (event_object.get("client_info") or {}).get("lang_id")
    return Inbound(
        external_id=f"{peer_id}:{message['conversation_message_id']}",
        customer=Customer(user_id=peer_id),
        text=text,
        attachments=attachments,
        sent_at=int(message.get("date") or 0) or None,
        locale=LANGUAGES.get(lang, "") if isinstance(lang, int) else "",
        metadata=metadata,
    )


def create_app(
    client: RouterClient,
    *,
    secret: str,
    confirmation: str,
    group_id: int | None = None,
    path: str = "/vk/callback",
    sender: Sender | None = None,
) -> Starlette:
    """The Callback API server; `confirmation` is the string VK shows in the community's
    settings, `secret` the secret key set there. With a sender, also the loop that sends
    the channel's deliveries."""
    if not secret or not confirmation:
        raise ValueError("a VK callback needs the secret key and the confirmation string")

    async def callback(request: Request) -> Response:
        try:
            event = await request.json()
        except ValueError:
            return JSONResponse({"error": "body is not JSON"}, status_code=400)
        if not isinstance(event, dict):
            return JSONResponse({"error": "body is not an event"}, status_code=400)
        if group_id is not None and event.get("group_id") != group_id:
            return unauthorized(PLATFORM, "another community")
        kind = str(event.get("type", ""))
        if kind == "confirmation":
            # Answering reveals only the string VK itself displays; no secret rides on it.
            return PlainTextResponse(confirmation)
        given = event.get("secret")
        if not isinstance(given, str):
            return unauthorized(PLATFORM, "no secret", 401)
        if not same_secret(given, secret):
            return unauthorized(PLATFORM, "wrong secret")
        inbound = parse_message(event.get("object") or {}) if kind == "message_new" else None
        if inbound is None:
            ignored(PLATFORM, kind)
            return PlainTextResponse("ok")
        failure = await forward(client, common_pb2.CHANNEL_VK, [inbound], PLATFORM)
        # VK repeats an event until it reads exactly "ok".
        return failure or PlainTextResponse("ok")

    routes = [Route(path, callback, methods=["POST"])]
    return messenger_app(routes, client, common_pb2.CHANNEL_VK, sender, platform=PLATFORM)


def _vk_error(response: httpx.Response) -> tuple[int, str] | None:
    try:
        error = response.json().get("error")
    except (ValueError, AttributeError):
        return None
    if not isinstance(error, dict):
        return None
    return int(error.get("error_code", 0)), str(error.get("error_msg", ""))


def _throttled(response: httpx.Response) -> bool:
    error = _vk_error(response)
    return error is not None and error[0] in RETRYABLE_ERRORS


def keyboard(replies: tuple[QuickReply, ...]) -> str | None:
    """An inline keyboard, one text button a row; None when the replies do not fit."""
    if not replies or len(replies) > MAX_BUTTONS:
        return None
    buttons = []
    for reply in replies:
        payload = json.dumps({QUICK_REPLY_KEY: reply.value}, ensure_ascii=False)
        if len(payload) > 255:
            return None
        action = {"type": "text", "label": clip(reply.title, 40), "payload": payload}
        buttons.append([{"action": action}])
    return json.dumps({"inline": True, "buttons": buttons}, ensure_ascii=False)


def random_id(delivery_id: str) -> int:
    """VK drops a second messages.send with the same random_id to the same peer, so a
    delivery sent again (at least once) is not shown twice."""
    if not delivery_id:
        return random.randint(1, 2**31 - 1)
    return int.from_bytes(hashlib.sha256(delivery_id.encode()).digest()[:4], "big") & 0x7FFFFFFF


class VkSender:
    """Sends one delivery with messages.send: text, quick replies as an inline keyboard,
    file links appended to the text."""

    def __init__(
        self,
        access_token: str,
        *,
        base_url: str = DEFAULT_API,
        api_version: str = API_VERSION,
        retry: RetryPolicy | None = None,
    ) -> None:
        self._token = access_token
        self._version = api_version
        self._http = PlatformHttp(base_url, retry=retry or RetryPolicy())

    async def aclose(self) -> None:
        await self._http.aclose()

    async def send(self, outbound: Outbound) -> str:
        """Returns the id VK gave the message."""
        markup = keyboard(outbound.quick_replies)
        text = outbound.text
        if outbound.quick_replies and markup is None:
            text = with_numbered_replies(text, outbound.quick_replies)
        links = [f.url for f in outbound.attachments]
        text = "\n".join([text, *links]) if text else "\n".join(links)
        form = {
            "peer_id": outbound.recipient,
            "random_id": str(random_id(outbound.delivery_id)),
            "message": text,
            "access_token": self._token,
            "v": self._version,
        }
        if markup is not None:
            form["keyboard"] = markup
        response = await self._http.post("/method/messages.send", data=form, also_retry=_throttled)
        error = _vk_error(response)
        if error is not None:
            raise SendRejected(response.status_code, f"VK error {error[0]}: {error[1]}")
        return str(response.json().get("response", ""))
