"""What a channel adapter hands the router, already normalized, and what it gets back."""

from __future__ import annotations

from dataclasses import dataclass, field

from router.domain.channels import Channel


@dataclass(frozen=True, slots=True)
class Attachment:
    """A reference to a file the channel hosts; the router never carries the bytes."""

    url: str
    mime_type: str
    size_bytes: int
    name: str = ""


@dataclass(frozen=True, slots=True)
class CustomerIdentity:
    """Who wrote, as the channel knows them, plus identities the channel has verified."""

    channel_user_id: str
    display_name: str = ""
    verified_phone: str = ""
    verified_email: str = ""
    app_user_id: str = ""


@dataclass(frozen=True, slots=True)
class InboundMessage:
    channel: Channel
    external_id: str
    customer: CustomerIdentity
    text: str = ""
    attachments: tuple[Attachment, ...] = ()
    sent_at: float | None = None
    locale: str = ""
    metadata: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class NewIds:
    """Ids minted before the write; the store uses each only if it creates that row."""

    message_id: str
    conversation_id: str
    customer_id: str


@dataclass(frozen=True, slots=True)
class IngestResult:
    message_id: str
    conversation_id: str
    customer_id: str
    received_at: float
    # True when (channel, external_id) was stored before: nothing new was written.
    duplicate: bool
