import datetime

from google.protobuf import duration_pb2 as _duration_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from router.v1 import common_pb2 as _common_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class TimeWindow(_message.Message):
    __slots__ = ("start_time", "end_time")
    START_TIME_FIELD_NUMBER: _ClassVar[int]
    END_TIME_FIELD_NUMBER: _ClassVar[int]
    start_time: _timestamp_pb2.Timestamp
    end_time: _timestamp_pb2.Timestamp
    def __init__(self, start_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., end_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class GetQueueStatsRequest(_message.Message):
    __slots__ = ("policies", "window")
    POLICIES_FIELD_NUMBER: _ClassVar[int]
    WINDOW_FIELD_NUMBER: _ClassVar[int]
    policies: _containers.RepeatedScalarFieldContainer[str]
    window: TimeWindow
    def __init__(self, policies: _Optional[_Iterable[str]] = ..., window: _Optional[_Union[TimeWindow, _Mapping]] = ...) -> None: ...

class QueueStats(_message.Message):
    __slots__ = ("policy", "queued", "offered", "assigned", "longest_wait", "estimated_wait", "accepted", "accepted_within_sla", "service_level", "mean_wait", "abandoned", "offers_expired", "rejected_queue_full", "offers_declined")
    POLICY_FIELD_NUMBER: _ClassVar[int]
    QUEUED_FIELD_NUMBER: _ClassVar[int]
    OFFERED_FIELD_NUMBER: _ClassVar[int]
    ASSIGNED_FIELD_NUMBER: _ClassVar[int]
    LONGEST_WAIT_FIELD_NUMBER: _ClassVar[int]
    ESTIMATED_WAIT_FIELD_NUMBER: _ClassVar[int]
    ACCEPTED_FIELD_NUMBER: _ClassVar[int]
    ACCEPTED_WITHIN_SLA_FIELD_NUMBER: _ClassVar[int]
    SERVICE_LEVEL_FIELD_NUMBER: _ClassVar[int]
    MEAN_WAIT_FIELD_NUMBER: _ClassVar[int]
    ABANDONED_FIELD_NUMBER: _ClassVar[int]
    OFFERS_EXPIRED_FIELD_NUMBER: _ClassVar[int]
    REJECTED_QUEUE_FULL_FIELD_NUMBER: _ClassVar[int]
    OFFERS_DECLINED_FIELD_NUMBER: _ClassVar[int]
    policy: str
    queued: int
    offered: int
    assigned: int
    longest_wait: _duration_pb2.Duration
    estimated_wait: _duration_pb2.Duration
    accepted: int
    accepted_within_sla: int
    service_level: float
    mean_wait: _duration_pb2.Duration
    abandoned: int
    offers_expired: int
    rejected_queue_full: int
    offers_declined: int
    def __init__(self, policy: _Optional[str] = ..., queued: _Optional[int] = ..., offered: _Optional[int] = ..., assigned: _Optional[int] = ..., longest_wait: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., estimated_wait: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., accepted: _Optional[int] = ..., accepted_within_sla: _Optional[int] = ..., service_level: _Optional[float] = ..., mean_wait: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., abandoned: _Optional[int] = ..., offers_expired: _Optional[int] = ..., rejected_queue_full: _Optional[int] = ..., offers_declined: _Optional[int] = ...) -> None: ...

class GetQueueStatsResponse(_message.Message):
    __slots__ = ("queues", "window", "computed_at")
    QUEUES_FIELD_NUMBER: _ClassVar[int]
    WINDOW_FIELD_NUMBER: _ClassVar[int]
    COMPUTED_AT_FIELD_NUMBER: _ClassVar[int]
    queues: _containers.RepeatedCompositeFieldContainer[QueueStats]
    window: TimeWindow
    computed_at: _timestamp_pb2.Timestamp
    def __init__(self, queues: _Optional[_Iterable[_Union[QueueStats, _Mapping]]] = ..., window: _Optional[_Union[TimeWindow, _Mapping]] = ..., computed_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class GetOperatorStatsRequest(_message.Message):
    __slots__ = ("team",)
    TEAM_FIELD_NUMBER: _ClassVar[int]
    team: str
    def __init__(self, team: _Optional[str] = ...) -> None: ...

class StatusCount(_message.Message):
    __slots__ = ("status", "operators")
    STATUS_FIELD_NUMBER: _ClassVar[int]
    OPERATORS_FIELD_NUMBER: _ClassVar[int]
    status: _common_pb2.OperatorStatus
    operators: int
    def __init__(self, status: _Optional[_Union[_common_pb2.OperatorStatus, str]] = ..., operators: _Optional[int] = ...) -> None: ...

class WorkKindLoad(_message.Message):
    __slots__ = ("work_kind", "used_units", "capacity_units", "utilization")
    WORK_KIND_FIELD_NUMBER: _ClassVar[int]
    USED_UNITS_FIELD_NUMBER: _ClassVar[int]
    CAPACITY_UNITS_FIELD_NUMBER: _ClassVar[int]
    UTILIZATION_FIELD_NUMBER: _ClassVar[int]
    work_kind: str
    used_units: int
    capacity_units: int
    utilization: float
    def __init__(self, work_kind: _Optional[str] = ..., used_units: _Optional[int] = ..., capacity_units: _Optional[int] = ..., utilization: _Optional[float] = ...) -> None: ...

class GetOperatorStatsResponse(_message.Message):
    __slots__ = ("by_status", "load", "computed_at")
    BY_STATUS_FIELD_NUMBER: _ClassVar[int]
    LOAD_FIELD_NUMBER: _ClassVar[int]
    COMPUTED_AT_FIELD_NUMBER: _ClassVar[int]
    by_status: _containers.RepeatedCompositeFieldContainer[StatusCount]
    load: _containers.RepeatedCompositeFieldContainer[WorkKindLoad]
    computed_at: _timestamp_pb2.Timestamp
    def __init__(self, by_status: _Optional[_Iterable[_Union[StatusCount, _Mapping]]] = ..., load: _Optional[_Iterable[_Union[WorkKindLoad, _Mapping]]] = ..., computed_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class GetSelfServiceStatsRequest(_message.Message):
    __slots__ = ("window", "channel")
    WINDOW_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    window: TimeWindow
    channel: _common_pb2.Channel
    def __init__(self, window: _Optional[_Union[TimeWindow, _Mapping]] = ..., channel: _Optional[_Union[_common_pb2.Channel, str]] = ...) -> None: ...

class HandoffReasonCount(_message.Message):
    __slots__ = ("reason", "conversations")
    REASON_FIELD_NUMBER: _ClassVar[int]
    CONVERSATIONS_FIELD_NUMBER: _ClassVar[int]
    reason: _common_pb2.HandoffReason
    conversations: int
    def __init__(self, reason: _Optional[_Union[_common_pb2.HandoffReason, str]] = ..., conversations: _Optional[int] = ...) -> None: ...

class GetSelfServiceStatsResponse(_message.Message):
    __slots__ = ("conversations", "resolved_by_bot", "handed_off", "self_service_share", "handoff_reasons", "window", "labelled_conversations", "bot_accuracy")
    CONVERSATIONS_FIELD_NUMBER: _ClassVar[int]
    RESOLVED_BY_BOT_FIELD_NUMBER: _ClassVar[int]
    HANDED_OFF_FIELD_NUMBER: _ClassVar[int]
    SELF_SERVICE_SHARE_FIELD_NUMBER: _ClassVar[int]
    HANDOFF_REASONS_FIELD_NUMBER: _ClassVar[int]
    WINDOW_FIELD_NUMBER: _ClassVar[int]
    LABELLED_CONVERSATIONS_FIELD_NUMBER: _ClassVar[int]
    BOT_ACCURACY_FIELD_NUMBER: _ClassVar[int]
    conversations: int
    resolved_by_bot: int
    handed_off: int
    self_service_share: float
    handoff_reasons: _containers.RepeatedCompositeFieldContainer[HandoffReasonCount]
    window: TimeWindow
    labelled_conversations: int
    bot_accuracy: float
    def __init__(self, conversations: _Optional[int] = ..., resolved_by_bot: _Optional[int] = ..., handed_off: _Optional[int] = ..., self_service_share: _Optional[float] = ..., handoff_reasons: _Optional[_Iterable[_Union[HandoffReasonCount, _Mapping]]] = ..., window: _Optional[_Union[TimeWindow, _Mapping]] = ..., labelled_conversations: _Optional[int] = ..., bot_accuracy: _Optional[float] = ...) -> None: ...
