"""Group commit: many concurrent writes share one durable transaction.

With synchronous=FULL every COMMIT waits for an fsync, which costs far more than the writes
themselves. One writer thread owns the connection; it takes every request waiting in its
queue, runs each inside its own SAVEPOINT of a single transaction, commits once, and only
then answers all of them. A request that fails rolls back to its savepoint alone; a COMMIT
that fails answers every request in the batch with the error. No caller is answered before
the commit that holds its write has returned.
"""

from __future__ import annotations

import asyncio
import logging
import queue
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from router.domain.errors import StorageUnavailableError

T = TypeVar("T")
Work = Callable[[sqlite3.Connection], Any]

log = logging.getLogger(__name__)


@dataclass(slots=True)
class _Request:
    work: Work
    future: asyncio.Future[Any]
    loop: asyncio.AbstractEventLoop


_STOP = object()


class GroupCommitter:
    def __init__(self, conn: sqlite3.Connection, *, max_batch: int = 512) -> None:
        self._conn = conn
        self._max_batch = max_batch
        self._queue: queue.SimpleQueue[_Request | object] = queue.SimpleQueue()
        self._closed = False
        self._thread = threading.Thread(target=self._run, name="sqlite-writer", daemon=True)
        self._thread.start()

    async def submit(self, work: Callable[[sqlite3.Connection], T]) -> T:
        """Runs `work(conn)` in the next batch; returns its result once the batch committed."""
        if self._closed:
            raise StorageUnavailableError("the store is closed")
        loop = asyncio.get_running_loop()
        future: asyncio.Future[T] = loop.create_future()
        self._queue.put(_Request(work, future, loop))
        return await future

    def close(self) -> None:
        """Finishes every request already submitted, then stops the writer thread."""
        if self._closed:
            return
        self._closed = True
        self._queue.put(_STOP)
        self._thread.join()

    def _run(self) -> None:
        stopping = False
        while not stopping:
            first = self._queue.get()
            if first is _STOP:
                break
            batch: list[_Request] = [first]  # type: ignore[list-item]
            while len(batch) < self._max_batch:
                try:
                    item = self._queue.get_nowait()
                except queue.Empty:
                    break
                if item is _STOP:
                    stopping = True
                    break
                batch.append(item)  # type: ignore[arg-type]
            self._commit(batch)

    def _commit(self, batch: list[_Request]) -> None:
        outcomes: list[tuple[bool, Any]] = []
        try:
            self._conn.execute("BEGIN IMMEDIATE")
            for request in batch:
                outcomes.append(self._run_one(request.work))
            self._conn.execute("COMMIT")
        except sqlite3.Error as exc:
            log.exception("group commit of %d writes failed", len(batch))
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            error = StorageUnavailableError(f"the write could not be committed: {exc}")
            outcomes = [(False, error)] * len(batch)
        for request, (ok, value) in zip(batch, outcomes, strict=True):
            request.loop.call_soon_threadsafe(_settle, request.future, ok, value)

    def _run_one(self, work: Work) -> tuple[bool, Any]:
        self._conn.execute("SAVEPOINT one")
        try:
            result = work(self._conn)
        except Exception as exc:
            self._conn.execute("ROLLBACK TO one")
            self._conn.execute("RELEASE one")
            return False, exc
        self._conn.execute("RELEASE one")
        return True, result


def _settle(future: asyncio.Future[Any], ok: bool, value: Any) -> None:
    if future.cancelled():
        return  # the caller went away; the write stands, and a retry will see a duplicate
    if ok:
        future.set_result(value)
    else:
        future.set_exception(value)
