"""Waiting conversations: priority first, then first come first served.

Two sorted views of the same entries: per policy (for positions and the size cap) and per
bucket — the primary skill and the level its current routing step demands — so that an
operator who frees up looks only at work their levels can reach, instead of walking past
thousands of conversations waiting for someone more senior. Conversations in a sticky step
sit in no bucket: only their preferred operator may take them, and finds them directly.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Iterator

from router.domain.assignment.conversations import Conversation

QueueKey = tuple[int, int, str]  # (-priority, queue order, conversation id)
STICKY = 0  # bucket level of a conversation that waits for its preferred operator only


class WaitingQueue:
    def __init__(self) -> None:
        self._by_policy: dict[str, list[QueueKey]] = {}
        # (primary skill, kind of work) → required level → keys in service order
        self._buckets: dict[tuple[str, str], dict[int, list[QueueKey]]] = {}
        self._entries: dict[str, tuple[QueueKey, str, tuple[str, str], int]] = {}

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, conversation_id: object) -> bool:
        return conversation_id in self._entries

    def add(self, conversation: Conversation, level: int) -> None:
        key = conversation.queue_key()
        item = conversation.item
        policy, skill = item.policy, (item.primary_skill, item.kind)
        self._entries[conversation.conversation_id] = (key, policy, skill, level)
        insort(self._by_policy.setdefault(policy, []), key)
        if level != STICKY:
            insort(self._buckets.setdefault(skill, {}).setdefault(level, []), key)

    def remove(self, conversation_id: str) -> None:
        key, policy, skill, level = self._entries.pop(conversation_id)
        ranked = self._by_policy[policy]
        del ranked[bisect_left(ranked, key)]
        if level != STICKY:
            bucket = self._buckets[skill][level]
            del bucket[bisect_left(bucket, key)]

    def level(self, conversation_id: str) -> int:
        return self._entries[conversation_id][3]

    def move(self, conversation: Conversation, level: int) -> None:
        """Re-buckets a conversation whose routing step changed."""
        if self._entries[conversation.conversation_id][3] != level:
            self.remove(conversation.conversation_id)
            self.add(conversation, level)

    def size(self, policy: str) -> int:
        return len(self._by_policy.get(policy, ()))

    def position(self, conversation_id: str) -> int:
        """How many conversations of the same queue are ahead (0 = next)."""
        key, policy, _, _ = self._entries[conversation_id]
        return bisect_left(self._by_policy[policy], key)

    def reachable(self, skill: str, kind: str, level: int) -> Iterator[list[QueueKey]]:
        """The buckets of `skill` and `kind` whose required level is at most `level`, each
        in service order. Callers must not change the queue while iterating one."""
        for required, bucket in self._buckets.get((skill, kind), {}).items():
            if required <= level and bucket:
                yield bucket

    def ordered(self) -> list[QueueKey]:
        """Every waiting conversation in service order, across queues."""
        return sorted(key for key, _, _, _ in self._entries.values())
