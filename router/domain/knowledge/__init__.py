"""The bot's knowledge base: intents, entity catalogs, answers, and their YAML formats."""

from router.domain.knowledge.base import DEFAULT_LANGUAGES, KnowledgeBase
from router.domain.knowledge.catalogs import ANY_LANGUAGE, EntityCatalog, EntityValue
from router.domain.knowledge.errors import InvalidKnowledgeError
from router.domain.knowledge.formats.native import (
    dump_native_yaml,
    load_native_documents,
    load_native_yaml,
)
from router.domain.knowledge.formats.rasa import RasaNlu, apply_rasa_nlu, parse_rasa_nlu
from router.domain.knowledge.importing import ImportMode, ImportSummary, import_knowledge
from router.domain.knowledge.intents import (
    DEFAULT_SKILL,
    Example,
    ExampleSource,
    Intent,
    SkillRequirement,
    ValueAnswer,
)
from router.domain.knowledge.ports import KnowledgeSnapshot, KnowledgeStore, StoredIntent
from router.domain.knowledge.rendering import (
    NeedEntity,
    RenderedAnswer,
    entity_question,
    render_answer,
)
from router.domain.knowledge.topics import topic_count
from router.domain.knowledge.training import entity_synonyms, training_examples

__all__ = [
    "ANY_LANGUAGE",
    "DEFAULT_LANGUAGES",
    "DEFAULT_SKILL",
    "EntityCatalog",
    "EntityValue",
    "Example",
    "ExampleSource",
    "ImportMode",
    "ImportSummary",
    "Intent",
    "InvalidKnowledgeError",
    "KnowledgeBase",
    "KnowledgeSnapshot",
    "KnowledgeStore",
    "NeedEntity",
    "RasaNlu",
    "RenderedAnswer",
    "SkillRequirement",
    "StoredIntent",
    "ValueAnswer",
    "apply_rasa_nlu",
    "dump_native_yaml",
    "entity_question",
    "entity_synonyms",
    "import_knowledge",
    "load_native_documents",
    "load_native_yaml",
    "parse_rasa_nlu",
    "render_answer",
    "topic_count",
    "training_examples",
]
