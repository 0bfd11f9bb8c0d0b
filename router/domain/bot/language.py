"""Which language to answer in."""

from __future__ import annotations

SUPPORTED = ("ru", "en")


def language_of(text: str, locale: str) -> str:
    """The locale's language when supported; otherwise Russian if the text is mostly
    Cyrillic, else English."""
    tag = locale.split("-")[0].split("_")[0].lower()
    if tag in SUPPORTED:
        return tag
    letters = [ch for ch in text if ch.isalpha()]
    cyrillic = sum("\u0400" <= ch <= "\u04ff" for ch in letters)
    return "ru" if letters and cyrillic * 2 >= len(letters) else "en"
