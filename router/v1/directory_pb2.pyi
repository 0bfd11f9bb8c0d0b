import datetime

from google.protobuf import duration_pb2 as _duration_pb2
from google.protobuf import field_mask_pb2 as _field_mask_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from router.v1 import common_pb2 as _common_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class OperatorRole(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    OPERATOR_ROLE_UNSPECIFIED: _ClassVar[OperatorRole]
    OPERATOR_ROLE_AGENT: _ClassVar[OperatorRole]
    OPERATOR_ROLE_SUPERVISOR: _ClassVar[OperatorRole]
    OPERATOR_ROLE_ADMIN: _ClassVar[OperatorRole]
OPERATOR_ROLE_UNSPECIFIED: OperatorRole
OPERATOR_ROLE_AGENT: OperatorRole
OPERATOR_ROLE_SUPERVISOR: OperatorRole
OPERATOR_ROLE_ADMIN: OperatorRole

class SkillLevel(_message.Message):
    __slots__ = ("skill", "level")
    SKILL_FIELD_NUMBER: _ClassVar[int]
    LEVEL_FIELD_NUMBER: _ClassVar[int]
    skill: str
    level: int
    def __init__(self, skill: _Optional[str] = ..., level: _Optional[int] = ...) -> None: ...

class Operator(_message.Message):
    __slots__ = ("operator_id", "display_name", "role", "skills", "languages", "teams", "capacity", "status", "load", "status_changed_at", "last_seen_at", "disabled")
    class CapacityEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: int
        def __init__(self, key: _Optional[str] = ..., value: _Optional[int] = ...) -> None: ...
    class LoadEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: int
        def __init__(self, key: _Optional[str] = ..., value: _Optional[int] = ...) -> None: ...
    OPERATOR_ID_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    SKILLS_FIELD_NUMBER: _ClassVar[int]
    LANGUAGES_FIELD_NUMBER: _ClassVar[int]
    TEAMS_FIELD_NUMBER: _ClassVar[int]
    CAPACITY_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    LOAD_FIELD_NUMBER: _ClassVar[int]
    STATUS_CHANGED_AT_FIELD_NUMBER: _ClassVar[int]
    LAST_SEEN_AT_FIELD_NUMBER: _ClassVar[int]
    DISABLED_FIELD_NUMBER: _ClassVar[int]
    operator_id: str
    display_name: str
    role: OperatorRole
    skills: _containers.RepeatedCompositeFieldContainer[SkillLevel]
    languages: _containers.RepeatedScalarFieldContainer[str]
    teams: _containers.RepeatedScalarFieldContainer[str]
    capacity: _containers.ScalarMap[str, int]
    status: _common_pb2.OperatorStatus
    load: _containers.ScalarMap[str, int]
    status_changed_at: _timestamp_pb2.Timestamp
    last_seen_at: _timestamp_pb2.Timestamp
    disabled: bool
    def __init__(self, operator_id: _Optional[str] = ..., display_name: _Optional[str] = ..., role: _Optional[_Union[OperatorRole, str]] = ..., skills: _Optional[_Iterable[_Union[SkillLevel, _Mapping]]] = ..., languages: _Optional[_Iterable[str]] = ..., teams: _Optional[_Iterable[str]] = ..., capacity: _Optional[_Mapping[str, int]] = ..., status: _Optional[_Union[_common_pb2.OperatorStatus, str]] = ..., load: _Optional[_Mapping[str, int]] = ..., status_changed_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., last_seen_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., disabled: _Optional[bool] = ...) -> None: ...

class Skill(_message.Message):
    __slots__ = ("name", "display_name", "description", "routing_policy")
    NAME_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    ROUTING_POLICY_FIELD_NUMBER: _ClassVar[int]
    name: str
    display_name: str
    description: str
    routing_policy: str
    def __init__(self, name: _Optional[str] = ..., display_name: _Optional[str] = ..., description: _Optional[str] = ..., routing_policy: _Optional[str] = ...) -> None: ...

class Team(_message.Message):
    __slots__ = ("name", "display_name", "supervisor_ids")
    NAME_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    SUPERVISOR_IDS_FIELD_NUMBER: _ClassVar[int]
    name: str
    display_name: str
    supervisor_ids: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, name: _Optional[str] = ..., display_name: _Optional[str] = ..., supervisor_ids: _Optional[_Iterable[str]] = ...) -> None: ...

class RoutingStep(_message.Message):
    __slots__ = ("name", "wait", "min_level", "teams", "match_language", "preferred_operator_only")
    NAME_FIELD_NUMBER: _ClassVar[int]
    WAIT_FIELD_NUMBER: _ClassVar[int]
    MIN_LEVEL_FIELD_NUMBER: _ClassVar[int]
    TEAMS_FIELD_NUMBER: _ClassVar[int]
    MATCH_LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    PREFERRED_OPERATOR_ONLY_FIELD_NUMBER: _ClassVar[int]
    name: str
    wait: _duration_pb2.Duration
    min_level: int
    teams: _containers.RepeatedScalarFieldContainer[str]
    match_language: bool
    preferred_operator_only: bool
    def __init__(self, name: _Optional[str] = ..., wait: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., min_level: _Optional[int] = ..., teams: _Optional[_Iterable[str]] = ..., match_language: _Optional[bool] = ..., preferred_operator_only: _Optional[bool] = ...) -> None: ...

class RoutingPolicy(_message.Message):
    __slots__ = ("name", "description", "steps", "max_queued", "offer_timeout", "sla_target")
    NAME_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    STEPS_FIELD_NUMBER: _ClassVar[int]
    MAX_QUEUED_FIELD_NUMBER: _ClassVar[int]
    OFFER_TIMEOUT_FIELD_NUMBER: _ClassVar[int]
    SLA_TARGET_FIELD_NUMBER: _ClassVar[int]
    name: str
    description: str
    steps: _containers.RepeatedCompositeFieldContainer[RoutingStep]
    max_queued: int
    offer_timeout: _duration_pb2.Duration
    sla_target: _duration_pb2.Duration
    def __init__(self, name: _Optional[str] = ..., description: _Optional[str] = ..., steps: _Optional[_Iterable[_Union[RoutingStep, _Mapping]]] = ..., max_queued: _Optional[int] = ..., offer_timeout: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., sla_target: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ...) -> None: ...

class GetOperatorRequest(_message.Message):
    __slots__ = ("operator_id",)
    OPERATOR_ID_FIELD_NUMBER: _ClassVar[int]
    operator_id: str
    def __init__(self, operator_id: _Optional[str] = ...) -> None: ...

class ListOperatorsRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "team", "skill", "status")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TEAM_FIELD_NUMBER: _ClassVar[int]
    SKILL_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    team: str
    skill: str
    status: _common_pb2.OperatorStatus
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., team: _Optional[str] = ..., skill: _Optional[str] = ..., status: _Optional[_Union[_common_pb2.OperatorStatus, str]] = ...) -> None: ...

class ListOperatorsResponse(_message.Message):
    __slots__ = ("operators", "next_page_token")
    OPERATORS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    operators: _containers.RepeatedCompositeFieldContainer[Operator]
    next_page_token: str
    def __init__(self, operators: _Optional[_Iterable[_Union[Operator, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class UpsertOperatorRequest(_message.Message):
    __slots__ = ("operator", "update_mask")
    OPERATOR_FIELD_NUMBER: _ClassVar[int]
    UPDATE_MASK_FIELD_NUMBER: _ClassVar[int]
    operator: Operator
    update_mask: _field_mask_pb2.FieldMask
    def __init__(self, operator: _Optional[_Union[Operator, _Mapping]] = ..., update_mask: _Optional[_Union[_field_mask_pb2.FieldMask, _Mapping]] = ...) -> None: ...

class DeleteOperatorRequest(_message.Message):
    __slots__ = ("operator_id",)
    OPERATOR_ID_FIELD_NUMBER: _ClassVar[int]
    operator_id: str
    def __init__(self, operator_id: _Optional[str] = ...) -> None: ...

class DeleteOperatorResponse(_message.Message):
    __slots__ = ("existed",)
    EXISTED_FIELD_NUMBER: _ClassVar[int]
    existed: bool
    def __init__(self, existed: _Optional[bool] = ...) -> None: ...

class ListSkillsRequest(_message.Message):
    __slots__ = ("page_size", "page_token")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListSkillsResponse(_message.Message):
    __slots__ = ("skills", "next_page_token")
    SKILLS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    skills: _containers.RepeatedCompositeFieldContainer[Skill]
    next_page_token: str
    def __init__(self, skills: _Optional[_Iterable[_Union[Skill, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class UpsertSkillRequest(_message.Message):
    __slots__ = ("skill",)
    SKILL_FIELD_NUMBER: _ClassVar[int]
    skill: Skill
    def __init__(self, skill: _Optional[_Union[Skill, _Mapping]] = ...) -> None: ...

class DeleteSkillRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class DeleteSkillResponse(_message.Message):
    __slots__ = ("existed",)
    EXISTED_FIELD_NUMBER: _ClassVar[int]
    existed: bool
    def __init__(self, existed: _Optional[bool] = ...) -> None: ...

class ListTeamsRequest(_message.Message):
    __slots__ = ("page_size", "page_token")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListTeamsResponse(_message.Message):
    __slots__ = ("teams", "next_page_token")
    TEAMS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    teams: _containers.RepeatedCompositeFieldContainer[Team]
    next_page_token: str
    def __init__(self, teams: _Optional[_Iterable[_Union[Team, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class UpsertTeamRequest(_message.Message):
    __slots__ = ("team",)
    TEAM_FIELD_NUMBER: _ClassVar[int]
    team: Team
    def __init__(self, team: _Optional[_Union[Team, _Mapping]] = ...) -> None: ...

class DeleteTeamRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class DeleteTeamResponse(_message.Message):
    __slots__ = ("existed",)
    EXISTED_FIELD_NUMBER: _ClassVar[int]
    existed: bool
    def __init__(self, existed: _Optional[bool] = ...) -> None: ...

class GetRoutingPolicyRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class ListRoutingPoliciesRequest(_message.Message):
    __slots__ = ("page_size", "page_token")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListRoutingPoliciesResponse(_message.Message):
    __slots__ = ("policies", "next_page_token")
    POLICIES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    policies: _containers.RepeatedCompositeFieldContainer[RoutingPolicy]
    next_page_token: str
    def __init__(self, policies: _Optional[_Iterable[_Union[RoutingPolicy, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class UpsertRoutingPolicyRequest(_message.Message):
    __slots__ = ("policy",)
    POLICY_FIELD_NUMBER: _ClassVar[int]
    policy: RoutingPolicy
    def __init__(self, policy: _Optional[_Union[RoutingPolicy, _Mapping]] = ...) -> None: ...

class DeleteRoutingPolicyRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class DeleteRoutingPolicyResponse(_message.Message):
    __slots__ = ("existed",)
    EXISTED_FIELD_NUMBER: _ClassVar[int]
    existed: bool
    def __init__(self, existed: _Optional[bool] = ...) -> None: ...
