"""A router killed with SIGKILL under load loses and doubles no acknowledged message."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import grpc
import pytest
from grpc import aio

from router.testing import ServerProcess, with_api_key
from router.v1 import common_pb2, ingress_pb2, ingress_pb2_grpc

SENDERS = 16


def request(external_id: str, sender: int) -> ingress_pb2.SendMessageRequest:
    return ingress_pb2.SendMessageRequest(
        message=ingress_pb2.InboundMessage(
            channel=common_pb2.CHANNEL_WHATSAPP,
            external_id=external_id,
            customer=common_pb2.CustomerIdentity(channel_user_id=f"+7900000{sender:04d}"),
            text=f"сообщение {external_id}",
        )
    )


async def load_until_killed(server: ServerProcess, acked: dict[str, str]) -> int:
    """16 senders write unique messages; the server is killed once enough were acked."""
    attempted = 0
    kill_after = 400

    async with aio.insecure_channel(
        server.address, interceptors=with_api_key(server.api_key)
    ) as channel:
        stub = ingress_pb2_grpc.IngressStub(channel)

        async def sender(index: int) -> None:
            nonlocal attempted
            for seq in range(100_000):
                external_id = f"s{index}-{seq}"
                attempted += 1
                try:
                    reply = await stub.SendMessage(request(external_id, index), timeout=5)
                except aio.AioRpcError as error:
                    assert error.code() in (
                        grpc.StatusCode.UNAVAILABLE,
                        grpc.StatusCode.DEADLINE_EXCEEDED,
                        grpc.StatusCode.CANCELLED,
                    ), error
                    return
                acked[external_id] = reply.message_id
                if len(acked) >= kill_after:
                    server.kill()  # mid-load, with calls of every sender in flight

        await asyncio.wait_for(asyncio.gather(*(sender(i) for i in range(SENDERS))), 120)
    return attempted


@pytest.mark.slow
async def test_no_acknowledged_message_is_lost_or_doubled_after_sigkill(tmp_path: Path) -> None:
    db = tmp_path / "crash.db"
    acked: dict[str, str] = {}
    server = ServerProcess(db).start()
    try:
        attempted = await load_until_killed(server, acked)
    finally:
        server.kill()
    assert len(acked) >= 400
    assert attempted > len(acked)  # some calls were in flight when the process died

    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT external_id, id FROM messages").fetchall()
    stored = dict(rows)
    assert len(stored) == len(rows)  # no external id stored twice
    assert {k: stored.get(k) for k in acked} == acked  # every acknowledged one, same id

    # After a restart, a channel retrying every acknowledged message creates nothing new.
    with ServerProcess(db) as restarted:
        async with aio.insecure_channel(
            restarted.address, interceptors=with_api_key(restarted.api_key)
        ) as channel:
            stub = ingress_pb2_grpc.IngressStub(channel)
            sample = list(acked.items())[:: max(1, len(acked) // 100)]
            for external_id, message_id in sample:
                sender = int(external_id[1:].split("-")[0])
                reply = await stub.SendMessage(request(external_id, sender), timeout=5)
                assert reply.duplicate and reply.message_id == message_id
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM messages").fetchone()[0] == len(rows)
