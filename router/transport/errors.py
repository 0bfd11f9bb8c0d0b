"""Domain errors → gRPC status, in one table, with details a caller can act on."""

from __future__ import annotations

from typing import Any

import grpc
from google.protobuf import any_pb2
from google.rpc import code_pb2, error_details_pb2, status_pb2
from grpc_status import rpc_status

from router.domain.errors import (
    AbortedError,
    DomainError,
    FailedPreconditionError,
    InvalidArgumentError,
    NotFoundError,
    PermissionDeniedError,
    ResourceExhaustedError,
    StorageUnavailableError,
    UnauthenticatedError,
)

# Every answer carries the call's request id in its trailing metadata, errors included.
REQUEST_ID_KEY = "x-request-id"

STATUS_FOR: dict[type[DomainError], grpc.StatusCode] = {
    UnauthenticatedError: grpc.StatusCode.UNAUTHENTICATED,
    PermissionDeniedError: grpc.StatusCode.PERMISSION_DENIED,
    InvalidArgumentError: grpc.StatusCode.INVALID_ARGUMENT,
    NotFoundError: grpc.StatusCode.NOT_FOUND,
    StorageUnavailableError: grpc.StatusCode.UNAVAILABLE,
    FailedPreconditionError: grpc.StatusCode.FAILED_PRECONDITION,
    ResourceExhaustedError: grpc.StatusCode.RESOURCE_EXHAUSTED,
    AbortedError: grpc.StatusCode.ABORTED,
}

ERROR_DOMAIN = "omniroute.router.v1"


def status_code_for(error: DomainError) -> grpc.StatusCode:
    for cls in type(error).__mro__:
        code = STATUS_FOR.get(cls)
        if code is not None:
            return code
    return grpc.StatusCode.INTERNAL


def _with_request_id(status: grpc.Status, request_id: str) -> grpc.Status:
    metadata = (*status.trailing_metadata, (REQUEST_ID_KEY, request_id))
    return _Status(status.code, status.details, metadata)


class _Status(grpc.Status):
    def __init__(self, code: grpc.StatusCode, details: str, trailing_metadata: Any) -> None:
        self.code = code
        self.details = details
        self.trailing_metadata = trailing_metadata


def to_status(error: DomainError, request_id: str) -> grpc.Status:
    code = status_code_for(error)
    status = status_pb2.Status(code=code.value[0], message=str(error))
    if isinstance(error, InvalidArgumentError):
        # google.rpc.BadRequest lets a client point at the field without parsing text.
        detail = any_pb2.Any()
        detail.Pack(
            error_details_pb2.BadRequest(
                field_violations=[
                    error_details_pb2.BadRequest.FieldViolation(
                        field=error.field, description=error.reason
                    )
                ]
            )
        )
        status.details.append(detail)
    if isinstance(error, FailedPreconditionError) and error.reason:
        # google.rpc.ErrorInfo: a stable reason code (OFFER_EXPIRED …) to branch on.
        info = any_pb2.Any()
        info.Pack(error_details_pb2.ErrorInfo(reason=error.reason, domain=ERROR_DOMAIN))
        status.details.append(info)
    return _with_request_id(rpc_status.to_status(status), request_id)


def internal_status(request_id: str) -> grpc.Status:
    status = status_pb2.Status(
        code=code_pb2.INTERNAL,
        message=f"internal error; quote request id {request_id} when reporting it",
    )
    return _with_request_id(rpc_status.to_status(status), request_id)
