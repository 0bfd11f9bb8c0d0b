"""Typed domain errors; the transport maps each to one gRPC status in a single table.

Each subclasses the builtin it refines, so callers that only know Python still catch them.
"""

from __future__ import annotations


class AssignmentError(Exception):
    """Base of every assignment-engine error."""


class UnknownOperator(AssignmentError, LookupError):
    """No operator with that id is in the directory."""


class UnknownConversation(AssignmentError, LookupError):
    """The conversation was never handed to the engine, or is already resolved."""


class UnknownPolicy(AssignmentError, LookupError):
    """A work item names a routing policy that does not exist."""


class OfferNotFound(AssignmentError, LookupError):
    """The offer is not pending: it expired, was declined, revoked or never existed."""


class DuplicateConversation(AssignmentError, ValueError):
    """The conversation is already handed over and not yet resolved."""


class InvalidTransition(AssignmentError, ValueError):
    """The conversation is not in a state that allows this operation."""


class NotEligible(AssignmentError, ValueError):
    """The operator may not take this conversation (status, skill, team or language)."""


class CapacityExceeded(AssignmentError, ValueError):
    """Taking the conversation would put the operator over their capacity."""
