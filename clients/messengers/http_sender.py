"""The HTTP side of every outbound sender: one client with a base URL, retrying on 429 and
5xx with jittered backoff (honouring Retry-After), bounded by the retry policy."""

from __future__ import annotations

import asyncio
import logging
import random
import re
import time
from collections.abc import Callable, Mapping
from email.utils import parsedate_to_datetime
from types import TracebackType
from typing import Any

import httpx

from clients.backoff import RetryPolicy

log = logging.getLogger(__name__)


class SendError(Exception):
    """The platform did not take the message."""


class SendRejected(SendError):
    """The platform refused the message for good (4xx other than 429); do not retry."""

    def __init__(self, status: int, body: str) -> None:
        super().__init__(f"HTTP {status}: {body[:500]}")
        self.status = status
        self.body = body


class SendUnavailable(SendError):
    """The platform kept failing or throttling until the retry policy ran out."""


# Decides, after the status line, whether a response is worth retrying; platforms that
# report throttling inside a 200 (VK) add their own test.
RetryTest = Callable[[httpx.Response], bool]


def _retry_after(response: httpx.Response) -> float:
    """The platform's own word on when to come back: the Retry-After header, or Telegram's
    `parameters.retry_after` in the body."""
    value = response.headers.get("retry-after", "")
    if not value:
        try:
            body = response.json()
        except ValueError:
            return 0.0
        parameters = body.get("parameters") if isinstance(body, dict) else None
        hint = parameters.get("retry_after") if isinstance(parameters, dict) else None
        return float(hint) if isinstance(hint, int | float) and hint > 0 else 0.0
    try:
        return max(0.0, float(value))
    except ValueError:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return 0.0
        return max(0.0, when.timestamp() - time.time())


class PlatformHttp:
    def __init__(
        self,
        base_url: str,
        *,
        retry: RetryPolicy,
        timeout_seconds: float = 10.0,
        headers: Mapping[str, str] | None = None,
        rng: random.Random | None = None,
    ) -> None:
        self._http = httpx.AsyncClient(
            base_url=base_url.rstrip("/"),
            timeout=timeout_seconds,
            headers=dict(headers or {}),
        )
        self._retry = retry
        self._rng = rng or random.Random()

    async def __aenter__(self) -> PlatformHttp:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._http.aclose()

    async def post(
        self,
        path: str,
        *,
        json: Any = None,
        data: Mapping[str, str] | None = None,
        also_retry: RetryTest | None = None,
    ) -> httpx.Response:
        """POSTs until a success, a permanent refusal (SendRejected) or the end of the policy
        (SendUnavailable). Callers make the request idempotent where the platform allows."""
        loop = asyncio.get_running_loop()
        give_up_at = loop.time() + self._retry.total_seconds
        delays = self._retry.delays(self._rng)
        while True:
            hint = 0.0
            try:
                response = await self._http.post(path, json=json, data=data)
            except httpx.TransportError as error:
                problem = f"{type(error).__name__}: {error}"
            else:
                retryable = response.status_code == 429 or response.status_code >= 500
                if not retryable and also_retry is not None:
                    retryable = also_retry(response)
                if not retryable:
                    if response.is_success:
                        return response
                    raise SendRejected(response.status_code, response.text)
                problem = f"HTTP {response.status_code}"
                hint = _retry_after(response)
            delay = next(delays, None)
            if delay is None or loop.time() + max(delay, hint) >= give_up_at:
                raise SendUnavailable(f"POST {path}: {problem}; retries exhausted")
            delay = max(delay, hint)
            log.warning(
                "platform send failed, retrying",
                extra={"path": _redact(path), "problem": problem, "retry_in_s": round(delay, 3)},
            )
            await asyncio.sleep(delay)


def _redact(path: str) -> str:
    """Telegram puts the bot token in the path; logs must not carry it."""
    return re.sub(r"/bot[^/]+/", "/bot<token>/", path)
