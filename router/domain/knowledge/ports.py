"""What the knowledge base needs from storage."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol, TypeVar

from router.domain.knowledge.base import KnowledgeBase
from router.domain.knowledge.catalogs import EntityCatalog
from router.domain.knowledge.intents import Intent

T = TypeVar("T")


@dataclass(frozen=True)
class KnowledgeSnapshot:
    """The whole knowledge base at one version. The version grows by one with every
    change that changed something, so a matcher trained on version N knows it is stale."""

    version: int
    kb: KnowledgeBase


@dataclass(frozen=True)
class StoredIntent:
    intent: Intent
    updated_at: float  # when the intent last changed, seconds since the epoch


class KnowledgeStore(Protocol):
    async def snapshot(self) -> KnowledgeSnapshot:
        """The current knowledge base and its version, read in one transaction."""
        ...

    async def version(self) -> int: ...

    async def get_intent(self, name: str) -> StoredIntent | None: ...

    async def list_intents(self) -> list[StoredIntent]:
        """Every intent, ordered by name."""
        ...

    async def list_catalogs(self) -> list[EntityCatalog]:
        """Every entity catalog, ordered by name."""
        ...

    async def upsert_intent(
        self, intent: Intent, now: float, *, replace_learned_examples: bool = False
    ) -> KnowledgeSnapshot:
        """Creates or replaces the intent; InvalidKnowledgeError (nothing written) if the
        knowledge base would not be valid with it. Examples learned from operators that
        `intent` omits are kept unless `replace_learned_examples`."""
        ...

    async def delete_intent(self, name: str) -> bool:
        """False if there was none."""
        ...

    async def upsert_catalog(self, catalog: EntityCatalog) -> KnowledgeSnapshot:
        """Creates or replaces the catalog; refused if an answer would lose data it reads."""
        ...

    async def delete_catalog(self, name: str) -> bool:
        """False if there was none; InvalidKnowledgeError while an intent uses it."""
        ...

    async def replace_all(self, kb: KnowledgeBase, now: float) -> KnowledgeSnapshot:
        """Makes `kb` the whole knowledge base, in one transaction."""
        ...

    async def update(
        self, change: Callable[[KnowledgeBase], tuple[KnowledgeBase, T]], now: float
    ) -> tuple[KnowledgeSnapshot, T]:
        """Reads the knowledge base, applies `change`, writes what differs and bumps the
        version if anything did — all in one transaction. If `change` raises, nothing is
        written. Imports use it with `import_knowledge` / `apply_rasa_nlu`."""
        ...
