"""Replaying traffic: a router of its own on a loopback port, customers and operators both
talking to it through the gRPC API, and the Stats service's figures at the end."""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from grpc import aio

from router.app import Router, create_server
from router.demo.seed import DEMO_SKILLS, seed_demo
from router.domain.assignment import ConversationState
from router.domain.channels import Channel
from router.domain.directory.records import OperatorEntry, Role
from router.replay.operators import SimulatedOperator
from router.replay.traffic import CustomerMessage
from router.settings import Settings
from router.transport.delivery import CHANNEL_NUMBERS
from router.v1 import common_pb2, ingress_pb2, ingress_pb2_grpc, stats_pb2, stats_pb2_grpc

Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class ReplayReport:
    messages: int
    conversations: int
    handed_off: int
    closed_by_bot: int
    reasons: dict[str, int]
    accepted: int
    service_level: float
    mean_wait_s: float
    longest_wait_s: float
    resolved_by_operators: int

    @property
    def kept_by_bot_share(self) -> float:
        """Conversations the bot never handed over, of all conversations."""
        if not self.conversations:
            return 0.0
        return (self.conversations - self.handed_off) / self.conversations

    def lines(self) -> list[str]:
        reasons = ", ".join(f"{k} {v}" for k, v in sorted(self.reasons.items())) or "none"
        return [
            f"messages sent           {self.messages}",
            f"conversations           {self.conversations}",
            f"kept by the bot         {self.kept_by_bot_share:.1%}"
            f" (closed by the bot: {self.closed_by_bot})",
            f"handed over             {self.handed_off} ({reasons})",
            f"accepted by operators   {self.accepted}, resolved {self.resolved_by_operators}",
            f"mean / longest wait     {self.mean_wait_s:.1f} s / {self.longest_wait_s:.1f} s",
            f"answered within SLA     {self.service_level:.1%}",
        ]


async def replay(
    traffic: Sequence[CustomerMessage],
    *,
    db_path: Path,
    speed: float,
    operators: int,
    handle_seconds: float,
    demo: bool,
    progress: Progress | None = None,
) -> ReplayReport:
    router = create_server(Settings(db_path=db_path, listen="127.0.0.1:0", grace_seconds=2))
    if demo:
        await seed_demo(router)
    await router.model.refresh()
    await router.start()
    try:
        key = (await router.api_keys.issue("replay", frozenset(Channel))).key
        supervisor = await _operator(router, "replay.supervisor", Role.SUPERVISOR)
        tokens = [await _operator(router, f"replay.agent{i}", Role.AGENT) for i in range(operators)]
        async with aio.insecure_channel(router.address) as channel:
            simulated = [SimulatedOperator(channel, t, handle_seconds / speed) for t in tokens]
            desks = [asyncio.create_task(s.run()) for s in simulated]
            await _send(channel, key, traffic, speed, progress)
            await _drain(router, timeout=30 + 4 * handle_seconds / speed)
            report = await _report(channel, supervisor, len(traffic), simulated)
            for desk in desks:
                desk.cancel()
        return report
    finally:
        await router.stop()


async def _operator(router: Router, operator_id: str, role: Role) -> str:
    await router.directory.put_operator(
        OperatorEntry(
            operator_id,
            operator_id,
            role,
            skills=dict.fromkeys(DEMO_SKILLS, 7) if role is Role.AGENT else {},
            languages=frozenset({"ru", "en"}),
            capacity={"chat": 3},
        )
    )
    return (await router.directory.issue_token(operator_id)).token


async def _send(
    channel: aio.Channel,
    key: str,
    traffic: Sequence[CustomerMessage],
    speed: float,
    progress: Progress | None,
) -> None:
    ingress = ingress_pb2_grpc.IngressStub(channel)  # type: ignore[no-untyped-call]
    metadata = (("x-api-key", key),)
    started = time.monotonic()
    for n, message in enumerate(traffic, start=1):
        delay = message.at / speed - (time.monotonic() - started)
        if delay > 0:
            await asyncio.sleep(delay)
        await ingress.SendMessage(
            ingress_pb2.SendMessageRequest(
                message=ingress_pb2.InboundMessage(
                    channel=CHANNEL_NUMBERS[message.channel],
                    external_id=f"replay-{n}",
                    customer=common_pb2.CustomerIdentity(channel_user_id=message.customer),
                    text=message.text,
                )
            ),
            metadata=metadata,
            timeout=30,
        )
        if progress is not None:
            progress(n, len(traffic))


async def _drain(router: Router, timeout: float) -> None:
    """Waits (bounded) until the bot has taken every turn and no conversation waits."""
    deadline = time.monotonic() + timeout
    busy = {ConversationState.QUEUED, ConversationState.OFFERED, ConversationState.ASSIGNED}
    while time.monotonic() < deadline:
        await asyncio.sleep(0.2)
        if await router.bot_stage.run_once() == 0 and not any(
            c.state in busy for c in router.assignment.conversations()
        ):
            return


async def _report(
    channel: aio.Channel, supervisor: str, messages: int, operators: Sequence[SimulatedOperator]
) -> ReplayReport:
    stats = stats_pb2_grpc.StatsStub(channel)  # type: ignore[no-untyped-call]
    metadata = (("authorization", f"Bearer {supervisor}"),)
    service = await stats.GetSelfServiceStats(
        stats_pb2.GetSelfServiceStatsRequest(), metadata=metadata, timeout=10
    )
    queues = await stats.GetQueueStats(
        stats_pb2.GetQueueStatsRequest(), metadata=metadata, timeout=10
    )
    accepted = sum(q.accepted for q in queues.queues)
    within = sum(q.accepted_within_sla for q in queues.queues)
    waits = [q.mean_wait.ToNanoseconds() / 1e9 * q.accepted for q in queues.queues]
    return ReplayReport(
        messages=messages,
        conversations=service.conversations,
        handed_off=service.handed_off,
        closed_by_bot=service.resolved_by_bot,
        reasons={
            common_pb2.HandoffReason.Name(r.reason).removeprefix("HANDOFF_REASON_").lower(): (
                r.conversations
            )
            for r in service.handoff_reasons
        },
        accepted=accepted,
        service_level=within / accepted if accepted else 1.0,
        mean_wait_s=sum(waits) / accepted if accepted else 0.0,
        longest_wait_s=max(
            (q.longest_wait.ToNanoseconds() / 1e9 for q in queues.queues), default=0
        ),
        resolved_by_operators=sum(o.resolved for o in operators),
    )


def terminal_progress(done: int, total: int) -> None:
    if not sys.stderr.isatty():
        return
    width = 30
    filled = width * done // total
    sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} messages")
    if done == total:
        sys.stderr.write("\n")
    sys.stderr.flush()
