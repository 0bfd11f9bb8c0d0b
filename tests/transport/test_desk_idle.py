"""An operator's conversation that has gone quiet is resolved by the router."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator

import pytest
from desk_harness import add_operator, customer_writes
from grpc import aio

from router.app import Router, create_server
from router.domain.assignment import ConversationState, OperatorStatus
from router.domain.channels import Channel
from router.domain.clock import ManualClock
from router.settings import Settings
from router.testing import with_api_key
from router.v1 import ingress_pb2_grpc


@pytest.fixture
async def router(settings: Settings) -> AsyncIterator[Router]:
    clock = ManualClock(start=1_900_000_000.0)
    router = create_server(settings, clock)
    await router.start()
    yield router
    await router.stop()


async def test_a_quiet_assigned_conversation_is_resolved_and_a_waiting_one_is_not(
    router: Router,
) -> None:
    clock = router.clock
    assert isinstance(clock, ManualClock)
    await add_operator(router, "anna", capacity=1)
    router.assignment.set_status("anna", OperatorStatus.AVAILABLE)
    key = (await router.api_keys.issue("web", frozenset({Channel.WEB}))).key
    async with aio.insecure_channel(router.address, interceptors=with_api_key(key)) as ch:
        ingress = ingress_pb2_grpc.IngressStub(ch)
        held = (await customer_writes(ingress, "help", "1", user="a")).conversation_id
        waiting = (await customer_writes(ingress, "help", "2", user="b")).conversation_id
    for _ in range(200):  # the bot stage hands both over in the background
        offers = router.assignment.pending_offers("anna")
        if offers and len(router.assignment.conversations()) == 2:
            break
        await asyncio.sleep(0.05)
    router.assignment.accept("anna", offers[0].offer_id)
    assert router.assignment.conversation(held).state is ConversationState.ASSIGNED

    assert await router.desk.close_idle() == 0  # not idle yet
    clock.advance(router.desk.settings.idle_resolve_s + 1)
    assert await router.desk.close_idle() == 1
    with pytest.raises(LookupError):  # the engine keeps only unresolved conversations
        router.assignment.conversation(held)
    assert router.assignment.conversation(waiting).state is not ConversationState.RESOLVED
    with sqlite3.connect(router.settings.db_path) as conn:
        status = conn.execute("SELECT status FROM conversations WHERE id = ?", (held,)).fetchone()
    assert status[0] == "resolved"
