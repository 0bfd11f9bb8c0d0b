"""The composition root: settings in, a running router out."""

from __future__ import annotations

import logging

from grpc import aio

from router.domain.access.api_keys import ApiKeys
from router.domain.clock import Clock, SystemClock
from router.domain.delivery.outbox import Outbox
from router.domain.delivery.signal import ChannelSignal
from router.domain.ids import UlidFactory
from router.domain.ingestion.service import Ingestion
from router.settings import Settings
from router.storage.sqlite.database import SqliteDatabase
from router.transport.ingress import IngressServicer
from router.transport.server import GrpcServer
from router.transport.unimplemented import register_unimplemented
from router.v1 import ingress_pb2, ingress_pb2_grpc

log = logging.getLogger(__name__)


class Router:
    """The router process: a store and the gRPC server in front of it."""

    def __init__(self, settings: Settings, clock: Clock | None = None) -> None:
        self.settings = settings
        clock = clock or SystemClock()
        self.database = SqliteDatabase(settings.db_path, synchronous=settings.synchronous)
        ingestion = Ingestion(
            self.database.ingestion, clock, UlidFactory(clock), settings.ingestion
        )
        self.outbox = Outbox(self.database.deliveries, clock, UlidFactory(clock), ChannelSignal())
        self.api_keys = ApiKeys(self.database.api_keys, clock)
        ingress = IngressServicer(ingestion, self.outbox, self.api_keys)

        def register_ingress(server: aio.Server) -> list[str]:
            ingress_pb2_grpc.add_IngressServicer_to_server(ingress, server)  # type: ignore[no-untyped-call]
            return [ingress_pb2.DESCRIPTOR.services_by_name["Ingress"].full_name]

        self.grpc = GrpcServer(settings.listen, [register_ingress, register_unimplemented])
        self._stopped = False

    @property
    def address(self) -> str:
        return self.grpc.address

    async def start(self) -> None:
        await self.grpc.start()
        log.info("listening", extra={"address": self.address, "db": str(self.settings.db_path)})

    async def stop(self) -> None:
        """Graceful: NOT_SERVING, drain, finish in-flight calls, flush and close the store."""
        if self._stopped:
            return
        self._stopped = True
        log.info("shutting down", extra={"grace_s": self.settings.grace_seconds})
        await self.grpc.stop(
            drain_seconds=self.settings.drain_seconds, grace_seconds=self.settings.grace_seconds
        )
        self.database.close()
        log.info("stopped")


def create_server(settings: Settings, clock: Clock | None = None) -> Router:
    """Builds the router (not yet listening); `await router.start()` binds and serves."""
    return Router(settings, clock)
