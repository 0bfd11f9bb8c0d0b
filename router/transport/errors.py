"""Domain errors → gRPC status, in one table, with details a caller can act on."""

from __future__ import annotations

import grpc
from google.protobuf import any_pb2
from google.rpc import code_pb2, error_details_pb2, status_pb2
from grpc_status import rpc_status

from router.domain.errors import (
    DomainError,
    InvalidArgumentError,
    NotFoundError,
    PermissionDeniedError,
    StorageUnavailableError,
    UnauthenticatedError,
)

STATUS_FOR: dict[type[DomainError], grpc.StatusCode] = {
    UnauthenticatedError: grpc.StatusCode.UNAUTHENTICATED,
    PermissionDeniedError: grpc.StatusCode.PERMISSION_DENIED,
    InvalidArgumentError: grpc.StatusCode.INVALID_ARGUMENT,
    NotFoundError: grpc.StatusCode.NOT_FOUND,
    StorageUnavailableError: grpc.StatusCode.UNAVAILABLE,
}


def status_code_for(error: DomainError) -> grpc.StatusCode:
    for cls in type(error).__mro__:
        code = STATUS_FOR.get(cls)
        if code is not None:
            return code
    return grpc.StatusCode.INTERNAL


def to_status(error: DomainError) -> grpc.Status:
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
    return rpc_status.to_status(status)


def internal_status(request_id: str) -> grpc.Status:
    status = status_pb2.Status(
        code=code_pb2.INTERNAL,
        message=f"internal error; quote request id {request_id} when reporting it",
    )
    return rpc_status.to_status(status)
