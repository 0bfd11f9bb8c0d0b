"""Ranking operators: best level in the primary skill, then least loaded, then longest idle.

`OperatorIndex` keeps, per (skill, kind of work), the available operators with free capacity
sorted by that rank, so a decision walks from the best candidate and usually stops at the
first; the naive alternative scans every operator (see benchmarks/).
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Sequence

from router.domain.assignment.operators import MAX_LEVEL, OperatorState, OperatorStatus

# (-level, load ratio, last assigned at, operator id): smaller is better; the id makes ties
# deterministic.
RankKey = tuple[int, float, float, str]


_NOBODY: list[set[str]] = [set() for _ in range(MAX_LEVEL + 1)]


def rank_key(operator: OperatorState, skill: str, kind: str) -> RankKey:
    return (
        -operator.profile.level(skill),
        operator.load_ratio(kind),
        operator.record.last_assigned_at,
        operator.operator_id,
    )


class OperatorIndex:
    def __init__(self) -> None:
        self._ranked: dict[tuple[str, str], list[RankKey]] = {}
        self._entries: dict[str, dict[tuple[str, str], RankKey]] = {}
        # (skill, kind) → [level] → operators at that level or above, for multi-skill work
        self._holders: dict[tuple[str, str], list[set[str]]] = {}

    def candidates(self, skill: str, kind: str) -> list[RankKey]:
        """Ranked keys, best first. Callers must not change the index while iterating."""
        return self._ranked.get((skill, kind), [])

    def at_least(self, skill: str, kind: str, level: int) -> list[RankKey]:
        """Ranked keys of operators at `level` or above in `skill` (a copy, best first)."""
        ranked = self._ranked.get((skill, kind), [])
        # Keys start with -level, so everyone at `level` or above sorts before (1 - level,).
        return ranked[: bisect_left(ranked, (1 - level,))]

    def holding(self, skills: Sequence[str], kind: str, level: int) -> set[str]:
        """Ids of operators at `level` or above in every one of `skills` (a new set)."""
        groups = sorted(
            (self._holders.get((skill, kind), _NOBODY)[level] for skill in skills), key=len
        )
        return groups[0].intersection(*groups[1:])

    def remove(self, operator_id: str) -> None:
        self._replace(operator_id, {})

    def update(self, operator: OperatorState) -> None:
        """Re-ranks one operator after a change to status, load or profile."""
        entries: dict[tuple[str, str], RankKey] = {}
        profile = operator.profile
        if operator.record.status is OperatorStatus.AVAILABLE:
            for kind in profile.capacity:
                if operator.free(kind) <= 0:
                    continue
                ratio = operator.load_ratio(kind)
                for skill, level in profile.skills.items():
                    entries[(skill, kind)] = (
                        -level,
                        ratio,
                        operator.record.last_assigned_at,
                        profile.operator_id,
                    )
        self._replace(profile.operator_id, entries)

    def _replace(self, operator_id: str, entries: dict[tuple[str, str], RankKey]) -> None:
        old = self._entries.pop(operator_id, {})
        for slot, key in old.items():
            ranked = self._ranked[slot]
            del ranked[bisect_left(ranked, key)]
            new = entries.get(slot)
            if new is None or new[0] != key[0]:  # level sets change only with membership
                holders = self._holders[slot]
                for level in range(1, -key[0] + 1):
                    holders[level].discard(operator_id)
        for slot, key in entries.items():
            insort(self._ranked.setdefault(slot, []), key)
            previous = old.get(slot)
            if previous is None or previous[0] != key[0]:
                if slot not in self._holders:
                    self._holders[slot] = [set() for _ in range(MAX_LEVEL + 1)]
                for level in range(1, -key[0] + 1):
                    self._holders[slot][level].add(operator_id)
        if entries:
            self._entries[operator_id] = entries
