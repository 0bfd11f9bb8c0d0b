"""The composition root: settings in, a running router out."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Coroutine
from typing import Any

from grpc import aio

from router.domain.access.api_keys import ApiKeys
from router.domain.assignment import AssignmentEngine, EngineSettings
from router.domain.bot.policy import Answers
from router.domain.bot.ports import Classifier
from router.domain.bot.stage import BotStage
from router.domain.clock import Clock, SystemClock
from router.domain.delivery.outbox import Outbox
from router.domain.delivery.signal import ChannelSignal
from router.domain.desk import Desk, Sessions
from router.domain.directory import Directory
from router.domain.handoff import HandoffBridge
from router.domain.ids import UlidFactory
from router.domain.ingestion.service import Ingestion
from router.domain.knowledge.learning import Learning
from router.matching.model import BotModel
from router.settings import Settings
from router.storage.sqlite.assignment_store import SqliteAssignmentStore
from router.storage.sqlite.database import SqliteDatabase
from router.transport.desk import desk_registration
from router.transport.directory import directory_registration
from router.transport.ingress import IngressServicer
from router.transport.knowledge import knowledge_registration
from router.transport.metrics import MetricsServer
from router.transport.server import GrpcServer
from router.transport.stats import StatsServicer, stats_registration
from router.v1 import ingress_pb2, ingress_pb2_grpc

log = logging.getLogger(__name__)
# How often new resolution labels are looked for; a label trains within this plus a retrain.
LEARNING_POLL_SECONDS = 1.0


class Router:
    """The router process: the store, the stages that read its event log, the assignment
    engine, and the gRPC server in front of them."""

    def __init__(self, settings: Settings, clock: Clock | None = None) -> None:
        self.settings = settings
        self.clock = clock = clock or SystemClock()
        ids = UlidFactory(clock)
        self.database = SqliteDatabase(settings.db_path, synchronous=settings.synchronous)
        self.assignment_store = SqliteAssignmentStore.open(
            settings.db_path, synchronous=settings.synchronous
        )
        self.assignment = AssignmentEngine(self.assignment_store, clock, EngineSettings())
        deliveries = ChannelSignal()
        self.outbox = Outbox(self.database.deliveries, clock, ids, deliveries)
        self.api_keys = ApiKeys(self.database.api_keys, clock)
        # The bot's model, trained from the knowledge base; until there is one, the bot
        # hands every conversation to operators rather than leave it unanswered.
        self.model = BotModel(self.database.knowledge, settings.db_path)
        # Operators' labels become training examples; it must write through the database's
        # own writer so a batch of labels and the knowledge-base update commit together.
        self.learning = Learning(self.database.learning, clock)
        self.handoffs = HandoffBridge(
            self.database.handoffs, self.assignment, self.outbox, self._skills_for
        )
        self.bot_stage = BotStage(
            self.database.bot_stage,
            self._classifier,
            self._answers,
            clock,
            ids,
            deliveries,
            settings.bot,
            on_handoff=self.handoffs.wake,
        )
        ingestion = Ingestion(
            self.database.ingestion,
            clock,
            ids,
            settings.ingestion,
            after_commit=lambda result: self.bot_stage.wake(),
        )
        ingress = IngressServicer(ingestion, self.outbox, self.api_keys)

        def register_ingress(server: aio.Server) -> list[str]:
            ingress_pb2_grpc.add_IngressServicer_to_server(ingress, server)  # type: ignore[no-untyped-call]
            return [ingress_pb2.DESCRIPTOR.services_by_name["Ingress"].full_name]

        # The operators' desk and the directory behind it (who may take which work).
        self.directory = Directory(self.database.directory, self.assignment, clock)
        self.desk = Desk(
            self.assignment,
            self.assignment_store.events_after,
            self.database.desk,
            self.directory,
            clock,
            ids,
            deliveries,
        )
        self.desk_sessions = Sessions(self.desk)
        register_desk = desk_registration(self.desk, self.desk_sessions, self.directory)
        register_directory = directory_registration(self.directory)
        register_knowledge = knowledge_registration(
            self.database.knowledge, self.model, self.directory, clock, settings.bot
        )

        self.grpc = GrpcServer(
            settings.listen,
            [
                register_ingress,
                register_desk,
                register_directory,
                register_knowledge,
                stats_registration(
                    StatsServicer(
                        self.assignment,
                        self.assignment_store.events_after,
                        self.database.stats,
                        self.directory,
                        clock,
                    )
                ),
            ],
        )
        self.metrics = (
            MetricsServer(
                settings.metrics_listen,
                self.database.metrics,
                self.assignment,
                clock.now,
                lambda: self.model.serving.version if self.model.serving else 0,
            )
            if settings.metrics_listen
            else None
        )
        self._stop_background = asyncio.Event()
        self._background: list[asyncio.Task[None]] = []
        self._stopped = False

    @property
    def address(self) -> str:
        return self.grpc.address

    def _classifier(self) -> Classifier | None:
        serving = self.model.serving
        return serving.classifier if serving else None

    def _answers(self) -> Answers | None:
        serving = self.model.serving
        return serving.answers if serving else None

    def _skills_for(self, intent: str) -> tuple[str, ...]:
        serving = self.model.serving
        return serving.answers.skills_for(intent) if serving else ()

    async def start(self) -> None:
        # The directory is the source of truth for operators and policies; the engine's copy
        # is brought in line before any call can reach it.
        await self.directory.sync()
        await self.grpc.start()
        if self.metrics is not None:
            await self.metrics.start()
        if self.settings.run_stages:
            self._spawn(self.model.run(self._stop_background), "model trainer")
            self._spawn(self.bot_stage.run(self._stop_background), "bot stage")
            self._spawn(self.handoffs.run(self._stop_background), "hand-off bridge")
            self._spawn(self._sweep(), "assignment sweep")
            self._spawn(self._learn(), "learning")
        log.info("listening", extra={"address": self.address, "db": str(self.settings.db_path)})

    def _spawn(self, work: Coroutine[Any, Any, None], name: str) -> None:
        self._background.append(asyncio.create_task(work, name=name))

    async def _sweep(self) -> None:
        """Offer timeouts, presence timeouts and grace periods act even when nothing else
        happens; the engine only moves time on its own calls."""
        last_idle_check = float("-inf")
        while not self._stop_background.is_set():
            try:
                self.assignment.sweep()
                if self.clock.monotonic() - last_idle_check >= 30.0:
                    last_idle_check = self.clock.monotonic()
                    await self.desk.close_idle()
            except Exception:
                log.exception("assignment sweep failed")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stop_background.wait(), 1.0)

    async def _learn(self) -> None:
        """Learns from new resolution labels and wakes the trainer when it added any."""
        while not self._stop_background.is_set():
            try:
                if await self.learning.apply_new_labels():
                    self.model.knowledge_changed()
            except Exception:
                log.exception("learning from resolutions failed")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stop_background.wait(), LEARNING_POLL_SECONDS)

    async def stop(self) -> None:
        """Graceful: NOT_SERVING, drain, finish in-flight calls, stop the stages, flush and
        close the store."""
        if self._stopped:
            return
        self._stopped = True
        log.info("shutting down", extra={"grace_s": self.settings.grace_seconds})
        await self.grpc.stop(
            drain_seconds=self.settings.drain_seconds, grace_seconds=self.settings.grace_seconds
        )
        if self.metrics is not None:
            await self.metrics.stop()
        self._stop_background.set()
        # Wake the stages that wait for work, so they see the stop at once.
        self.bot_stage.wake()
        self.handoffs.wake()
        self.model.knowledge_changed()
        # Each stage finishes the turn it is in; what it has not read stays in the log.
        if self._background:
            _, pending = await asyncio.wait(self._background, timeout=self.settings.grace_seconds)
            for task in pending:
                task.cancel()
        self.assignment_store.close()
        self.database.close()
        log.info("stopped")


def create_server(settings: Settings, clock: Clock | None = None) -> Router:
    """Builds the router (not yet listening); `await router.start()` binds and serves."""
    return Router(settings, clock)
