"""What delivery needs from storage."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from router.domain.channels import Channel
from router.domain.delivery.messages import AckResult, Delivery, DeliveryAck, OutboundMessage


class DeliveryStore(Protocol):
    async def record_outbound(
        self, message: OutboundMessage, message_id: str, delivery_id: str, now: float
    ) -> Delivery:
        """Stores the message in its conversation and its delivery, in one transaction.

        Raises NotFoundError when the conversation does not exist.
        """
        ...

    async def take_pending(self, channel: Channel, after_seq: int, limit: int) -> list[Delivery]:
        """Unacknowledged deliveries of `channel` after `after_seq`, oldest first, counting
        this hand-out as one more attempt."""
        ...

    async def count_pending(self, channel: Channel, after_seq: int, up_to_seq: int) -> int:
        """How many deliveries in (after_seq, up_to_seq] still wait for an acknowledgement."""
        ...

    async def acknowledge(
        self, channel: Channel, acks: Sequence[DeliveryAck], now: float
    ) -> AckResult: ...
