"""A Prometheus text endpoint (`/metrics`) beside the gRPC server, on its own port.

Figures are gathered in the event loop (the assignment engine is not thread-safe) and
rendered with prometheus_client's exposition format.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import uvicorn
from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from router.domain.assignment import AssignmentEngine, ConversationState
from router.storage.sqlite.metrics_store import SqliteMetricsStore, StoredCounts

log = logging.getLogger(__name__)
CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"


@dataclass(frozen=True, slots=True)
class Snapshot:
    stored: StoredCounts
    queue: dict[tuple[str, str], int]  # (policy, state) → conversations
    longest_wait: dict[str, float]
    operators: dict[str, int]  # status → operators
    model_version: int


class _Frozen(Collector):
    """Reports one snapshot; a fresh registry is made for every scrape."""

    def __init__(self, snapshot: Snapshot) -> None:
        self._s = snapshot

    def collect(self) -> Iterable[Metric]:
        s = self._s
        conversations = GaugeMetricFamily(
            "omniroute_conversations",
            "Conversations by stage and status",
            labels=["stage", "status"],
        )
        for (stage, status), n in sorted(s.stored.conversations.items()):
            conversations.add_metric([stage, status], n)
        handoffs = GaugeMetricFamily(
            "omniroute_handoffs", "Conversations the bot handed over, by reason", labels=["reason"]
        )
        for reason, n in sorted(s.stored.handoffs.items()):
            handoffs.add_metric([reason], n)
        pending = GaugeMetricFamily(
            "omniroute_deliveries_pending", "Deliveries not yet acknowledged", labels=["channel"]
        )
        for channel, n in sorted(s.stored.deliveries_pending.items()):
            pending.add_metric([channel], n)
        queue = GaugeMetricFamily(
            "omniroute_queue_conversations",
            "Handed-over conversations by routing policy and state",
            labels=["policy", "state"],
        )
        for (policy, state), n in sorted(s.queue.items()):
            queue.add_metric([policy, state], n)
        longest = GaugeMetricFamily(
            "omniroute_queue_longest_wait_seconds",
            "How long the longest-waiting conversation has waited",
            labels=["policy"],
        )
        for policy, seconds in sorted(s.longest_wait.items()):
            longest.add_metric([policy], seconds)
        operators = GaugeMetricFamily(
            "omniroute_operators", "Operators by status", labels=["status"]
        )
        for status, n in sorted(s.operators.items()):
            operators.add_metric([status], n)
        model = GaugeMetricFamily(
            "omniroute_model_version", "Knowledge-base version the bot's model was trained on"
        )
        model.add_metric([], s.model_version)
        yield from (conversations, handoffs, pending, queue, longest, operators, model)


def snapshot_engine(
    engine: AssignmentEngine, now: float
) -> tuple[dict[tuple[str, str], int], dict[str, float], dict[str, int]]:
    queue: dict[tuple[str, str], int] = {}
    longest: dict[str, float] = {}
    for c in engine.conversations():
        if c.state is ConversationState.RESOLVED:
            continue
        key = (c.item.policy, c.state.value)
        queue[key] = queue.get(key, 0) + 1
        if c.state is ConversationState.QUEUED:
            longest[c.item.policy] = max(longest.get(c.item.policy, 0.0), now - c.queued_at)
    operators: dict[str, int] = {}
    for record in engine.operators():
        operators[record.status.value] = operators.get(record.status.value, 0) + 1
    return queue, longest, operators


class MetricsServer:
    def __init__(
        self,
        listen: str,
        store: SqliteMetricsStore,
        engine: AssignmentEngine,
        now: Callable[[], float],
        model_version: Callable[[], int],
    ) -> None:
        host, _, port = listen.rpartition(":")
        self._store, self._engine, self._now, self._model_version = (
            store,
            engine,
            now,
            model_version,
        )
        app = Starlette(routes=[Route("/metrics", self._metrics)])
        self._server = uvicorn.Server(
            uvicorn.Config(app, host=host, port=int(port), log_level="warning", lifespan="off")
        )
        self._task: asyncio.Task[None] | None = None
        self.address = ""

    async def _metrics(self, request: Request) -> Response:
        queue, longest, operators = snapshot_engine(self._engine, self._now())
        snapshot = Snapshot(
            await self._store.counts(), queue, longest, operators, self._model_version()
        )
        registry = CollectorRegistry(auto_describe=False)
        registry.register(_Frozen(snapshot))
        return Response(generate_latest(registry), media_type=CONTENT_TYPE)

    async def start(self) -> None:
        self._task = asyncio.create_task(self._server.serve())
        while not self._server.started:
            if self._task.done():
                self._task.result()  # raises the bind error
                raise OSError("metrics server stopped before it started")
            await asyncio.sleep(0.01)
        host, port = self._server.servers[0].sockets[0].getsockname()[:2]
        self.address = f"{host}:{port}"
        log.info("metrics listening", extra={"address": self.address})

    async def stop(self) -> None:
        if self._task is not None:
            self._server.should_exit = True
            await self._task
