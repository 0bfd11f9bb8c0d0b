"""One interceptor for every call: request id, a log line, and domain errors as statuses."""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Awaitable, Callable
from typing import Any, TypeAlias

import grpc
from grpc import aio

from router.domain.errors import DomainError
from router.observability import request_id
from router.transport.errors import internal_status, status_code_for, to_status

log = logging.getLogger("router.rpc")

REQUEST_ID_KEY = "x-request-id"

Handler: TypeAlias = "grpc.RpcMethodHandler[Any, Any]"  # generic only in the stubs


class CallContextInterceptor(aio.ServerInterceptor):  # type: ignore[type-arg]
    async def intercept_service(
        self,
        continuation: Callable[[grpc.HandlerCallDetails], Awaitable[Handler]],
        details: grpc.HandlerCallDetails,
    ) -> Handler:
        handler = await continuation(details)
        if handler is None or handler.unary_unary is None:
            # Streams keep their own handlers; they set the request id themselves.
            return handler
        method = details.method
        incoming = dict(details.invocation_metadata or ())
        behavior = handler.unary_unary

        # grpc-stubs types the aio context as the sync one, which lacks abort_with_status.
        async def wrapped(request: Any, context: Any) -> Any:
            rid = str(incoming.get(REQUEST_ID_KEY) or uuid.uuid4().hex)
            token = request_id.set(rid)
            started = time.perf_counter()
            code = grpc.StatusCode.OK
            try:
                await context.send_initial_metadata(((REQUEST_ID_KEY, rid),))
                return await behavior(request, context)
            except DomainError as error:
                code = status_code_for(error)
                await context.abort_with_status(to_status(error))
            except NotImplementedError:
                # The generated base servicers raise this for RPCs not implemented yet.
                code = grpc.StatusCode.UNIMPLEMENTED
                await context.abort(code, f"{method} is not implemented yet")
            except aio.AbortError:
                code = context.code() or grpc.StatusCode.UNKNOWN
                raise
            except Exception:
                code = grpc.StatusCode.INTERNAL
                log.exception("unhandled error", extra={"method": method})
                await context.abort_with_status(internal_status(rid))
            finally:
                # Successful calls log at DEBUG: at thousands of messages a second an
                # access line for each would cost more than the call.
                log.log(
                    logging.DEBUG if code is grpc.StatusCode.OK else logging.INFO,
                    "rpc",
                    extra={
                        "method": method,
                        "code": code.name,
                        "ms": round((time.perf_counter() - started) * 1000, 3),
                    },
                )
                request_id.reset(token)

        return grpc.unary_unary_rpc_method_handler(
            wrapped,
            request_deserializer=handler.request_deserializer,
            response_serializer=handler.response_serializer,
        )
