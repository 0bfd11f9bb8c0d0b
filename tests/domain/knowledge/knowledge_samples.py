"""Small knowledge bases the knowledge tests share."""

from __future__ import annotations

from router.domain.knowledge import (
    ANY_LANGUAGE,
    EntityCatalog,
    EntityValue,
    Example,
    ExampleSource,
    Intent,
    KnowledgeBase,
    SkillRequirement,
    ValueAnswer,
)


def ex(*texts: str, language: str) -> tuple[Example, ...]:
    return tuple(Example(t, language) for t in texts)


def city_catalog() -> EntityCatalog:
    return EntityCatalog(
        "city",
        (
            EntityValue(
                "Екатеринбург",
                {"ru": ("Ебург", "Екб"), "en": ("Yekaterinburg",)},
                {
                    "name": {"ru": "Екатеринбург", "en": "Yekaterinburg"},
                    "address": {"ru": "ул. Малышева, 5", "en": "5 Malysheva St"},
                    "hours": {ANY_LANGUAGE: "9:00–21:00"},
                },
            ),
            EntityValue(
                "Москва",
                {"ru": ("Мск",), "en": ("Moscow",)},
                {
                    "name": {"ru": "Москва", "en": "Moscow"},
                    "address": {"ru": "ул. Ленина, 3", "en": "3 Lenina St"},
                    "hours": {ANY_LANGUAGE: "круглосуточно / 24/7"},
                },
            ),
        ),
        {"ru": "В каком вы городе?", "en": "Which city are you in?"},
    )


def office_intent(**changes: object) -> Intent:
    fields: dict[str, object] = {
        "name": "office.address",
        "examples": ex("где офис в Ебурге", "адрес офиса", language="ru")
        + ex("where is your office", "office address", language="en"),
        "answers": {
            "ru": "Офис в городе {city.name}: {city.address}, {city.hours}.",
            "en": "Our store in {city.name}: {city.address}, {city.hours}.",
        },
        "entities": ("city",),
        "skills": (SkillRequirement("sales"), SkillRequirement("retention", 3)),
        "titles": {"ru": "Адрес офиса", "en": "Store address"},
    }
    fields.update(changes)
    return Intent(**fields)  # type: ignore[arg-type]


def small_kb() -> KnowledgeBase:
    greeting = Intent(
        name="greeting",
        examples=ex("привет", language="ru") + ex("hello", language="en"),
        answers={"ru": "Здравствуйте!", "en": "Hello!"},
    )
    porting = Intent(
        name="number.porting",
        examples=(
            *ex("перенести номер", language="ru"),
            Example("port my number", "en", ExampleSource.OPERATOR_RESOLUTION, "c-1"),
        ),
        skills=(SkillRequirement("sales", 2),),
        operator_only=True,
    )
    moscow = ValueAnswer(
        "city", "Москва", {"ru": "В Москве три офиса: {city.address}.", "en": "Three in Moscow."}
    )
    return KnowledgeBase(
        ("ru", "en"),
        (greeting, porting, office_intent(value_answers=(moscow,))),
        (city_catalog(),),
    )
