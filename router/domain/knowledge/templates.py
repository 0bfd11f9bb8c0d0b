"""Answer templates: plain text with `{catalog}` and `{catalog.attribute}` placeholders.

`{city}` is the matched value's canonical text, `{city.address}` one of its attributes in
the answer's language; `{{` and `}}` are literal braces. That is the whole syntax: no
expressions, no filters, no markup. Substituted data is inserted as it is and never parsed
again, so a value that happens to contain `{x}` or `<script>` stays literal text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass

_ATTRIBUTE = re.compile(r"[a-z][a-z0-9_]*")
_NAME = re.compile(r"[a-z0-9_-][a-z0-9._-]*")


@dataclass(frozen=True, slots=True)
class Placeholder:
    """`{name}` as written; which catalog and attribute it means depends on the catalogs the
    intent uses, because catalog names may contain dots themselves (see `resolve`)."""

    name: str

    def resolve(self, catalogs: Collection[str]) -> tuple[str, str | None] | None:
        """(catalog, attribute or None for the canonical value), or None if it names neither."""
        if self.name in catalogs:
            return self.name, None
        head, dot, attribute = self.name.rpartition(".")
        if dot and head in catalogs and _ATTRIBUTE.fullmatch(attribute):
            return head, attribute
        return None

    def __str__(self) -> str:
        return "{" + self.name + "}"


Segment = str | Placeholder


class TemplateSyntaxError(ValueError):
    """The template is malformed; the message says where."""


def parse_template(text: str) -> tuple[Segment, ...]:
    """Splits a template into literal text and placeholders, or raises TemplateSyntaxError."""
    segments: list[Segment] = []
    literal: list[str] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char == "{" and text.startswith("{{", i):
            literal.append("{")
            i += 2
        elif char == "}" and text.startswith("}}", i):
            literal.append("}")
            i += 2
        elif char == "{":
            end = text.find("}", i + 1)
            if end < 0:
                raise TemplateSyntaxError(f"'{{' at character {i} is never closed")
            inner = text[i + 1 : end]
            if _NAME.fullmatch(inner) is None:
                raise TemplateSyntaxError(
                    f"placeholder {{{inner}}} at character {i} must be {{catalog}} or "
                    "{catalog.attribute}; write {{ for a literal brace"
                )
            if literal:
                segments.append("".join(literal))
                literal = []
            segments.append(Placeholder(inner))
            i = end + 1
        elif char == "}":
            raise TemplateSyntaxError(f"'}}' at character {i} has no '{{'; write }}}} instead")
        else:
            literal.append(char)
            i += 1
    if literal:
        segments.append("".join(literal))
    return tuple(segments)


def placeholders(segments: tuple[Segment, ...]) -> tuple[Placeholder, ...]:
    return tuple(s for s in segments if isinstance(s, Placeholder))


def substitute(segments: tuple[Segment, ...], resolve: Callable[[Placeholder], str]) -> str:
    """Joins the segments, each placeholder replaced by `resolve(placeholder)` verbatim."""
    return "".join(s if isinstance(s, str) else resolve(s) for s in segments)
