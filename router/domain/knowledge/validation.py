"""The rules a knowledge base keeps; the first one broken raises, naming its path."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from router.domain.knowledge.catalogs import ANY_LANGUAGE, EntityCatalog
from router.domain.knowledge.errors import InvalidKnowledgeError
from router.domain.knowledge.intents import Intent
from router.domain.knowledge.names import (
    ATTRIBUTE_NAME,
    CATALOG_NAME,
    INTENT_NAME,
    MAX_ANSWER_CHARS,
    MAX_ATTRIBUTE_CHARS,
    MAX_EXAMPLE_CHARS,
    MAX_TITLE_CHARS,
    MAX_VALUE_CHARS,
    SKILL_NAME,
    check_language,
    check_name,
    check_text,
)
from router.domain.knowledge.templates import TemplateSyntaxError, parse_template, placeholders

MIN_SKILL_LEVEL = 1
MAX_SKILL_LEVEL = 10


def validate_knowledge(
    languages: Sequence[str], intents: Sequence[Intent], catalogs: Sequence[EntityCatalog]
) -> None:
    """Raises InvalidKnowledgeError for the first broken rule, or returns."""
    if not languages:
        raise InvalidKnowledgeError("languages", "at least one language is required")
    for i, language in enumerate(languages):
        check_language(language, f"languages[{i}]")
    if len(set(languages)) != len(languages):
        raise InvalidKnowledgeError("languages", "a language is listed twice")
    by_name: dict[str, EntityCatalog] = {}
    for catalog in catalogs:
        path = f"catalogs[{catalog.name}]"
        if catalog.name in by_name:
            raise InvalidKnowledgeError(path, "two catalogs have this name")
        _check_catalog(catalog, path)
        by_name[catalog.name] = catalog
    seen: set[str] = set()
    for intent in intents:
        path = f"intents[{intent.name}]"
        if intent.name in seen:
            raise InvalidKnowledgeError(path, "two intents have this name")
        seen.add(intent.name)
        _check_intent(intent, path, languages, by_name)


def _check_catalog(catalog: EntityCatalog, path: str) -> None:
    check_name(CATALOG_NAME, catalog.name, f"{path}.name", "catalog name")
    for language, question in catalog.questions.items():
        check_language(language, f"{path}.questions")
        check_text(question, f"{path}.questions.{language}", limit=MAX_TITLE_CHARS * 4)
    owner: dict[str, str] = {}  # every written form → the value it means
    for value in catalog.values:
        vpath = f"{path}.values[{value.canonical}]"
        check_text(value.canonical, f"{vpath}.canonical", limit=MAX_VALUE_CHARS, what="value")
        forms = [(value.canonical, f"{vpath}.canonical")]
        for language, synonyms in value.synonyms.items():
            check_language(language, f"{vpath}.synonyms")
            for j, synonym in enumerate(synonyms):
                spath = f"{vpath}.synonyms.{language}[{j}]"
                check_text(synonym, spath, limit=MAX_VALUE_CHARS, what="synonym")
                forms.append((synonym, spath))
        for form, fpath in forms:
            key = form.casefold()
            other = owner.get(key)
            if other is not None and other != value.canonical:
                raise InvalidKnowledgeError(
                    fpath, f"{form!r} already stands for {other!r}: the match would be ambiguous"
                )
            if other is not None and fpath.endswith(".canonical"):
                raise InvalidKnowledgeError(vpath, "two values have this canonical text")
            owner[key] = value.canonical
        for attribute, texts in value.attributes.items():
            apath = f"{vpath}.attributes.{attribute}"
            check_name(ATTRIBUTE_NAME, attribute, apath, "attribute name")
            if not texts:
                raise InvalidKnowledgeError(apath, "an attribute needs a text")
            for language, text in texts.items():
                if language != ANY_LANGUAGE:
                    check_language(language, apath)
                check_text(text, f"{apath}.{language}", limit=MAX_ATTRIBUTE_CHARS)


def _check_intent(
    intent: Intent, path: str, languages: Sequence[str], catalogs: Mapping[str, EntityCatalog]
) -> None:
    check_name(INTENT_NAME, intent.name, f"{path}.name", "intent name")
    if len(intent.display_name) > MAX_TITLE_CHARS:
        raise InvalidKnowledgeError(f"{path}.display_name", f"at most {MAX_TITLE_CHARS} chars")
    for language, title in intent.titles.items():
        check_language(language, f"{path}.titles")
        check_text(title, f"{path}.titles.{language}", limit=MAX_TITLE_CHARS, what="title")
    _check_examples(intent, path, languages)
    for i, catalog in enumerate(intent.entities):
        if catalog not in catalogs:
            raise InvalidKnowledgeError(f"{path}.entities[{i}]", f"no catalog {catalog!r}")
        if intent.entities.index(catalog) != i:
            raise InvalidKnowledgeError(f"{path}.entities[{i}]", f"{catalog!r} is listed twice")
    _check_skills(intent, path)
    used = {name: catalogs[name] for name in intent.entities}
    for language, template in intent.answers.items():
        check_language(language, f"{path}.answers")
        _check_template(intent, template, f"{path}.answers.{language}", language, used, None)
    _check_value_answers(intent, path, used)
    if intent.operator_only:
        return
    for language in languages:
        if language not in intent.answers:
            raise InvalidKnowledgeError(
                f"{path}.answers.{language}",
                "an answer is required in every language unless the intent is operator_only",
            )
    for name, used_catalog in used.items():
        for language in languages:
            if language not in used_catalog.questions:
                raise InvalidKnowledgeError(
                    f"catalogs[{name}].questions.{language}",
                    f"intent {intent.name!r} needs the bot to ask for a {name!r} in {language}",
                )


def _check_examples(intent: Intent, path: str, languages: Sequence[str]) -> None:
    seen: set[tuple[str, str]] = set()
    for i, example in enumerate(intent.examples):
        epath = f"{path}.examples[{i}]"
        check_language(example.language, f"{epath}.language")
        check_text(example.text, f"{epath}.text", limit=MAX_EXAMPLE_CHARS, what="example")
        key = (example.language, example.text.casefold().strip())
        if key in seen:
            raise InvalidKnowledgeError(f"{epath}.text", f"{example.text!r} is listed twice")
        seen.add(key)
    present = intent.languages_with_examples()
    # An answered intent must be recognisable in every language it answers in; one the bot
    # only hands off (operator_only, or imported without answers) needs examples in one.
    required = [] if intent.operator_only else list(languages)
    for language in required:
        if language not in present:
            raise InvalidKnowledgeError(
                f"{path}.examples.{language}", f"at least one example in {language} is required"
            )
    if not present & set(languages):
        raise InvalidKnowledgeError(
            f"{path}.examples", f"at least one example in one of {', '.join(languages)}"
        )


def _check_skills(intent: Intent, path: str) -> None:
    names: set[str] = set()
    for i, requirement in enumerate(intent.skills):
        spath = f"{path}.skills[{i}]"
        check_name(SKILL_NAME, requirement.skill, f"{spath}.skill", "skill name")
        if not MIN_SKILL_LEVEL <= requirement.min_level <= MAX_SKILL_LEVEL:
            raise InvalidKnowledgeError(
                f"{spath}.min_level",
                f"level {requirement.min_level} is outside {MIN_SKILL_LEVEL}..{MAX_SKILL_LEVEL}",
            )
        if requirement.skill in names:
            raise InvalidKnowledgeError(f"{spath}.skill", f"{requirement.skill!r} twice")
        names.add(requirement.skill)


def _check_value_answers(intent: Intent, path: str, used: Mapping[str, EntityCatalog]) -> None:
    seen: set[tuple[str, str]] = set()
    for answer in intent.value_answers:
        vpath = f"{path}.value_answers[{answer.catalog}={answer.value}]"
        catalog = used.get(answer.catalog)
        if catalog is None:
            raise InvalidKnowledgeError(
                f"{vpath}.catalog", f"{answer.catalog!r} is not among the intent's entities"
            )
        if catalog.value(answer.value) is None:
            raise InvalidKnowledgeError(
                f"{vpath}.value", f"catalog {answer.catalog!r} has no value {answer.value!r}"
            )
        if (answer.catalog, answer.value) in seen:
            raise InvalidKnowledgeError(vpath, "two answers for the same value")
        seen.add((answer.catalog, answer.value))
        if not answer.answers:
            raise InvalidKnowledgeError(f"{vpath}.answers", "at least one answer is required")
        for language, template in answer.answers.items():
            check_language(language, f"{vpath}.answers")
            only = (answer.catalog, answer.value)
            _check_template(intent, template, f"{vpath}.answers.{language}", language, used, only)


def _check_template(
    intent: Intent,
    template: str,
    path: str,
    language: str,
    used: Mapping[str, EntityCatalog],
    only: tuple[str, str] | None,
) -> None:
    """The template parses, names only the intent's catalogs, and every attribute it uses
    exists in `language` for every value it can be rendered with, so rendering never fails.

    A general answer is rendered for each value without a value answer in that language;
    a value answer (`only`) for its own value alone.
    """
    check_text(template, path, limit=MAX_ANSWER_CHARS, what="answer")
    try:
        segments = parse_template(template)
    except TemplateSyntaxError as exc:
        raise InvalidKnowledgeError(path, str(exc)) from None
    for placeholder in placeholders(segments):
        resolved = placeholder.resolve(used)
        if resolved is None:
            raise InvalidKnowledgeError(
                path,
                f"{placeholder} names no catalog of the intent's entities "
                f"({', '.join(used) or 'none'})",
            )
        catalog_name, attribute = resolved
        if attribute is None:
            continue
        for value in used[catalog_name].values:
            if only is not None and only[0] == catalog_name and only[1] != value.canonical:
                continue
            if only is None and intent.value_answer(catalog_name, value.canonical, language):
                continue
            if value.attribute(attribute, language) is None:
                raise InvalidKnowledgeError(
                    path,
                    f"{placeholder} is missing for {value.canonical!r}: add "
                    f"catalogs[{catalog_name}].values[{value.canonical}].attributes."
                    f"{attribute}.{language} (or .{ANY_LANGUAGE})",
                )
