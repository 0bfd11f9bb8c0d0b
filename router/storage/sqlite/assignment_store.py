"""The assignment engine's store on SQLite: each operation is one transaction.

A record and its event commit together (BEGIN IMMEDIATE … COMMIT), so the event log and the
state can never disagree, and a restarted engine rebuilds from the tables exactly what the
previous one held — including offers that were pending when it stopped.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import orjson

from router.domain.assignment.conversations import Conversation, ConversationState, Offer
from router.domain.assignment.events import AssignmentEvent, EventKind
from router.domain.assignment.operators import OperatorProfile, OperatorRecord, OperatorStatus
from router.domain.assignment.policies import RoutingPolicy, RoutingStep
from router.domain.assignment.ports import AssignmentSnapshot
from router.domain.assignment.workitems import WorkItem
from router.storage.sqlite.connection import Synchronous, connect
from router.storage.sqlite.migrations import migrate


class SqliteAssignmentStore:
    def __init__(self, conn: sqlite3.Connection) -> None:
        """`conn` must be in autocommit mode (isolation_level=None) and already migrated."""
        self._conn = conn

    @classmethod
    def open(cls, path: str | Path, *, synchronous: Synchronous = "FULL") -> SqliteAssignmentStore:
        conn = connect(path, synchronous=synchronous)
        migrate(conn)
        return cls(conn)

    def close(self) -> None:
        self._conn.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        # IMMEDIATE takes the write lock up front, so a transaction never fails half-way
        # with SQLITE_BUSY after it has read.
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield self._conn
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")

    # ------------------------------------------------------------- operations

    def save_operator(self, operator: OperatorRecord, event: AssignmentEvent) -> None:
        with self._transaction() as tx:
            _put_operator(tx, operator)
            _put_event(tx, event)

    def save_policy(self, policy: RoutingPolicy, event: AssignmentEvent) -> None:
        with self._transaction() as tx:
            tx.execute(
                "INSERT OR REPLACE INTO assignment_policies (name, body) VALUES (?, ?)",
                (policy.name, orjson.dumps(_policy_to_json(policy)).decode()),
            )
            _put_event(tx, event)

    def enqueue(self, conversation: Conversation, event: AssignmentEvent) -> None:
        self._conversation_with_event(conversation, event)

    def record_offer(self, conversation: Conversation, event: AssignmentEvent) -> None:
        self._conversation_with_event(conversation, event)

    def close_offer(self, conversation: Conversation, event: AssignmentEvent) -> None:
        self._conversation_with_event(conversation, event)

    def accept_offer(
        self, conversation: Conversation, operator: OperatorRecord, event: AssignmentEvent
    ) -> None:
        with self._transaction() as tx:
            _put_conversation(tx, conversation)
            _put_operator(tx, operator)
            _put_event(tx, event)

    def assign(
        self, conversation: Conversation, operator: OperatorRecord, event: AssignmentEvent
    ) -> None:
        self.accept_offer(conversation, operator, event)

    def requeue(
        self, conversations: Sequence[Conversation], events: Sequence[AssignmentEvent]
    ) -> None:
        with self._transaction() as tx:
            for conversation in conversations:
                _put_conversation(tx, conversation)
            for event in events:
                _put_event(tx, event)

    def resolve(self, conversation: Conversation, event: AssignmentEvent) -> None:
        self._conversation_with_event(conversation, event)

    def record_event(self, event: AssignmentEvent) -> None:
        with self._transaction() as tx:
            _put_event(tx, event)

    def _conversation_with_event(self, conversation: Conversation, event: AssignmentEvent) -> None:
        with self._transaction() as tx:
            _put_conversation(tx, conversation)
            _put_event(tx, event)

    # ------------------------------------------------------------- reading

    def load_state(self) -> AssignmentSnapshot:
        conn = self._conn
        operators = [
            OperatorRecord(
                profile=_profile_from_json(orjson.loads(profile)),
                status=OperatorStatus(status),
                offline_since=offline_since,
                last_assigned_at=last_assigned_at,
            )
            for profile, status, offline_since, last_assigned_at in conn.execute(
                "SELECT profile, status, offline_since, last_assigned_at FROM assignment_operators"
            )
        ]
        policies = [
            _policy_from_json(orjson.loads(body))
            for (body,) in conn.execute("SELECT body FROM assignment_policies")
        ]
        conversations = [
            _conversation_from_row(row)
            for row in conn.execute(
                f"SELECT {_CONVERSATION_COLUMNS} FROM assignment_conversations WHERE state != ?",
                (ConversationState.RESOLVED.value,),
            )
        ]
        # The operator who resolved each customer's latest conversation.
        last_by_customer = {
            customer: operator
            for customer, operator in conn.execute(
                "SELECT customer_id, operator_id FROM assignment_conversations"
                " WHERE state = ? AND operator_id IS NOT NULL ORDER BY resolved_at",
                (ConversationState.RESOLVED.value,),
            )
        }
        (last_event_id,) = conn.execute(
            "SELECT coalesce(max(event_id), 0) FROM assignment_events"
        ).fetchone()
        return AssignmentSnapshot(
            operators=operators,
            policies=policies,
            conversations=conversations,
            last_operator_by_customer=last_by_customer,
            last_event_id=int(last_event_id),
        )

    def events_after(self, event_id: int, limit: int = 1000) -> Sequence[AssignmentEvent]:
        return [
            AssignmentEvent(
                event_id=row[0],
                kind=EventKind(row[1]),
                at=row[2],
                conversation_id=row[3],
                operator_id=row[4],
                data=orjson.loads(row[5]),
            )
            for row in self._conn.execute(
                "SELECT event_id, kind, at, conversation_id, operator_id, data"
                " FROM assignment_events WHERE event_id > ? ORDER BY event_id LIMIT ?",
                (event_id, limit),
            )
        ]


# ----------------------------------------------------------------- rows ⇄ records

_CONVERSATION_COLUMNS = (
    "conversation_id, customer_id, state, item, queued_at, queue_order, routed_since,"
    " operator_id, offer_id, offered_at, offer_expires_at, declined_by, assigned_at, resolved_at"
)


def _put_event(tx: sqlite3.Connection, event: AssignmentEvent) -> None:
    tx.execute(
        "INSERT INTO assignment_events (event_id, kind, at, conversation_id, operator_id, data)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (
            event.event_id,
            event.kind.value,
            event.at,
            event.conversation_id,
            event.operator_id,
            orjson.dumps(dict(event.data)).decode(),
        ),
    )


def _put_operator(tx: sqlite3.Connection, operator: OperatorRecord) -> None:
    profile = operator.profile
    tx.execute(
        "INSERT OR REPLACE INTO assignment_operators"
        " (operator_id, profile, status, offline_since, last_assigned_at) VALUES (?, ?, ?, ?, ?)",
        (
            profile.operator_id,
            orjson.dumps(
                {
                    "operator_id": profile.operator_id,
                    "skills": dict(profile.skills),
                    "capacity": dict(profile.capacity),
                    "languages": sorted(profile.languages),
                    "teams": sorted(profile.teams),
                }
            ).decode(),
            operator.status.value,
            operator.offline_since,
            operator.last_assigned_at,
        ),
    )


def _profile_from_json(raw: Mapping[str, Any]) -> OperatorProfile:
    return OperatorProfile(
        operator_id=raw["operator_id"],
        skills=dict(raw["skills"]),
        capacity=dict(raw["capacity"]),
        languages=frozenset(raw["languages"]),
        teams=frozenset(raw["teams"]),
    )


def _put_conversation(tx: sqlite3.Connection, conversation: Conversation) -> None:
    item, offer = conversation.item, conversation.offer
    tx.execute(
        f"INSERT OR REPLACE INTO assignment_conversations ({_CONVERSATION_COLUMNS})"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            item.conversation_id,
            item.customer_id,
            conversation.state.value,
            orjson.dumps(
                {
                    "conversation_id": item.conversation_id,
                    "customer_id": item.customer_id,
                    "required_skills": list(item.required_skills),
                    "language": item.language,
                    "channel": item.channel,
                    "kind": item.kind,
                    "weight": item.weight,
                    "priority": item.priority,
                    "policy": item.policy,
                    "preferred_operator": item.preferred_operator,
                    "team": item.team,
                }
            ).decode(),
            conversation.queued_at,
            conversation.queue_order,
            conversation.routed_since,
            conversation.operator_id,
            offer.offer_id if offer else None,
            offer.offered_at if offer else None,
            offer.expires_at if offer else None,
            orjson.dumps(sorted(conversation.declined_by)).decode(),
            conversation.assigned_at,
            conversation.resolved_at,
        ),
    )


def _conversation_from_row(row: tuple[Any, ...]) -> Conversation:
    (
        conversation_id,
        _customer_id,
        state,
        item_json,
        queued_at,
        queue_order,
        routed_since,
        operator_id,
        offer_id,
        offered_at,
        offer_expires_at,
        declined_by,
        assigned_at,
        resolved_at,
    ) = row
    raw = orjson.loads(item_json)
    item = WorkItem(**{**raw, "required_skills": tuple(raw["required_skills"])})
    offer = (
        Offer(offer_id, conversation_id, operator_id, offered_at, offer_expires_at)
        if offer_id is not None
        else None
    )
    return Conversation(
        item=item,
        state=ConversationState(state),
        queued_at=queued_at,
        queue_order=queue_order,
        routed_since=routed_since,
        operator_id=operator_id,
        offer=offer,
        declined_by=frozenset(orjson.loads(declined_by)),
        assigned_at=assigned_at,
        resolved_at=resolved_at,
    )


def _policy_to_json(policy: RoutingPolicy) -> dict[str, Any]:
    return {
        "name": policy.name,
        "max_queued": policy.max_queued,
        "steps": [
            {
                "name": step.name,
                "timeout_s": step.timeout_s,
                "min_level": step.min_level,
                "teams": sorted(step.teams) if step.teams is not None else None,
                "match_language": step.match_language,
                "preferred_only": step.preferred_only,
            }
            for step in policy.steps
        ],
    }


def _policy_from_json(raw: Mapping[str, Any]) -> RoutingPolicy:
    return RoutingPolicy(
        name=raw["name"],
        max_queued=raw["max_queued"],
        steps=tuple(
            RoutingStep(
                name=step["name"],
                timeout_s=step["timeout_s"],
                min_level=step["min_level"],
                teams=frozenset(step["teams"]) if step["teams"] is not None else None,
                match_language=step["match_language"],
                preferred_only=step["preferred_only"],
            )
            for step in raw["steps"]
        ),
    )
