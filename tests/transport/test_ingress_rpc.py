"""Ingress.SendMessage over a real channel to a real server on port 0."""

from __future__ import annotations

import asyncio
import sqlite3

import grpc
import pytest
from google.rpc import error_details_pb2
from grpc import aio
from grpc_status import rpc_status

from router.app import Router
from router.v1 import common_pb2, ingress_pb2, ingress_pb2_grpc

DEADLINE = 10.0


def request(external_id: str = "tg-1", **fields: object) -> ingress_pb2.SendMessageRequest:
    message = ingress_pb2.InboundMessage(
        channel=common_pb2.CHANNEL_TELEGRAM,
        external_id=external_id,
        customer=common_pb2.CustomerIdentity(channel_user_id="777", display_name="Анна"),
        text="Сколько стоит тариф «Мой онлайн»?",
        locale="ru-RU",
    )
    for name, value in fields.items():
        if isinstance(value, list):
            getattr(message, name).extend(value)
        elif isinstance(value, dict):
            getattr(message, name).update(value)
        elif hasattr(value, "CopyFrom"):
            getattr(message, name).CopyFrom(value)
        else:
            setattr(message, name, value)
    return ingress_pb2.SendMessageRequest(message=message)


def stored_messages(router: Router) -> int:
    with sqlite3.connect(router.settings.db_path) as conn:
        row = conn.execute("SELECT count(*) FROM messages WHERE direction = 'inbound'").fetchone()
    return int(row[0])


async def test_a_message_is_stored_and_acknowledged_with_its_ids(
    ingress: ingress_pb2_grpc.IngressStub, router: Router
) -> None:
    reply = await ingress.SendMessage(request(), timeout=DEADLINE)
    assert reply.message_id.startswith("msg_")
    assert reply.conversation_id.startswith("conv_")
    assert reply.customer_id.startswith("cus_")
    assert not reply.duplicate
    assert reply.received_at.seconds > 0
    assert stored_messages(router) == 1


async def test_resending_returns_the_original_ids(
    ingress: ingress_pb2_grpc.IngressStub, router: Router
) -> None:
    first = await ingress.SendMessage(request(), timeout=DEADLINE)
    again = await ingress.SendMessage(request(), timeout=DEADLINE)
    assert again.duplicate
    assert (again.message_id, again.conversation_id, again.customer_id) == (
        first.message_id,
        first.conversation_id,
        first.customer_id,
    )
    assert again.received_at == first.received_at
    assert stored_messages(router) == 1


async def test_concurrent_resends_store_one_message(
    ingress: ingress_pb2_grpc.IngressStub, router: Router
) -> None:
    replies = await asyncio.gather(
        *(ingress.SendMessage(request("same"), timeout=DEADLINE) for _ in range(32))
    )
    assert sum(not r.duplicate for r in replies) == 1
    assert len({r.message_id for r in replies}) == 1
    assert stored_messages(router) == 1


async def test_the_reply_carries_a_request_id(ingress: ingress_pb2_grpc.IngressStub) -> None:
    call = ingress.SendMessage(request(), timeout=DEADLINE, metadata=(("x-request-id", "req-123"),))
    await call
    assert ("x-request-id", "req-123") in tuple(await call.trailing_metadata())


async def test_an_error_carries_the_request_id_too(ingress: ingress_pb2_grpc.IngressStub) -> None:
    with pytest.raises(aio.AioRpcError) as caught:
        await ingress.SendMessage(
            request(""), timeout=DEADLINE, metadata=(("x-request-id", "req-9"),)
        )
    assert ("x-request-id", "req-9") in tuple(caught.value.trailing_metadata() or ())


@pytest.mark.parametrize(
    ("req", "field"),
    [
        (ingress_pb2.SendMessageRequest(), "message"),
        (request(channel=common_pb2.CHANNEL_UNSPECIFIED), "message.channel"),
        (request(channel=99), "message.channel"),
        (request(""), "message.external_id"),
        (request("x" * 257), "message.external_id"),
        (request(text=""), "message.text"),
        (request(text="x" * 4097), "message.text"),
        (
            request(customer=common_pb2.CustomerIdentity(channel_user_id="")),
            "message.customer.channel_user_id",
        ),
        (
            request(attachments=[common_pb2.Attachment(mime_type="image/png")]),
            "message.attachments[0].url",
        ),
        (request(metadata={str(i): "v" for i in range(33)}), "message.metadata"),
    ],
)
async def test_bad_input_is_refused_naming_the_field_and_writes_nothing(
    ingress: ingress_pb2_grpc.IngressStub,
    router: Router,
    req: ingress_pb2.SendMessageRequest,
    field: str,
) -> None:
    with pytest.raises(aio.AioRpcError) as caught:
        await ingress.SendMessage(req, timeout=DEADLINE)
    error = caught.value
    assert error.code() is grpc.StatusCode.INVALID_ARGUMENT
    assert (error.details() or "").startswith(field + ":")
    status = rpc_status.from_call(error)  # type: ignore[arg-type]
    assert status is not None
    violation = error_details_pb2.BadRequest()
    assert status.details[0].Unpack(violation)
    assert violation.field_violations[0].field == field
    assert stored_messages(router) == 0
