"""The OperatorDesk service: operators' and supervisors' calls, each as the token's owner."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Any

from grpc import aio

from router.domain.delivery.messages import QuickReply
from router.domain.desk import ConversationFilter, Desk, Reply, Sessions
from router.domain.directory import Caller, Directory
from router.domain.errors import InvalidArgumentError
from router.domain.ingestion.messages import Attachment
from router.transport.delivery import CHANNELS, timestamp
from router.transport.desk_views import (
    DESK_STATES,
    conversation_to_proto,
    customer_to_proto,
    event_to_proto,
    message_to_proto,
)
from router.transport.directory import STATUSES, authenticate, operator_to_proto
from router.v1 import common_pb2, operator_desk_pb2, operator_desk_pb2_grpc

Context = aio.ServicerContext[Any, Any]


def _required(value: str, field: str) -> str:
    if not value:
        raise InvalidArgumentError(field, "required")
    return value


def _offset(token: str, field: str) -> int:
    if token and not token.isdigit():
        raise InvalidArgumentError(field, "not a token this router issued")
    return int(token or 0)


class OperatorDeskServicer(operator_desk_pb2_grpc.OperatorDeskServicer):
    def __init__(self, desk: Desk, sessions: Sessions, directory: Directory) -> None:
        self._desk = desk
        self._sessions = sessions
        self._directory = directory

    async def _caller(self, context: Context) -> Caller:
        return await authenticate(self._directory, context)

    async def StreamEvents(
        self, request: operator_desk_pb2.StreamEventsRequest, context: Context
    ) -> AsyncIterator[operator_desk_pb2.DeskEvent]:
        caller = await self._caller(context)
        initial = STATUSES.get(request.initial_status)
        if request.initial_status and initial is None:
            raise InvalidArgumentError("initial_status", f"unknown status {request.initial_status}")
        async for event in self._sessions.stream(caller, request.cursor, initial):
            yield event_to_proto(event)

    async def Heartbeat(
        self, request: operator_desk_pb2.HeartbeatRequest, context: Context
    ) -> operator_desk_pb2.HeartbeatResponse:
        caller = await self._caller(context)
        due = self._sessions.heartbeat(caller, request.session_id)
        return operator_desk_pb2.HeartbeatResponse(next_heartbeat_before=timestamp(due))

    async def SetOperatorStatus(
        self, request: operator_desk_pb2.SetOperatorStatusRequest, context: Context
    ) -> operator_desk_pb2.SetOperatorStatusResponse:
        caller = await self._caller(context)
        status = STATUSES.get(request.status)
        if status is None:
            raise InvalidArgumentError("status", "required: AVAILABLE, AWAY or OFFLINE")
        if len(request.reason) > 256:
            raise InvalidArgumentError("reason", "at most 256 characters")
        view = await self._desk.set_status(caller, status, request.operator_id)
        return operator_desk_pb2.SetOperatorStatusResponse(operator=operator_to_proto(view))

    async def AcceptOffer(
        self, request: operator_desk_pb2.AcceptOfferRequest, context: Context
    ) -> operator_desk_pb2.AcceptOfferResponse:
        caller = await self._caller(context)
        conversation = await self._desk.accept(caller, request.offer_id)
        return operator_desk_pb2.AcceptOfferResponse(
            conversation=conversation_to_proto(conversation)
        )

    async def DeclineOffer(
        self, request: operator_desk_pb2.DeclineOfferRequest, context: Context
    ) -> operator_desk_pb2.DeclineOfferResponse:
        caller = await self._caller(context)
        if len(request.reason) > 256:
            raise InvalidArgumentError("reason", "at most 256 characters")
        await self._desk.decline(caller, request.offer_id)
        return operator_desk_pb2.DeclineOfferResponse()

    async def SendReply(
        self, request: operator_desk_pb2.SendReplyRequest, context: Context
    ) -> operator_desk_pb2.SendReplyResponse:
        caller = await self._caller(context)
        reply = Reply(
            text=request.text,
            client_message_id=request.client_message_id,
            attachments=tuple(
                Attachment(url=a.url, mime_type=a.mime_type, size_bytes=a.size_bytes, name=a.name)
                for a in request.attachments
            ),
            quick_replies=tuple(QuickReply(q.title, q.payload) for q in request.quick_replies),
        )
        message, duplicate = await self._desk.reply(
            caller, _required(request.conversation_id, "conversation_id"), reply
        )
        return operator_desk_pb2.SendReplyResponse(
            message=message_to_proto(message), duplicate=duplicate
        )

    async def TransferConversation(
        self, request: operator_desk_pb2.TransferConversationRequest, context: Context
    ) -> operator_desk_pb2.TransferConversationResponse:
        caller = await self._caller(context)
        if len(request.note) > 2048:
            raise InvalidArgumentError("note", "at most 2048 characters")
        target = request.WhichOneof("target")
        if target is None:
            raise InvalidArgumentError("target", "one of operator_id, team, skill is required")
        conversation = await self._desk.transfer(
            caller,
            _required(request.conversation_id, "conversation_id"),
            to_operator=request.operator_id,
            to_team=request.team,
            to_skill=request.skill,
        )
        return operator_desk_pb2.TransferConversationResponse(
            conversation=conversation_to_proto(conversation)
        )

    async def ResolveConversation(
        self, request: operator_desk_pb2.ResolveConversationRequest, context: Context
    ) -> operator_desk_pb2.ResolveConversationResponse:
        caller = await self._caller(context)
        conversation, added = await self._desk.resolve(
            caller,
            _required(request.conversation_id, "conversation_id"),
            request.intent,
            request.note,
            request.exclude_from_training,
        )
        return operator_desk_pb2.ResolveConversationResponse(
            conversation=conversation_to_proto(conversation), training_example_added=added
        )

    async def AssignConversation(
        self, request: operator_desk_pb2.AssignConversationRequest, context: Context
    ) -> operator_desk_pb2.AssignConversationResponse:
        caller = await self._caller(context)
        conversation = await self._desk.assign(caller, request.conversation_id, request.operator_id)
        return operator_desk_pb2.AssignConversationResponse(
            conversation=conversation_to_proto(conversation)
        )

    async def GetConversation(
        self, request: operator_desk_pb2.GetConversationRequest, context: Context
    ) -> operator_desk_pb2.GetConversationResponse:
        caller = await self._caller(context)
        before = _offset(request.history_page_token, "history_page_token")
        detail = await self._desk.detail(
            caller, request.conversation_id, request.history_page_size, before or None
        )
        response = operator_desk_pb2.GetConversationResponse(
            conversation=conversation_to_proto(detail.conversation),
            messages=[message_to_proto(m) for m in detail.messages],
            history=[message_to_proto(m) for m in detail.history.messages],
            next_history_page_token=(
                str(detail.history.next_before_seq)
                if detail.history.next_before_seq is not None
                else ""
            ),
        )
        if detail.customer is not None:
            response.customer.CopyFrom(customer_to_proto(detail.customer))
        return response

    async def ListConversations(
        self, request: operator_desk_pb2.ListConversationsRequest, context: Context
    ) -> operator_desk_pb2.ListConversationsResponse:
        caller = await self._caller(context)
        channel = CHANNELS.get(request.channel)
        if request.channel != common_pb2.CHANNEL_UNSPECIFIED and channel is None:
            raise InvalidArgumentError("channel", f"unknown channel {request.channel}")
        state = DESK_STATES.get(request.state)
        if request.state and state is None:
            raise InvalidArgumentError("state", f"unknown state {request.state}")
        wanted = ConversationFilter(
            state=state,
            operator_id=request.operator_id,
            customer_id=request.customer_id,
            channel=channel.value if channel is not None else "",
            skill=request.skill,
            team=request.team,
        )
        page, next_offset = await self._desk.list(
            caller, wanted, request.page_size, _offset(request.page_token, "page_token")
        )
        return operator_desk_pb2.ListConversationsResponse(
            conversations=[conversation_to_proto(c) for c in page],
            next_page_token=str(next_offset) if next_offset is not None else "",
        )


def desk_registration(
    desk: Desk, sessions: Sessions, directory: Directory
) -> Callable[[aio.Server], list[str]]:
    """Adds the OperatorDesk service to a server (for `GrpcServer`'s registration list)."""

    def register(server: aio.Server) -> list[str]:
        servicer = OperatorDeskServicer(desk, sessions, directory)
        operator_desk_pb2_grpc.add_OperatorDeskServicer_to_server(servicer, server)  # type: ignore[no-untyped-call]
        return [operator_desk_pb2.DESCRIPTOR.services_by_name["OperatorDesk"].full_name]

    return register
