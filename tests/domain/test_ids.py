from __future__ import annotations

from router.domain.clock import ManualClock
from router.domain.ids import UlidFactory


def test_ids_sort_by_creation_time_and_carry_their_prefix() -> None:
    clock = ManualClock()
    ids = UlidFactory(clock)
    first = ids.new("msg")
    clock.advance(0.002)
    second = ids.new("msg")
    assert first.startswith("msg_") and len(first) == len("msg_") + 26
    assert first < second


def test_ids_minted_in_the_same_millisecond_differ() -> None:
    ids = UlidFactory(ManualClock())
    assert len({ids.new("cus") for _ in range(1000)}) == 1000
