"""One interceptor for every call: request id, a log line, and domain errors as statuses."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any, TypeAlias

import grpc
from grpc import aio

from router.domain.errors import DomainError
from router.observability import request_id
from router.transport.errors import REQUEST_ID_KEY, internal_status, status_code_for, to_status

log = logging.getLogger("router.rpc")

ROUTER_METHODS = "/router.v1."

Handler: TypeAlias = "grpc.RpcMethodHandler[Any, Any]"  # generic only in the stubs


class CallContextInterceptor(aio.ServerInterceptor):  # type: ignore[type-arg]
    def __init__(self) -> None:
        # One wrapped handler per method, made on its first call: building handlers on
        # every call costs more than the rest of the interception together.
        self._wrapped: dict[str, Handler] = {}

    async def intercept_service(
        self,
        continuation: Callable[[grpc.HandlerCallDetails], Awaitable[Handler]],
        details: grpc.HandlerCallDetails,
    ) -> Handler:
        method = details.method
        wrapped = self._wrapped.get(method)
        if wrapped is not None:
            return wrapped
        handler = await continuation(details)
        if handler is None or not method.startswith(ROUTER_METHODS):
            # Health and reflection come from grpcio as they are; their streaming handlers
            # write through the context instead of yielding, and need nothing from here.
            return handler
        wrapped = _wrap(method, handler)
        self._wrapped[method] = wrapped
        return wrapped


def _wrap(method: str, handler: Handler) -> Handler:
    if handler.unary_unary is not None:
        unary = handler.unary_unary

        async def wrapped_unary(request: Any, context: Any) -> Any:
            async with _call_context(method, context):
                return await unary(request, context)

        return grpc.unary_unary_rpc_method_handler(
            wrapped_unary,
            request_deserializer=handler.request_deserializer,
            response_serializer=handler.response_serializer,
        )
    if handler.unary_stream is not None:
        streaming: Any = handler.unary_stream  # an async generator function on aio

        async def wrapped_stream(request: Any, context: Any) -> AsyncIterator[Any]:
            async with _call_context(method, context):
                async for item in streaming(request, context):
                    yield item

        return grpc.unary_stream_rpc_method_handler(
            wrapped_stream,
            request_deserializer=handler.request_deserializer,
            response_serializer=handler.response_serializer,
        )
    return handler  # client-streaming kinds: none in router.v1


@contextlib.asynccontextmanager
async def _call_context(method: str, context: Any) -> AsyncIterator[None]:
    """Sets the request id, maps domain errors to statuses, logs the call's outcome."""
    presented = next((v for k, v in context.invocation_metadata() or () if k == REQUEST_ID_KEY), "")
    rid = str(presented or uuid.uuid4().hex)
    # Each call runs in a task of its own, with its own copy of the context, so the id
    # needs no reset afterwards (and a stream closed from another task could not do one).
    request_id.set(rid)
    started = time.perf_counter()
    code = grpc.StatusCode.OK
    try:
        # Trailing, not initial, metadata: it rides on the status frame that is sent anyway,
        # where initial metadata costs a frame of its own on every call.
        context.set_trailing_metadata(((REQUEST_ID_KEY, rid),))
        yield
    except DomainError as error:
        code = status_code_for(error)
        await context.abort_with_status(to_status(error, rid))
    except NotImplementedError:
        # The generated base servicers raise this for RPCs not implemented yet.
        code = grpc.StatusCode.UNIMPLEMENTED
        await context.abort(
            code, f"{method} is not implemented yet", trailing_metadata=((REQUEST_ID_KEY, rid),)
        )
    except aio.AbortError:
        code = context.code() or grpc.StatusCode.UNKNOWN
        raise
    except asyncio.CancelledError:
        code = grpc.StatusCode.CANCELLED  # the client went away, or the server is stopping
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
