"""WhatsApp Cloud API: the `messages` webhook in, `/{phone_number_id}/messages` out.

Identity and idempotency:
- channel_user_id is the sender's WhatsApp id (`from`), which is also what a reply goes to.
  WhatsApp proved the phone number at registration, so it is passed as verified_phone in
  E.164 form; a number change arrives as a `system` message and is not followed here.
- external_id is the message's `wamid`, the same when Meta retries the notification.
- A tapped reply button or list row becomes a message whose text is the button's id (the
  quick reply's payload).
Media is never downloaded: an attachment's url is "wa-media:<media id>" (fetching it needs
the business's access token, which must not land in the router's store); the sender accepts
such a url back and passes the id to WhatsApp.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
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
from clients.messengers.http_sender import PlatformHttp
from clients.messengers.outbound import Sender, messenger_app
from clients.router_client import RouterClient
from router.v1 import common_pb2

log = logging.getLogger(__name__)

PLATFORM = "whatsapp"
SIGNATURE_HEADER = "X-Hub-Signature-256"
MEDIA_SCHEME = "wa-media:"
DEFAULT_API = "https://graph.facebook.com"
DEFAULT_API_VERSION = "v23.0"
MEDIA_KINDS = ("image", "video", "audio", "document", "sticker")
# Graph API error codes that mean "throttled, come back later" although the status is 400.
THROTTLED = frozenset({4, 80007, 130429, 131048, 131056})


def signature(app_secret: str, body: bytes) -> str:
    """The X-Hub-Signature-256 value Meta sends: HMAC-SHA256 of the raw body."""
    return "sha256=" + hmac.new(app_secret.encode(), body, hashlib.sha256).hexdigest()


def _media(kind: str, media: Mapping[str, Any]) -> FileRef:
    return FileRef(
        url=MEDIA_SCHEME + str(media["id"]),
        mime_type=str(media.get("mime_type", "")),
        size_bytes=int(media.get("file_size") or 0),
        name=str(media.get("filename", "")),
    )


def _text_of(message: Mapping[str, Any]) -> tuple[str, dict[str, str]]:
    kind = message.get("type", "")
    if kind == "text":
        return str(message["text"].get("body", "")), {}
    if kind == "interactive":
        interactive = message["interactive"]
        reply = interactive.get(interactive.get("type", "")) or {}
        return str(reply.get("id") or reply.get("title") or ""), {"wa_quick_reply": "true"}
    if kind == "button":  # a quick-reply button of a template message
        button = message["button"]
        return str(button.get("payload") or button.get("text") or ""), {"wa_quick_reply": "true"}
    if kind in MEDIA_KINDS:
        return str(message[kind].get("caption", "")), {}
    return "", {}


def parse_message(message: Mapping[str, Any], names: Mapping[str, str]) -> Inbound | None:
    """One entry of `value.messages` → Inbound; None for kinds the router cannot take."""
    kind = str(message.get("type", ""))
    text, metadata = _text_of(message)
    attachments = (_media(kind, message[kind]),) if kind in MEDIA_KINDS else ()
    if not text and not attachments:
        return None
    sender = str(message["from"])
    if message.get("context", {}).get("id"):
        metadata["wa_reply_to"] = str(message["context"]["id"])
    return Inbound(
        external_id=str(message["id"]),
        customer=Customer(
            user_id=sender,
            display_name=names.get(sender, ""),
            verified_phone="+" + sender if sender.isdigit() else "",
        ),
        text=text,
        attachments=attachments,
        sent_at=int(message.get("timestamp") or 0) or None,
        metadata=metadata,
    )


def parse_notification(body: Mapping[str, Any]) -> list[Inbound]:
    """Every customer message in a notification, in order; everything else is logged."""
    found: list[Inbound] = []
    for entry in body.get("entry", []):
        for change in entry.get("changes", []):
            if change.get("field") != "messages":
                ignored(PLATFORM, str(change.get("field")))
                continue
            value = change.get("value", {})
            names = {
                str(c.get("wa_id")): str(c.get("profile", {}).get("name", ""))
                for c in value.get("contacts", [])
            }
            for message in value.get("messages", []):
                inbound = parse_message(message, names)
                if inbound is None:
                    ignored(PLATFORM, "message:" + str(message.get("type")))
                else:
                    found.append(inbound)
            for status in value.get("statuses", []):
                # Sent/delivered/read/failed receipts of our own messages: a log line only.
                # The delivery loop acknowledges on the API's answer; a later "failed"
                # receipt (e.g. outside the 24-hour window) does not reach the router yet.
                ignored(PLATFORM, "status:" + str(status.get("status")))
    return found


def create_app(
    client: RouterClient,
    *,
    app_secret: str,
    verify_token: str,
    path: str = "/whatsapp/webhook",
    sender: Sender | None = None,
) -> Starlette:
    """The webhook; with a sender, also the loop that sends the channel's deliveries."""
    if not app_secret or not verify_token:
        raise ValueError("a WhatsApp webhook needs the app secret and a verify token")

    async def verify(request: Request) -> Response:
        """The subscription handshake: echo hub.challenge if the verify token matches."""
        query = request.query_params
        if query.get("hub.mode") == "subscribe" and same_secret(
            query.get("hub.verify_token", ""), verify_token
        ):
            return PlainTextResponse(query.get("hub.challenge", ""))
        return unauthorized(PLATFORM, "wrong verify token")

    async def notify(request: Request) -> Response:
        raw = await request.body()
        given = request.headers.get(SIGNATURE_HEADER)
        if given is None:
            return unauthorized(PLATFORM, "no signature", 401)
        if not same_secret(given, signature(app_secret, raw)):
            return unauthorized(PLATFORM, "bad signature")
        try:
            body = json.loads(raw)
        except ValueError:
            return JSONResponse({"error": "body is not JSON"}, status_code=400)
        if not isinstance(body, dict) or body.get("object") != "whatsapp_business_account":
            ignored(PLATFORM, "object:" + str(body.get("object") if isinstance(body, dict) else ""))
            return PlainTextResponse("ok")
        messages = parse_notification(body)
        failure = await forward(client, common_pb2.CHANNEL_WHATSAPP, messages, PLATFORM)
        return failure or PlainTextResponse("ok")

    routes = [Route(path, verify, methods=["GET"]), Route(path, notify, methods=["POST"])]
    return messenger_app(routes, client, common_pb2.CHANNEL_WHATSAPP, sender, platform=PLATFORM)


def _throttled(response: httpx.Response) -> bool:
    try:
        code = response.json().get("error", {}).get("code")
    except (ValueError, AttributeError):
        return False
    return code in THROTTLED


def _media_kind(mime_type: str) -> str:
    if mime_type == "image/webp":
        return "sticker"
    major = mime_type.split("/", 1)[0]
    return major if major in ("image", "video", "audio") else "document"


class WhatsAppSender:
    """Sends one delivery: the text (with up to 3 quick replies as reply buttons, up to 10
    as a list), then each attachment by link (or media id)."""

    def __init__(
        self,
        access_token: str,
        phone_number_id: str,
        *,
        base_url: str = DEFAULT_API,
        api_version: str = DEFAULT_API_VERSION,
        list_button: str = "Выбрать",
        retry: RetryPolicy | None = None,
    ) -> None:
        self._path = f"/{api_version}/{phone_number_id}/messages"
        self._list_button = list_button[:20]
        self._http = PlatformHttp(
            base_url,
            retry=retry or RetryPolicy(),
            headers={"Authorization": f"Bearer {access_token}"},
        )

    async def aclose(self) -> None:
        await self._http.aclose()

    async def _post(self, to: str, kind: str, content: dict[str, Any]) -> str:
        payload = {
            "messaging_product": "whatsapp",
            "recipient_type": "individual",
            "to": to,
            "type": kind,
            kind: content,
        }
        response = await self._http.post(self._path, json=payload, also_retry=_throttled)
        messages = response.json().get("messages") or [{}]
        return str(messages[0].get("id", ""))

    def _interactive(self, text: str, replies: tuple[QuickReply, ...]) -> dict[str, Any] | None:
        if not text or len(text) > 1024 or not replies or len(replies) > 10:
            return None
        if any(len(r.value) > 256 for r in replies):
            return None
        if len(replies) <= 3:
            buttons = [
                {"type": "reply", "reply": {"id": r.value, "title": clip(r.title, 20)}}
                for r in replies
            ]
            return {"type": "button", "body": {"text": text}, "action": {"buttons": buttons}}
        rows = []
        for r in replies:
            row = {"id": r.value, "title": clip(r.title, 24)}
            if len(r.title) > 24:
                row["description"] = clip(r.title, 72)  # the full label, where a title is cut
            rows.append(row)
        return {
            "type": "list",
            "body": {"text": text},
            "action": {"button": self._list_button, "sections": [{"rows": rows}]},
        }

    async def send(self, outbound: Outbound) -> str:
        """Returns the wamid of the first message sent."""
        sent: list[str] = []
        to = outbound.recipient
        interactive = self._interactive(outbound.text, outbound.quick_replies)
        if interactive is not None:
            sent.append(await self._post(to, "interactive", interactive))
        elif outbound.text or outbound.quick_replies:
            body = with_numbered_replies(outbound.text, outbound.quick_replies)
            text = body if outbound.quick_replies else outbound.text
            sent.append(await self._post(to, "text", {"preview_url": False, "body": text}))
        for file in outbound.attachments:
            kind = _media_kind(file.mime_type)
            media: dict[str, Any] = (
                {"id": file.url.removeprefix(MEDIA_SCHEME)}
                if file.url.startswith(MEDIA_SCHEME)
                else {"link": file.url}
            )
            if kind == "document" and file.name:
                media["filename"] = file.name
            sent.append(await self._post(to, kind, media))
        return sent[0] if sent else ""
