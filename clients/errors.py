"""gRPC status → typed client error, in one table.

Adapters decide what to tell their platform from the error's type alone: `RouterUnavailable`
means "try again later" (a webhook answers 503), `InvalidMessage` means "this message can
never be stored" (no retry will help), the rest are configuration faults.
"""

from __future__ import annotations

import grpc
from google.rpc import error_details_pb2
from grpc import aio
from grpc_status import rpc_status


class RouterError(Exception):
    """Any failure of a call to the router. `code` is the gRPC status behind it."""

    def __init__(self, message: str, code: grpc.StatusCode = grpc.StatusCode.UNKNOWN) -> None:
        super().__init__(message)
        self.code = code


class RouterUnavailable(RouterError, ConnectionError):
    """The router could not be reached or did not answer in time; retrying later may work."""


class InvalidMessage(RouterError, ValueError):
    """The router refused the request's content; `field` names the offending field."""

    def __init__(self, message: str, code: grpc.StatusCode, field: str, reason: str) -> None:
        super().__init__(message, code)
        self.field = field
        self.reason = reason


class Unauthenticated(RouterError, PermissionError):
    """The API key is missing or unknown."""


class PermissionDenied(RouterError, PermissionError):
    """The API key is valid but not for this channel or operation."""


class RateLimited(RouterError):
    """The customer or the channel exceeded its rate limit (RESOURCE_EXHAUSTED)."""


class CursorExpired(RouterError, LookupError):
    """A delivery cursor older than the router's retention window (OUT_OF_RANGE)."""


class NotFound(RouterError, LookupError):
    """The router has no such thing (a conversation, an offer, an operator)."""


class PreconditionFailed(RouterError):
    """The request came too late or out of order: an offer that closed, a conversation the
    caller no longer holds (FAILED_PRECONDITION)."""


class NotImplementedByRouter(RouterError, NotImplementedError):
    """The router does not implement this method yet (UNIMPLEMENTED)."""


ERROR_FOR: dict[grpc.StatusCode, type[RouterError]] = {
    grpc.StatusCode.UNAVAILABLE: RouterUnavailable,
    grpc.StatusCode.DEADLINE_EXCEEDED: RouterUnavailable,
    grpc.StatusCode.UNAUTHENTICATED: Unauthenticated,
    grpc.StatusCode.PERMISSION_DENIED: PermissionDenied,
    grpc.StatusCode.RESOURCE_EXHAUSTED: RateLimited,
    grpc.StatusCode.OUT_OF_RANGE: CursorExpired,
    grpc.StatusCode.UNIMPLEMENTED: NotImplementedByRouter,
    grpc.StatusCode.NOT_FOUND: NotFound,
    grpc.StatusCode.FAILED_PRECONDITION: PreconditionFailed,
}


def from_rpc_error(error: aio.AioRpcError) -> RouterError:
    """The typed error for a failed call, keeping the status details the server sent."""
    code = error.code()
    message = error.details() or code.name
    if code is grpc.StatusCode.INVALID_ARGUMENT:
        field, reason = _field_violation(error, message)
        return InvalidMessage(message, code, field, reason)
    return ERROR_FOR.get(code, RouterError)(message, code)


def _field_violation(error: aio.AioRpcError, message: str) -> tuple[str, str]:
    """The first google.rpc.BadRequest field violation; else the "field: reason" text."""
    try:
        status = rpc_status.from_call(error)  # type: ignore[arg-type]
    except ValueError:  # details inconsistent with the status: fall back to the text
        status = None
    if status is not None:
        for detail in status.details:
            if detail.Is(error_details_pb2.BadRequest.DESCRIPTOR):
                bad_request = error_details_pb2.BadRequest()
                detail.Unpack(bad_request)
                if bad_request.field_violations:
                    violation = bad_request.field_violations[0]
                    return violation.field, violation.description
    field, sep, reason = message.partition(":")
    return (field.strip(), reason.strip()) if sep else ("", message)
