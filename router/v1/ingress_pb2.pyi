import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from router.v1 import common_pb2 as _common_pb2
from router.v1 import conversation_pb2 as _conversation_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class DeliveryOutcome(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    DELIVERY_OUTCOME_UNSPECIFIED: _ClassVar[DeliveryOutcome]
    DELIVERY_OUTCOME_SENT: _ClassVar[DeliveryOutcome]
    DELIVERY_OUTCOME_REJECTED: _ClassVar[DeliveryOutcome]
DELIVERY_OUTCOME_UNSPECIFIED: DeliveryOutcome
DELIVERY_OUTCOME_SENT: DeliveryOutcome
DELIVERY_OUTCOME_REJECTED: DeliveryOutcome

class SendMessageRequest(_message.Message):
    __slots__ = ("message",)
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    message: InboundMessage
    def __init__(self, message: _Optional[_Union[InboundMessage, _Mapping]] = ...) -> None: ...

class InboundMessage(_message.Message):
    __slots__ = ("channel", "external_id", "customer", "text", "attachments", "sent_at", "locale", "metadata")
    class MetadataEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    EXTERNAL_ID_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    ATTACHMENTS_FIELD_NUMBER: _ClassVar[int]
    SENT_AT_FIELD_NUMBER: _ClassVar[int]
    LOCALE_FIELD_NUMBER: _ClassVar[int]
    METADATA_FIELD_NUMBER: _ClassVar[int]
    channel: _common_pb2.Channel
    external_id: str
    customer: _common_pb2.CustomerIdentity
    text: str
    attachments: _containers.RepeatedCompositeFieldContainer[_common_pb2.Attachment]
    sent_at: _timestamp_pb2.Timestamp
    locale: str
    metadata: _containers.ScalarMap[str, str]
    def __init__(self, channel: _Optional[_Union[_common_pb2.Channel, str]] = ..., external_id: _Optional[str] = ..., customer: _Optional[_Union[_common_pb2.CustomerIdentity, _Mapping]] = ..., text: _Optional[str] = ..., attachments: _Optional[_Iterable[_Union[_common_pb2.Attachment, _Mapping]]] = ..., sent_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., locale: _Optional[str] = ..., metadata: _Optional[_Mapping[str, str]] = ...) -> None: ...

class SendMessageResponse(_message.Message):
    __slots__ = ("message_id", "conversation_id", "customer_id", "duplicate", "received_at")
    MESSAGE_ID_FIELD_NUMBER: _ClassVar[int]
    CONVERSATION_ID_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_ID_FIELD_NUMBER: _ClassVar[int]
    DUPLICATE_FIELD_NUMBER: _ClassVar[int]
    RECEIVED_AT_FIELD_NUMBER: _ClassVar[int]
    message_id: str
    conversation_id: str
    customer_id: str
    duplicate: bool
    received_at: _timestamp_pb2.Timestamp
    def __init__(self, message_id: _Optional[str] = ..., conversation_id: _Optional[str] = ..., customer_id: _Optional[str] = ..., duplicate: _Optional[bool] = ..., received_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class StreamDeliveriesRequest(_message.Message):
    __slots__ = ("channel", "cursor", "max_unacked")
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    CURSOR_FIELD_NUMBER: _ClassVar[int]
    MAX_UNACKED_FIELD_NUMBER: _ClassVar[int]
    channel: _common_pb2.Channel
    cursor: str
    max_unacked: int
    def __init__(self, channel: _Optional[_Union[_common_pb2.Channel, str]] = ..., cursor: _Optional[str] = ..., max_unacked: _Optional[int] = ...) -> None: ...

class Delivery(_message.Message):
    __slots__ = ("delivery_id", "cursor", "conversation_id", "message_id", "channel", "recipient", "author", "text", "quick_replies", "attachments", "reply_to_external_id", "created_at", "previous_attempts", "queue_position", "customer_id")
    DELIVERY_ID_FIELD_NUMBER: _ClassVar[int]
    CURSOR_FIELD_NUMBER: _ClassVar[int]
    CONVERSATION_ID_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_ID_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    RECIPIENT_FIELD_NUMBER: _ClassVar[int]
    AUTHOR_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    QUICK_REPLIES_FIELD_NUMBER: _ClassVar[int]
    ATTACHMENTS_FIELD_NUMBER: _ClassVar[int]
    REPLY_TO_EXTERNAL_ID_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_ATTEMPTS_FIELD_NUMBER: _ClassVar[int]
    QUEUE_POSITION_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_ID_FIELD_NUMBER: _ClassVar[int]
    delivery_id: str
    cursor: str
    conversation_id: str
    message_id: str
    channel: _common_pb2.Channel
    recipient: _common_pb2.CustomerIdentity
    author: _common_pb2.Author
    text: str
    quick_replies: _containers.RepeatedCompositeFieldContainer[_common_pb2.QuickReply]
    attachments: _containers.RepeatedCompositeFieldContainer[_common_pb2.Attachment]
    reply_to_external_id: str
    created_at: _timestamp_pb2.Timestamp
    previous_attempts: int
    queue_position: _conversation_pb2.QueuePosition
    customer_id: str
    def __init__(self, delivery_id: _Optional[str] = ..., cursor: _Optional[str] = ..., conversation_id: _Optional[str] = ..., message_id: _Optional[str] = ..., channel: _Optional[_Union[_common_pb2.Channel, str]] = ..., recipient: _Optional[_Union[_common_pb2.CustomerIdentity, _Mapping]] = ..., author: _Optional[_Union[_common_pb2.Author, _Mapping]] = ..., text: _Optional[str] = ..., quick_replies: _Optional[_Iterable[_Union[_common_pb2.QuickReply, _Mapping]]] = ..., attachments: _Optional[_Iterable[_Union[_common_pb2.Attachment, _Mapping]]] = ..., reply_to_external_id: _Optional[str] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., previous_attempts: _Optional[int] = ..., queue_position: _Optional[_Union[_conversation_pb2.QueuePosition, _Mapping]] = ..., customer_id: _Optional[str] = ...) -> None: ...

class DeliveryAck(_message.Message):
    __slots__ = ("delivery_id", "outcome", "external_id", "error_message")
    DELIVERY_ID_FIELD_NUMBER: _ClassVar[int]
    OUTCOME_FIELD_NUMBER: _ClassVar[int]
    EXTERNAL_ID_FIELD_NUMBER: _ClassVar[int]
    ERROR_MESSAGE_FIELD_NUMBER: _ClassVar[int]
    delivery_id: str
    outcome: DeliveryOutcome
    external_id: str
    error_message: str
    def __init__(self, delivery_id: _Optional[str] = ..., outcome: _Optional[_Union[DeliveryOutcome, str]] = ..., external_id: _Optional[str] = ..., error_message: _Optional[str] = ...) -> None: ...

class AckDeliveriesRequest(_message.Message):
    __slots__ = ("channel", "acks")
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    ACKS_FIELD_NUMBER: _ClassVar[int]
    channel: _common_pb2.Channel
    acks: _containers.RepeatedCompositeFieldContainer[DeliveryAck]
    def __init__(self, channel: _Optional[_Union[_common_pb2.Channel, str]] = ..., acks: _Optional[_Iterable[_Union[DeliveryAck, _Mapping]]] = ...) -> None: ...

class AckDeliveriesResponse(_message.Message):
    __slots__ = ("acknowledged_count", "unknown_delivery_ids")
    ACKNOWLEDGED_COUNT_FIELD_NUMBER: _ClassVar[int]
    UNKNOWN_DELIVERY_IDS_FIELD_NUMBER: _ClassVar[int]
    acknowledged_count: int
    unknown_delivery_ids: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, acknowledged_count: _Optional[int] = ..., unknown_delivery_ids: _Optional[_Iterable[str]] = ...) -> None: ...
