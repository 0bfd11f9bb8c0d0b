"""The numbered event buffer the web chat and the desk stream from."""

from __future__ import annotations

import asyncio

from clients.event_buffer import EventBuffer, event_number


def test_ids_of_another_epoch_mean_send_everything() -> None:
    assert event_number("ab12.7", "ab12") == 7
    assert event_number("ff00.7", "ab12") == 0
    assert event_number("ab12.x", "ab12") == 0
    assert event_number("", "ab12") == 0


def test_the_oldest_events_fall_out_and_numbers_keep_counting() -> None:
    buffer: EventBuffer[str] = EventBuffer(2)
    assert buffer.last_number == 0
    for item in "abc":
        buffer.append(item)
    assert list(buffer) == ["b", "c"] and buffer.last_number == 3
    assert buffer.after(0) == [(2, "b"), (3, "c")]
    assert buffer.after(3) == []


async def test_wait_returns_on_a_new_event_on_a_stop_or_after_the_timeout() -> None:
    buffer: EventBuffer[str] = EventBuffer(10)
    stop = asyncio.Event()
    buffer.append("a")
    await asyncio.wait_for(buffer.wait(0, 30, stop), 5)  # one is there already
    waiting = asyncio.ensure_future(buffer.wait(1, 30, stop))
    await asyncio.sleep(0.01)
    buffer.append("b")
    await asyncio.wait_for(waiting, 5)
    waiting = asyncio.ensure_future(buffer.wait(2, 30, stop))
    await asyncio.sleep(0.01)
    stop.set()
    await asyncio.wait_for(waiting, 5)
    await asyncio.wait_for(buffer.wait(2, 0.01), 5)
