"""Verified identities in one canonical form, so the same person matches across channels."""

from __future__ import annotations

from dataclasses import replace

from router.domain.errors import InvalidArgumentError
from router.domain.ingestion.messages import CustomerIdentity


def normalize_phone(phone: str) -> str:
    """E.164 digits without the plus: "+7 (900) 000-00-00" → "79000000000".

    A Russian trunk-prefixed number ("8 900 …", 11 digits) becomes its international form,
    since customers and channels write the two interchangeably.
    """
    digits = "".join(ch for ch in phone if ch.isdigit())
    if len(digits) == 11 and digits.startswith("8"):
        digits = "7" + digits[1:]
    if not 7 <= len(digits) <= 15:
        raise InvalidArgumentError(
            "message.customer.verified_phone", "not a phone number (E.164 has 7 to 15 digits)"
        )
    return digits


def normalize_identity(identity: CustomerIdentity) -> CustomerIdentity:
    return replace(
        identity,
        verified_phone=normalize_phone(identity.verified_phone) if identity.verified_phone else "",
        verified_email=identity.verified_email.strip().lower(),
        app_user_id=identity.app_user_id.strip(),
    )
