"""Web sessions and the sign-in throttle, on a hand-moved clock."""

from __future__ import annotations

from clients.desk.sessions import SignInLimit, SignInThrottle, WebSessions


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_session_ends_after_idling_and_lives_on_while_used() -> None:
    clock = Clock()
    sessions = WebSessions(clock, idle_seconds=60)
    session = sessions.open("anna", "agent", "Анна", "opt_secret")
    clock.now += 50
    assert sessions.get(session.session_id) is session  # used: the idle clock restarts
    clock.now += 50
    assert sessions.get(session.session_id) is session
    clock.now += 61
    assert sessions.get(session.session_id) is None
    assert sessions.of_operator("anna") == []


def test_each_session_has_its_own_csrf_token() -> None:
    sessions = WebSessions(Clock())
    first = sessions.open("anna", "agent", "", "t")
    second = sessions.open("anna", "agent", "", "t")
    assert first.session_id != second.session_id and first.csrf != second.csrf
    assert first.csrf_matches(first.csrf) and not first.csrf_matches(second.csrf)
    assert not first.csrf_matches("")
    assert not first.supervises and sessions.open("sam", "admin", "", "t").supervises


def test_failures_are_limited_per_address_and_per_operator_over_a_window() -> None:
    clock = Clock()
    throttle = SignInThrottle(SignInLimit(failures=3, window_seconds=100), clock)
    for _ in range(3):
        assert throttle.retry_after("10.0.0.1", "anna") == 0
        throttle.failed("10.0.0.1", "anna")
        clock.now += 10
    assert throttle.retry_after("10.0.0.1", "anna") == 100 - 30
    # Another address guessing the same operator, and the same address guessing another.
    assert throttle.retry_after("10.0.0.2", "Anna") > 0
    assert throttle.retry_after("10.0.0.1", "boris") > 0
    assert throttle.retry_after("10.0.0.2", "boris") == 0
    clock.now += 71  # the first failure left the window
    assert throttle.retry_after("10.0.0.1", "anna") == 0
