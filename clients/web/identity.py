"""Who a visitor is: an id in an HMAC-signed cookie, and a site customer id the host site
vouches for with its own signature. Nothing unsigned is ever taken as an identity."""

from __future__ import annotations

import hashlib
import hmac
import secrets

VISITOR_COOKIE = "omniroute_visitor"
# A year: the visitor keeps their history across visits, as on any support chat.
COOKIE_MAX_AGE = 365 * 24 * 3600


def _mac(secret: str, purpose: str, value: str) -> str:
    # The purpose is part of the MAC so a signature made for one use never passes for another.
    message = f"{purpose}\n{value}".encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def new_visitor_id() -> str:
    return "v-" + secrets.token_urlsafe(18)


def visitor_cookie(secret: str, visitor_id: str) -> str:
    return f"{visitor_id}.{_mac(secret, 'visitor', visitor_id)}"


def visitor_from_cookie(secret: str, cookie: str | None) -> str | None:
    """The visitor id the cookie carries, or None when it is missing or tampered with."""
    if not cookie:
        return None
    visitor_id, _, signature = cookie.rpartition(".")
    if not visitor_id or not hmac.compare_digest(signature, _mac(secret, "visitor", visitor_id)):
        return None
    return visitor_id


def customer_signature(secret: str, customer_id: str) -> str:
    """What the host site's server computes for a logged-in customer (HMAC-SHA256, hex)."""
    return _mac(secret, "customer", customer_id)


def verified_customer(secret: str, customer_id: str | None, signature: str | None) -> str:
    """The customer id when the site's signature checks; "" otherwise (never unverified)."""
    if not secret or not customer_id or not signature:
        return ""
    if not hmac.compare_digest(signature, customer_signature(secret, customer_id)):
        return ""
    return customer_id
