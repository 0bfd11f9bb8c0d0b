"""omniroute's own YAML for the knowledge base: load and dump, round trip exact.

    version: 1
    languages: [ru, en]
    catalogs:
      - name: city
        questions: {ru: В каком городе?, en: Which city?}
        values:
          - value: Екатеринбург
            synonyms: {ru: [Ебург, Екб], en: [Yekaterinburg]}
            attributes:
              address: {ru: ул. Малышева, 5, en: 5 Malysheva St}
              phone: "+7 343 000-00-00"          # the same in every language
    intents:
      - name: office.address
        titles: {ru: Адрес офиса, en: Office address}
        entities: [city]
        skills: [sales, {skill: retention, min_level: 3}]
        examples:
          ru: [где ваш офис в Ебурге, …]
          en:
            - where is your office in Yekaterinburg
            - {text: office hours ekb?, source: operator_resolution, conversation_id: c1}
        answers: {ru: "Офис в городе {city.name}: {city.address}", en: …}
        value_answers:
          - {catalog: city, value: Москва, answers: {ru: …, en: …}}

`dump_native_yaml(load_native_yaml(text))` is `text` for any text `dump_native_yaml` wrote,
and `load_native_yaml(dump_native_yaml(kb)) == kb` for any knowledge base.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import yaml

from router.domain.knowledge.base import DEFAULT_LANGUAGES, KnowledgeBase
from router.domain.knowledge.catalogs import ANY_LANGUAGE, EntityCatalog, EntityValue
from router.domain.knowledge.errors import InvalidKnowledgeError
from router.domain.knowledge.formats.nodes import (
    Lines,
    boolean,
    compose,
    fail,
    integer,
    is_null,
    mapping,
    scalar,
    sequence,
    texts,
)
from router.domain.knowledge.intents import (
    Example,
    ExampleSource,
    Intent,
    SkillRequirement,
    ValueAnswer,
)

FORMAT_VERSION = 1
_TOP = ("version", "languages", "catalogs", "intents")
_CATALOG = ("name", "questions", "values")
_VALUE = ("value", "synonyms", "attributes")
_INTENT = (
    "name",
    "display_name",
    "description",
    "titles",
    "entities",
    "skills",
    "operator_only",
    "examples",
    "answers",
    "value_answers",
)
_EXAMPLE = ("text", "source", "conversation_id")
_SKILL = ("skill", "min_level")
_VALUE_ANSWER = ("catalog", "value", "answers")


def load_native_yaml(content: str | bytes) -> KnowledgeBase:
    """The knowledge base the document describes; InvalidKnowledgeError names the path
    and, where it can, the line of the first problem."""
    return load_native_documents({"": content})


def load_native_documents(documents: Mapping[str, str | bytes]) -> KnowledgeBase:
    """One knowledge base from several documents (by name, e.g. one file per area): their
    catalogs and intents together, validated as a whole. Errors name the document too.
    The documents must agree on `languages` where they state them."""
    lines = Lines()
    languages: tuple[str, ...] | None = None
    intents: list[Intent] = []
    catalogs: list[EntityCatalog] = []
    for name, content in documents.items():
        lines.document = name
        try:
            stated, more_intents, more_catalogs = _document(content, lines)
        except InvalidKnowledgeError as exc:
            raise InvalidKnowledgeError(
                exc.field, exc.bare_reason, line=exc.line, document=name
            ) from None
        if stated is not None and languages is not None and stated != languages:
            raise InvalidKnowledgeError(
                "languages", f"{list(stated)} differs from {list(languages)}", document=name
            )
        languages = stated or languages
        intents.extend(more_intents)
        catalogs.extend(more_catalogs)
    try:
        return KnowledgeBase(languages or DEFAULT_LANGUAGES, tuple(intents), tuple(catalogs))
    except InvalidKnowledgeError as exc:
        raise lines.locate(exc) from None


def _document(
    content: str | bytes, lines: Lines
) -> tuple[tuple[str, ...] | None, tuple[Intent, ...], tuple[EntityCatalog, ...]]:
    root = compose(content)
    if root is None:
        raise InvalidKnowledgeError("content", "the document is empty")
    top = mapping(root, "document", _TOP)
    if "version" in top:
        version = integer(top["version"], "version")
        if version != FORMAT_VERSION:
            raise fail(top["version"], "version", f"only version {FORMAT_VERSION} is known")
    languages = None
    if "languages" in top:
        languages = tuple(
            scalar(n, f"languages[{i}]")
            for i, n in enumerate(sequence(top["languages"], "languages"))
        )
    catalogs = tuple(
        _catalog(node, f"catalogs[{i}]", lines)
        for i, node in enumerate(sequence(top.get("catalogs", _EMPTY), "catalogs"))
    )
    intents = tuple(
        _intent(node, f"intents[{i}]", lines)
        for i, node in enumerate(sequence(top.get("intents", _EMPTY), "intents"))
    )
    return languages, intents, catalogs


_EMPTY = yaml.ScalarNode("tag:yaml.org,2002:null", "")


def _name(entries: dict[str, yaml.Node], node: yaml.Node, path: str) -> str:
    if "name" not in entries:
        raise fail(node, f"{path}.name", "a name is required")
    return scalar(entries["name"], f"{path}.name")


def _catalog(node: yaml.Node, path: str, lines: Lines) -> EntityCatalog:
    entries = mapping(node, path, _CATALOG)
    name = _name(entries, node, path)
    path = f"catalogs[{name}]"
    lines.note(path, node)
    questions = texts(entries["questions"], f"{path}.questions") if "questions" in entries else {}
    if "questions" in entries:
        lines.note(f"{path}.questions", entries["questions"])
    values = tuple(
        _value(v, f"{path}.values[{i}]", path, lines)
        for i, v in enumerate(sequence(entries.get("values", _EMPTY), f"{path}.values"))
    )
    return EntityCatalog(name, values, questions)


def _value(node: yaml.Node, path: str, catalog_path: str, lines: Lines) -> EntityValue:
    entries = mapping(node, path, _VALUE)
    if "value" not in entries:
        raise fail(node, f"{path}.value", "a value is required")
    canonical = scalar(entries["value"], f"{path}.value")
    path = f"{catalog_path}.values[{canonical}]"
    lines.note(path, node)
    synonyms: dict[str, tuple[str, ...]] = {}
    if "synonyms" in entries:
        for language, items in mapping(entries["synonyms"], f"{path}.synonyms").items():
            spath = f"{path}.synonyms.{language}"
            lines.note(spath, items)
            synonyms[language] = tuple(
                scalar(s, f"{spath}[{j}]") for j, s in enumerate(sequence(items, spath))
            )
    attributes: dict[str, dict[str, str]] = {}
    if "attributes" in entries:
        for attribute, item in mapping(entries["attributes"], f"{path}.attributes").items():
            apath = f"{path}.attributes.{attribute}"
            lines.note(apath, item)
            if isinstance(item, yaml.MappingNode):
                attributes[attribute] = texts(item, apath)
            else:
                attributes[attribute] = {ANY_LANGUAGE: scalar(item, apath)}
    return EntityValue(canonical, synonyms, attributes)


def _intent(node: yaml.Node, path: str, lines: Lines) -> Intent:
    entries = mapping(node, path, _INTENT)
    name = _name(entries, node, path)
    path = f"intents[{name}]"
    lines.note(path, node)
    for key, value in entries.items():
        lines.note(f"{path}.{key}", value)
        if key in ("answers", "titles") and isinstance(value, yaml.MappingNode):
            for key_node, text_node in value.value:
                lines.note(f"{path}.{key}.{key_node.value}", text_node)

    def text(key: str) -> str:
        return scalar(entries[key], f"{path}.{key}") if key in entries else ""

    def dictionary(key: str) -> dict[str, str]:
        return texts(entries[key], f"{path}.{key}") if key in entries else {}

    entities = tuple(
        scalar(n, f"{path}.entities[{i}]")
        for i, n in enumerate(sequence(entries.get("entities", _EMPTY), f"{path}.entities"))
    )
    skills = tuple(
        _skill(n, f"{path}.skills[{i}]")
        for i, n in enumerate(sequence(entries.get("skills", _EMPTY), f"{path}.skills"))
    )
    operator_only = (
        boolean(entries["operator_only"], f"{path}.operator_only")
        if "operator_only" in entries
        else False
    )
    examples: list[Example] = []
    if "examples" in entries:
        for language, items in mapping(entries["examples"], f"{path}.examples").items():
            epath = f"{path}.examples.{language}"
            for j, item in enumerate(sequence(items, epath)):
                examples.append(_example(item, f"{epath}[{j}]", language))
    value_answers = tuple(
        _value_answer(n, f"{path}.value_answers[{i}]", path, lines)
        for i, n in enumerate(
            sequence(entries.get("value_answers", _EMPTY), f"{path}.value_answers")
        )
    )
    return Intent(
        name=name,
        examples=tuple(examples),
        answers=dictionary("answers"),
        entities=entities,
        value_answers=value_answers,
        skills=skills,
        operator_only=operator_only,
        display_name=text("display_name"),
        description=text("description"),
        titles=dictionary("titles"),
    )


def _example(node: yaml.Node, path: str, language: str) -> Example:
    if isinstance(node, yaml.MappingNode):
        entries = mapping(node, path, _EXAMPLE)
        if "text" not in entries:
            raise fail(node, f"{path}.text", "an example needs a text")
        source = ExampleSource.CURATED
        if "source" in entries:
            raw = scalar(entries["source"], f"{path}.source")
            try:
                source = ExampleSource(raw)
            except ValueError:
                known = ", ".join(s.value for s in ExampleSource)
                reason = f"expected one of {known}"
                raise fail(entries["source"], f"{path}.source", reason) from None
        conversation = entries.get("conversation_id")
        return Example(
            scalar(entries["text"], f"{path}.text"),
            language,
            source,
            "" if conversation is None else scalar(conversation, f"{path}.conversation_id"),
        )
    return Example(scalar(node, path), language)


def _skill(node: yaml.Node, path: str) -> SkillRequirement:
    if isinstance(node, yaml.MappingNode):
        entries = mapping(node, path, _SKILL)
        if "skill" not in entries:
            raise fail(node, f"{path}.skill", "a skill name is required")
        level = integer(entries["min_level"], f"{path}.min_level") if "min_level" in entries else 1
        return SkillRequirement(scalar(entries["skill"], f"{path}.skill"), level)
    return SkillRequirement(scalar(node, path))


def _value_answer(node: yaml.Node, path: str, intent_path: str, lines: Lines) -> ValueAnswer:
    entries = mapping(node, path, _VALUE_ANSWER)
    for key in _VALUE_ANSWER:
        if key not in entries or is_null(entries[key]):
            raise fail(node, f"{path}.{key}", f"{key} is required")
    catalog = scalar(entries["catalog"], f"{path}.catalog")
    value = scalar(entries["value"], f"{path}.value")
    path = f"{intent_path}.value_answers[{catalog}={value}]"
    lines.note(path, node)
    return ValueAnswer(catalog, value, texts(entries["answers"], f"{path}.answers"))


class _Dumper(yaml.SafeDumper):
    """Multi-line texts as literal blocks, so answers read as they will be shown."""


def _str(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    style = "|" if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_Dumper.add_representer(str, _str)


def dump_native_yaml(kb: KnowledgeBase) -> str:
    """The knowledge base as a native YAML document (deterministic: ordered by name)."""
    document: dict[str, Any] = {
        "version": FORMAT_VERSION,
        "languages": list(kb.languages),
        "catalogs": [_catalog_doc(c) for c in kb.catalogs],
        "intents": [_intent_doc(i) for i in kb.intents],
    }
    return yaml.dump(
        document, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100, indent=2
    )


def _catalog_doc(catalog: EntityCatalog) -> dict[str, Any]:
    doc: dict[str, Any] = {"name": catalog.name}
    if catalog.questions:
        doc["questions"] = dict(catalog.questions)
    doc["values"] = [_value_doc(v) for v in catalog.values]
    return doc


def _value_doc(value: EntityValue) -> dict[str, Any]:
    doc: dict[str, Any] = {"value": value.canonical}
    if value.synonyms:
        doc["synonyms"] = {language: list(s) for language, s in value.synonyms.items()}
    if value.attributes:
        doc["attributes"] = {
            name: texts[ANY_LANGUAGE] if list(texts) == [ANY_LANGUAGE] else dict(texts)
            for name, texts in value.attributes.items()
        }
    return doc


def _intent_doc(intent: Intent) -> dict[str, Any]:
    doc: dict[str, Any] = {"name": intent.name}
    if intent.display_name:
        doc["display_name"] = intent.display_name
    if intent.description:
        doc["description"] = intent.description
    if intent.titles:
        doc["titles"] = dict(intent.titles)
    if intent.entities:
        doc["entities"] = list(intent.entities)
    if intent.skills:
        doc["skills"] = [
            s.skill if s.min_level == 1 else {"skill": s.skill, "min_level": s.min_level}
            for s in intent.skills
        ]
    if intent.operator_only:
        doc["operator_only"] = True
    examples: dict[str, list[Any]] = {}
    for example in intent.examples:
        examples.setdefault(example.language, []).append(_example_doc(example))
    doc["examples"] = examples
    if intent.answers:
        doc["answers"] = dict(intent.answers)
    if intent.value_answers:
        doc["value_answers"] = [
            {"catalog": a.catalog, "value": a.value, "answers": dict(a.answers)}
            for a in intent.value_answers
        ]
    return doc


def _example_doc(example: Example) -> Any:
    if example.source is ExampleSource.CURATED and not example.conversation_id:
        return example.text
    doc: dict[str, Any] = {"text": example.text, "source": example.source.value}
    if example.conversation_id:
        doc["conversation_id"] = example.conversation_id
    return doc
