"""What the matcher says about a message, in the domain's terms."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Candidate:
    intent: str
    confidence: float  # calibrated, in [0, 1]


@dataclass(frozen=True, slots=True)
class EntityMatch:
    catalog: str  # e.g. "tariff", "city"
    value: str  # the catalog's canonical value, e.g. "Екатеринбург" for «Ебург»
    start: int  # span in the original text, in code points
    end: int


@dataclass(frozen=True, slots=True)
class Classification:
    candidates: tuple[Candidate, ...]  # best first
    entities: tuple[EntityMatch, ...] = ()
    out_of_scope: bool = False

    @property
    def top(self) -> Candidate | None:
        return self.candidates[0] if self.candidates else None

    @property
    def margin(self) -> float:
        """How far the best candidate leads the second (1.0 when there is no second)."""
        if not self.candidates:
            return 0.0
        second = self.candidates[1].confidence if len(self.candidates) > 1 else 0.0
        return self.candidates[0].confidence - second

    def entity_values(self) -> dict[str, str]:
        """catalog → canonical value, the first match of each catalog winning."""
        values: dict[str, str] = {}
        for match in self.entities:
            values.setdefault(match.catalog, match.value)
        return values
