import datetime

from google.protobuf import duration_pb2 as _duration_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from router.v1 import common_pb2 as _common_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ConversationState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CONVERSATION_STATE_UNSPECIFIED: _ClassVar[ConversationState]
    CONVERSATION_STATE_BOT: _ClassVar[ConversationState]
    CONVERSATION_STATE_QUEUED: _ClassVar[ConversationState]
    CONVERSATION_STATE_OFFERED: _ClassVar[ConversationState]
    CONVERSATION_STATE_ASSIGNED: _ClassVar[ConversationState]
    CONVERSATION_STATE_RESOLVED: _ClassVar[ConversationState]
CONVERSATION_STATE_UNSPECIFIED: ConversationState
CONVERSATION_STATE_BOT: ConversationState
CONVERSATION_STATE_QUEUED: ConversationState
CONVERSATION_STATE_OFFERED: ConversationState
CONVERSATION_STATE_ASSIGNED: ConversationState
CONVERSATION_STATE_RESOLVED: ConversationState

class Customer(_message.Message):
    __slots__ = ("customer_id", "display_name", "identities", "vip", "first_seen_at", "last_contact_at")
    CUSTOMER_ID_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    IDENTITIES_FIELD_NUMBER: _ClassVar[int]
    VIP_FIELD_NUMBER: _ClassVar[int]
    FIRST_SEEN_AT_FIELD_NUMBER: _ClassVar[int]
    LAST_CONTACT_AT_FIELD_NUMBER: _ClassVar[int]
    customer_id: str
    display_name: str
    identities: _containers.RepeatedCompositeFieldContainer[_common_pb2.ChannelIdentity]
    vip: bool
    first_seen_at: _timestamp_pb2.Timestamp
    last_contact_at: _timestamp_pb2.Timestamp
    def __init__(self, customer_id: _Optional[str] = ..., display_name: _Optional[str] = ..., identities: _Optional[_Iterable[_Union[_common_pb2.ChannelIdentity, _Mapping]]] = ..., vip: _Optional[bool] = ..., first_seen_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., last_contact_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class Routing(_message.Message):
    __slots__ = ("required_skills", "language", "work_kind", "weight", "priority", "policy", "preferred_operator_id", "team", "active_step")
    REQUIRED_SKILLS_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    WORK_KIND_FIELD_NUMBER: _ClassVar[int]
    WEIGHT_FIELD_NUMBER: _ClassVar[int]
    PRIORITY_FIELD_NUMBER: _ClassVar[int]
    POLICY_FIELD_NUMBER: _ClassVar[int]
    PREFERRED_OPERATOR_ID_FIELD_NUMBER: _ClassVar[int]
    TEAM_FIELD_NUMBER: _ClassVar[int]
    ACTIVE_STEP_FIELD_NUMBER: _ClassVar[int]
    required_skills: _containers.RepeatedScalarFieldContainer[str]
    language: str
    work_kind: str
    weight: int
    priority: int
    policy: str
    preferred_operator_id: str
    team: str
    active_step: str
    def __init__(self, required_skills: _Optional[_Iterable[str]] = ..., language: _Optional[str] = ..., work_kind: _Optional[str] = ..., weight: _Optional[int] = ..., priority: _Optional[int] = ..., policy: _Optional[str] = ..., preferred_operator_id: _Optional[str] = ..., team: _Optional[str] = ..., active_step: _Optional[str] = ...) -> None: ...

class Handoff(_message.Message):
    __slots__ = ("reason", "intent", "confidence", "handed_off_at", "entities")
    REASON_FIELD_NUMBER: _ClassVar[int]
    INTENT_FIELD_NUMBER: _ClassVar[int]
    CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    HANDED_OFF_AT_FIELD_NUMBER: _ClassVar[int]
    ENTITIES_FIELD_NUMBER: _ClassVar[int]
    reason: _common_pb2.HandoffReason
    intent: str
    confidence: float
    handed_off_at: _timestamp_pb2.Timestamp
    entities: _containers.RepeatedCompositeFieldContainer[HandoffEntity]
    def __init__(self, reason: _Optional[_Union[_common_pb2.HandoffReason, str]] = ..., intent: _Optional[str] = ..., confidence: _Optional[float] = ..., handed_off_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., entities: _Optional[_Iterable[_Union[HandoffEntity, _Mapping]]] = ...) -> None: ...

class HandoffEntity(_message.Message):
    __slots__ = ("catalog", "value")
    CATALOG_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    catalog: str
    value: str
    def __init__(self, catalog: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...

class Resolution(_message.Message):
    __slots__ = ("intent", "note", "operator_id", "resolved_at")
    INTENT_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    OPERATOR_ID_FIELD_NUMBER: _ClassVar[int]
    RESOLVED_AT_FIELD_NUMBER: _ClassVar[int]
    intent: str
    note: str
    operator_id: str
    resolved_at: _timestamp_pb2.Timestamp
    def __init__(self, intent: _Optional[str] = ..., note: _Optional[str] = ..., operator_id: _Optional[str] = ..., resolved_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class QueuePosition(_message.Message):
    __slots__ = ("position", "estimated_wait")
    POSITION_FIELD_NUMBER: _ClassVar[int]
    ESTIMATED_WAIT_FIELD_NUMBER: _ClassVar[int]
    position: int
    estimated_wait: _duration_pb2.Duration
    def __init__(self, position: _Optional[int] = ..., estimated_wait: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ...) -> None: ...

class Conversation(_message.Message):
    __slots__ = ("conversation_id", "customer_id", "channel", "state", "operator_id", "routing", "handoff", "resolution", "queue_position", "created_at", "updated_at", "last_message_preview", "message_count")
    CONVERSATION_ID_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_ID_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    OPERATOR_ID_FIELD_NUMBER: _ClassVar[int]
    ROUTING_FIELD_NUMBER: _ClassVar[int]
    HANDOFF_FIELD_NUMBER: _ClassVar[int]
    RESOLUTION_FIELD_NUMBER: _ClassVar[int]
    QUEUE_POSITION_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    LAST_MESSAGE_PREVIEW_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_COUNT_FIELD_NUMBER: _ClassVar[int]
    conversation_id: str
    customer_id: str
    channel: _common_pb2.Channel
    state: ConversationState
    operator_id: str
    routing: Routing
    handoff: Handoff
    resolution: Resolution
    queue_position: QueuePosition
    created_at: _timestamp_pb2.Timestamp
    updated_at: _timestamp_pb2.Timestamp
    last_message_preview: str
    message_count: int
    def __init__(self, conversation_id: _Optional[str] = ..., customer_id: _Optional[str] = ..., channel: _Optional[_Union[_common_pb2.Channel, str]] = ..., state: _Optional[_Union[ConversationState, str]] = ..., operator_id: _Optional[str] = ..., routing: _Optional[_Union[Routing, _Mapping]] = ..., handoff: _Optional[_Union[Handoff, _Mapping]] = ..., resolution: _Optional[_Union[Resolution, _Mapping]] = ..., queue_position: _Optional[_Union[QueuePosition, _Mapping]] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., last_message_preview: _Optional[str] = ..., message_count: _Optional[int] = ...) -> None: ...

class Message(_message.Message):
    __slots__ = ("message_id", "conversation_id", "channel", "author", "text", "attachments", "quick_replies", "external_id", "sent_at", "created_at")
    MESSAGE_ID_FIELD_NUMBER: _ClassVar[int]
    CONVERSATION_ID_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    AUTHOR_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    ATTACHMENTS_FIELD_NUMBER: _ClassVar[int]
    QUICK_REPLIES_FIELD_NUMBER: _ClassVar[int]
    EXTERNAL_ID_FIELD_NUMBER: _ClassVar[int]
    SENT_AT_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    message_id: str
    conversation_id: str
    channel: _common_pb2.Channel
    author: _common_pb2.Author
    text: str
    attachments: _containers.RepeatedCompositeFieldContainer[_common_pb2.Attachment]
    quick_replies: _containers.RepeatedCompositeFieldContainer[_common_pb2.QuickReply]
    external_id: str
    sent_at: _timestamp_pb2.Timestamp
    created_at: _timestamp_pb2.Timestamp
    def __init__(self, message_id: _Optional[str] = ..., conversation_id: _Optional[str] = ..., channel: _Optional[_Union[_common_pb2.Channel, str]] = ..., author: _Optional[_Union[_common_pb2.Author, _Mapping]] = ..., text: _Optional[str] = ..., attachments: _Optional[_Iterable[_Union[_common_pb2.Attachment, _Mapping]]] = ..., quick_replies: _Optional[_Iterable[_Union[_common_pb2.QuickReply, _Mapping]]] = ..., external_id: _Optional[str] = ..., sent_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...
