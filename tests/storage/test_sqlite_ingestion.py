"""The ingestion store on a real SQLite file."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest

from router.domain.channels import Channel
from router.domain.clock import ManualClock
from router.domain.errors import StorageUnavailableError
from router.domain.ids import UlidFactory
from router.domain.ingestion.limits import IngestionLimits
from router.domain.ingestion.messages import Attachment, CustomerIdentity, InboundMessage
from router.domain.ingestion.service import Ingestion
from router.storage.sqlite.database import SqliteDatabase


def ingestion_for(database: SqliteDatabase) -> Ingestion:
    clock = ManualClock()
    return Ingestion(database.ingestion, clock, UlidFactory(clock), IngestionLimits())


def message(external_id: str, user: str = "u1", channel: Channel = Channel.TELEGRAM, **kw: object):  # type: ignore[no-untyped-def]
    return InboundMessage(
        channel=channel,
        external_id=external_id,
        customer=CustomerIdentity(channel_user_id=user),
        text=str(kw.pop("text", "привет")),
        **kw,  # type: ignore[arg-type]
    )


def count(path: Path, table: str) -> int:
    with sqlite3.connect(path) as conn:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


async def test_first_message_creates_customer_conversation_and_event(
    database: SqliteDatabase, db_path: Path
) -> None:
    result = await ingestion_for(database).receive(
        message(
            "m1",
            attachments=(Attachment("https://cdn/x.png", "image/png", 42, "x.png"),),
            metadata={"k": "v"},
        )
    )
    assert not result.duplicate
    with sqlite3.connect(db_path) as conn:
        row = conn.execute(
            "SELECT conversation_id, customer_id, text, attachments, metadata FROM messages"
            " WHERE id = ?",
            (result.message_id,),
        ).fetchone()
        kinds = [r[0] for r in conn.execute("SELECT kind FROM events")]
    assert row[:3] == (result.conversation_id, result.customer_id, "привет")
    assert '"size_bytes":42' in row[3] and row[4] == '{"k":"v"}'
    assert kinds == ["message_received"]


async def test_same_external_id_returns_original_ids_and_writes_nothing(
    database: SqliteDatabase, db_path: Path
) -> None:
    ingestion = ingestion_for(database)
    first = await ingestion.receive(message("m1"))
    again = await ingestion.receive(message("m1", text="a retry with other text"))
    assert again.duplicate
    assert (again.message_id, again.conversation_id, again.customer_id) == (
        first.message_id,
        first.conversation_id,
        first.customer_id,
    )
    assert (count(db_path, "messages"), count(db_path, "events")) == (1, 1)


async def test_concurrent_duplicates_store_one_message(
    database: SqliteDatabase, db_path: Path
) -> None:
    ingestion = ingestion_for(database)
    results = await asyncio.gather(*(ingestion.receive(message("same")) for _ in range(50)))
    assert sum(not r.duplicate for r in results) == 1
    assert len({r.message_id for r in results}) == 1
    assert count(db_path, "messages") == 1


async def test_the_same_id_on_another_channel_is_another_message(
    database: SqliteDatabase,
) -> None:
    ingestion = ingestion_for(database)
    tg = await ingestion.receive(message("42", channel=Channel.TELEGRAM))
    vk = await ingestion.receive(message("42", channel=Channel.VK))
    assert not vk.duplicate
    assert vk.customer_id != tg.customer_id  # unverified channel ids are never linked


async def test_a_customer_keeps_one_open_conversation_per_channel(
    database: SqliteDatabase,
) -> None:
    ingestion = ingestion_for(database)
    first = await ingestion.receive(message("m1"))
    second = await ingestion.receive(message("m2"))
    other = await ingestion.receive(message("m3", user="u2"))
    assert (second.customer_id, second.conversation_id) == (
        first.customer_id,
        first.conversation_id,
    )
    assert other.customer_id != first.customer_id


async def test_a_failing_write_does_not_take_its_batch_down(
    database: SqliteDatabase, db_path: Path
) -> None:
    committer = database._committer

    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("INSERT INTO customers (id, display_name, created_at) VALUES ('c', '', 0)")
        raise RuntimeError("boom")

    ingestion = ingestion_for(database)
    outcomes = await asyncio.gather(
        ingestion.receive(message("a")),
        committer.submit(broken),
        ingestion.receive(message("b", user="u2")),
        return_exceptions=True,
    )
    assert isinstance(outcomes[1], RuntimeError)
    assert count(db_path, "messages") == 2
    assert count(db_path, "customers") == 2  # the broken write's insert was rolled back


async def test_data_survives_reopening(db_path: Path) -> None:
    database = SqliteDatabase(db_path)
    first = await ingestion_for(database).receive(message("m1"))
    database.close()
    reopened = SqliteDatabase(db_path)
    try:
        again = await ingestion_for(reopened).receive(message("m1"))
    finally:
        reopened.close()
    assert again.duplicate and again.message_id == first.message_id


async def test_a_closed_store_refuses_writes(db_path: Path) -> None:
    database = SqliteDatabase(db_path)
    database.close()
    with pytest.raises(StorageUnavailableError):
        await ingestion_for(database).receive(message("m1"))


def test_file_is_durable_wal(database: SqliteDatabase, db_path: Path) -> None:
    conn = database._conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


async def test_a_verified_phone_links_a_customer_across_channels(
    database: SqliteDatabase,
) -> None:
    ingestion = ingestion_for(database)
    telegram = await ingestion.receive(
        InboundMessage(
            Channel.TELEGRAM,
            "t1",
            CustomerIdentity("tg-5", verified_phone="+7 900 123-45-67"),
            text="hi",
        )
    )
    whatsapp = await ingestion.receive(
        InboundMessage(
            Channel.WHATSAPP,
            "w1",
            CustomerIdentity("79001234567", verified_phone="79001234567"),
            text="hi",
        )
    )
    assert whatsapp.customer_id == telegram.customer_id
    assert whatsapp.conversation_id != telegram.conversation_id  # one conversation per channel


async def test_an_app_user_id_links_the_app_and_the_web_site(database: SqliteDatabase) -> None:
    ingestion = ingestion_for(database)
    app = await ingestion.receive(
        InboundMessage(
            Channel.MOBILE_APP, "a1", CustomerIdentity("dev-1", app_user_id="u-77"), text="hi"
        )
    )
    web = await ingestion.receive(
        InboundMessage(
            Channel.WEB, "w1", CustomerIdentity("cookie-9", app_user_id="u-77"), text="hi"
        )
    )
    assert web.customer_id == app.customer_id


async def test_unverified_data_never_links_customers(database: SqliteDatabase) -> None:
    ingestion = ingestion_for(database)
    first = await ingestion.receive(
        InboundMessage(
            Channel.TELEGRAM, "t1", CustomerIdentity("1", display_name="Анна"), text="hi"
        )
    )
    second = await ingestion.receive(
        InboundMessage(Channel.VK, "v1", CustomerIdentity("1", display_name="Анна"), text="hi")
    )
    assert first.customer_id != second.customer_id
