"""The bot's current model, kept in step with the knowledge base.

A new knowledge-base version is trained in a worker thread (the Rust trainer releases the
GIL) while the previous model keeps answering; the classifier and the answers of the new
version then replace the old pair in one assignment, so a turn never sees a model of one
version with answers of another. Each trained model is saved beside the database, so a
restart loads it instead of training again.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from dataclasses import dataclass
from pathlib import Path

import matcher_rs
from router.domain.knowledge.ports import KnowledgeSnapshot, KnowledgeStore
from router.matching.adapters import KnowledgeAnswers, MatcherClassifier
from router.matching.training import model_path, train

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ServingModel:
    version: int
    classifier: MatcherClassifier
    answers: KnowledgeAnswers


class BotModel:
    def __init__(self, store: KnowledgeStore, db_path: Path, *, poll_seconds: float = 2.0) -> None:
        self._store = store
        self._db_path = db_path
        self._poll_seconds = poll_seconds
        self._changed = asyncio.Event()
        self.serving: ServingModel | None = None
        self.training_version: int | None = None
        self.last_error: str = ""

    def knowledge_changed(self) -> None:
        """Wakes the watcher at once instead of at its next poll."""
        self._changed.set()

    async def refresh(self) -> ServingModel | None:
        """Brings the serving model up to the knowledge base's current version."""
        snapshot = await self._store.snapshot()
        if self.serving is not None and self.serving.version == snapshot.version:
            return self.serving
        if not snapshot.kb.intents:
            return self.serving  # nothing to learn from: the bot hands everything over
        self.training_version = snapshot.version
        try:
            matcher = await asyncio.to_thread(self._load_or_train, snapshot)
        except matcher_rs.MatcherError as error:
            # A knowledge base the matcher cannot learn (one intent, say) leaves the
            # previous model serving; the error is reported through training status.
            self.last_error = str(error)
            log.error("training failed", extra={"version": snapshot.version, "error": str(error)})
            return self.serving
        finally:
            self.training_version = None
        self.last_error = ""
        self.serving = ServingModel(
            snapshot.version, MatcherClassifier(matcher), KnowledgeAnswers(snapshot.kb)
        )
        return self.serving

    def _load_or_train(self, snapshot: KnowledgeSnapshot) -> matcher_rs.Matcher:
        path = model_path(self._db_path, snapshot.version)
        if path.exists():
            try:
                matcher = matcher_rs.Matcher.load(path)
                log.info("model loaded", extra={"version": snapshot.version, "path": str(path)})
                return matcher
            except matcher_rs.ModelFileError:
                log.warning("model file unreadable; training again", extra={"path": str(path)})
        started = time.perf_counter()
        matcher = train(snapshot.kb)
        matcher.save(path)
        for stale in path.parent.glob(f"{self._db_path.stem}.model-v*.bin"):
            if stale != path:
                stale.unlink(missing_ok=True)
        log.info(
            "model trained",
            extra={
                "version": snapshot.version,
                "intents": len(snapshot.kb.intents),
                "examples": snapshot.kb.example_count(),
                "seconds": round(time.perf_counter() - started, 2),
            },
        )
        return matcher

    async def run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            # Cleared before the work, so a wake-up that lands during it is kept.
            self._changed.clear()
            try:
                await self.refresh()
            except Exception:
                log.exception("model refresh failed")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), self._poll_seconds)
