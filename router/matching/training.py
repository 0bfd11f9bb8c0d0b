"""Training the matcher from a knowledge base, and keeping the model file beside the store."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import matcher_rs
from router.domain.knowledge.base import KnowledgeBase
from router.domain.knowledge.training import entity_synonyms, training_examples
from router.matching.threshold import fit_threshold


def entity_catalogs(kb: KnowledgeBase) -> dict[str, dict[str, list[str]]]:
    """The knowledge base's synonyms, with each canonical value as one of its own forms:
    customers write «Мой онлайн» as often as any nickname of it."""
    return {
        catalog: {value: [value, *forms] for value, forms in values.items()}
        for catalog, values in entity_synonyms(kb).items()
    }


def train(
    kb: KnowledgeBase, progress: Callable[[int, int], object] | None = None
) -> matcher_rs.Matcher:
    """A matcher for `kb`. Runs without the GIL inside Rust, so it can train in a thread
    while the router keeps serving with the previous model."""
    examples: Sequence[tuple[str, str]] = training_examples(kb)
    catalogs: Mapping[str, Mapping[str, Sequence[str]]] = entity_catalogs(kb)
    matcher = matcher_rs.Matcher.train(examples, catalogs, progress=progress)
    matcher.threshold = fit_threshold(examples, catalogs)
    return matcher


def model_path(db_path: Path, version: int) -> Path:
    """The model file for knowledge-base version `version`, next to the database."""
    return db_path.with_name(f"{db_path.stem}.model-v{version}.bin")
