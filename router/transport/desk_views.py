"""The desk's views and events as protobuf messages."""

from __future__ import annotations

from typing import Any

from google.protobuf import duration_pb2

from router.domain.channels import Channel
from router.domain.desk.events import (
    ConversationChanged,
    DeskEvent,
    NewMessage,
    OfferClosed,
    OfferMade,
    ServerHeartbeat,
    SessionStarted,
    StatusChanged,
)
from router.domain.desk.views import CustomerView, DeskConversation, DeskState, MessageView
from router.transport.delivery import CHANNEL_NUMBERS, timestamp
from router.transport.directory import STATUS_NUMBERS, operator_to_proto
from router.v1 import common_pb2, conversation_pb2, operator_desk_pb2

STATES: dict[DeskState, Any] = {
    DeskState.BOT: conversation_pb2.CONVERSATION_STATE_BOT,
    DeskState.QUEUED: conversation_pb2.CONVERSATION_STATE_QUEUED,
    DeskState.OFFERED: conversation_pb2.CONVERSATION_STATE_OFFERED,
    DeskState.ASSIGNED: conversation_pb2.CONVERSATION_STATE_ASSIGNED,
    DeskState.RESOLVED: conversation_pb2.CONVERSATION_STATE_RESOLVED,
}
DESK_STATES: dict[int, DeskState] = {number: state for state, number in STATES.items()}
_AUTHORS: dict[str, Any] = {
    "customer": common_pb2.AUTHOR_ROLE_CUSTOMER,
    "bot": common_pb2.AUTHOR_ROLE_BOT,
    "operator": common_pb2.AUTHOR_ROLE_OPERATOR,
    "system": common_pb2.AUTHOR_ROLE_SYSTEM,
}
_CLOSE_REASONS: dict[str, Any] = {
    "accepted": operator_desk_pb2.OFFER_CLOSE_REASON_ACCEPTED,
    "declined": operator_desk_pb2.OFFER_CLOSE_REASON_DECLINED,
    "expired": operator_desk_pb2.OFFER_CLOSE_REASON_EXPIRED,
    "revoked": operator_desk_pb2.OFFER_CLOSE_REASON_REVOKED,
}
_CHANGES: dict[str, Any] = {
    "queued": operator_desk_pb2.CONVERSATION_CHANGE_QUEUED,
    "assigned": operator_desk_pb2.CONVERSATION_CHANGE_ASSIGNED,
    "requeued": operator_desk_pb2.CONVERSATION_CHANGE_REQUEUED,
    "transferred": operator_desk_pb2.CONVERSATION_CHANGE_TRANSFERRED,
    "resolved": operator_desk_pb2.CONVERSATION_CHANGE_RESOLVED,
    "updated": operator_desk_pb2.CONVERSATION_CHANGE_UPDATED,
}


def _channel(name: str) -> Any:
    try:
        return CHANNEL_NUMBERS[Channel(name)]
    except ValueError:
        return common_pb2.CHANNEL_UNSPECIFIED


def _handoff_reason(reason: str) -> Any:
    number: Any = common_pb2.HandoffReason.DESCRIPTOR.values_by_name.get(
        f"HANDOFF_REASON_{reason.upper()}"
    )
    return number.number if number is not None else common_pb2.HANDOFF_REASON_UNSPECIFIED


def conversation_to_proto(conversation: DeskConversation) -> conversation_pb2.Conversation:
    record = conversation.record
    message = conversation_pb2.Conversation(
        conversation_id=record.conversation_id,
        customer_id=record.customer_id,
        channel=_channel(record.channel),
        state=STATES[conversation.state],
        operator_id=conversation.operator_id or "",
        created_at=timestamp(record.opened_at),
        updated_at=timestamp(record.last_message_at),
        last_message_preview=record.last_preview,
        message_count=record.message_count,
    )
    live = conversation.live
    if live is not None:
        item = live.item
        message.routing.CopyFrom(
            conversation_pb2.Routing(
                required_skills=list(item.required_skills),
                language=item.language,
                work_kind=item.kind,
                weight=item.weight,
                priority=item.priority,
                policy=item.policy,
                preferred_operator_id=item.preferred_operator or "",
                team=item.team or "",
            )
        )
    if record.stage == "operator" or record.handoff_reason:
        message.handoff.CopyFrom(
            conversation_pb2.Handoff(
                reason=_handoff_reason(record.handoff_reason),
                intent=record.last_intent,
                confidence=record.last_confidence or 0.0,
                entities=[
                    conversation_pb2.HandoffEntity(catalog=catalog, value=value)
                    for catalog, value in sorted(record.handoff_entities.items())
                ],
            )
        )
        if live is not None:
            message.handoff.handed_off_at.CopyFrom(timestamp(live.queued_at))
    label = conversation.label
    if label is not None:
        message.resolution.CopyFrom(
            conversation_pb2.Resolution(
                intent=label.intent,
                note=label.note,
                operator_id=label.operator_id,
                resolved_at=timestamp(label.resolved_at),
            )
        )
    if conversation.queue_position is not None:
        position = conversation_pb2.QueuePosition(position=conversation.queue_position)
        if conversation.estimated_wait_s is not None:
            wait = duration_pb2.Duration()
            wait.FromNanoseconds(round(conversation.estimated_wait_s * 1e9))
            position.estimated_wait.CopyFrom(wait)
        message.queue_position.CopyFrom(position)
    return message


def customer_to_proto(customer: CustomerView) -> conversation_pb2.Customer:
    message = conversation_pb2.Customer(
        customer_id=customer.customer_id,
        display_name=customer.display_name,
        identities=[
            common_pb2.ChannelIdentity(
                channel=_channel(i.channel),
                identity=common_pb2.CustomerIdentity(
                    channel_user_id=i.channel_user_id,
                    verified_phone=i.verified_phone,
                    verified_email=i.verified_email,
                    app_user_id=i.app_user_id,
                ),
            )
            for i in customer.identities
        ],
        first_seen_at=timestamp(customer.first_seen_at),
    )
    if customer.last_contact_at is not None:
        message.last_contact_at.CopyFrom(timestamp(customer.last_contact_at))
    return message


def message_to_proto(view: MessageView) -> conversation_pb2.Message:
    message = conversation_pb2.Message(
        message_id=view.message_id,
        conversation_id=view.conversation_id,
        channel=_channel(view.channel),
        author=common_pb2.Author(
            role=_AUTHORS.get(view.author_role, common_pb2.AUTHOR_ROLE_UNSPECIFIED),
            operator_id=view.operator_id,
            display_name=view.author_name,
        ),
        text=view.text,
        attachments=[
            common_pb2.Attachment(
                url=a.url, mime_type=a.mime_type, size_bytes=a.size_bytes, name=a.name
            )
            for a in view.attachments
        ],
        quick_replies=[
            common_pb2.QuickReply(title=q.title, payload=q.payload) for q in view.quick_replies
        ],
        external_id=view.external_id,
        created_at=timestamp(view.received_at),
    )
    if view.sent_at is not None:
        message.sent_at.CopyFrom(timestamp(view.sent_at))
    return message


def event_to_proto(event: DeskEvent) -> operator_desk_pb2.DeskEvent:
    message = operator_desk_pb2.DeskEvent(
        event_id=event.event_id, cursor=event.cursor, occurred_at=timestamp(event.occurred_at)
    )
    payload = event.payload
    match payload:
        case SessionStarted():
            interval = duration_pb2.Duration()
            interval.FromNanoseconds(round(payload.heartbeat_s * 1e9))
            message.session_started.CopyFrom(
                operator_desk_pb2.SessionStarted(
                    session_id=payload.session_id,
                    operator=operator_to_proto(payload.operator),
                    heartbeat_interval=interval,
                    resumed=payload.resumed,
                )
            )
        case ServerHeartbeat():
            message.heartbeat.server_time.CopyFrom(timestamp(payload.server_time))
        case OfferMade():
            offer = operator_desk_pb2.OfferEvent(
                offer_id=payload.offer_id,
                conversation=conversation_to_proto(payload.conversation),
                expires_at=timestamp(payload.expires_at),
            )
            if payload.customer is not None:
                offer.customer.CopyFrom(customer_to_proto(payload.customer))
            message.offer.CopyFrom(offer)
        case OfferClosed():
            message.offer_closed.CopyFrom(
                operator_desk_pb2.OfferClosed(
                    offer_id=payload.offer_id,
                    conversation_id=payload.conversation_id,
                    reason=_CLOSE_REASONS[payload.reason],
                )
            )
        case NewMessage():
            message.message.CopyFrom(message_to_proto(payload.message))
        case ConversationChanged():
            message.conversation_update.CopyFrom(
                operator_desk_pb2.ConversationUpdate(
                    change=_CHANGES[payload.change],
                    conversation=conversation_to_proto(payload.conversation),
                )
            )
        case StatusChanged():
            message.status_changed.CopyFrom(
                operator_desk_pb2.OperatorStatusChanged(
                    status=STATUS_NUMBERS[payload.status], changed_by=payload.changed_by
                )
            )
    return message
