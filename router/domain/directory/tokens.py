"""Operator access tokens: shown once when issued, stored only as a hash.

A token reads `opt_<token id>_<secret>`, like the adapters' API keys: the id finds the
record, the secret is compared with its SHA-256 in constant time. A 256-bit random secret
needs no slow hash.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

PREFIX = "opt"


@dataclass(frozen=True, slots=True)
class OperatorToken:
    token_id: str
    operator_id: str
    secret_sha256: str
    created_at: float
    revoked_at: float | None = None


@dataclass(frozen=True, slots=True)
class IssuedToken:
    """The record, and the one time the full token is ever seen."""

    record: OperatorToken
    token: str


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def new_token(operator_id: str, now: float) -> IssuedToken:
    token_id = secrets.token_hex(6)
    secret = secrets.token_urlsafe(32)
    record = OperatorToken(token_id, operator_id, digest(secret), now)
    return IssuedToken(record, f"{PREFIX}_{token_id}_{secret}")


def split_token(presented: str) -> tuple[str, str] | None:
    """(token id, secret) of a well-formed token, None otherwise."""
    parts = presented.split("_", 2)
    if len(parts) != 3 or parts[0] != PREFIX or not parts[1] or not parts[2]:
        return None
    return parts[1], parts[2]


def matches(record: OperatorToken, secret: str) -> bool:
    return record.revoked_at is None and hmac.compare_digest(record.secret_sha256, digest(secret))
