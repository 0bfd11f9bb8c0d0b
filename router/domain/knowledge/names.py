"""What names and language tags may look like (the limits of the `Knowledge` contract)."""

from __future__ import annotations

import re

from router.domain.knowledge.errors import InvalidKnowledgeError

INTENT_NAME = re.compile(r"[a-z0-9._-]{1,128}")
CATALOG_NAME = re.compile(r"[a-z0-9._-]{1,64}")
SKILL_NAME = re.compile(r"[a-z0-9._-]{1,64}")
ATTRIBUTE_NAME = re.compile(r"[a-z][a-z0-9_]{0,63}")
# BCP 47, the shapes a support desk meets: "ru", "en", "en-GB", "sr-Latn".
LANGUAGE_TAG = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")

MAX_EXAMPLE_CHARS = 1024
MAX_ANSWER_CHARS = 4096
MAX_TITLE_CHARS = 128
MAX_VALUE_CHARS = 256
MAX_ATTRIBUTE_CHARS = 2048


def check_name(pattern: re.Pattern[str], name: str, path: str, what: str) -> None:
    if not pattern.fullmatch(name):
        raise InvalidKnowledgeError(path, f"{what} {name!r} must match {pattern.pattern}")


def check_language(tag: str, path: str) -> None:
    if not LANGUAGE_TAG.fullmatch(tag):
        raise InvalidKnowledgeError(path, f"{tag!r} is not a language tag such as 'ru' or 'en'")


def check_text(text: str, path: str, *, limit: int, what: str = "text") -> None:
    if not text.strip():
        raise InvalidKnowledgeError(path, f"{what} must not be empty")
    if len(text) > limit:
        raise InvalidKnowledgeError(path, f"{what} has {len(text)} characters, at most {limit}")
