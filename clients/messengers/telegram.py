"""Telegram Bot API: the webhook (`Update`) in, `sendMessage` and friends out.

Identity and idempotency:
- channel_user_id is the chat id (equal to the user id in a private chat).
- external_id of a message is "<chat.id>:<message_id>": message ids are unique within a chat
  and stay the same when Telegram retries the update (update_id is not used: it restarts
  when a webhook is set again).
- A tapped inline button (callback_query) becomes a message whose text is the quick reply's
  payload, with external_id "cb:<callback_query.id>".
Files are never downloaded: a file becomes an attachment whose url is "tg-file:<file_id>".
Only this bot can turn that into bytes (getFile with its token), so the token never lands in
the router's store; the sender accepts such a url back and passes the file id to Telegram.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from clients.backoff import RetryPolicy
from clients.messengers.common import (
    Customer,
    FileRef,
    Inbound,
    Outbound,
    QuickReply,
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

PLATFORM = "telegram"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
FILE_SCHEME = "tg-file:"
DEFAULT_API = "https://api.telegram.org"
# Telegram caps callback_data at 64 bytes.
MAX_CALLBACK_BYTES = 64

# Kinds of file a message can carry → (MIME type when Telegram gives none, keeps a name).
_FILES: dict[str, str] = {
    "document": "application/octet-stream",
    "audio": "audio/mpeg",
    "voice": "audio/ogg",
    "video": "video/mp4",
    "video_note": "video/mp4",
    "animation": "video/mp4",
}


def _display_name(user: Mapping[str, Any]) -> str:
    name = " ".join(str(user[k]) for k in ("first_name", "last_name") if user.get(k))
    return name or str(user.get("username", ""))


def _file(obj: Mapping[str, Any], default_mime: str) -> FileRef:
    return FileRef(
        url=FILE_SCHEME + str(obj["file_id"]),
        mime_type=str(obj.get("mime_type") or default_mime),
        size_bytes=int(obj.get("file_size") or 0),
        name=str(obj.get("file_name") or ""),
    )


def _sticker(sticker: Mapping[str, Any]) -> FileRef:
    if sticker.get("is_animated"):
        mime = "application/x-tgsticker"
    elif sticker.get("is_video"):
        mime = "video/webm"
    else:
        mime = "image/webp"
    return _file(sticker, mime)


def _attachments(message: Mapping[str, Any]) -> tuple[FileRef, ...]:
    files: list[FileRef] = []
    if message.get("photo"):
        # The same photo in several sizes, smallest first: keep the largest.
        files.append(_file(message["photo"][-1], "image/jpeg"))
    if message.get("sticker"):
        files.append(_sticker(message["sticker"]))
    for kind, default_mime in _FILES.items():
        if kind == "document" and message.get("animation"):
            continue  # an animation also arrives as a document; keep one
        if message.get(kind):
            files.append(_file(message[kind], default_mime))
    return tuple(files)


def _customer(chat: Mapping[str, Any], user: Mapping[str, Any]) -> Customer:
    return Customer(user_id=str(chat["id"]), display_name=_display_name(user or chat))


def parse_message(message: Mapping[str, Any]) -> Inbound | None:
    """A Telegram `Message` → Inbound; None for kinds with nothing to say (a location,
    a member joining)."""
    attachments = _attachments(message)
    sticker_emoji = str(message.get("sticker", {}).get("emoji", ""))
    text = str(message.get("text") or message.get("caption") or "")
    if not text and sticker_emoji:
        text = sticker_emoji  # the emoji a sticker stands for says more than an empty text
    if not text and not attachments:
        return None
    chat = message["chat"]
    user = message.get("from") or {}
    metadata = {"tg_chat_type": str(chat.get("type", ""))}
    if user.get("username"):
        metadata["tg_username"] = str(user["username"])
    return Inbound(
        external_id=f"{chat['id']}:{message['message_id']}",
        customer=_customer(chat, user),
        text=text,
        attachments=attachments,
        sent_at=int(message.get("date") or 0) or None,
        locale=str(user.get("language_code", "")),
        metadata=metadata,
    )


def parse_callback(query: Mapping[str, Any]) -> Inbound | None:
    """A tapped inline button → the customer's answer, carrying the button's payload."""
    data = query.get("data")
    if not data:
        return None  # a game button: not something the router offered
    user = query["from"]
    message = query.get("message") or {}
    chat = message.get("chat") or {"id": user["id"], "type": "private"}
    metadata = {"tg_chat_type": str(chat.get("type", "")), "tg_quick_reply": "true"}
    if message.get("message_id"):
        metadata["tg_reply_to"] = f"{chat['id']}:{message['message_id']}"
    return Inbound(
        external_id=f"cb:{query['id']}",
        customer=_customer(chat, user),
        text=str(data),
        locale=str(user.get("language_code", "")),
        metadata=metadata,
    )


def create_app(
    client: RouterClient,
    *,
    secret: str,
    path: str = "/telegram/webhook",
    sender: Sender | None = None,
) -> Starlette:
    """The webhook for `setWebhook(url=..., secret_token=secret)`; with a sender, also the
    loop that sends the channel's deliveries (see outbound.py)."""
    if not secret:
        raise ValueError("a Telegram webhook needs a secret token")

    async def webhook(request: Request) -> Response:
        given = request.headers.get(SECRET_HEADER)
        if given is None:
            return unauthorized(PLATFORM, "no secret token", 401)
        if not same_secret(given, secret):
            return unauthorized(PLATFORM, "wrong secret token")
        try:
            update = await request.json()
        except ValueError:
            return JSONResponse({"error": "body is not JSON"}, status_code=400)
        if not isinstance(update, dict):
            return JSONResponse({"error": "body is not an Update"}, status_code=400)
        kind = next((k for k in update if k != "update_id"), "empty")
        answer: dict[str, Any] = {}
        if kind == "message":
            inbound = parse_message(update["message"])
        elif kind == "callback_query":
            inbound = parse_callback(update["callback_query"])
            # Replying with a method in the webhook's response answers the query without
            # another request, and stops the spinner on the customer's button.
            answer = {"method": "answerCallbackQuery", "callback_query_id": update[kind]["id"]}
        else:
            inbound = None
        if inbound is None:
            ignored(PLATFORM, kind)
            return JSONResponse(answer)
        failure = await forward(client, common_pb2.CHANNEL_TELEGRAM, [inbound], PLATFORM)
        return failure or JSONResponse(answer)

    routes = [Route(path, webhook, methods=["POST"])]
    return messenger_app(routes, client, common_pb2.CHANNEL_TELEGRAM, sender, platform=PLATFORM)


def _keyboard(replies: tuple[QuickReply, ...]) -> dict[str, Any] | None:
    if not replies or any(len(r.value.encode()) > MAX_CALLBACK_BYTES for r in replies):
        return None
    return {"inline_keyboard": [[{"text": r.title, "callback_data": r.value}] for r in replies]}


_SEND_FILE = {"image/": ("sendPhoto", "photo"), "video/": ("sendVideo", "video")}


class TelegramSender:
    """Sends one delivery: the text (with quick replies as an inline keyboard), then each
    attachment by URL. Text is sent without parse_mode, so it is never read as markup."""

    def __init__(
        self, token: str, *, base_url: str = DEFAULT_API, retry: RetryPolicy | None = None
    ) -> None:
        self._token = token
        self._http = PlatformHttp(base_url, retry=retry or RetryPolicy())

    async def aclose(self) -> None:
        await self._http.aclose()

    async def _call(self, method: str, payload: dict[str, Any]) -> dict[str, Any]:
        response = await self._http.post(f"/bot{self._token}/{method}", json=payload)
        result: dict[str, Any] = response.json().get("result") or {}
        return result

    async def send(self, outbound: Outbound) -> str:
        """Returns "<chat id>:<message id>" of the first message sent."""
        sent: list[str] = []
        keyboard = _keyboard(outbound.quick_replies)
        text = outbound.text
        if outbound.quick_replies and keyboard is None:
            text = with_numbered_replies(text, outbound.quick_replies)
        if text:
            payload: dict[str, Any] = {"chat_id": outbound.recipient, "text": text}
            if keyboard is not None:
                payload["reply_markup"] = keyboard
            sent.append(self._id(await self._call("sendMessage", payload)))
        for file in outbound.attachments:
            method, field = next(
                (v for k, v in _SEND_FILE.items() if file.mime_type.startswith(k)),
                ("sendDocument", "document"),
            )
            # A file the customer sent earlier goes back by its id; others Telegram fetches.
            ref = file.url.removeprefix(FILE_SCHEME)
            sent.append(
                self._id(await self._call(method, {"chat_id": outbound.recipient, field: ref}))
            )
        return sent[0] if sent else ""

    @staticmethod
    def _id(result: Mapping[str, Any]) -> str:
        chat = result.get("chat") or {}
        return f"{chat.get('id', '')}:{result.get('message_id', '')}"
