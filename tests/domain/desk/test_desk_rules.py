"""The desk's pure rules: who sees a conversation, who holds it, roles, cursors, tokens."""

from __future__ import annotations

from dataclasses import replace

import pytest

from router.domain.assignment import (
    Conversation,
    ConversationState,
    WorkItem,
)
from router.domain.desk import Cursor, DeskConversation, DeskState
from router.domain.desk.access import can_see, require_holder
from router.domain.desk.views import ConversationRecord, ResolutionLabel
from router.domain.directory import Caller, Role
from router.domain.directory.tokens import matches, new_token, split_token
from router.domain.errors import (
    FailedPreconditionError,
    InvalidArgumentError,
    PermissionDeniedError,
)

RECORD = ConversationRecord(
    "c1", "cust", "web", "open", "operator", "out_of_scope", "", None, 1.0, 2.0, None, 1, "hi"
)
ANNA = Caller("anna", Role.AGENT)
BORIS = Caller("boris", Role.AGENT)
SAM = Caller("sam", Role.SUPERVISOR)


def held(state: ConversationState, operator_id: str | None) -> DeskConversation:
    live = Conversation(
        item=WorkItem("c1", "cust", ("general",)),
        state=state,
        queued_at=1.0,
        queue_order=1,
        routed_since=1.0,
        operator_id=operator_id,
    )
    return DeskConversation(RECORD, DeskState(state.value), live)


def test_an_agent_sees_only_what_is_offered_or_assigned_to_them() -> None:
    for state in (ConversationState.OFFERED, ConversationState.ASSIGNED):
        conversation = held(state, "anna")
        assert can_see(ANNA, conversation)
        assert not can_see(BORIS, conversation)
        assert can_see(SAM, conversation)
    queued = held(ConversationState.QUEUED, None)
    assert not can_see(ANNA, queued) and can_see(SAM, queued)


def test_a_resolved_conversation_stays_visible_to_who_resolved_it() -> None:
    label = ResolutionLabel("c1", "anna", "refund", "billing", 0.4, "", False, 3.0)
    resolved = DeskConversation(RECORD, DeskState.RESOLVED, None, label)
    assert can_see(ANNA, resolved) and not can_see(BORIS, resolved)
    assert label.corrects_bot
    assert not ResolutionLabel("c1", "anna", "refund", "", None, "", False, 3.0).corrects_bot


def test_acting_needs_holding_except_for_supervisors_where_allowed() -> None:
    offered = held(ConversationState.OFFERED, "anna")
    with pytest.raises(FailedPreconditionError):
        require_holder(ANNA, offered)
    with pytest.raises(PermissionDeniedError):
        require_holder(BORIS, offered)
    assigned = held(ConversationState.ASSIGNED, "anna")
    require_holder(ANNA, assigned)
    with pytest.raises(FailedPreconditionError):
        require_holder(SAM, assigned)
    require_holder(SAM, assigned, supervisor_may=True)


def test_roles_cover_the_ones_below() -> None:
    assert Role.ADMIN.covers(Role.SUPERVISOR) and Role.SUPERVISOR.covers(Role.AGENT)
    assert not Role.AGENT.covers(Role.SUPERVISOR)
    with pytest.raises(PermissionDeniedError):
        ANNA.require(Role.SUPERVISOR)


def test_cursors_round_trip_and_refuse_what_the_router_did_not_issue() -> None:
    assert Cursor.parse(str(Cursor(12, 1, 40))) == Cursor(12, 1, 40)
    for bad in ["", "1.2", "a.b.c", "1.2.3.4", "-1.0.0"]:
        with pytest.raises(InvalidArgumentError):
            Cursor.parse(bad)


def test_a_token_matches_only_its_own_secret_until_revoked() -> None:
    issued = new_token("anna", 1.0)
    parts = split_token(issued.token)
    assert parts is not None and parts[0] == issued.record.token_id
    assert matches(issued.record, parts[1])
    assert not matches(issued.record, parts[1] + "x")
    revoked = replace(issued.record, revoked_at=2.0)
    assert not matches(revoked, parts[1])
    assert split_token("ork_abc_def") is None and split_token("opt__x") is None
