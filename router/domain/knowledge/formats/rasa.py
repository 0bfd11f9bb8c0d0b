"""Importing Rasa NLU YAML (`version: "3.1"`, `nlu:`), a format teams already keep.

    nlu:
    - intent: check_tariff
      examples: |
        - what does [Smart 500](tariff) cost
        - price of [smart](tariff:Smart 500)
        - [smrt]{"entity": "tariff", "value": "Smart 500"} price
    - synonym: Smart 500
      examples: |
        - smart five hundred
    - lookup: city
      examples: |
        - Yekaterinburg

Examples become training text with the annotations stripped (`what does Smart 500 cost`);
annotated values, lookup tables and synonyms become entity catalogs. Rasa documents carry
no answers or skills: existing intents keep theirs, and an intent new to the knowledge
base arrives operator-only (recognised, handed off) until it gets answers. Retrieval intents
(`faq/ask_price`) become dotted names (`faq.ask_price`). `regex` entries are skipped with
a warning.
"""

from __future__ import annotations

import dataclasses
import json
import re
from dataclasses import dataclass, field

import yaml

from router.domain.knowledge.base import KnowledgeBase
from router.domain.knowledge.catalogs import EntityCatalog, EntityValue
from router.domain.knowledge.errors import InvalidKnowledgeError
from router.domain.knowledge.formats.nodes import compose, fail, line, mapping, scalar, sequence
from router.domain.knowledge.importing import ImportMode, ImportSummary, summarize
from router.domain.knowledge.intents import Example, ExampleSource, Intent
from router.domain.knowledge.names import check_language
from router.domain.knowledge.templates import parse_template, placeholders

# [text](entity), [text](entity:value), [text]{"entity": …, "value": …}; roles and groups
# in the JSON form are ignored.
_ANNOTATION = re.compile(r"\[(?P<text>[^\]\n]+)\](?:\((?P<short>[^)\n]+)\)|(?P<json>\{[^}\n]*\}))")
_ITEM_KEYS = ("intent", "synonym", "lookup", "regex", "examples", "metadata")


@dataclass
class RasaNlu:
    """What a Rasa NLU document holds, in the knowledge base's terms."""

    language: str
    examples: dict[str, list[str]] = field(default_factory=dict)  # intent → plain texts
    catalogs: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # → value → syns
    warnings: list[str] = field(default_factory=list)

    def catalog_objects(self) -> tuple[EntityCatalog, ...]:
        return tuple(
            EntityCatalog(
                name,
                tuple(
                    EntityValue(value, {self.language: tuple(syns)} if syns else {})
                    for value, syns in values.items()
                ),
            )
            for name, values in self.catalogs.items()
        )


@dataclass
class _Annotation:
    entity: str
    text: str
    value: str


def parse_rasa_nlu(content: str | bytes, language: str) -> RasaNlu:
    """Reads a Rasa NLU document whose examples are in `language`."""
    check_language(language, "language")
    root = compose(content)
    if root is None:
        raise InvalidKnowledgeError("content", "the document is empty")
    top = mapping(root, "document")
    if "nlu" not in top:
        raise fail(root, "nlu", "a Rasa NLU document needs an 'nlu:' list")
    nlu = RasaNlu(language)
    synonyms: dict[str, list[str]] = {}  # canonical → written forms
    annotations: list[_Annotation] = []
    for i, item in enumerate(sequence(top["nlu"], "nlu")):
        path = f"nlu[{i}]"
        entries = mapping(item, path, _ITEM_KEYS)
        kinds = [k for k in ("intent", "synonym", "lookup", "regex") if k in entries]
        if len(kinds) != 1:
            raise fail(item, path, "each item is exactly one of intent, synonym, lookup, regex")
        kind = kinds[0]
        name = scalar(entries[kind], f"{path}.{kind}")
        if "examples" not in entries:
            raise fail(item, f"{path}.examples", "examples are required")
        lines = _example_lines(entries["examples"], f"{path}.examples")
        if kind == "intent":
            intent = name.replace("/", ".")
            texts = nlu.examples.setdefault(intent, [])
            for text, where in lines:
                plain, found = _strip(text, f"intents[{intent}].examples", where)
                annotations.extend(found)
                if plain not in texts:
                    texts.append(plain)
        elif kind == "synonym":
            synonyms.setdefault(name, []).extend(t for t, _ in lines)
        elif kind == "lookup":
            values = nlu.catalogs.setdefault(name.strip().lower(), {})
            for text, _ in lines:
                values.setdefault(text, [])
        else:
            nlu.warnings.append(f"regex {name!r} (line {line(item)}) skipped: not supported")
    for note in annotations:
        values = nlu.catalogs.setdefault(note.entity, {})
        values.setdefault(note.value, [])
        if note.text != note.value:
            synonyms.setdefault(note.value, []).append(note.text)
    _attach_synonyms(nlu, synonyms)
    return nlu


def _example_lines(node: yaml.Node, path: str) -> list[tuple[str, int]]:
    """The examples with their lines: a `|` block of `- text` lines, or a list."""
    if isinstance(node, yaml.ScalarNode):
        first = line(node) + (1 if node.style in ("|", ">") else 0)
        found: list[tuple[str, int]] = []
        for offset, raw in enumerate(str(node.value).splitlines()):
            stripped = raw.strip()
            if not stripped:
                continue
            if not stripped.startswith("- "):
                raise InvalidKnowledgeError(
                    path, f"expected '- example', found {stripped!r}", line=first + offset
                )
            found.append((stripped[2:].strip(), first + offset))
        return found
    result: list[tuple[str, int]] = []
    for i, entry in enumerate(sequence(node, path)):
        if isinstance(entry, yaml.MappingNode):
            entry = mapping(entry, f"{path}[{i}]").get("text", entry)
        result.append((scalar(entry, f"{path}[{i}]"), line(entry)))
    return result


def _strip(text: str, path: str, where: int) -> tuple[str, list[_Annotation]]:
    found: list[_Annotation] = []

    def plain(match: re.Match[str]) -> str:
        written = match.group("text")
        if match.group("short") is not None:
            entity, _, value = match.group("short").partition(":")
        else:
            try:
                data = json.loads(match.group("json"))
            except ValueError:
                raise InvalidKnowledgeError(
                    path, f"{match.group(0)!r} is not a valid annotation", line=where
                ) from None
            if not isinstance(data, dict) or not isinstance(data.get("entity"), str):
                raise InvalidKnowledgeError(path, f"{match.group(0)!r} names no entity", line=where)
            entity, value = data["entity"], str(data.get("value") or "")
        found.append(_Annotation(entity.strip().lower(), written, value.strip() or written))
        return written

    return _ANNOTATION.sub(plain, text), found


def _attach_synonyms(nlu: RasaNlu, synonyms: dict[str, list[str]]) -> None:
    for canonical, forms in synonyms.items():
        homes = [values for values in nlu.catalogs.values() if canonical in values]
        if not homes:
            nlu.warnings.append(
                f"synonym {canonical!r} skipped: no entity annotation or lookup has this value"
            )
            continue
        for values in homes:
            for form in forms:
                taken = {v.casefold() for v in values} | {
                    s.casefold() for syns in values.values() for s in syns
                }
                if form.casefold() not in taken:
                    values[canonical].append(form)
    for values in nlu.catalogs.values():
        # A text annotated plainly that is also a synonym of another value is that value.
        synonym_of = {s.casefold() for syns in values.values() for s in syns}
        for value in [v for v, syns in values.items() if not syns and v.casefold() in synonym_of]:
            del values[value]


def apply_rasa_nlu(
    current: KnowledgeBase, nlu: RasaNlu, mode: ImportMode
) -> tuple[KnowledgeBase, ImportSummary]:
    """The knowledge base with the document's examples and catalogs, and what changed.

    An existing intent's examples in the document's language are replaced by the
    document's (those learned from operators are kept); its other languages, answers and
    skills stay. Catalogs merge value by value: new values and synonyms are added, nothing
    is removed, attributes stay. REPLACE also deletes intents the document lacks.
    """
    warnings = list(nlu.warnings)
    intents: list[Intent] = []
    for name, texts in nlu.examples.items():
        new = tuple(Example(t, nlu.language, ExampleSource.IMPORTED) for t in texts)
        old = current.intent(name)
        if old is None:
            warnings.append(f"intent {name!r} is new and has no answers: operators handle it")
            intents.append(Intent(name=name, examples=new, operator_only=True))
            continue
        kept = tuple(
            e
            for e in old.examples
            if e.language != nlu.language or e.source is ExampleSource.OPERATOR_RESOLUTION
        )
        intents.append(dataclasses.replace(old, examples=kept + new))
    catalogs = []
    for incoming in nlu.catalog_objects():
        merged = _merge_catalog(current.catalog(incoming.name), incoming, nlu.language)
        needed = _needed_attributes(current, incoming.name)
        existing = current.catalog(incoming.name)
        if needed and existing is not None:
            # Answers read these attributes for every value; a document without them can
            # teach the matcher new forms of known values, not new values.
            known = set(existing.canonicals())
            skipped = [v.canonical for v in merged.values if v.canonical not in known]
            if skipped:
                warnings.append(
                    f"catalog {incoming.name!r}: values {', '.join(skipped)} skipped, the "
                    f"answers need their {', '.join(sorted(needed))}; add them natively"
                )
                merged = dataclasses.replace(
                    merged, values=tuple(v for v in merged.values if v.canonical in known)
                )
        catalogs.append(merged)
    base = current
    if mode is ImportMode.REPLACE:
        kept_intents = tuple(i for i in current.intents if i.name in nlu.examples)
        base = KnowledgeBase(current.languages, kept_intents, current.catalogs)
    result = base.with_catalogs(catalogs).with_intents(intents)
    summary = summarize(current, result, sum(len(t) for t in nlu.examples.values()), len(catalogs))
    return result, ImportSummary(
        intents_created=summary.intents_created,
        intents_updated=summary.intents_updated,
        intents_deleted=summary.intents_deleted,
        examples_imported=summary.examples_imported,
        catalogs_imported=summary.catalogs_imported,
        warnings=tuple(warnings) + summary.warnings,
    )


def _needed_attributes(kb: KnowledgeBase, catalog: str) -> set[str]:
    needed: set[str] = set()
    for intent in kb.intents:
        if catalog not in intent.entities:
            continue
        templates = [*intent.answers.values()]
        templates += [t for a in intent.value_answers for t in a.answers.values()]
        for template in templates:
            for placeholder in placeholders(parse_template(template)):
                resolved = placeholder.resolve(intent.entities)
                if resolved is not None and resolved[0] == catalog and resolved[1]:
                    needed.add(resolved[1])
    return needed


def _merge_catalog(old: EntityCatalog | None, new: EntityCatalog, language: str) -> EntityCatalog:
    """Adds the document's values and synonyms to the catalog. A document value that is
    already a form of an existing value (Rasa's "Yekaterinburg" for our "Екатеринбург")
    joins that value as a synonym; a form another value owns is left alone."""
    if old is None:
        return new
    values = {v.canonical: v for v in old.values}
    owner = {
        form.casefold(): v.canonical
        for v in old.values
        for form in (v.canonical, *v.all_synonyms())
    }
    for value in new.values:
        home = owner.get(value.canonical.casefold(), value.canonical)
        before = values.get(home) or EntityValue(home)
        synonyms = {k: list(v) for k, v in before.synonyms.items()}
        for form in (value.canonical, *value.all_synonyms()):
            if owner.setdefault(form.casefold(), home) == home and form != home:
                present = {s.casefold() for s in synonyms.get(language, ())}
                if form.casefold() not in present:
                    synonyms.setdefault(language, []).append(form)
        values[home] = EntityValue(
            home, {k: tuple(v) for k, v in synonyms.items()}, before.attributes
        )
    return EntityCatalog(old.name, tuple(values.values()), old.questions)
