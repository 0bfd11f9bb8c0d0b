"""Entity catalogs: the values the bot recognises in text (tariffs, cities, countries …)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

# An attribute value for every language at once (a price, a phone number) is kept under
# this key; a localized one (an address, a name) under each language's tag.
ANY_LANGUAGE = "*"


@dataclass(frozen=True)
class EntityValue:
    """One value of a catalog, with the ways customers write it and the data answers use.

    `attributes` maps an attribute name (`price`, `address`, `hours`, `apn`) to its text per
    language, or under `ANY_LANGUAGE` when it reads the same in every language.
    """

    canonical: str
    synonyms: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    attributes: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    def attribute(self, name: str, language: str) -> str | None:
        """The attribute's text in `language`, else its language-neutral text, else None."""
        texts = self.attributes.get(name)
        if texts is None:
            return None
        return texts.get(language, texts.get(ANY_LANGUAGE))

    def all_synonyms(self) -> tuple[str, ...]:
        return tuple(s for language in sorted(self.synonyms) for s in self.synonyms[language])


@dataclass(frozen=True)
class EntityCatalog:
    """A named list of values; `questions` is how the bot asks for one, per language."""

    name: str
    values: tuple[EntityValue, ...] = ()
    questions: Mapping[str, str] = field(default_factory=dict)

    def value(self, canonical: str) -> EntityValue | None:
        for value in self.values:
            if value.canonical == canonical:
                return value
        return None

    def canonicals(self) -> tuple[str, ...]:
        return tuple(v.canonical for v in self.values)
