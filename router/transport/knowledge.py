"""The Knowledge service: what the bot knows, why it decides what it does, and training.

Reads (Classify included) need a supervisor's token, writes an admin's, as the contract
says. Every write wakes the model trainer, so a change takes effect without a restart.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from grpc import aio

from router.domain.bot.classification import Candidate, Classification, EntityMatch
from router.domain.bot.language import language_of
from router.domain.bot.policy import Answer, BotThresholds, HandOff, decide
from router.domain.clock import Clock
from router.domain.directory import Directory, Role
from router.domain.errors import FailedPreconditionError, InvalidArgumentError, NotFoundError
from router.domain.knowledge import (
    ImportMode,
    ImportSummary,
    KnowledgeBase,
    KnowledgeStore,
    apply_rasa_nlu,
    import_knowledge,
    load_native_yaml,
    parse_rasa_nlu,
)
from router.domain.knowledge.intents import keep_learned_examples
from router.matching.model import BotModel
from router.transport.directory import _next_token, _page, _required, authenticate
from router.transport.knowledge_views import (
    catalog_from_proto,
    catalog_to_proto,
    import_summary_to_proto,
    intent_from_proto,
    intent_to_proto,
)
from router.v1 import common_pb2, knowledge_pb2, knowledge_pb2_grpc

Context = aio.ServicerContext[Any, Any]
MAX_TEXT_CHARS = 4096
MAX_DOCUMENT_BYTES = 16 * 1024 * 1024
EXPLAINED_TERMS = 10
_MODES = {
    knowledge_pb2.IMPORT_MODE_UNSPECIFIED: ImportMode.MERGE,
    knowledge_pb2.IMPORT_MODE_MERGE: ImportMode.MERGE,
    knowledge_pb2.IMPORT_MODE_REPLACE: ImportMode.REPLACE,
}


def _handoff_reason(reason: str) -> Any:
    number: Any = common_pb2.HandoffReason.DESCRIPTOR.values_by_name.get(
        f"HANDOFF_REASON_{reason.upper()}"
    )
    return number.number if number is not None else common_pb2.HANDOFF_REASON_UNSPECIFIED


class KnowledgeServicer(knowledge_pb2_grpc.KnowledgeServicer):
    def __init__(
        self,
        store: KnowledgeStore,
        model: BotModel,
        directory: Directory,
        clock: Clock,
        thresholds: BotThresholds,
    ) -> None:
        self._store = store
        self._model = model
        self._directory = directory
        self._clock = clock
        self._thresholds = thresholds

    async def _require(self, context: Context, role: Role) -> None:
        (await authenticate(self._directory, context)).require(role)

    async def Classify(
        self, request: knowledge_pb2.ClassifyRequest, context: Context
    ) -> knowledge_pb2.ClassifyResponse:
        await self._require(context, Role.SUPERVISOR)
        text = request.text
        if not text.strip() or len(text) > MAX_TEXT_CHARS:
            raise InvalidArgumentError("text", f"required, at most {MAX_TEXT_CHARS} characters")
        if not 0 <= request.max_candidates <= 20:
            raise InvalidArgumentError("max_candidates", "must be within 1..20 (0 means 5)")
        serving = self._model.serving
        if serving is None:
            raise FailedPreconditionError(
                "no model is trained yet: add intents and wait for the training", "NO_MODEL"
            )
        matcher = serving.classifier.matcher
        wanted = request.max_candidates or 5
        result = matcher.classify(text, max(wanted, 3))
        candidates = tuple(Candidate(c.label, c.confidence) for c in result.candidates)
        entities = tuple(EntityMatch(e.kind, e.value, e.start, e.end) for e in result.entities)
        language = request.language.split("-")[0] or language_of(text, "")
        # The bot itself sees its top three (see MatcherClassifier); so does the policy here.
        seen_by_bot = Classification(candidates[:3], entities, result.out_of_scope)
        decision = decide(
            text,
            seen_by_bot,
            serving.answers,
            language=language,
            unhelpful_turns_so_far=0,
            thresholds=self._thresholds,
        )
        response = knowledge_pb2.ClassifyResponse(
            entities=[
                knowledge_pb2.EntityMatch(
                    catalog=e.kind, canonical=e.value, start=e.start, end=e.end, text=e.text
                )
                for e in sorted(result.entities, key=lambda e: (e.start, e.end))
            ],
            out_of_scope=result.out_of_scope,
            language=language,
            model_version=str(serving.version),
        )
        for candidate in candidates[:wanted]:
            explanation = []
            if request.explain:
                _, terms = matcher.explain(text, candidate.intent, EXPLAINED_TERMS)
                explanation = [knowledge_pb2.ExplanationTerm(term=t, weight=w) for t, w in terms]
            response.candidates.append(
                knowledge_pb2.IntentCandidate(
                    intent=candidate.intent, score=candidate.confidence, explanation=explanation
                )
            )
        if isinstance(decision, HandOff):
            response.action = knowledge_pb2.BOT_ACTION_HANDOFF
            response.handoff_reason = _handoff_reason(decision.reason.value)
        elif isinstance(decision, Answer):
            response.action = knowledge_pb2.BOT_ACTION_ANSWER
        else:  # a clarifying question, a question for an entity, a request to rephrase
            response.action = knowledge_pb2.BOT_ACTION_CLARIFY
        return response

    async def GetIntent(
        self, request: knowledge_pb2.GetIntentRequest, context: Context
    ) -> knowledge_pb2.Intent:
        # Agents read intents too: they label what they resolve and insert answers.
        await self._require(context, Role.AGENT)
        stored = await self._store.get_intent(_required(request.name, "name"))
        if stored is None:
            raise NotFoundError(f"no intent {request.name!r}")
        return intent_to_proto(stored.intent, stored.updated_at)

    async def ListIntents(
        self, request: knowledge_pb2.ListIntentsRequest, context: Context
    ) -> knowledge_pb2.ListIntentsResponse:
        await self._require(context, Role.AGENT)
        limit, offset = _page(request.page_size, request.page_token, 200, 1000)
        found = [
            s
            for s in await self._store.list_intents()
            if s.intent.name.startswith(request.name_prefix)
            and (not request.skill or request.skill in s.intent.skill_names())
        ]
        return knowledge_pb2.ListIntentsResponse(
            intents=[
                intent_to_proto(s.intent, s.updated_at, with_examples=False)
                for s in found[offset : offset + limit]
            ],
            next_page_token=_next_token(offset, limit, len(found)),
        )

    async def UpsertIntent(
        self, request: knowledge_pb2.UpsertIntentRequest, context: Context
    ) -> knowledge_pb2.Intent:
        await self._require(context, Role.ADMIN)
        name = _required(request.intent.name, "intent.name")

        def change(kb: KnowledgeBase) -> tuple[KnowledgeBase, None]:
            stored = kb.intent(name)
            new = intent_from_proto(request.intent, stored, kb.catalog_names())
            if not request.replace_learned_examples:
                new = keep_learned_examples(stored, new)
            return kb.with_intents([new]), None

        await self._store.update(change, self._clock.now())
        self._model.knowledge_changed()
        stored = await self._store.get_intent(name)
        if stored is None:  # deleted by a concurrent call in between
            raise NotFoundError(f"no intent {name!r}")
        return intent_to_proto(stored.intent, stored.updated_at)

    async def DeleteIntent(
        self, request: knowledge_pb2.DeleteIntentRequest, context: Context
    ) -> knowledge_pb2.DeleteIntentResponse:
        await self._require(context, Role.ADMIN)
        name = _required(request.name, "name")

        def change(kb: KnowledgeBase) -> tuple[KnowledgeBase, bool]:
            return kb.without_intent(name), kb.intent(name) is not None

        _, existed = await self._store.update(change, self._clock.now())
        self._model.knowledge_changed()
        return knowledge_pb2.DeleteIntentResponse(existed=existed)

    async def ListEntityCatalogs(
        self, request: knowledge_pb2.ListEntityCatalogsRequest, context: Context
    ) -> knowledge_pb2.ListEntityCatalogsResponse:
        await self._require(context, Role.SUPERVISOR)
        limit, offset = _page(request.page_size, request.page_token, 50, 200)
        catalogs = await self._store.list_catalogs()
        return knowledge_pb2.ListEntityCatalogsResponse(
            catalogs=[catalog_to_proto(c) for c in catalogs[offset : offset + limit]],
            next_page_token=_next_token(offset, limit, len(catalogs)),
        )

    async def UpsertEntityCatalog(
        self, request: knowledge_pb2.UpsertEntityCatalogRequest, context: Context
    ) -> knowledge_pb2.EntityCatalog:
        await self._require(context, Role.ADMIN)
        name = _required(request.catalog.name, "catalog.name")

        def change(kb: KnowledgeBase) -> tuple[KnowledgeBase, None]:
            catalog = catalog_from_proto(request.catalog, kb.catalog(name), kb)
            return kb.with_catalogs([catalog]), None

        snapshot, _ = await self._store.update(change, self._clock.now())
        self._model.knowledge_changed()
        stored = snapshot.kb.catalog(name)
        assert stored is not None
        return catalog_to_proto(stored)

    async def DeleteEntityCatalog(
        self, request: knowledge_pb2.DeleteEntityCatalogRequest, context: Context
    ) -> knowledge_pb2.DeleteEntityCatalogResponse:
        await self._require(context, Role.ADMIN)
        name = _required(request.name, "name")

        def change(kb: KnowledgeBase) -> tuple[KnowledgeBase, bool]:
            return kb.without_catalog(name), kb.catalog(name) is not None

        _, existed = await self._store.update(change, self._clock.now())
        self._model.knowledge_changed()
        return knowledge_pb2.DeleteEntityCatalogResponse(existed=existed)

    async def ImportKnowledge(
        self, request: knowledge_pb2.ImportKnowledgeRequest, context: Context
    ) -> knowledge_pb2.ImportKnowledgeResponse:
        await self._require(context, Role.ADMIN)
        mode = _MODES.get(request.mode)
        if mode is None:
            raise InvalidArgumentError("mode", f"unknown mode {request.mode}")
        if len(request.content) > MAX_DOCUMENT_BYTES:
            raise InvalidArgumentError("content", "at most 16 MiB")
        try:
            text = request.content.decode("utf-8")
        except UnicodeDecodeError as error:
            raise InvalidArgumentError("content", f"not UTF-8: {error}") from None
        change = _importer(request.format, text, mode)
        if request.dry_run:
            _, summary = change((await self._store.snapshot()).kb)
            return import_summary_to_proto(summary)
        _, summary = await self._store.update(change, self._clock.now())
        self._model.knowledge_changed()
        response = import_summary_to_proto(summary)
        response.training.CopyFrom(await self._status())
        return response

    async def StartTraining(
        self, request: knowledge_pb2.StartTrainingRequest, context: Context
    ) -> knowledge_pb2.TrainingStatus:
        await self._require(context, Role.ADMIN)
        # The trainer brings the model up to the knowledge base's version; waking it is
        # idempotent, and a model already current is not trained again.
        self._model.knowledge_changed()
        return await self._status()

    async def GetTrainingStatus(
        self, request: knowledge_pb2.GetTrainingStatusRequest, context: Context
    ) -> knowledge_pb2.TrainingStatus:
        await self._require(context, Role.SUPERVISOR)
        return await self._status()

    async def _status(self) -> knowledge_pb2.TrainingStatus:
        snapshot = await self._store.snapshot()
        model = self._model
        serving = model.serving
        status = knowledge_pb2.TrainingStatus(model_version=str(serving.version) if serving else "")
        kb = snapshot.kb
        if model.training_version is not None:
            status.state = knowledge_pb2.TRAINING_STATE_RUNNING
            status.training_id = f"kb-v{model.training_version}"
        elif serving is not None and serving.version == snapshot.version:
            status.state = knowledge_pb2.TRAINING_STATE_SUCCEEDED
            status.training_id = f"kb-v{serving.version}"
            kb = serving.answers.kb
        elif model.last_error:
            status.state = knowledge_pb2.TRAINING_STATE_FAILED
            status.training_id = f"kb-v{snapshot.version}"
            status.error_message = model.last_error
        elif serving is None and not snapshot.kb.intents:
            status.state = knowledge_pb2.TRAINING_STATE_NEVER_TRAINED
        else:
            status.state = knowledge_pb2.TRAINING_STATE_PENDING
            status.training_id = f"kb-v{snapshot.version}"
        status.intent_count = len(kb.intents)
        status.example_count = kb.example_count()
        return status


def _importer(
    format: int, text: str, mode: ImportMode
) -> Callable[[KnowledgeBase], tuple[KnowledgeBase, ImportSummary]]:
    """The change an import makes, parsed up front so a bad document fails before any
    transaction; InvalidKnowledgeError carries the path and the line."""
    if format == knowledge_pb2.IMPORT_FORMAT_NATIVE_YAML:
        document = load_native_yaml(text)

        def native(kb: KnowledgeBase) -> tuple[KnowledgeBase, ImportSummary]:
            # What operators taught an intent survives its re-import, as with UpsertIntent.
            kept = tuple(keep_learned_examples(kb.intent(i.name), i) for i in document.intents)
            merged = dataclasses.replace(document, intents=kept) if kept else document
            return import_knowledge(kb, merged, mode)

        return native
    if format == knowledge_pb2.IMPORT_FORMAT_RASA_NLU_YAML:
        # A Rasa project states its language in config.yml, not in nlu.yml: the examples'
        # script decides (Cyrillic → ru, else en).
        probe = parse_rasa_nlu(text, "en")
        sample = " ".join(t for texts in probe.examples.values() for t in texts)
        nlu = dataclasses.replace(probe, language=language_of(sample, ""))
        return lambda kb: apply_rasa_nlu(kb, nlu, mode)
    raise InvalidArgumentError("format", "required: native YAML or Rasa NLU YAML")


def knowledge_registration(
    store: KnowledgeStore,
    model: BotModel,
    directory: Directory,
    clock: Clock,
    thresholds: BotThresholds,
) -> Callable[[aio.Server], list[str]]:
    """Adds the Knowledge service to a server (for `GrpcServer`'s registration list)."""

    def register(server: aio.Server) -> list[str]:
        servicer = KnowledgeServicer(store, model, directory, clock, thresholds)
        knowledge_pb2_grpc.add_KnowledgeServicer_to_server(servicer, server)  # type: ignore[no-untyped-call]
        return [knowledge_pb2.DESCRIPTOR.services_by_name["Knowledge"].full_name]

    return register
