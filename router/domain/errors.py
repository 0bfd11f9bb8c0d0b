"""Domain errors. The transport maps each class to one gRPC status in one table."""

from __future__ import annotations


class DomainError(Exception):
    """Base of every error the domain raises on purpose."""


class InvalidArgumentError(DomainError, ValueError):
    """The request is malformed; `field` names the offending field by its API path."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason


class NotFoundError(DomainError, LookupError):
    """The named thing does not exist."""


class StorageUnavailableError(DomainError):
    """The store cannot take writes right now (shutting down, disk full, I/O error)."""


class UnauthenticatedError(DomainError):
    """No credentials, or credentials this router does not accept."""


class PermissionDeniedError(DomainError):
    """Valid credentials that do not cover what was asked."""


class FailedPreconditionError(DomainError):
    """The request is valid but the system is not in a state that allows it; `reason` is a
    stable UPPER_SNAKE code a client can branch on (e.g. OFFER_EXPIRED)."""

    def __init__(self, message: str, reason: str = "") -> None:
        super().__init__(message)
        self.reason = reason


class ResourceExhaustedError(DomainError):
    """A limit would be exceeded (an operator's capacity, a queue's size)."""


class AbortedError(DomainError):
    """The call was cut short by a concurrent one (a newer session of the same operator)."""
