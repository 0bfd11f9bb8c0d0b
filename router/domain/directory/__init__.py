"""The directory: operators, their roles and tokens, skills, teams, routing policies."""

from router.domain.directory.records import OperatorEntry, PolicyEntry, Role, Skill, Team
from router.domain.directory.service import Caller, Directory, OperatorView
from router.domain.directory.tokens import IssuedToken, OperatorToken

__all__ = [
    "Caller",
    "Directory",
    "IssuedToken",
    "OperatorEntry",
    "OperatorToken",
    "OperatorView",
    "PolicyEntry",
    "Role",
    "Skill",
    "Team",
]
