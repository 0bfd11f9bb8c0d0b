"""The outbox: store an outbound message first, then stream it until acknowledged."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence

from router.domain.channels import Channel
from router.domain.clock import Clock
from router.domain.delivery.messages import AckResult, Delivery, DeliveryAck, OutboundMessage
from router.domain.delivery.ports import DeliveryStore
from router.domain.delivery.signal import ChannelSignal
from router.domain.errors import InvalidArgumentError
from router.domain.ids import IdFactory

DEFAULT_MAX_UNACKED = 100
MAX_ACKS_PER_CALL = 1000


class Outbox:
    def __init__(
        self,
        store: DeliveryStore,
        clock: Clock,
        ids: IdFactory,
        signal: ChannelSignal,
        *,
        poll_seconds: float = 1.0,
    ) -> None:
        self._store = store
        self._clock = clock
        self._ids = ids
        self._signal = signal
        # Another process writing to the same database cannot wake this one's streams, so
        # they also look again at this interval.
        self._poll_seconds = poll_seconds

    async def send(self, message: OutboundMessage) -> Delivery:
        """Stores the message and its delivery; returns once both are committed."""
        if not message.text.strip() and not message.attachments:
            raise InvalidArgumentError("text", "text or at least one attachment is required")
        delivery = await self._store.record_outbound(
            message, self._ids.new("msg"), self._ids.new("dlv"), self._clock.now()
        )
        self._signal.notify(delivery.channel)
        return delivery

    async def stream(
        self, channel: Channel, after_seq: int = 0, max_unacked: int = DEFAULT_MAX_UNACKED
    ) -> AsyncIterator[Delivery]:
        """Every unacknowledged delivery of `channel` after `after_seq`, then new ones as
        they come, never more than `max_unacked` of this stream's waiting for an ack."""
        if not 1 <= max_unacked <= 1000:
            raise InvalidArgumentError("max_unacked", "must be between 1 and 1000")
        start = position = after_seq
        while True:
            ready = self._signal.waiter(channel)
            waiting = (
                await self._store.count_pending(channel, start, position) if position > start else 0
            )
            room = max_unacked - waiting
            batch = await self._store.take_pending(channel, position, room) if room > 0 else []
            for delivery in batch:
                position = delivery.seq
                yield delivery
            if not batch:
                await self._signal.wait(ready, self._poll_seconds)

    async def acknowledge(self, channel: Channel, acks: Sequence[DeliveryAck]) -> AckResult:
        if not acks:
            raise InvalidArgumentError("acks", "at least one acknowledgement is required")
        if len(acks) > MAX_ACKS_PER_CALL:
            raise InvalidArgumentError("acks", f"at most {MAX_ACKS_PER_CALL} per call")
        for i, ack in enumerate(acks):
            if not ack.delivery_id:
                raise InvalidArgumentError(f"acks[{i}].delivery_id", "required")
            if len(ack.error_message) > 1024:
                raise InvalidArgumentError(f"acks[{i}].error_message", "at most 1024 characters")
        result = await self._store.acknowledge(channel, acks, self._clock.now())
        self._signal.notify(channel)  # flow control may let a stream go on
        return result
