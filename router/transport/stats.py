"""The Stats service: queue, operator and self-service figures for supervisors."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from grpc import aio

from router.domain.assignment import AssignmentEngine, AssignmentEvent
from router.domain.bot.policy import HandoffReason
from router.domain.clock import Clock
from router.domain.directory import Directory
from router.domain.directory.records import Role
from router.domain.errors import InvalidArgumentError
from router.domain.stats import operator_figures, queue_figures
from router.storage.sqlite.stats_store import SqliteStatsStore
from router.transport.delivery import CHANNELS, duration, timestamp
from router.transport.directory import STATUS_NUMBERS, authenticate
from router.v1 import common_pb2, stats_pb2, stats_pb2_grpc

DAY = 24 * 3600.0
_REASONS: dict[str, Any] = {
    HandoffReason.OUT_OF_SCOPE.value: common_pb2.HANDOFF_REASON_OUT_OF_SCOPE,
    HandoffReason.CUSTOMER_REQUEST.value: common_pb2.HANDOFF_REASON_CUSTOMER_REQUEST,
    HandoffReason.REPEATED_FAILURE.value: common_pb2.HANDOFF_REASON_REPEATED_FAILURE,
    HandoffReason.OPERATOR_ONLY_INTENT.value: common_pb2.HANDOFF_REASON_OPERATOR_ONLY_INTENT,
    HandoffReason.NO_ANSWER.value: common_pb2.HANDOFF_REASON_NO_ANSWER,
    HandoffReason.UNSUPPORTED_CONTENT.value: common_pb2.HANDOFF_REASON_UNSUPPORTED_CONTENT,
}
EventsAfter = Callable[[int, int], "list[AssignmentEvent] | Any"]


def _window(window: stats_pb2.TimeWindow, now: float) -> tuple[float, float]:
    """The requested window; the last 24 hours when unset."""
    start = window.start_time.ToNanoseconds() / 1e9 if window.HasField("start_time") else 0.0
    end = window.end_time.ToNanoseconds() / 1e9 if window.HasField("end_time") else now
    if not window.HasField("start_time"):
        start = end - DAY
    if start >= end:
        raise InvalidArgumentError("window", "start_time must be before end_time")
    return start, end


def _events(events_after: EventsAfter) -> Iterator[AssignmentEvent]:
    last = 0
    while True:
        batch = list(events_after(last, 5000))
        if not batch:
            return
        yield from batch
        last = batch[-1].event_id


class StatsServicer(stats_pb2_grpc.StatsServicer):
    """Figures are for supervisors (and admins)."""

    def __init__(
        self,
        engine: AssignmentEngine,
        events_after: EventsAfter,
        store: SqliteStatsStore,
        directory: Directory,
        clock: Clock,
        *,
        sla_seconds: float = 60.0,
    ) -> None:
        self._engine = engine
        self._events_after = events_after
        self._store = store
        self._directory = directory
        self._clock = clock
        self._sla_seconds = sla_seconds

    async def _supervisor(self, context: aio.ServicerContext[Any, Any]) -> None:
        (await authenticate(self._directory, context)).require(Role.SUPERVISOR)

    async def GetQueueStats(
        self, request: stats_pb2.GetQueueStatsRequest, context: aio.ServicerContext[Any, Any]
    ) -> stats_pb2.GetQueueStatsResponse:
        await self._supervisor(context)
        now = self._clock.now()
        start, end = _window(request.window, now)
        figures = queue_figures(
            self._engine,
            _events(self._events_after),
            now=now,
            window=(start, end),
            sla_seconds=self._sla_seconds,
            policies=list(request.policies),
        )
        queues = []
        for f in figures:
            queue = stats_pb2.QueueStats(
                policy=f.policy,
                queued=f.queued,
                offered=f.offered,
                assigned=f.assigned,
                longest_wait=duration(f.longest_wait_s),
                accepted=f.accepted,
                accepted_within_sla=f.accepted_within_sla,
                service_level=f.service_level,
                mean_wait=duration(f.mean_wait_s),
                offers_expired=f.offers_expired,
                offers_declined=f.offers_declined,
                rejected_queue_full=f.rejected_queue_full,
            )
            if f.estimated_wait_s is not None:
                queue.estimated_wait.CopyFrom(duration(f.estimated_wait_s))
            queues.append(queue)
        return stats_pb2.GetQueueStatsResponse(
            queues=queues,
            window=stats_pb2.TimeWindow(start_time=timestamp(start), end_time=timestamp(end)),
            computed_at=timestamp(now),
        )

    async def GetOperatorStats(
        self, request: stats_pb2.GetOperatorStatsRequest, context: aio.ServicerContext[Any, Any]
    ) -> stats_pb2.GetOperatorStatsResponse:
        await self._supervisor(context)
        figures = operator_figures(self._engine, request.team)
        return stats_pb2.GetOperatorStatsResponse(
            by_status=[
                stats_pb2.StatusCount(status=STATUS_NUMBERS[status], operators=count)
                for status, count in sorted(figures.by_status.items(), key=lambda i: i[0].value)
            ],
            load=[
                stats_pb2.WorkKindLoad(
                    work_kind=kind,
                    used_units=used,
                    capacity_units=capacity,
                    utilization=used / capacity if capacity else 0.0,
                )
                for kind, (used, capacity) in sorted(figures.load.items())
            ],
            computed_at=timestamp(self._clock.now()),
        )

    async def GetSelfServiceStats(
        self,
        request: stats_pb2.GetSelfServiceStatsRequest,
        context: aio.ServicerContext[Any, Any],
    ) -> stats_pb2.GetSelfServiceStatsResponse:
        await self._supervisor(context)
        start, end = _window(request.window, self._clock.now())
        channel = ""
        if request.channel:
            known = CHANNELS.get(request.channel)
            if known is None:
                raise InvalidArgumentError("channel", f"unknown channel {request.channel}")
            channel = known.value
        figures = await self._store.self_service(start, end, channel)
        return stats_pb2.GetSelfServiceStatsResponse(
            conversations=figures.conversations,
            resolved_by_bot=figures.resolved_by_bot,
            handed_off=figures.handed_off,
            self_service_share=figures.self_service_share,
            handoff_reasons=[
                stats_pb2.HandoffReasonCount(reason=_REASONS[reason], conversations=count)
                for reason, count in sorted(figures.handoff_reasons.items())
                if reason in _REASONS
            ],
            window=stats_pb2.TimeWindow(start_time=timestamp(start), end_time=timestamp(end)),
            labelled_conversations=figures.labelled,
            bot_accuracy=figures.bot_accuracy,
        )


def stats_registration(servicer: StatsServicer) -> Callable[[aio.Server], list[str]]:
    def register(server: aio.Server) -> list[str]:
        stats_pb2_grpc.add_StatsServicer_to_server(servicer, server)  # type: ignore[no-untyped-call]
        return [stats_pb2.DESCRIPTOR.services_by_name["Stats"].full_name]

    return register
