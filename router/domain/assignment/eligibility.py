"""Who may take what: the filters of a routing step, then status and free capacity."""

from __future__ import annotations

from collections.abc import Set

from router.domain.assignment.operators import OperatorProfile, OperatorState, OperatorStatus
from router.domain.assignment.policies import RoutingStep
from router.domain.assignment.workitems import WorkItem


def qualifies(operator: OperatorProfile, item: WorkItem, step: RoutingStep) -> bool:
    """Skill levels, teams and language, as the step demands; status and load aside."""
    if step.preferred_only and operator.operator_id != item.preferred_operator:
        return False
    for skill in item.required_skills:
        if operator.skills.get(skill, 0) < step.min_level:
            return False
    if item.team is not None and item.team not in operator.teams:
        return False
    if step.teams is not None and not (step.teams & operator.teams):
        return False
    return not (step.match_language and item.language and item.language not in operator.languages)


def can_take(
    operator: OperatorState, item: WorkItem, step: RoutingStep, declined_by: Set[str]
) -> bool:
    """Whether an offer for `item` at `step` may go to `operator` right now."""
    return (
        operator.record.status is OperatorStatus.AVAILABLE
        and operator.free(item.kind) >= item.weight
        and operator.record.profile.operator_id not in declined_by
        and qualifies(operator.record.profile, item, step)
    )
