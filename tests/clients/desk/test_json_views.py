"""Router messages as the page's JSON: one rule for every field kind."""

from __future__ import annotations

from datetime import UTC, datetime

from google.protobuf import timestamp_pb2

from clients.desk.json_views import enum_json, timestamp_json, to_json
from router.v1 import common_pb2, conversation_pb2, directory_pb2


def test_enums_lose_their_prefix_and_every_field_is_present() -> None:
    conversation = conversation_pb2.Conversation(
        conversation_id="c1",
        channel=common_pb2.CHANNEL_MOBILE_APP,
        state=conversation_pb2.CONVERSATION_STATE_ASSIGNED,
    )
    conversation.handoff.reason = common_pb2.HANDOFF_REASON_OUT_OF_SCOPE
    conversation.handoff.entities.add(catalog="country", value="Турция")
    conversation.queue_position.estimated_wait.FromSeconds(90)
    view = to_json(conversation)
    assert view["channel"] == "mobile_app" and view["state"] == "assigned"
    assert view["handoff"]["reason"] == "out_of_scope"
    assert view["handoff"]["entities"] == [{"catalog": "country", "value": "Турция"}]
    assert view["handoff"]["handed_off_at"] is None  # an unset Timestamp
    assert view["queue_position"] == {"position": 0, "estimated_wait": 90.0}
    assert view["resolution"] is None and view["operator_id"] == ""
    assert set(view) == {f.name for f in conversation_pb2.Conversation.DESCRIPTOR.fields}


def test_maps_repeated_messages_and_timestamps() -> None:
    operator = directory_pb2.Operator(
        operator_id="anna",
        role=directory_pb2.OPERATOR_ROLE_SUPERVISOR,
        status=common_pb2.OPERATOR_STATUS_AWAY,
    )
    operator.capacity["chat"] = 3
    operator.skills.add(skill="billing", level=7)
    operator.status_changed_at.FromDatetime(datetime(2026, 11, 28, 9, 30, tzinfo=UTC))
    view = to_json(operator)
    assert view["role"] == "supervisor" and view["status"] == "away"
    assert view["capacity"] == {"chat": 3} and view["load"] == {}
    assert view["skills"] == [{"skill": "billing", "level": 7}]
    assert view["status_changed_at"] == "2026-11-28T09:30:00.000Z"


def test_unknown_enum_numbers_and_unset_timestamps() -> None:
    assert enum_json(common_pb2.Channel.DESCRIPTOR, 99) == "99"
    assert enum_json(common_pb2.Channel.DESCRIPTOR, 0) == "unspecified"
    assert timestamp_json(timestamp_pb2.Timestamp()) is None
