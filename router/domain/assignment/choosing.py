"""Choosing, from both sides: the operator for a conversation, the conversation for an
operator. Pure functions over the engine's indexes; the engine decides what to do with the
answer (offer it) and keeps the indexes current."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from router.domain.assignment.conversations import Conversation
from router.domain.assignment.eligibility import can_take
from router.domain.assignment.operators import OperatorState, OperatorStatus
from router.domain.assignment.policies import ActiveStep, RoutingStep
from router.domain.assignment.queue import QueueKey, WaitingQueue
from router.domain.assignment.ranking import OperatorIndex, rank_key
from router.domain.assignment.workitems import WorkItem


def choose_operator(
    index: OperatorIndex,
    operators: Mapping[str, OperatorState],
    item: WorkItem,
    step: RoutingStep,
    declined: frozenset[str],
) -> OperatorState | None:
    """The best-ranked operator who may take `item` at `step` now, or None."""
    if step.preferred_only:
        preferred = operators.get(item.preferred_operator or "")
        if preferred is not None and can_take(preferred, item, step, declined):
            return preferred
        return None
    if len(item.required_skills) > 1:
        # Few operators hold every required skill at the level: rank just those, rather
        # than walk the primary skill's list looking for them.
        able = [
            operators[operator_id]
            for operator_id in index.holding(item.required_skills, item.kind, step.min_level)
            if can_take(operators[operator_id], item, step, declined)
        ]
        if not able:
            return None
        return min(able, key=lambda o: rank_key(o, item.primary_skill, item.kind))
    for key in index.at_least(item.primary_skill, item.kind, step.min_level):
        candidate = operators[key[3]]
        if can_take(candidate, item, step, declined):
            return candidate  # the list is ranked: the first who may take it is the best
    return None


def first_waiting_for(
    operator: OperatorState,
    queue: WaitingQueue,
    waiting: Mapping[str, Conversation],
    preferring: Iterable[str],
    step_for: Callable[[Conversation], ActiveStep],
) -> tuple[Conversation, int] | None:
    """The conversation earliest in service order that `operator` may take now, and the
    index of the step that allows it. `preferring` are the waiting conversations whose
    preferred operator this is (a sticky step puts them in no queue bucket)."""
    kinds = [kind for kind in operator.profile.capacity if operator.free(kind) > 0]
    if operator.status is not OperatorStatus.AVAILABLE or not kinds:
        return None
    best: tuple[QueueKey, Conversation, int] | None = None
    for cid in preferring:
        conversation = waiting[cid]
        key = conversation.queue_key()
        if best is None or key < best[0]:
            active = step_for(conversation)
            if can_take(operator, conversation.item, active.step, conversation.declined_by):
                best = (key, conversation, active.index)
    for skill, level in operator.profile.skills.items():
        for kind in kinds:
            for bucket in queue.reachable(skill, kind, level):
                for key in bucket:
                    if best is not None and key >= best[0]:
                        break  # everything further back in this bucket comes later still
                    conversation = waiting[key[2]]
                    active = step_for(conversation)
                    item, declined = conversation.item, conversation.declined_by
                    if can_take(operator, item, active.step, declined):
                        best = (key, conversation, active.index)
                        break
    return None if best is None else (best[1], best[2])
