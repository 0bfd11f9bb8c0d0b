import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from router.v1 import common_pb2 as _common_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ExampleSource(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    EXAMPLE_SOURCE_UNSPECIFIED: _ClassVar[ExampleSource]
    EXAMPLE_SOURCE_CURATED: _ClassVar[ExampleSource]
    EXAMPLE_SOURCE_IMPORTED: _ClassVar[ExampleSource]
    EXAMPLE_SOURCE_OPERATOR_RESOLUTION: _ClassVar[ExampleSource]

class BotAction(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    BOT_ACTION_UNSPECIFIED: _ClassVar[BotAction]
    BOT_ACTION_ANSWER: _ClassVar[BotAction]
    BOT_ACTION_CLARIFY: _ClassVar[BotAction]
    BOT_ACTION_HANDOFF: _ClassVar[BotAction]

class ImportFormat(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    IMPORT_FORMAT_UNSPECIFIED: _ClassVar[ImportFormat]
    IMPORT_FORMAT_NATIVE_YAML: _ClassVar[ImportFormat]
    IMPORT_FORMAT_RASA_NLU_YAML: _ClassVar[ImportFormat]

class ImportMode(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    IMPORT_MODE_UNSPECIFIED: _ClassVar[ImportMode]
    IMPORT_MODE_MERGE: _ClassVar[ImportMode]
    IMPORT_MODE_REPLACE: _ClassVar[ImportMode]

class TrainingState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    TRAINING_STATE_UNSPECIFIED: _ClassVar[TrainingState]
    TRAINING_STATE_NEVER_TRAINED: _ClassVar[TrainingState]
    TRAINING_STATE_PENDING: _ClassVar[TrainingState]
    TRAINING_STATE_RUNNING: _ClassVar[TrainingState]
    TRAINING_STATE_SUCCEEDED: _ClassVar[TrainingState]
    TRAINING_STATE_FAILED: _ClassVar[TrainingState]
EXAMPLE_SOURCE_UNSPECIFIED: ExampleSource
EXAMPLE_SOURCE_CURATED: ExampleSource
EXAMPLE_SOURCE_IMPORTED: ExampleSource
EXAMPLE_SOURCE_OPERATOR_RESOLUTION: ExampleSource
BOT_ACTION_UNSPECIFIED: BotAction
BOT_ACTION_ANSWER: BotAction
BOT_ACTION_CLARIFY: BotAction
BOT_ACTION_HANDOFF: BotAction
IMPORT_FORMAT_UNSPECIFIED: ImportFormat
IMPORT_FORMAT_NATIVE_YAML: ImportFormat
IMPORT_FORMAT_RASA_NLU_YAML: ImportFormat
IMPORT_MODE_UNSPECIFIED: ImportMode
IMPORT_MODE_MERGE: ImportMode
IMPORT_MODE_REPLACE: ImportMode
TRAINING_STATE_UNSPECIFIED: TrainingState
TRAINING_STATE_NEVER_TRAINED: TrainingState
TRAINING_STATE_PENDING: TrainingState
TRAINING_STATE_RUNNING: TrainingState
TRAINING_STATE_SUCCEEDED: TrainingState
TRAINING_STATE_FAILED: TrainingState

class TrainingExample(_message.Message):
    __slots__ = ("text", "language", "source", "conversation_id")
    TEXT_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    CONVERSATION_ID_FIELD_NUMBER: _ClassVar[int]
    text: str
    language: str
    source: ExampleSource
    conversation_id: str
    def __init__(self, text: _Optional[str] = ..., language: _Optional[str] = ..., source: _Optional[_Union[ExampleSource, str]] = ..., conversation_id: _Optional[str] = ...) -> None: ...

class AnswerTemplate(_message.Message):
    __slots__ = ("language", "text", "quick_replies", "attachments")
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    QUICK_REPLIES_FIELD_NUMBER: _ClassVar[int]
    ATTACHMENTS_FIELD_NUMBER: _ClassVar[int]
    language: str
    text: str
    quick_replies: _containers.RepeatedCompositeFieldContainer[_common_pb2.QuickReply]
    attachments: _containers.RepeatedCompositeFieldContainer[_common_pb2.Attachment]
    def __init__(self, language: _Optional[str] = ..., text: _Optional[str] = ..., quick_replies: _Optional[_Iterable[_Union[_common_pb2.QuickReply, _Mapping]]] = ..., attachments: _Optional[_Iterable[_Union[_common_pb2.Attachment, _Mapping]]] = ...) -> None: ...

class Intent(_message.Message):
    __slots__ = ("name", "display_name", "description", "examples", "answers", "skills", "operator_only", "updated_at", "example_count")
    NAME_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    EXAMPLES_FIELD_NUMBER: _ClassVar[int]
    ANSWERS_FIELD_NUMBER: _ClassVar[int]
    SKILLS_FIELD_NUMBER: _ClassVar[int]
    OPERATOR_ONLY_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    EXAMPLE_COUNT_FIELD_NUMBER: _ClassVar[int]
    name: str
    display_name: str
    description: str
    examples: _containers.RepeatedCompositeFieldContainer[TrainingExample]
    answers: _containers.RepeatedCompositeFieldContainer[AnswerTemplate]
    skills: _containers.RepeatedScalarFieldContainer[str]
    operator_only: bool
    updated_at: _timestamp_pb2.Timestamp
    example_count: int
    def __init__(self, name: _Optional[str] = ..., display_name: _Optional[str] = ..., description: _Optional[str] = ..., examples: _Optional[_Iterable[_Union[TrainingExample, _Mapping]]] = ..., answers: _Optional[_Iterable[_Union[AnswerTemplate, _Mapping]]] = ..., skills: _Optional[_Iterable[str]] = ..., operator_only: _Optional[bool] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., example_count: _Optional[int] = ...) -> None: ...

class EntityCatalog(_message.Message):
    __slots__ = ("name", "values")
    NAME_FIELD_NUMBER: _ClassVar[int]
    VALUES_FIELD_NUMBER: _ClassVar[int]
    name: str
    values: _containers.RepeatedCompositeFieldContainer[EntityValue]
    def __init__(self, name: _Optional[str] = ..., values: _Optional[_Iterable[_Union[EntityValue, _Mapping]]] = ...) -> None: ...

class EntityValue(_message.Message):
    __slots__ = ("canonical", "synonyms")
    CANONICAL_FIELD_NUMBER: _ClassVar[int]
    SYNONYMS_FIELD_NUMBER: _ClassVar[int]
    canonical: str
    synonyms: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, canonical: _Optional[str] = ..., synonyms: _Optional[_Iterable[str]] = ...) -> None: ...

class EntityMatch(_message.Message):
    __slots__ = ("catalog", "canonical", "start", "end", "text")
    CATALOG_FIELD_NUMBER: _ClassVar[int]
    CANONICAL_FIELD_NUMBER: _ClassVar[int]
    START_FIELD_NUMBER: _ClassVar[int]
    END_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    catalog: str
    canonical: str
    start: int
    end: int
    text: str
    def __init__(self, catalog: _Optional[str] = ..., canonical: _Optional[str] = ..., start: _Optional[int] = ..., end: _Optional[int] = ..., text: _Optional[str] = ...) -> None: ...

class ExplanationTerm(_message.Message):
    __slots__ = ("term", "weight")
    TERM_FIELD_NUMBER: _ClassVar[int]
    WEIGHT_FIELD_NUMBER: _ClassVar[int]
    term: str
    weight: float
    def __init__(self, term: _Optional[str] = ..., weight: _Optional[float] = ...) -> None: ...

class IntentCandidate(_message.Message):
    __slots__ = ("intent", "score", "explanation")
    INTENT_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    EXPLANATION_FIELD_NUMBER: _ClassVar[int]
    intent: str
    score: float
    explanation: _containers.RepeatedCompositeFieldContainer[ExplanationTerm]
    def __init__(self, intent: _Optional[str] = ..., score: _Optional[float] = ..., explanation: _Optional[_Iterable[_Union[ExplanationTerm, _Mapping]]] = ...) -> None: ...

class ClassifyRequest(_message.Message):
    __slots__ = ("text", "language", "max_candidates", "explain")
    TEXT_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    MAX_CANDIDATES_FIELD_NUMBER: _ClassVar[int]
    EXPLAIN_FIELD_NUMBER: _ClassVar[int]
    text: str
    language: str
    max_candidates: int
    explain: bool
    def __init__(self, text: _Optional[str] = ..., language: _Optional[str] = ..., max_candidates: _Optional[int] = ..., explain: _Optional[bool] = ...) -> None: ...

class ClassifyResponse(_message.Message):
    __slots__ = ("candidates", "entities", "out_of_scope", "action", "handoff_reason", "language", "model_version")
    CANDIDATES_FIELD_NUMBER: _ClassVar[int]
    ENTITIES_FIELD_NUMBER: _ClassVar[int]
    OUT_OF_SCOPE_FIELD_NUMBER: _ClassVar[int]
    ACTION_FIELD_NUMBER: _ClassVar[int]
    HANDOFF_REASON_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    MODEL_VERSION_FIELD_NUMBER: _ClassVar[int]
    candidates: _containers.RepeatedCompositeFieldContainer[IntentCandidate]
    entities: _containers.RepeatedCompositeFieldContainer[EntityMatch]
    out_of_scope: bool
    action: BotAction
    handoff_reason: _common_pb2.HandoffReason
    language: str
    model_version: str
    def __init__(self, candidates: _Optional[_Iterable[_Union[IntentCandidate, _Mapping]]] = ..., entities: _Optional[_Iterable[_Union[EntityMatch, _Mapping]]] = ..., out_of_scope: _Optional[bool] = ..., action: _Optional[_Union[BotAction, str]] = ..., handoff_reason: _Optional[_Union[_common_pb2.HandoffReason, str]] = ..., language: _Optional[str] = ..., model_version: _Optional[str] = ...) -> None: ...

class GetIntentRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class ListIntentsRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "skill", "name_prefix")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    SKILL_FIELD_NUMBER: _ClassVar[int]
    NAME_PREFIX_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    skill: str
    name_prefix: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., skill: _Optional[str] = ..., name_prefix: _Optional[str] = ...) -> None: ...

class ListIntentsResponse(_message.Message):
    __slots__ = ("intents", "next_page_token")
    INTENTS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    intents: _containers.RepeatedCompositeFieldContainer[Intent]
    next_page_token: str
    def __init__(self, intents: _Optional[_Iterable[_Union[Intent, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class UpsertIntentRequest(_message.Message):
    __slots__ = ("intent", "replace_learned_examples")
    INTENT_FIELD_NUMBER: _ClassVar[int]
    REPLACE_LEARNED_EXAMPLES_FIELD_NUMBER: _ClassVar[int]
    intent: Intent
    replace_learned_examples: bool
    def __init__(self, intent: _Optional[_Union[Intent, _Mapping]] = ..., replace_learned_examples: _Optional[bool] = ...) -> None: ...

class DeleteIntentRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class DeleteIntentResponse(_message.Message):
    __slots__ = ("existed",)
    EXISTED_FIELD_NUMBER: _ClassVar[int]
    existed: bool
    def __init__(self, existed: _Optional[bool] = ...) -> None: ...

class ListEntityCatalogsRequest(_message.Message):
    __slots__ = ("page_size", "page_token")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListEntityCatalogsResponse(_message.Message):
    __slots__ = ("catalogs", "next_page_token")
    CATALOGS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    catalogs: _containers.RepeatedCompositeFieldContainer[EntityCatalog]
    next_page_token: str
    def __init__(self, catalogs: _Optional[_Iterable[_Union[EntityCatalog, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class UpsertEntityCatalogRequest(_message.Message):
    __slots__ = ("catalog",)
    CATALOG_FIELD_NUMBER: _ClassVar[int]
    catalog: EntityCatalog
    def __init__(self, catalog: _Optional[_Union[EntityCatalog, _Mapping]] = ...) -> None: ...

class DeleteEntityCatalogRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class DeleteEntityCatalogResponse(_message.Message):
    __slots__ = ("existed",)
    EXISTED_FIELD_NUMBER: _ClassVar[int]
    existed: bool
    def __init__(self, existed: _Optional[bool] = ...) -> None: ...

class ImportKnowledgeRequest(_message.Message):
    __slots__ = ("format", "content", "mode", "dry_run")
    FORMAT_FIELD_NUMBER: _ClassVar[int]
    CONTENT_FIELD_NUMBER: _ClassVar[int]
    MODE_FIELD_NUMBER: _ClassVar[int]
    DRY_RUN_FIELD_NUMBER: _ClassVar[int]
    format: ImportFormat
    content: bytes
    mode: ImportMode
    dry_run: bool
    def __init__(self, format: _Optional[_Union[ImportFormat, str]] = ..., content: _Optional[bytes] = ..., mode: _Optional[_Union[ImportMode, str]] = ..., dry_run: _Optional[bool] = ...) -> None: ...

class ImportKnowledgeResponse(_message.Message):
    __slots__ = ("intents_created", "intents_updated", "intents_deleted", "examples_imported", "catalogs_imported", "warnings", "training")
    INTENTS_CREATED_FIELD_NUMBER: _ClassVar[int]
    INTENTS_UPDATED_FIELD_NUMBER: _ClassVar[int]
    INTENTS_DELETED_FIELD_NUMBER: _ClassVar[int]
    EXAMPLES_IMPORTED_FIELD_NUMBER: _ClassVar[int]
    CATALOGS_IMPORTED_FIELD_NUMBER: _ClassVar[int]
    WARNINGS_FIELD_NUMBER: _ClassVar[int]
    TRAINING_FIELD_NUMBER: _ClassVar[int]
    intents_created: int
    intents_updated: int
    intents_deleted: int
    examples_imported: int
    catalogs_imported: int
    warnings: _containers.RepeatedScalarFieldContainer[str]
    training: TrainingStatus
    def __init__(self, intents_created: _Optional[int] = ..., intents_updated: _Optional[int] = ..., intents_deleted: _Optional[int] = ..., examples_imported: _Optional[int] = ..., catalogs_imported: _Optional[int] = ..., warnings: _Optional[_Iterable[str]] = ..., training: _Optional[_Union[TrainingStatus, _Mapping]] = ...) -> None: ...

class StartTrainingRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class GetTrainingStatusRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class TrainingStatus(_message.Message):
    __slots__ = ("training_id", "state", "requested_at", "started_at", "finished_at", "error_message", "model_version", "intent_count", "example_count", "accuracy")
    TRAINING_ID_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    REQUESTED_AT_FIELD_NUMBER: _ClassVar[int]
    STARTED_AT_FIELD_NUMBER: _ClassVar[int]
    FINISHED_AT_FIELD_NUMBER: _ClassVar[int]
    ERROR_MESSAGE_FIELD_NUMBER: _ClassVar[int]
    MODEL_VERSION_FIELD_NUMBER: _ClassVar[int]
    INTENT_COUNT_FIELD_NUMBER: _ClassVar[int]
    EXAMPLE_COUNT_FIELD_NUMBER: _ClassVar[int]
    ACCURACY_FIELD_NUMBER: _ClassVar[int]
    training_id: str
    state: TrainingState
    requested_at: _timestamp_pb2.Timestamp
    started_at: _timestamp_pb2.Timestamp
    finished_at: _timestamp_pb2.Timestamp
    error_message: str
    model_version: str
    intent_count: int
    example_count: int
    accuracy: float
    def __init__(self, training_id: _Optional[str] = ..., state: _Optional[_Union[TrainingState, str]] = ..., requested_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., started_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., finished_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., error_message: _Optional[str] = ..., model_version: _Optional[str] = ..., intent_count: _Optional[int] = ..., example_count: _Optional[int] = ..., accuracy: _Optional[float] = ...) -> None: ...
