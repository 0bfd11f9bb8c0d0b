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


# Words that only carry the request for a person («позовите», «пожалуйста», "can I"), not
# what the customer needs.
_FILLER = frozenset(
    [
        "позовите",
        "позови",
        "позвать",
        "дайте",
        "дай",
        "давайте",
        "можно",
        "мне",
        "меня",
        "нужен",
        "нужна",
        "нужно",
        "хочу",
        "хотел",
        "хотела",
        "пожалуйста",
        "плиз",
        "поговорить",
        "связаться",
        "соедините",
        "соединить",
        "переключите",
        "с",
        "со",
        "к",
        "на",
        "и",
        "а",
        "с",
        "кем",
        "нибудь",
        "кто-нибудь",
        "срочно",
        "please",
        "can",
        "could",
        "i",
        "me",
        "want",
        "need",
        "speak",
        "talk",
        "to",
        "with",
        "a",
        "an",
        "the",
        "get",
        "let",
        "someone",
        "connect",
        "transfer",
    ]
)
_WORD = re.compile(r"\w+(?:-\w+)?")
# The patterns match word prefixes; removing a request takes the rest of its last word too.
_HUMAN_WORDS = re.compile(f"(?:{_HUMAN.pattern})\\w*")


def only_asks_for_a_person(text: str) -> bool:
    """True when the message is nothing but a request for a person («Позовите оператора,
    пожалуйста»): the bot's guess at its topic would be noise, not a hint to the operator."""
    folded = text.lower().replace("ё", "е")
    if _HUMAN.search(folded) is None:
        return False
    remainder = _HUMAN_WORDS.sub(" ", folded)
    return all(word in _FILLER for word in _WORD.findall(remainder))


_THANKS = re.compile(
    r"\b(спасиб\w*|благодар\w*|помогл\w*|понятно|отлично|супер|"
    r"thanks?|thank you|thx|that helped|great|perfect)\b"
)
_STILL_A_QUESTION = re.compile(r"\?|\b(но|а как|а где|but|how|where|what)\b")


def says_thanks(text: str) -> bool:
    """The customer is satisfied and not asking anything more («Спасибо, помогло!»)."""
    folded = text.lower().replace("ё", "е")
    return _THANKS.search(folded) is not None and _STILL_A_QUESTION.search(folded) is None
