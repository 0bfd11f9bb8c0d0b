"""The knowledge base: intents and entity catalogs, validated as one aggregate.

Every instance is valid (construction validates), immutable, and ordered by name, so two
knowledge bases with the same content compare equal and export to the same text. Changes
return a new instance; the old one stays usable by whoever holds it (a matcher serving
the previous version while the next one trains).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from router.domain.knowledge.catalogs import EntityCatalog
from router.domain.knowledge.intents import Intent
from router.domain.knowledge.validation import validate_knowledge

DEFAULT_LANGUAGES = ("ru", "en")


@dataclass(frozen=True)
class KnowledgeBase:
    """`languages` are those every answered intent must have examples and answers in."""

    languages: tuple[str, ...] = DEFAULT_LANGUAGES
    intents: tuple[Intent, ...] = ()
    catalogs: tuple[EntityCatalog, ...] = ()
    _intents: dict[str, Intent] = field(init=False, repr=False, compare=False)
    _catalogs: dict[str, EntityCatalog] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        validate_knowledge(self.languages, self.intents, self.catalogs)
        object.__setattr__(self, "intents", tuple(sorted(self.intents, key=lambda i: i.name)))
        object.__setattr__(self, "catalogs", tuple(sorted(self.catalogs, key=lambda c: c.name)))
        object.__setattr__(self, "_intents", {i.name: i for i in self.intents})
        object.__setattr__(self, "_catalogs", {c.name: c for c in self.catalogs})

    def intent(self, name: str) -> Intent | None:
        return self._intents.get(name)

    def catalog(self, name: str) -> EntityCatalog | None:
        return self._catalogs.get(name)

    def intent_names(self) -> tuple[str, ...]:
        return tuple(self._intents)

    def catalog_names(self) -> tuple[str, ...]:
        return tuple(self._catalogs)

    def with_intents(self, intents: Iterable[Intent]) -> KnowledgeBase:
        """Creates or replaces the given intents (by name); validates the result."""
        merged = dict(self._intents)
        merged.update((i.name, i) for i in intents)
        return KnowledgeBase(self.languages, tuple(merged.values()), self.catalogs)

    def without_intent(self, name: str) -> KnowledgeBase:
        kept = tuple(i for i in self.intents if i.name != name)
        return KnowledgeBase(self.languages, kept, self.catalogs)

    def with_catalogs(self, catalogs: Iterable[EntityCatalog]) -> KnowledgeBase:
        """Creates or replaces the given catalogs (by name); validates the result, so a
        catalog losing a value an answer depends on is refused."""
        merged = dict(self._catalogs)
        merged.update((c.name, c) for c in catalogs)
        return KnowledgeBase(self.languages, self.intents, tuple(merged.values()))

    def without_catalog(self, name: str) -> KnowledgeBase:
        """Refused (InvalidKnowledgeError) while an intent still uses the catalog."""
        kept = tuple(c for c in self.catalogs if c.name != name)
        return KnowledgeBase(self.languages, self.intents, kept)

    def example_count(self) -> int:
        return sum(len(i.examples) for i in self.intents)
