"""Recognising a customer who asks for a person, in Russian and English.

Matching is on word prefixes of lower-cased text with ё folded, so inflections
(«оператора», «оператору», «человеком») match without a stemmer.
"""

from __future__ import annotations

import re

_PATTERNS = [
    r"\bоператор",
    r"\bпозов\w*\s+(человек|сотрудник|специалист|кого-нибудь)",
    r"\bжив\w*\s+(человек|сотрудник|специалист|оператор)",
    r"\bс\s+человеком\b",
    r"\bсоедин\w*\s+(со?\s+)?(человек|сотрудник|специалист)",
    r"\bхочу\s+(к\s+)?(человеку|сотруднику|специалисту)",
    r"\b(human|agent|operator|representative|real person|live person|someone real)\b",
    r"\btalk to (a |an )?(person|someone)\b",
]
_HUMAN = re.compile("|".join(f"(?:{p})" for p in _PATTERNS))


def asks_for_a_person(text: str) -> bool:
    return _HUMAN.search(text.lower().replace("ё", "е")) is not None


_THANKS = re.compile(
    r"\b(спасиб\w*|благодар\w*|помогл\w*|понятно|отлично|супер|"
    r"thanks?|thank you|thx|that helped|great|perfect)\b"
)
_STILL_A_QUESTION = re.compile(r"\?|\b(но|а как|а где|but|how|where|what)\b")


def says_thanks(text: str) -> bool:
    """The customer is satisfied and not asking anything more («Спасибо, помогло!»)."""
    folded = text.lower().replace("ё", "е")
    return _THANKS.search(folded) is not None and _STILL_A_QUESTION.search(folded) is None
