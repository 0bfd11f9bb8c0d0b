"""Router messages as the browser sees them: plain JSON, one rule for every message.

Field names stay the proto's (snake_case) and every field is present, so the page never
guesses: enums become their lowercase names without the enum's prefix
(`CHANNEL_TELEGRAM` → "telegram"), Timestamps ISO-8601 strings (null when unset), Durations
seconds, unset sub-messages null. `google.protobuf.json_format` would give camelCase,
upper-case enums and omit defaults, which the page would then have to undo.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from google.protobuf.descriptor import FieldDescriptor
from google.protobuf.message import Message

_TIMESTAMP = "google.protobuf.Timestamp"
_DURATION = "google.protobuf.Duration"

# Descriptors are typed loosely in the stubs (upb and pure-Python variants), hence `Any` below.
_enum_names: dict[str, dict[int, str]] = {}


def to_json(message: Message) -> dict[str, Any]:
    """The message as a JSON-ready dict."""
    out: dict[str, Any] = {}
    fields: Any = message.DESCRIPTOR.fields
    for field in fields:
        value = getattr(message, field.name)
        if _is_map(field):
            value_field = field.message_type.fields_by_name["value"]
            out[field.name] = {k: _value(value_field, v) for k, v in value.items()}
        elif field.is_repeated:
            out[field.name] = [_value(field, v) for v in value]
        elif field.type == FieldDescriptor.TYPE_MESSAGE and not message.HasField(field.name):
            out[field.name] = None
        else:
            out[field.name] = _value(field, value)
    return out


def timestamp_json(value: Any) -> str | None:
    """A Timestamp as ISO-8601 in UTC with a Z, or None when unset (zero)."""
    if not value.seconds and not value.nanos:
        return None
    return iso_json(value.ToDatetime(tzinfo=UTC))


def iso_json(moment: datetime) -> str:
    """A moment as the page's timestamps are written: ISO-8601 in UTC, milliseconds, a Z."""
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def enum_json(descriptor: Any, number: int) -> str:
    """An enum value's name without the enum's prefix, in lower case."""
    names = _enum_names.get(descriptor.full_name)
    if names is None:
        prefix = _upper_snake(descriptor.name) + "_"
        names = {
            v.number: (v.name[len(prefix) :] if v.name.startswith(prefix) else v.name).lower()
            for v in descriptor.values
        }
        _enum_names[descriptor.full_name] = names
    return names.get(number, str(number))


def _value(field: Any, value: Any) -> Any:
    if field.type == FieldDescriptor.TYPE_ENUM:
        return enum_json(field.enum_type, value)
    if field.type != FieldDescriptor.TYPE_MESSAGE:
        return value
    name = field.message_type.full_name
    if name == _TIMESTAMP:
        return timestamp_json(value)
    if name == _DURATION:
        return value.seconds + value.nanos / 1e9
    return to_json(value)


def _is_map(field: Any) -> bool:
    return bool(
        field.type == FieldDescriptor.TYPE_MESSAGE
        and field.message_type.GetOptions().map_entry
        and field.is_repeated
    )


def _upper_snake(name: str) -> str:
    """`ConversationState` → `CONVERSATION_STATE`, the prefix of its values' names."""
    out = []
    for i, char in enumerate(name):
        if char.isupper() and i and not name[i - 1].isupper():
            out.append("_")
        out.append(char.upper())
    return "".join(out)
