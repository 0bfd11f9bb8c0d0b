"""The knowledge base's typed errors, each naming its path (`intents[x].answers.ru`)."""

from __future__ import annotations

from router.domain.errors import InvalidArgumentError


class InvalidKnowledgeError(InvalidArgumentError):
    """The knowledge base (or a document meant to become one) breaks a rule.

    `field` is the path of the offending part, `intents[office.address].answers.ru`;
    `line` is its 1-based line in the source document when it came from one.
    """

    def __init__(
        self, field: str, reason: str, *, line: int | None = None, document: str = ""
    ) -> None:
        where = ", ".join(
            part for part in (document, "" if line is None else f"line {line}") if part
        )
        super().__init__(field, f"{reason} ({where})" if where else reason)
        self.line = line
        self.document = document  # the file it is in, when a knowledge base spans several
        self.bare_reason = reason

    def located(self, line: int | None, document: str = "") -> InvalidKnowledgeError:
        """The same error, located in a document (the first location found wins)."""
        if self.line is not None or self.document:
            return self
        return InvalidKnowledgeError(self.field, self.bare_reason, line=line, document=document)
