"""The outbox on a real SQLite file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from router.domain.channels import Channel
from router.domain.clock import ManualClock
from router.domain.delivery.messages import AuthorRole, DeliveryAck, DeliveryOutcome
from router.domain.delivery.messages import OutboundMessage as Out
from router.domain.delivery.outbox import Outbox
from router.domain.delivery.signal import ChannelSignal
from router.domain.errors import InvalidArgumentError, NotFoundError
from router.domain.ids import UlidFactory
from router.domain.ingestion.limits import IngestionLimits
from router.domain.ingestion.messages import CustomerIdentity, InboundMessage
from router.domain.ingestion.service import Ingestion
from router.storage.sqlite.database import SqliteDatabase


@pytest.fixture
def outbox(database: SqliteDatabase) -> Outbox:
    clock = ManualClock()
    return Outbox(database.deliveries, clock, UlidFactory(clock), ChannelSignal())


async def conversation(database: SqliteDatabase) -> str:
    clock = ManualClock()
    ingestion = Ingestion(database.ingestion, clock, UlidFactory(clock), IngestionLimits())
    result = await ingestion.receive(
        InboundMessage(Channel.VK, "1", CustomerIdentity("id42"), text="тариф?")
    )
    return result.conversation_id


async def test_an_answer_is_stored_in_the_conversation_before_it_is_delivered(
    database: SqliteDatabase, outbox: Outbox, db_path: Path
) -> None:
    conv = await conversation(database)
    delivery = await outbox.send(Out(conv, AuthorRole.BOT, "Тариф «Мой онлайн» — 500 ₽"))
    assert (delivery.channel, delivery.recipient) == (Channel.VK, "id42")
    with sqlite3.connect(db_path) as conn:
        rows = conn.execute(
            "SELECT direction, text FROM messages WHERE conversation_id = ? ORDER BY received_at",
            (conv,),
        ).fetchall()
    assert rows == [("inbound", "тариф?"), ("outbound", "Тариф «Мой онлайн» — 500 ₽")]


async def test_answering_an_unknown_conversation_is_not_found(outbox: Outbox) -> None:
    with pytest.raises(NotFoundError):
        await outbox.send(Out("conv_nope", AuthorRole.BOT, "hi"))


async def test_an_empty_answer_is_refused(database: SqliteDatabase, outbox: Outbox) -> None:
    with pytest.raises(InvalidArgumentError):
        await outbox.send(Out(await conversation(database), AuthorRole.BOT, "  "))


async def test_a_rejected_delivery_is_not_sent_again_and_keeps_its_reason(
    database: SqliteDatabase, outbox: Outbox, db_path: Path
) -> None:
    delivery = await outbox.send(Out(await conversation(database), AuthorRole.OPERATOR, "hi"))
    result = await outbox.acknowledge(
        Channel.VK,
        [DeliveryAck(delivery.delivery_id, DeliveryOutcome.REJECTED, error_message="blocked")],
    )
    assert result.acknowledged == 1
    assert await database.deliveries.take_pending(Channel.VK, 0, 10) == []
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT state, error_message FROM deliveries").fetchall() == [
            ("rejected", "blocked")
        ]


async def test_an_ack_on_the_wrong_channel_changes_nothing(
    database: SqliteDatabase, outbox: Outbox
) -> None:
    delivery = await outbox.send(Out(await conversation(database), AuthorRole.BOT, "hi"))
    result = await outbox.acknowledge(Channel.TELEGRAM, [DeliveryAck(delivery.delivery_id)])
    assert result.acknowledged == 0
    assert result.unknown_delivery_ids == (delivery.delivery_id,)
    assert len(await database.deliveries.take_pending(Channel.VK, 0, 10)) == 1
