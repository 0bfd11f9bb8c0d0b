"""The operators' desk: one inbox for every channel, offers, replies and resolution labels."""

from router.domain.desk.service import ConversationFilter, Desk, Reply
from router.domain.desk.sessions import Cursor, Sessions
from router.domain.desk.settings import DeskSettings
from router.domain.desk.views import DeskConversation, DeskState

__all__ = [
    "ConversationFilter",
    "Cursor",
    "Desk",
    "DeskConversation",
    "DeskSettings",
    "DeskState",
    "Reply",
    "Sessions",
]
