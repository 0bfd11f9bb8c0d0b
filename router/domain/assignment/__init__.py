"""Skill-based assignment: queue → offer → accept, durable through an `AssignmentStore`.

The public surface is re-exported here so callers (transport, tests, benchmarks) import one
place: `from router.domain.assignment import AssignmentEngine, WorkItem, ...`.
"""

from router.domain.assignment.conversations import Conversation, ConversationState
from router.domain.assignment.dispatcher import EngineSettings
from router.domain.assignment.engine import AssignmentEngine, EngineState
from router.domain.assignment.errors import (
    AssignmentError,
    CapacityExceeded,
    DuplicateConversation,
    InvalidTransition,
    NotEligible,
    OfferNotFound,
    UnknownConversation,
    UnknownOperator,
    UnknownPolicy,
)
from router.domain.assignment.events import AssignmentEvent, EventKind
from router.domain.assignment.memory_store import MemoryAssignmentStore
from router.domain.assignment.operators import OperatorProfile, OperatorRecord, OperatorStatus
from router.domain.assignment.policies import RoutingPolicy, RoutingStep, default_policy
from router.domain.assignment.ports import AssignmentSnapshot, AssignmentStore
from router.domain.assignment.results import Enqueued, QueueFull, WaitEstimate
from router.domain.assignment.workitems import WorkItem, contact_priority

__all__ = [
    "AssignmentEngine",
    "AssignmentError",
    "AssignmentEvent",
    "AssignmentSnapshot",
    "AssignmentStore",
    "CapacityExceeded",
    "Conversation",
    "ConversationState",
    "DuplicateConversation",
    "EngineSettings",
    "EngineState",
    "Enqueued",
    "EventKind",
    "InvalidTransition",
    "MemoryAssignmentStore",
    "NotEligible",
    "OfferNotFound",
    "OperatorProfile",
    "OperatorRecord",
    "OperatorStatus",
    "QueueFull",
    "RoutingPolicy",
    "RoutingStep",
    "UnknownConversation",
    "UnknownOperator",
    "UnknownPolicy",
    "WaitEstimate",
    "WorkItem",
    "contact_priority",
    "default_policy",
]
