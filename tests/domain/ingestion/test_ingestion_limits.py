"""Every rule of an inbound message, each with the field it names."""

from __future__ import annotations

from dataclasses import replace

import pytest

from router.domain.channels import Channel
from router.domain.errors import InvalidArgumentError
from router.domain.ingestion.limits import IngestionLimits, validate
from router.domain.ingestion.messages import Attachment, CustomerIdentity, InboundMessage

LIMITS = IngestionLimits()
GOOD = InboundMessage(
    channel=Channel.TELEGRAM,
    external_id="tg-1",
    customer=CustomerIdentity(channel_user_id="u1"),
    text="Какой у меня тариф?",
)
PICTURE = Attachment(url="https://cdn.example/p.jpg", mime_type="image/jpeg", size_bytes=10)


def field_of(message: InboundMessage, limits: IngestionLimits = LIMITS) -> str:
    with pytest.raises(InvalidArgumentError) as caught:
        validate(message, limits)
    return caught.value.field


def test_a_good_message_passes() -> None:
    validate(GOOD, LIMITS)


def test_an_attachment_without_text_passes() -> None:
    validate(replace(GOOD, text="", attachments=(PICTURE,)), LIMITS)


@pytest.mark.parametrize(
    ("message", "field"),
    [
        (replace(GOOD, external_id=""), "message.external_id"),
        (replace(GOOD, external_id="x" * 257), "message.external_id"),
        (replace(GOOD, customer=CustomerIdentity("")), "message.customer.channel_user_id"),
        (replace(GOOD, customer=CustomerIdentity("u" * 257)), "message.customer.channel_user_id"),
        (
            replace(GOOD, customer=CustomerIdentity("u", verified_email="e" * 321)),
            "message.customer.verified_email",
        ),
        (replace(GOOD, text=""), "message.text"),
        (replace(GOOD, text="   \n"), "message.text"),
        (replace(GOOD, text="я" * 4097), "message.text"),
        (replace(GOOD, locale="x" * 36), "message.locale"),
        (replace(GOOD, attachments=(PICTURE,) * 11), "message.attachments"),
        (replace(GOOD, attachments=(replace(PICTURE, url=""),)), "message.attachments[0].url"),
        (
            replace(GOOD, attachments=(PICTURE, replace(PICTURE, size_bytes=-1))),
            "message.attachments[1].size_bytes",
        ),
        (replace(GOOD, metadata={str(i): "v" for i in range(33)}), "message.metadata"),
        (replace(GOOD, metadata={"": "v"}), "message.metadata"),
        (replace(GOOD, metadata={"k" * 65: "v"}), "message.metadata[" + "k" * 64 + "]"),
        (replace(GOOD, metadata={"k": "v" * 1025}), "message.metadata[k]"),
    ],
)
def test_each_rule_names_its_field(message: InboundMessage, field: str) -> None:
    assert field_of(message) == field


def test_text_limit_is_configurable() -> None:
    message = replace(GOOD, text="x" * 101)
    assert field_of(message, IngestionLimits(max_text_chars=100)) == "message.text"
    validate(message, IngestionLimits(max_text_chars=101))


def test_text_at_the_limit_passes() -> None:
    validate(replace(GOOD, text="я" * 4096), LIMITS)
