"""Intents: what a customer wants, how they say it, and how the bot answers or hands off."""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Mapping
from dataclasses import dataclass, field

DEFAULT_SKILL = "general"


class ExampleSource(enum.Enum):
    CURATED = "curated"  # written by an admin
    IMPORTED = "imported"  # came with an imported document
    OPERATOR_RESOLUTION = "operator_resolution"  # learned from a resolved conversation


@dataclass(frozen=True)
class Example:
    """A phrase a customer might write for an intent, in one language."""

    text: str
    language: str
    source: ExampleSource = ExampleSource.CURATED
    conversation_id: str = ""  # for OPERATOR_RESOLUTION: where it was learned


@dataclass(frozen=True)
class SkillRequirement:
    """A skill a hand-off with the intent needs, and the least level (1..10) that will do."""

    skill: str
    min_level: int = 1


@dataclass(frozen=True)
class ValueAnswer:
    """An answer for one value of one catalog, used instead of the intent's general answer
    (e.g. the roaming answer for Turkey when its rules differ from the template's)."""

    catalog: str
    value: str
    answers: Mapping[str, str]


@dataclass(frozen=True)
class Intent:
    """Something a customer wants, e.g. `office.address`.

    `answers` are templates per language (see `templates`); `entities` are the catalogs
    the answers need a value of; `skills` are what a hand-off needs, the first primary;
    `operator_only` intents are recognised by the bot and handed off at once.
    """

    name: str
    examples: tuple[Example, ...] = ()
    answers: Mapping[str, str] = field(default_factory=dict)
    entities: tuple[str, ...] = ()
    value_answers: tuple[ValueAnswer, ...] = ()
    skills: tuple[SkillRequirement, ...] = ()
    operator_only: bool = False
    display_name: str = ""
    description: str = ""
    titles: Mapping[str, str] = field(default_factory=dict)  # quick-reply titles

    def __post_init__(self) -> None:
        # Grouped by language (stable within one), so the order examples were added in
        # across languages does not make two equal intents differ.
        object.__setattr__(self, "examples", tuple(sorted(self.examples, key=lambda e: e.language)))

    def examples_in(self, language: str) -> tuple[Example, ...]:
        return tuple(e for e in self.examples if e.language == language)

    def languages_with_examples(self) -> frozenset[str]:
        return frozenset(e.language for e in self.examples)

    def skill_names(self) -> tuple[str, ...]:
        """The skills in order, `general` when none is set (as the contract says)."""
        return tuple(s.skill for s in self.skills) or (DEFAULT_SKILL,)

    def value_answer(self, catalog: str, value: str, language: str) -> str | None:
        for answer in self.value_answers:
            if answer.catalog == catalog and answer.value == value and language in answer.answers:
                return answer.answers[language]
        return None

    def title(self, language: str) -> str:
        return self.titles.get(language) or self.display_name or self.name


def keep_learned_examples(old: Intent | None, new: Intent) -> Intent:
    """`new`, plus the examples learned from operators that `old` had and `new` omits: an
    admin editing an intent does not silently throw away what operators taught the bot."""
    if old is None:
        return new
    have = {(e.language, e.text) for e in new.examples}
    learned = tuple(
        e
        for e in old.examples
        if e.source is ExampleSource.OPERATOR_RESOLUTION and (e.language, e.text) not in have
    )
    return dataclasses.replace(new, examples=new.examples + learned) if learned else new
