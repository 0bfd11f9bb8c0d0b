"""The traffic file: one customer message a line, as JSON.

    {"at": 12.5, "channel": "telegram", "customer": "c-17", "text": "Сколько стоит роуминг?"}

`at` is seconds from the start of the file; `channel` one of the router's channels.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import orjson

from router.domain.channels import Channel


class TrafficFileError(ValueError):
    """A line of the traffic file is not a message; says which line and why."""


@dataclass(frozen=True, slots=True)
class CustomerMessage:
    at: float
    channel: Channel
    customer: str
    text: str


def parse_lines(lines: Iterable[str], source: str = "traffic") -> list[CustomerMessage]:
    messages = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            data = orjson.loads(line)
            message = CustomerMessage(
                at=float(data["at"]),
                channel=Channel(data["channel"]),
                customer=str(data["customer"]),
                text=str(data["text"]),
            )
        except (orjson.JSONDecodeError, KeyError, ValueError, TypeError) as error:
            raise TrafficFileError(f"{source}:{number}: {error}") from error
        if message.at < 0 or not message.customer or not message.text.strip():
            raise TrafficFileError(f"{source}:{number}: needs at >= 0, a customer and text")
        messages.append(message)
    return sorted(messages, key=lambda m: m.at)


def load(path: Path) -> list[CustomerMessage]:
    with path.open(encoding="utf-8") as lines:
        return parse_lines(lines, str(path))
