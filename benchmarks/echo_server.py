"""The baseline: a bare grpc.aio server that echoes the request bytes back.

It costs what any gRPC call costs in Python (HTTP/2, the event loop, the C core) and
nothing else, so the router's figures beside it show what ingestion itself adds.
Run as a script: prints `omniroute listening on HOST:PORT` like the router does.
"""

from __future__ import annotations

import asyncio
import signal

import grpc
from grpc import aio

ECHO_METHOD = "/bench.Echo/Echo"


async def _echo(request: bytes, context: aio.ServicerContext[bytes, bytes]) -> bytes:
    return request


async def main() -> None:
    server = aio.server(options=[("grpc.so_reuseport", 0)])
    handler = grpc.method_handlers_generic_handler(
        "bench.Echo", {"Echo": grpc.unary_unary_rpc_method_handler(_echo)}
    )
    server.add_generic_rpc_handlers((handler,))
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    print(f"omniroute listening on 127.0.0.1:{port}", flush=True)
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    await stop.wait()
    await server.stop(1)


if __name__ == "__main__":
    asyncio.run(main())
