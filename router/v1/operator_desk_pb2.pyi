import datetime

from google.protobuf import duration_pb2 as _duration_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from router.v1 import common_pb2 as _common_pb2
from router.v1 import conversation_pb2 as _conversation_pb2
from router.v1 import directory_pb2 as _directory_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class OfferCloseReason(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    OFFER_CLOSE_REASON_UNSPECIFIED: _ClassVar[OfferCloseReason]
    OFFER_CLOSE_REASON_ACCEPTED: _ClassVar[OfferCloseReason]
    OFFER_CLOSE_REASON_DECLINED: _ClassVar[OfferCloseReason]
    OFFER_CLOSE_REASON_EXPIRED: _ClassVar[OfferCloseReason]
    OFFER_CLOSE_REASON_REVOKED: _ClassVar[OfferCloseReason]

class ConversationChange(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CONVERSATION_CHANGE_UNSPECIFIED: _ClassVar[ConversationChange]
    CONVERSATION_CHANGE_QUEUED: _ClassVar[ConversationChange]
    CONVERSATION_CHANGE_ASSIGNED: _ClassVar[ConversationChange]
    CONVERSATION_CHANGE_REQUEUED: _ClassVar[ConversationChange]
    CONVERSATION_CHANGE_TRANSFERRED: _ClassVar[ConversationChange]
    CONVERSATION_CHANGE_RESOLVED: _ClassVar[ConversationChange]
    CONVERSATION_CHANGE_UPDATED: _ClassVar[ConversationChange]
OFFER_CLOSE_REASON_UNSPECIFIED: OfferCloseReason
OFFER_CLOSE_REASON_ACCEPTED: OfferCloseReason
OFFER_CLOSE_REASON_DECLINED: OfferCloseReason
OFFER_CLOSE_REASON_EXPIRED: OfferCloseReason
OFFER_CLOSE_REASON_REVOKED: OfferCloseReason
CONVERSATION_CHANGE_UNSPECIFIED: ConversationChange
CONVERSATION_CHANGE_QUEUED: ConversationChange
CONVERSATION_CHANGE_ASSIGNED: ConversationChange
CONVERSATION_CHANGE_REQUEUED: ConversationChange
CONVERSATION_CHANGE_TRANSFERRED: ConversationChange
CONVERSATION_CHANGE_RESOLVED: ConversationChange
CONVERSATION_CHANGE_UPDATED: ConversationChange

class StreamEventsRequest(_message.Message):
    __slots__ = ("cursor", "initial_status")
    CURSOR_FIELD_NUMBER: _ClassVar[int]
    INITIAL_STATUS_FIELD_NUMBER: _ClassVar[int]
    cursor: str
    initial_status: _common_pb2.OperatorStatus
    def __init__(self, cursor: _Optional[str] = ..., initial_status: _Optional[_Union[_common_pb2.OperatorStatus, str]] = ...) -> None: ...

class DeskEvent(_message.Message):
    __slots__ = ("event_id", "cursor", "occurred_at", "session_started", "heartbeat", "offer", "offer_closed", "message", "conversation_update", "status_changed", "delivery_failed")
    EVENT_ID_FIELD_NUMBER: _ClassVar[int]
    CURSOR_FIELD_NUMBER: _ClassVar[int]
    OCCURRED_AT_FIELD_NUMBER: _ClassVar[int]
    SESSION_STARTED_FIELD_NUMBER: _ClassVar[int]
    HEARTBEAT_FIELD_NUMBER: _ClassVar[int]
    OFFER_FIELD_NUMBER: _ClassVar[int]
    OFFER_CLOSED_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    CONVERSATION_UPDATE_FIELD_NUMBER: _ClassVar[int]
    STATUS_CHANGED_FIELD_NUMBER: _ClassVar[int]
    DELIVERY_FAILED_FIELD_NUMBER: _ClassVar[int]
    event_id: str
    cursor: str
    occurred_at: _timestamp_pb2.Timestamp
    session_started: SessionStarted
    heartbeat: ServerHeartbeat
    offer: OfferEvent
    offer_closed: OfferClosed
    message: _conversation_pb2.Message
    conversation_update: ConversationUpdate
    status_changed: OperatorStatusChanged
    delivery_failed: DeliveryFailed
    def __init__(self, event_id: _Optional[str] = ..., cursor: _Optional[str] = ..., occurred_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., session_started: _Optional[_Union[SessionStarted, _Mapping]] = ..., heartbeat: _Optional[_Union[ServerHeartbeat, _Mapping]] = ..., offer: _Optional[_Union[OfferEvent, _Mapping]] = ..., offer_closed: _Optional[_Union[OfferClosed, _Mapping]] = ..., message: _Optional[_Union[_conversation_pb2.Message, _Mapping]] = ..., conversation_update: _Optional[_Union[ConversationUpdate, _Mapping]] = ..., status_changed: _Optional[_Union[OperatorStatusChanged, _Mapping]] = ..., delivery_failed: _Optional[_Union[DeliveryFailed, _Mapping]] = ...) -> None: ...

class SessionStarted(_message.Message):
    __slots__ = ("session_id", "operator", "heartbeat_interval", "resumed")
    SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    OPERATOR_FIELD_NUMBER: _ClassVar[int]
    HEARTBEAT_INTERVAL_FIELD_NUMBER: _ClassVar[int]
    RESUMED_FIELD_NUMBER: _ClassVar[int]
    session_id: str
    operator: _directory_pb2.Operator
    heartbeat_interval: _duration_pb2.Duration
    resumed: bool
    def __init__(self, session_id: _Optional[str] = ..., operator: _Optional[_Union[_directory_pb2.Operator, _Mapping]] = ..., heartbeat_interval: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., resumed: _Optional[bool] = ...) -> None: ...

class ServerHeartbeat(_message.Message):
    __slots__ = ("server_time",)
    SERVER_TIME_FIELD_NUMBER: _ClassVar[int]
    server_time: _timestamp_pb2.Timestamp
    def __init__(self, server_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class OfferEvent(_message.Message):
    __slots__ = ("offer_id", "conversation", "customer", "expires_at")
    OFFER_ID_FIELD_NUMBER: _ClassVar[int]
    CONVERSATION_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    offer_id: str
    conversation: _conversation_pb2.Conversation
    customer: _conversation_pb2.Customer
    expires_at: _timestamp_pb2.Timestamp
    def __init__(self, offer_id: _Optional[str] = ..., conversation: _Optional[_Union[_conversation_pb2.Conversation, _Mapping]] = ..., customer: _Optional[_Union[_conversation_pb2.Customer, _Mapping]] = ..., expires_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class OfferClosed(_message.Message):
    __slots__ = ("offer_id", "conversation_id", "reason")
    OFFER_ID_FIELD_NUMBER: _ClassVar[int]
    CONVERSATION_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    offer_id: str
    conversation_id: str
    reason: OfferCloseReason
    def __init__(self, offer_id: _Optional[str] = ..., conversation_id: _Optional[str] = ..., reason: _Optional[_Union[OfferCloseReason, str]] = ...) -> None: ...

class ConversationUpdate(_message.Message):
    __slots__ = ("change", "conversation")
    CHANGE_FIELD_NUMBER: _ClassVar[int]
    CONVERSATION_FIELD_NUMBER: _ClassVar[int]
    change: ConversationChange
    conversation: _conversation_pb2.Conversation
    def __init__(self, change: _Optional[_Union[ConversationChange, str]] = ..., conversation: _Optional[_Union[_conversation_pb2.Conversation, _Mapping]] = ...) -> None: ...

class OperatorStatusChanged(_message.Message):
    __slots__ = ("status", "changed_by")
    STATUS_FIELD_NUMBER: _ClassVar[int]
    CHANGED_BY_FIELD_NUMBER: _ClassVar[int]
    status: _common_pb2.OperatorStatus
    changed_by: str
    def __init__(self, status: _Optional[_Union[_common_pb2.OperatorStatus, str]] = ..., changed_by: _Optional[str] = ...) -> None: ...

class DeliveryFailed(_message.Message):
    __slots__ = ("conversation_id", "message_id", "error_message")
    CONVERSATION_ID_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_ID_FIELD_NUMBER: _ClassVar[int]
    ERROR_MESSAGE_FIELD_NUMBER: _ClassVar[int]
    conversation_id: str
    message_id: str
    error_message: str
    def __init__(self, conversation_id: _Optional[str] = ..., message_id: _Optional[str] = ..., error_message: _Optional[str] = ...) -> None: ...

class HeartbeatRequest(_message.Message):
    __slots__ = ("session_id",)
    SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    session_id: str
    def __init__(self, session_id: _Optional[str] = ...) -> None: ...

class HeartbeatResponse(_message.Message):
    __slots__ = ("next_heartbeat_before",)
    NEXT_HEARTBEAT_BEFORE_FIELD_NUMBER: _ClassVar[int]
    next_heartbeat_before: _timestamp_pb2.Timestamp
    def __init__(self, next_heartbeat_before: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class SetOperatorStatusRequest(_message.Message):
    __slots__ = ("status", "operator_id", "reason")
    STATUS_FIELD_NUMBER: _ClassVar[int]
    OPERATOR_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    status: _common_pb2.OperatorStatus
    operator_id: str
    reason: str
    def __init__(self, status: _Optional[_Union[_common_pb2.OperatorStatus, str]] = ..., operator_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class SetOperatorStatusResponse(_message.Message):
    __slots__ = ("operator",)
    OPERATOR_FIELD_NUMBER: _ClassVar[int]
    operator: _directory_pb2.Operator
    def __init__(self, operator: _Optional[_Union[_directory_pb2.Operator, _Mapping]] = ...) -> None: ...

class AcceptOfferRequest(_message.Message):
    __slots__ = ("offer_id",)
    OFFER_ID_FIELD_NUMBER: _ClassVar[int]
    offer_id: str
    def __init__(self, offer_id: _Optional[str] = ...) -> None: ...

class AcceptOfferResponse(_message.Message):
    __slots__ = ("conversation",)
    CONVERSATION_FIELD_NUMBER: _ClassVar[int]
    conversation: _conversation_pb2.Conversation
    def __init__(self, conversation: _Optional[_Union[_conversation_pb2.Conversation, _Mapping]] = ...) -> None: ...

class DeclineOfferRequest(_message.Message):
    __slots__ = ("offer_id", "reason")
    OFFER_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    offer_id: str
    reason: str
    def __init__(self, offer_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class DeclineOfferResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class SendReplyRequest(_message.Message):
    __slots__ = ("conversation_id", "client_message_id", "text", "attachments", "quick_replies")
    CONVERSATION_ID_FIELD_NUMBER: _ClassVar[int]
    CLIENT_MESSAGE_ID_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    ATTACHMENTS_FIELD_NUMBER: _ClassVar[int]
    QUICK_REPLIES_FIELD_NUMBER: _ClassVar[int]
    conversation_id: str
    client_message_id: str
    text: str
    attachments: _containers.RepeatedCompositeFieldContainer[_common_pb2.Attachment]
    quick_replies: _containers.RepeatedCompositeFieldContainer[_common_pb2.QuickReply]
    def __init__(self, conversation_id: _Optional[str] = ..., client_message_id: _Optional[str] = ..., text: _Optional[str] = ..., attachments: _Optional[_Iterable[_Union[_common_pb2.Attachment, _Mapping]]] = ..., quick_replies: _Optional[_Iterable[_Union[_common_pb2.QuickReply, _Mapping]]] = ...) -> None: ...

class SendReplyResponse(_message.Message):
    __slots__ = ("message", "duplicate")
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    DUPLICATE_FIELD_NUMBER: _ClassVar[int]
    message: _conversation_pb2.Message
    duplicate: bool
    def __init__(self, message: _Optional[_Union[_conversation_pb2.Message, _Mapping]] = ..., duplicate: _Optional[bool] = ...) -> None: ...

class TransferConversationRequest(_message.Message):
    __slots__ = ("conversation_id", "operator_id", "team", "skill", "note")
    CONVERSATION_ID_FIELD_NUMBER: _ClassVar[int]
    OPERATOR_ID_FIELD_NUMBER: _ClassVar[int]
    TEAM_FIELD_NUMBER: _ClassVar[int]
    SKILL_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    conversation_id: str
    operator_id: str
    team: str
    skill: str
    note: str
    def __init__(self, conversation_id: _Optional[str] = ..., operator_id: _Optional[str] = ..., team: _Optional[str] = ..., skill: _Optional[str] = ..., note: _Optional[str] = ...) -> None: ...

class TransferConversationResponse(_message.Message):
    __slots__ = ("conversation",)
    CONVERSATION_FIELD_NUMBER: _ClassVar[int]
    conversation: _conversation_pb2.Conversation
    def __init__(self, conversation: _Optional[_Union[_conversation_pb2.Conversation, _Mapping]] = ...) -> None: ...

class ResolveConversationRequest(_message.Message):
    __slots__ = ("conversation_id", "intent", "note", "exclude_from_training")
    CONVERSATION_ID_FIELD_NUMBER: _ClassVar[int]
    INTENT_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    EXCLUDE_FROM_TRAINING_FIELD_NUMBER: _ClassVar[int]
    conversation_id: str
    intent: str
    note: str
    exclude_from_training: bool
    def __init__(self, conversation_id: _Optional[str] = ..., intent: _Optional[str] = ..., note: _Optional[str] = ..., exclude_from_training: _Optional[bool] = ...) -> None: ...

class ResolveConversationResponse(_message.Message):
    __slots__ = ("conversation", "training_example_added")
    CONVERSATION_FIELD_NUMBER: _ClassVar[int]
    TRAINING_EXAMPLE_ADDED_FIELD_NUMBER: _ClassVar[int]
    conversation: _conversation_pb2.Conversation
    training_example_added: bool
    def __init__(self, conversation: _Optional[_Union[_conversation_pb2.Conversation, _Mapping]] = ..., training_example_added: _Optional[bool] = ...) -> None: ...

class AssignConversationRequest(_message.Message):
    __slots__ = ("conversation_id", "operator_id")
    CONVERSATION_ID_FIELD_NUMBER: _ClassVar[int]
    OPERATOR_ID_FIELD_NUMBER: _ClassVar[int]
    conversation_id: str
    operator_id: str
    def __init__(self, conversation_id: _Optional[str] = ..., operator_id: _Optional[str] = ...) -> None: ...

class AssignConversationResponse(_message.Message):
    __slots__ = ("conversation",)
    CONVERSATION_FIELD_NUMBER: _ClassVar[int]
    conversation: _conversation_pb2.Conversation
    def __init__(self, conversation: _Optional[_Union[_conversation_pb2.Conversation, _Mapping]] = ...) -> None: ...

class GetConversationRequest(_message.Message):
    __slots__ = ("conversation_id", "history_page_size", "history_page_token")
    CONVERSATION_ID_FIELD_NUMBER: _ClassVar[int]
    HISTORY_PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    HISTORY_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    conversation_id: str
    history_page_size: int
    history_page_token: str
    def __init__(self, conversation_id: _Optional[str] = ..., history_page_size: _Optional[int] = ..., history_page_token: _Optional[str] = ...) -> None: ...

class GetConversationResponse(_message.Message):
    __slots__ = ("conversation", "customer", "messages", "history", "next_history_page_token")
    CONVERSATION_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    MESSAGES_FIELD_NUMBER: _ClassVar[int]
    HISTORY_FIELD_NUMBER: _ClassVar[int]
    NEXT_HISTORY_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    conversation: _conversation_pb2.Conversation
    customer: _conversation_pb2.Customer
    messages: _containers.RepeatedCompositeFieldContainer[_conversation_pb2.Message]
    history: _containers.RepeatedCompositeFieldContainer[_conversation_pb2.Message]
    next_history_page_token: str
    def __init__(self, conversation: _Optional[_Union[_conversation_pb2.Conversation, _Mapping]] = ..., customer: _Optional[_Union[_conversation_pb2.Customer, _Mapping]] = ..., messages: _Optional[_Iterable[_Union[_conversation_pb2.Message, _Mapping]]] = ..., history: _Optional[_Iterable[_Union[_conversation_pb2.Message, _Mapping]]] = ..., next_history_page_token: _Optional[str] = ...) -> None: ...

class ListConversationsRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "state", "operator_id", "customer_id", "channel", "skill", "team")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    OPERATOR_ID_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_ID_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    SKILL_FIELD_NUMBER: _ClassVar[int]
    TEAM_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    state: _conversation_pb2.ConversationState
    operator_id: str
    customer_id: str
    channel: _common_pb2.Channel
    skill: str
    team: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., state: _Optional[_Union[_conversation_pb2.ConversationState, str]] = ..., operator_id: _Optional[str] = ..., customer_id: _Optional[str] = ..., channel: _Optional[_Union[_common_pb2.Channel, str]] = ..., skill: _Optional[str] = ..., team: _Optional[str] = ...) -> None: ...

class ListConversationsResponse(_message.Message):
    __slots__ = ("conversations", "next_page_token")
    CONVERSATIONS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    conversations: _containers.RepeatedCompositeFieldContainer[_conversation_pb2.Conversation]
    next_page_token: str
    def __init__(self, conversations: _Optional[_Iterable[_Union[_conversation_pb2.Conversation, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...
