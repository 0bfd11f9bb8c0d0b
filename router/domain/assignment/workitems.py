"""Work items: what the bot hands over, and how urgent it is."""

from __future__ import annotations

from dataclasses import dataclass

REPEAT_CONTACT_WINDOW_S = 24 * 3600.0
VIP_BOOST = 10
REPEAT_CONTACT_BOOST = 5


@dataclass(frozen=True)
class WorkItem:
    """A conversation handed over by the bot.

    `required_skills` come from the intent → skill mapping; the first one is the primary
    skill and ranks operators, the others only filter. `team`, when set, limits the work to
    that team (set by a transfer to a team)."""

    conversation_id: str
    customer_id: str
    required_skills: tuple[str, ...]
    language: str = ""
    channel: str = "web"
    kind: str = "chat"
    weight: int = 1
    priority: int = 0
    policy: str = "default"
    preferred_operator: str | None = None
    team: str | None = None

    def __post_init__(self) -> None:
        if not self.conversation_id:
            raise ValueError("conversation_id must not be empty")
        if not self.required_skills:
            raise ValueError("required_skills must name at least one skill")
        if self.weight < 1:
            raise ValueError("weight must be at least 1")

    @property
    def primary_skill(self) -> str:
        return self.required_skills[0]


def contact_priority(*, vip: bool, last_contact_at: float | None, now: float) -> int:
    """Priority for a new hand-over: VIP customers first, then customers who came back
    within 24 hours (their first contact evidently did not solve the problem)."""
    priority = VIP_BOOST if vip else 0
    if last_contact_at is not None and now - last_contact_at <= REPEAT_CONTACT_WINDOW_S:
        priority += REPEAT_CONTACT_BOOST
    return priority
