"""Helpers for the desk and directory tests: operators with tokens, customers writing in,
and reading a desk stream up to the event of interest."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import Any

from router.app import Router
from router.domain.directory import OperatorEntry, Role
from router.v1 import common_pb2, ingress_pb2, ingress_pb2_grpc, operator_desk_pb2

CHANNELS = {
    "web": common_pb2.CHANNEL_WEB,
    "telegram": common_pb2.CHANNEL_TELEGRAM,
}


def bearer(token: str) -> tuple[tuple[str, str]]:
    return (("authorization", f"Bearer {token}"),)


async def add_operator(
    router: Router,
    operator_id: str,
    role: Role = Role.AGENT,
    skills: Mapping[str, int] | None = None,
    capacity: int = 3,
) -> str:
    """Creates the operator through the directory; returns a fresh token of theirs."""
    await router.directory.put_operator(
        OperatorEntry(
            operator_id,
            display_name=operator_id.title(),
            role=role,
            skills=dict(skills if skills is not None else {"general": 9}),
            languages=frozenset({"en", "ru"}),
            capacity={"chat": capacity},
        )
    )
    return (await router.directory.issue_token(operator_id)).token


async def customer_writes(
    ingress: ingress_pb2_grpc.IngressStub,
    text: str,
    external_id: str,
    user: str = "visitor-1",
    channel: str = "web",
    phone: str = "",
) -> ingress_pb2.SendMessageResponse:
    response: ingress_pb2.SendMessageResponse = await ingress.SendMessage(
        ingress_pb2.SendMessageRequest(
            message=ingress_pb2.InboundMessage(
                channel=CHANNELS[channel],
                external_id=external_id,
                customer=common_pb2.CustomerIdentity(channel_user_id=user, verified_phone=phone),
                text=text,
                locale="en",
            )
        ),
        timeout=5,
    )
    return response


async def next_event(stream: Any, kind: str, timeout: float = 10) -> operator_desk_pb2.DeskEvent:
    """Reads the stream until an event of `kind` (a DeskEvent oneof name) arrives."""

    async def read() -> operator_desk_pb2.DeskEvent:
        while True:
            event: operator_desk_pb2.DeskEvent = await stream.read()
            if event.WhichOneof("kind") == kind:
                return event

    return await asyncio.wait_for(read(), timeout)


def error_reason(error: Any) -> str:
    """The google.rpc.ErrorInfo reason of a failed call, "" if it has none."""
    from google.rpc import error_details_pb2, status_pb2

    for key, value in error.trailing_metadata() or ():
        if key == "grpc-status-details-bin":
            status = status_pb2.Status.FromString(value)
            for detail in status.details:
                info = error_details_pb2.ErrorInfo()
                if detail.Unpack(info):
                    return str(info.reason)
    return ""


async def next_update(stream: Any, change: int, timeout: float = 10) -> Any:
    """Reads the stream until a conversation update of this change arrives."""

    async def read() -> Any:
        while True:
            event = await next_event(stream, "conversation_update", timeout)
            if event.conversation_update.change == change:
                return event.conversation_update

    return await asyncio.wait_for(read(), timeout)
