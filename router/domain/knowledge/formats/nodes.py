"""Reading YAML as nodes, so every value keeps its line for error messages.

The document is composed with PyYAML's safe loader (no tags, no objects) and read node by
node: scalars stay the text that was written (`no` is the string "no", `450` the string
"450"), and a value of the wrong shape is reported with its path and line.
"""

from __future__ import annotations

from collections.abc import Collection

import yaml

from router.domain.knowledge.errors import InvalidKnowledgeError

_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_NULL = "tag:yaml.org,2002:null"
_BOOL = "tag:yaml.org,2002:bool"
_INT = "tag:yaml.org,2002:int"


class Lines:
    """The line each path of the document started on, to locate later errors."""

    def __init__(self) -> None:
        self._lines: dict[str, tuple[str, int]] = {}
        self.document = ""  # the name of the document being read

    def note(self, path: str, node: yaml.Node) -> None:
        self._lines.setdefault(path, (self.document, line(node)))

    def locate(self, error: InvalidKnowledgeError) -> InvalidKnowledgeError:
        """The error with the line of the longest noted prefix of its path."""
        path = error.field
        while path:
            if path in self._lines:
                document, number = self._lines[path]
                return error.located(number, document)
            cut = max(path.rfind("."), path.rfind("["))
            path = path[:cut] if cut > 0 else ""
        return error


def line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


def fail(node: yaml.Node, path: str, reason: str) -> InvalidKnowledgeError:
    return InvalidKnowledgeError(path, reason, line=line(node))


def compose(content: str | bytes) -> yaml.Node | None:
    """The document's root node (None if empty); malformed YAML names its line."""
    if isinstance(content, bytes):
        try:
            content = content.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InvalidKnowledgeError("content", f"not UTF-8: {exc}") from None
    try:
        return yaml.compose(content, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = None if mark is None else int(mark.line) + 1
        reason = f"not valid YAML: {exc.problem or exc.context}"
        raise InvalidKnowledgeError("content", reason, line=where) from None
    except yaml.YAMLError as exc:
        raise InvalidKnowledgeError("content", f"not valid YAML: {exc}") from None


def is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == _NULL


def mapping(
    node: yaml.Node, path: str, allowed: Collection[str] | None = None
) -> dict[str, yaml.Node]:
    """A mapping's entries by key; unknown keys are refused when `allowed` is given."""
    if not isinstance(node, yaml.MappingNode):
        raise fail(node, path, "expected a mapping")
    entries: dict[str, yaml.Node] = {}
    for key_node, value_node in node.value:
        key = scalar(key_node, path, "a key")
        if key in entries:
            raise fail(key_node, f"{path}.{key}", "this key appears twice")
        if allowed is not None and key not in allowed:
            raise fail(
                key_node, f"{path}.{key}", f"unknown key; expected one of {', '.join(allowed)}"
            )
        entries[key] = value_node
    return entries


def sequence(node: yaml.Node, path: str) -> list[yaml.Node]:
    if is_null(node):
        return []
    if not isinstance(node, yaml.SequenceNode):
        raise fail(node, path, "expected a list")
    return list(node.value)


def scalar(node: yaml.Node, path: str, what: str = "a text") -> str:
    if not isinstance(node, yaml.ScalarNode) or node.tag == _NULL:
        raise fail(node, path, f"expected {what}")
    return str(node.value)


def boolean(node: yaml.Node, path: str) -> bool:
    if isinstance(node, yaml.ScalarNode) and node.tag == _BOOL:
        return str(node.value).lower() in ("true", "yes", "on")
    raise fail(node, path, "expected true or false")


def integer(node: yaml.Node, path: str) -> int:
    if isinstance(node, yaml.ScalarNode) and node.tag == _INT:
        try:
            return int(str(node.value).replace("_", ""))
        except ValueError:
            pass
    raise fail(node, path, "expected a whole number")


def texts(node: yaml.Node, path: str) -> dict[str, str]:
    """A mapping of language (or other key) → text."""
    return {key: scalar(value, f"{path}.{key}") for key, value in mapping(node, path).items()}
