"""The gRPC server: services, health, reflection, and an orderly shutdown."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterable

from grpc import aio
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection

from router.transport.interceptors import CallContextInterceptor

log = logging.getLogger(__name__)

# Registers one servicer on a server; returns the full names of the services it adds.
Registration = Callable[[aio.Server], Iterable[str]]


class GrpcServer:
    def __init__(self, address: str, registrations: Iterable[Registration]) -> None:
        self._requested_address = address
        self._server = aio.server(
            interceptors=[CallContextInterceptor()],
            # Without this, gRPC sets SO_REUSEPORT and a second router started on the same
            # port would silently take half of the traffic instead of failing to start.
            options=[("grpc.so_reuseport", 0)],
        )
        self.health = health.aio.HealthServicer()  # type: ignore[attr-defined]
        health_pb2_grpc.add_HealthServicer_to_server(self.health, self._server)
        self.service_names: list[str] = []
        for register in registrations:
            self.service_names.extend(register(self._server))
        reflection.enable_server_reflection(
            [*self.service_names, health.SERVICE_NAME, reflection.SERVICE_NAME], self._server
        )
        self.port = 0

    @property
    def address(self) -> str:
        host = self._requested_address.rsplit(":", 1)[0]
        return f"{host}:{self.port}"

    async def start(self) -> None:
        try:
            self.port = self._server.add_insecure_port(self._requested_address)
        except RuntimeError as exc:  # recent grpcio raises; older ones returned 0
            raise OSError(f"cannot listen on {self._requested_address}: {exc}") from exc
        if self.port == 0:
            raise OSError(f"cannot listen on {self._requested_address}")
        await self._server.start()
        await self._set_all(health_pb2.HealthCheckResponse.SERVING)

    async def stop(self, *, drain_seconds: float, grace_seconds: float) -> None:
        """NOT_SERVING first, so balancers move away; then let in-flight calls finish."""
        await self._set_all(health_pb2.HealthCheckResponse.NOT_SERVING)
        if drain_seconds > 0:
            await asyncio.sleep(drain_seconds)
        await self._server.stop(grace_seconds)

    async def wait_for_termination(self) -> None:
        await self._server.wait_for_termination()

    async def _set_all(self, status: int) -> None:
        for name in ("", *self.service_names):
            await self.health.set(name, status)
