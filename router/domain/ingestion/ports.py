"""What ingestion needs from storage, named for what it does."""

from __future__ import annotations

from typing import Protocol

from router.domain.ingestion.messages import InboundMessage, IngestResult, NewIds


class IngestionStore(Protocol):
    async def record_inbound(
        self,
        message: InboundMessage,
        received_at: float,
        new_ids: NewIds,
        reopen_since: float | None = None,
    ) -> IngestResult:
        """Stores the message atomically and durably, and only then returns.

        In one transaction: if (channel, external_id) is already stored, return its original
        ids with duplicate=True and write nothing; otherwise find or create the customer by
        channel identity, find their open conversation on that channel — or, failing that,
        reopen the one resolved at or after `reopen_since` (a `conversation_reopened` event,
        and a new `handed_off` event if an operator had it) — or open a new one, and store
        the message with its `message_received` event.
        """
        ...
