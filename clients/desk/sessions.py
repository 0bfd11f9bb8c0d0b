"""Signed-in operators of the web app, and the limit on sign-in attempts.

A session is a random id in an HttpOnly, SameSite=Strict cookie; the operator's router token
stays on the server, so a page script (or an injected one) can never read it. Each session
has its own CSRF token, which the page sends back in a header on every state-changing
request. Sessions live in this process's memory: a restart signs everyone out, which is the
safe direction.
"""

from __future__ import annotations

import hmac
import secrets
import time
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass, field

Clock = Callable[[], float]

# An idle session ends after this long; every request renews it.
IDLE_SECONDS = 12 * 3600.0
MAX_SESSIONS = 10_000
MAX_THROTTLED_KEYS = 100_000


@dataclass
class WebSession:
    session_id: str
    operator_id: str
    role: str  # "agent", "supervisor" or "admin"
    display_name: str
    token: str  # the operator's router token; never sent to the browser
    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    last_seen: float = 0.0

    @property
    def supervises(self) -> bool:
        return self.role in ("supervisor", "admin")

    def csrf_matches(self, presented: str) -> bool:
        return hmac.compare_digest(self.csrf.encode(), presented.encode())


class WebSessions:
    def __init__(self, clock: Clock = time.monotonic, idle_seconds: float = IDLE_SECONDS) -> None:
        self._clock = clock
        self._idle = idle_seconds
        self._sessions: OrderedDict[str, WebSession] = OrderedDict()

    def open(self, operator_id: str, role: str, display_name: str, token: str) -> WebSession:
        session = WebSession(secrets.token_urlsafe(32), operator_id, role, display_name, token)
        session.last_seen = self._clock()
        self._sessions[session.session_id] = session
        while len(self._sessions) > MAX_SESSIONS:
            self._sessions.popitem(last=False)
        return session

    def get(self, session_id: str) -> WebSession | None:
        session = self._sessions.get(session_id)
        if session is None:
            return None
        now = self._clock()
        if now - session.last_seen > self._idle:
            del self._sessions[session_id]
            return None
        session.last_seen = now
        self._sessions.move_to_end(session_id)
        return session

    def close(self, session_id: str) -> WebSession | None:
        return self._sessions.pop(session_id, None)

    def of_operator(self, operator_id: str) -> list[WebSession]:
        return [s for s in self._sessions.values() if s.operator_id == operator_id]


@dataclass(frozen=True, slots=True)
class SignInLimit:
    # Failed attempts allowed per client address and per operator id within the window.
    failures: int = 5
    window_seconds: float = 300.0


class SignInThrottle:
    """Counts failed sign-ins per client address and per operator id over a sliding window.

    Both keys: per address stops one client guessing many operators' keys, per operator stops
    many clients guessing one operator's key. A success does not reset the count, so a
    guesser cannot interleave a known key to keep going."""

    def __init__(self, limit: SignInLimit | None = None, clock: Clock = time.monotonic) -> None:
        self._limit = limit or SignInLimit()
        self._clock = clock
        self._failures: dict[str, deque[float]] = {}

    def retry_after(self, address: str, operator_id: str) -> float:
        """Seconds until another attempt is allowed; 0 when it is allowed now."""
        now = self._clock()
        wait = 0.0
        for key in (f"addr:{address}", f"op:{operator_id.lower()}"):
            times = self._recent(key, now)
            if len(times) >= self._limit.failures:
                wait = max(wait, times[0] + self._limit.window_seconds - now)
        return wait

    def failed(self, address: str, operator_id: str) -> None:
        now = self._clock()
        for key in (f"addr:{address}", f"op:{operator_id.lower()}"):
            self._recent(key, now).append(now)

    def _recent(self, key: str, now: float) -> deque[float]:
        times = self._failures.setdefault(key, deque())
        while times and times[0] <= now - self._limit.window_seconds:
            times.popleft()
        if len(self._failures) > MAX_THROTTLED_KEYS:
            # Forget the keys whose failures all left the window, so a stream of guesses
            # from ever new addresses cannot grow this without bound.
            cutoff = now - self._limit.window_seconds
            for stale in [k for k, v in self._failures.items() if not v or v[-1] <= cutoff]:
                if stale != key:
                    del self._failures[stale]
        return times
