"""Who may see and touch which conversation.

Agents see what is offered or assigned to them (and what they resolved); supervisors and
admins see everything. Acting on a conversation (reply, transfer, resolve) needs holding
it, which for a supervisor only transfer and resolve waive.
"""

from __future__ import annotations

from router.domain.assignment import ConversationState
from router.domain.desk.views import DeskConversation
from router.domain.directory import Caller, Role
from router.domain.errors import FailedPreconditionError, PermissionDeniedError


def can_see(caller: Caller, conversation: DeskConversation) -> bool:
    if caller.role.covers(Role.SUPERVISOR):
        return True
    return conversation.operator_id == caller.operator_id


def require_visible(caller: Caller, conversation: DeskConversation) -> None:
    if not can_see(caller, conversation):
        raise PermissionDeniedError(
            f"conversation {conversation.conversation_id} is not offered or assigned to"
            f" {caller.operator_id}"
        )


def holds(caller: Caller, conversation: DeskConversation) -> bool:
    live = conversation.live
    return (
        live is not None
        and live.state is ConversationState.ASSIGNED
        and live.operator_id == caller.operator_id
    )


def require_holder(
    caller: Caller, conversation: DeskConversation, *, supervisor_may: bool = False
) -> None:
    """Visible first (PERMISSION_DENIED), then held (FAILED_PRECONDITION)."""
    require_visible(caller, conversation)
    if holds(caller, conversation):
        return
    live = conversation.live
    if (
        supervisor_may
        and caller.role.covers(Role.SUPERVISOR)
        and live is not None
        and live.state is ConversationState.ASSIGNED
    ):
        return
    raise FailedPreconditionError(
        f"{caller.operator_id} does not hold conversation {conversation.conversation_id}"
        f" (it is {conversation.state.value})",
        "CONVERSATION_NOT_HELD",
    )
