"""Bounds on an inbound message, and the check that enforces them before any write."""

from __future__ import annotations

from dataclasses import dataclass

from router.domain.errors import InvalidArgumentError
from router.domain.ingestion.messages import InboundMessage


@dataclass(frozen=True, slots=True)
class IngestionLimits:
    # Telegram's own cap is 4,096 characters; other channels are below it.
    max_text_chars: int = 4096
    max_external_id_chars: int = 256
    max_channel_user_id_chars: int = 256
    max_display_name_chars: int = 256
    max_identity_chars: int = 320  # an e-mail address can be up to 320 characters
    max_locale_chars: int = 35  # the longest well-formed BCP 47 tag in practice
    max_attachments: int = 10
    max_url_chars: int = 2048
    max_mime_type_chars: int = 255
    max_attachment_name_chars: int = 255
    max_metadata_entries: int = 32
    max_metadata_key_chars: int = 64
    max_metadata_value_chars: int = 1024
    # A message within this many seconds of its conversation's resolution reopens it (with
    # the same operator when possible); later, it opens a new conversation. 0 never reopens.
    reopen_window_s: float = 600.0


def _check_len(field: str, value: str, limit: int) -> None:
    if len(value) > limit:
        raise InvalidArgumentError(field, f"at most {limit} characters, got {len(value)}")


def validate(message: InboundMessage, limits: IngestionLimits) -> None:
    """Raises InvalidArgumentError naming the first offending field (API path)."""
    prefix = "message."
    if not message.external_id:
        raise InvalidArgumentError(prefix + "external_id", "required")
    _check_len(prefix + "external_id", message.external_id, limits.max_external_id_chars)

    customer = message.customer
    if not customer.channel_user_id:
        raise InvalidArgumentError(prefix + "customer.channel_user_id", "required")
    for name, value, limit in (
        ("channel_user_id", customer.channel_user_id, limits.max_channel_user_id_chars),
        ("display_name", customer.display_name, limits.max_display_name_chars),
        ("verified_phone", customer.verified_phone, limits.max_identity_chars),
        ("verified_email", customer.verified_email, limits.max_identity_chars),
        ("app_user_id", customer.app_user_id, limits.max_identity_chars),
    ):
        _check_len(f"{prefix}customer.{name}", value, limit)

    if not message.text.strip() and not message.attachments:
        raise InvalidArgumentError(prefix + "text", "text or at least one attachment is required")
    _check_len(prefix + "text", message.text, limits.max_text_chars)
    _check_len(prefix + "locale", message.locale, limits.max_locale_chars)

    if len(message.attachments) > limits.max_attachments:
        raise InvalidArgumentError(
            prefix + "attachments", f"at most {limits.max_attachments} attachments"
        )
    for i, attachment in enumerate(message.attachments):
        where = f"{prefix}attachments[{i}]."
        if not attachment.url:
            raise InvalidArgumentError(where + "url", "required")
        _check_len(where + "url", attachment.url, limits.max_url_chars)
        _check_len(where + "mime_type", attachment.mime_type, limits.max_mime_type_chars)
        _check_len(where + "name", attachment.name, limits.max_attachment_name_chars)
        if attachment.size_bytes < 0:
            raise InvalidArgumentError(where + "size_bytes", "must not be negative")

    if len(message.metadata) > limits.max_metadata_entries:
        raise InvalidArgumentError(
            prefix + "metadata", f"at most {limits.max_metadata_entries} entries"
        )
    for key, value in message.metadata.items():
        if not key:
            raise InvalidArgumentError(prefix + "metadata", "keys must not be empty")
        _check_len(f"{prefix}metadata[{key[:64]}]", key, limits.max_metadata_key_chars)
        _check_len(f"{prefix}metadata[{key}]", value, limits.max_metadata_value_chars)
