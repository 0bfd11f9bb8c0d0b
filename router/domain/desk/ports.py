"""What the desk needs from persistence."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Protocol

from router.domain.delivery.messages import Delivery, OutboundMessage
from router.domain.desk.views import (
    ConversationRecord,
    CustomerView,
    HistoryPage,
    MessageView,
    ResolutionLabel,
)


class DeskStore(Protocol):
    async def conversations(self, ids: Collection[str]) -> list[ConversationRecord]: ...

    async def idle_operator_conversations(self, idle_since: float) -> list[str]:
        """Open operator-stage conversations whose last message is older than `idle_since`."""
        ...

    async def close_idle(self, conversation_id: str, now: float) -> None:
        """Marks the conversation resolved for inactivity, with its event."""
        ...

    async def find_conversations(
        self,
        *,
        resolved: bool,
        customer_id: str,
        channel: str,
        operator_id: str,
        limit: int,
        offset: int,
    ) -> list[ConversationRecord]:
        """Resolved conversations (or, with resolved=False, those still with the bot),
        newest activity first; empty filters match anything. `operator_id` filters
        resolved ones by who resolved them."""
        ...

    async def customer(self, customer_id: str) -> CustomerView | None: ...

    async def messages(self, conversation_id: str) -> list[MessageView]:
        """Every message of the conversation, oldest first."""
        ...

    async def history(
        self, customer_id: str, exclude_conversation: str, before_seq: int | None, limit: int
    ) -> HistoryPage:
        """The customer's messages in their other conversations, newest first."""
        ...

    async def messages_after(
        self, seq: int, conversation_ids: Collection[str], limit: int
    ) -> tuple[list[MessageView], int]:
        """Messages after `seq` in these conversations, and the highest seq looked at (to
        resume from, even past messages of other conversations)."""
        ...

    async def positions(self) -> tuple[int, int]:
        """(last assignment event id, last message seq): where a fresh session starts."""
        ...

    async def record_reply(
        self,
        operator_id: str,
        client_message_id: str,
        message: OutboundMessage,
        message_id: str,
        delivery_id: str,
        now: float,
    ) -> tuple[MessageView, Delivery | None]:
        """Stores the reply and its delivery with its idempotency key, atomically; a key
        already used returns the original message and no delivery."""
        ...

    async def record_resolution(self, label: ResolutionLabel) -> ResolutionLabel:
        """Stores the label and marks the conversation resolved; a conversation already
        labelled keeps (and returns) its first label."""
        ...

    async def labels(self, conversation_ids: Sequence[str]) -> dict[str, ResolutionLabel]: ...
