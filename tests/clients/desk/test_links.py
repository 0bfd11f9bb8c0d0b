"""An operator's live link: desk events fanned out to tabs, resumed from the cursor when the
router drops, closed when the token is refused — against a scripted desk client."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import grpc

from clients.desk.links import OperatorLink, desk_event_json
from clients.errors import RouterUnavailable, Unauthenticated
from clients.event_buffer import event_number
from router.v1 import common_pb2
from router.v1 import operator_desk_pb2 as D


def started(resumed: bool, cursor: str) -> D.DeskEvent:
    event = D.DeskEvent(event_id=cursor, cursor=cursor)
    event.session_started.session_id = "s1"
    event.session_started.resumed = resumed
    event.session_started.heartbeat_interval.FromSeconds(10)
    return event


def offer(offer_id: str, cursor: str) -> D.DeskEvent:
    event = D.DeskEvent(event_id=cursor, cursor=cursor)
    event.offer.offer_id = offer_id
    event.offer.conversation.conversation_id = f"c-{offer_id}"
    event.offer.expires_at.FromSeconds(2_000_000_000)
    return event


def closed(offer_id: str, cursor: str) -> D.DeskEvent:
    event = D.DeskEvent(event_id=cursor, cursor=cursor)
    event.offer_closed.offer_id = offer_id
    event.offer_closed.reason = D.OFFER_CLOSE_REASON_EXPIRED
    return event


class ScriptedDesk:
    """Each call of `events` plays the next script; an exception in it ends that stream."""

    def __init__(self, *scripts: list[Any]) -> None:
        self.scripts = list(scripts)
        self.cursors: list[tuple[str, bool]] = []
        self.done = asyncio.Event()

    async def events(self, cursor: str, *, initial_available: bool = False) -> AsyncIterator[Any]:
        self.cursors.append((cursor, initial_available))
        if not self.scripts:
            self.done.set()
            await asyncio.Event().wait()  # stays open, like a quiet session
        for item in self.scripts.pop(0):
            if isinstance(item, Exception):
                raise item
            yield item

    async def heartbeat(self, session_id: str) -> None:
        return None


async def settle(link: OperatorLink, desk: ScriptedDesk) -> None:
    await asyncio.wait_for(asyncio.shield(desk.done.wait()), 10)
    await asyncio.sleep(0)


async def test_the_link_resumes_from_its_cursor_and_tells_the_tabs() -> None:
    desk = ScriptedDesk(
        [
            started(False, "1.0.0"),
            offer("o1", "2.0.0"),
            offer("o2", "3.0.0"),
            RouterUnavailable("gone", grpc.StatusCode.UNAVAILABLE),
        ],
        [started(True, "3.0.0"), closed("o1", "4.0.0")],
    )
    link = OperatorLink("anna", desk)  # type: ignore[arg-type]
    link.start()
    await settle(link, desk)
    # The first session makes the operator available; the reconnects keep their status.
    assert desk.cursors == [("", True), ("3.0.0", False), ("4.0.0", False)]
    assert [o["offer_id"] for o in link.open_offers()] == ["o2"]
    seen = [(e.name, e.data.get("type") or e.data["state"]) for _, e in link.after(0)]
    assert seen == [
        ("link", "connected"),
        ("desk", "session_started"),
        ("desk", "offer"),
        ("desk", "offer"),
        ("link", "reconnecting"),
        ("link", "connected"),
        ("desk", "session_started"),
        ("desk", "offer_closed"),
        ("link", "reconnecting"),  # that stream ended too; the third stays open
    ]
    # A tab resumes after the last event it saw; an id from another link gets everything.
    third, _ = link.after(0)[2]
    resumed = event_number(link.event_id(third), link.epoch)
    assert [n for n, _ in link.after(resumed)] == list(range(4, 10))
    assert len(link.after(event_number("elsewhere.3", link.epoch))) == 9
    assert link.after(link.last_number) == []
    await link.close()


async def test_a_refused_token_closes_the_link() -> None:
    desk = ScriptedDesk([Unauthenticated("revoked", grpc.StatusCode.UNAUTHENTICATED)])
    forgotten: list[OperatorLink] = []
    link = OperatorLink("anna", desk, on_closed=forgotten.append)  # type: ignore[arg-type]
    link.start()
    await asyncio.wait_for(link.wait(0, 10), 10)
    await asyncio.sleep(0)
    assert link.closed and forgotten == [link]
    assert [e.data for _, e in link.after(0)] == [{"state": "signed_out"}]


async def test_a_link_nobody_watches_closes_after_its_idle_time() -> None:
    desk = ScriptedDesk([started(False, "1.0.0")], [started(True, "1.0.0")])
    link = OperatorLink("anna", desk, idle_seconds=0.05)  # type: ignore[arg-type]
    link.start()
    link.watch()
    link.unwatch()
    for _ in range(200):
        if link.closed:
            break
        await asyncio.sleep(0.05)
    assert link.closed


def test_unknown_event_kinds_are_left_out() -> None:
    assert desk_event_json(D.DeskEvent(event_id="1")) is None
    changed = D.DeskEvent()
    changed.status_changed.status = common_pb2.OPERATOR_STATUS_AWAY
    changed.status_changed.changed_by = "sam"
    assert desk_event_json(changed) == {
        "type": "status_changed",
        "status": "away",
        "changed_by": "sam",
    }
