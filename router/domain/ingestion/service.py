"""Ingestion: validate, stamp, store. The acknowledgement is the store's commit."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from router.domain.clock import Clock
from router.domain.ids import IdFactory
from router.domain.ingestion.identities import normalize_identity
from router.domain.ingestion.limits import IngestionLimits, validate
from router.domain.ingestion.messages import InboundMessage, IngestResult, NewIds
from router.domain.ingestion.ports import IngestionStore


class Ingestion:
    def __init__(
        self,
        store: IngestionStore,
        clock: Clock,
        ids: IdFactory,
        limits: IngestionLimits,
        *,
        after_commit: Callable[[IngestResult], None] = lambda result: None,
    ) -> None:
        # Called once a new message is durable, to wake the stages that read the event log.
        self._after_commit = after_commit
        self._store = store
        self._clock = clock
        self._ids = ids
        self._limits = limits

    async def receive(self, message: InboundMessage) -> IngestResult:
        """Validates (raising InvalidArgumentError, writing nothing) and stores `message`."""
        validate(message, self._limits)
        message = replace(message, customer=normalize_identity(message.customer))
        new_ids = NewIds(
            message_id=self._ids.new("msg"),
            conversation_id=self._ids.new("conv"),
            customer_id=self._ids.new("cus"),
        )
        now = self._clock.now()
        window = self._limits.reopen_window_s
        reopen_since = now - window if window > 0 else None
        result = await self._store.record_inbound(message, now, new_ids, reopen_since)
        if not result.duplicate:
            self._after_commit(result)
        return result
