from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Channel(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CHANNEL_UNSPECIFIED: _ClassVar[Channel]
    CHANNEL_WEB: _ClassVar[Channel]
    CHANNEL_TELEGRAM: _ClassVar[Channel]
    CHANNEL_WHATSAPP: _ClassVar[Channel]
    CHANNEL_VK: _ClassVar[Channel]
    CHANNEL_MOBILE_APP: _ClassVar[Channel]

class AuthorRole(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    AUTHOR_ROLE_UNSPECIFIED: _ClassVar[AuthorRole]
    AUTHOR_ROLE_CUSTOMER: _ClassVar[AuthorRole]
    AUTHOR_ROLE_BOT: _ClassVar[AuthorRole]
    AUTHOR_ROLE_OPERATOR: _ClassVar[AuthorRole]
    AUTHOR_ROLE_SYSTEM: _ClassVar[AuthorRole]

class OperatorStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    OPERATOR_STATUS_UNSPECIFIED: _ClassVar[OperatorStatus]
    OPERATOR_STATUS_AVAILABLE: _ClassVar[OperatorStatus]
    OPERATOR_STATUS_AWAY: _ClassVar[OperatorStatus]
    OPERATOR_STATUS_OFFLINE: _ClassVar[OperatorStatus]

class HandoffReason(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    HANDOFF_REASON_UNSPECIFIED: _ClassVar[HandoffReason]
    HANDOFF_REASON_OUT_OF_SCOPE: _ClassVar[HandoffReason]
    HANDOFF_REASON_CUSTOMER_REQUEST: _ClassVar[HandoffReason]
    HANDOFF_REASON_REPEATED_FAILURE: _ClassVar[HandoffReason]
    HANDOFF_REASON_OPERATOR_ONLY_INTENT: _ClassVar[HandoffReason]
    HANDOFF_REASON_NO_ANSWER: _ClassVar[HandoffReason]
    HANDOFF_REASON_UNSUPPORTED_CONTENT: _ClassVar[HandoffReason]
CHANNEL_UNSPECIFIED: Channel
CHANNEL_WEB: Channel
CHANNEL_TELEGRAM: Channel
CHANNEL_WHATSAPP: Channel
CHANNEL_VK: Channel
CHANNEL_MOBILE_APP: Channel
AUTHOR_ROLE_UNSPECIFIED: AuthorRole
AUTHOR_ROLE_CUSTOMER: AuthorRole
AUTHOR_ROLE_BOT: AuthorRole
AUTHOR_ROLE_OPERATOR: AuthorRole
AUTHOR_ROLE_SYSTEM: AuthorRole
OPERATOR_STATUS_UNSPECIFIED: OperatorStatus
OPERATOR_STATUS_AVAILABLE: OperatorStatus
OPERATOR_STATUS_AWAY: OperatorStatus
OPERATOR_STATUS_OFFLINE: OperatorStatus
HANDOFF_REASON_UNSPECIFIED: HandoffReason
HANDOFF_REASON_OUT_OF_SCOPE: HandoffReason
HANDOFF_REASON_CUSTOMER_REQUEST: HandoffReason
HANDOFF_REASON_REPEATED_FAILURE: HandoffReason
HANDOFF_REASON_OPERATOR_ONLY_INTENT: HandoffReason
HANDOFF_REASON_NO_ANSWER: HandoffReason
HANDOFF_REASON_UNSUPPORTED_CONTENT: HandoffReason

class Attachment(_message.Message):
    __slots__ = ("url", "mime_type", "size_bytes", "name")
    URL_FIELD_NUMBER: _ClassVar[int]
    MIME_TYPE_FIELD_NUMBER: _ClassVar[int]
    SIZE_BYTES_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    url: str
    mime_type: str
    size_bytes: int
    name: str
    def __init__(self, url: _Optional[str] = ..., mime_type: _Optional[str] = ..., size_bytes: _Optional[int] = ..., name: _Optional[str] = ...) -> None: ...

class CustomerIdentity(_message.Message):
    __slots__ = ("channel_user_id", "display_name", "verified_phone", "verified_email", "app_user_id")
    CHANNEL_USER_ID_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    VERIFIED_PHONE_FIELD_NUMBER: _ClassVar[int]
    VERIFIED_EMAIL_FIELD_NUMBER: _ClassVar[int]
    APP_USER_ID_FIELD_NUMBER: _ClassVar[int]
    channel_user_id: str
    display_name: str
    verified_phone: str
    verified_email: str
    app_user_id: str
    def __init__(self, channel_user_id: _Optional[str] = ..., display_name: _Optional[str] = ..., verified_phone: _Optional[str] = ..., verified_email: _Optional[str] = ..., app_user_id: _Optional[str] = ...) -> None: ...

class ChannelIdentity(_message.Message):
    __slots__ = ("channel", "identity")
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    IDENTITY_FIELD_NUMBER: _ClassVar[int]
    channel: Channel
    identity: CustomerIdentity
    def __init__(self, channel: _Optional[_Union[Channel, str]] = ..., identity: _Optional[_Union[CustomerIdentity, _Mapping]] = ...) -> None: ...

class QuickReply(_message.Message):
    __slots__ = ("title", "payload")
    TITLE_FIELD_NUMBER: _ClassVar[int]
    PAYLOAD_FIELD_NUMBER: _ClassVar[int]
    title: str
    payload: str
    def __init__(self, title: _Optional[str] = ..., payload: _Optional[str] = ...) -> None: ...

class Author(_message.Message):
    __slots__ = ("role", "operator_id", "display_name")
    ROLE_FIELD_NUMBER: _ClassVar[int]
    OPERATOR_ID_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    role: AuthorRole
    operator_id: str
    display_name: str
    def __init__(self, role: _Optional[_Union[AuthorRole, str]] = ..., operator_id: _Optional[str] = ..., display_name: _Optional[str] = ...) -> None: ...
