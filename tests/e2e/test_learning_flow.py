"""The bot learns from operators: a message it misroutes, resolved by an operator with the
right intent, becomes a training example; after the background retrain the same message
goes to the right intent. A supervisor's rejection takes the example back out."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from grpc import aio

from router.app import Router, create_server
from router.domain.channels import Channel
from router.domain.directory import OperatorEntry, Role
from router.domain.knowledge import Example, ExampleSource, Intent, KnowledgeBase
from router.domain.knowledge.learning import ReviewStatus
from router.settings import Settings
from router.testing import with_api_key
from router.v1 import (
    common_pb2,
    ingress_pb2,
    ingress_pb2_grpc,
    operator_desk_pb2,
    operator_desk_pb2_grpc,
)


def intent(name: str, ru: list[str], en: list[str]) -> Intent:
    examples = tuple(Example(t, "ru") for t in ru) + tuple(Example(t, "en") for t in en)
    return Intent(name, examples, answers={"ru": f"Ответ: {name}", "en": f"Answer: {name}"})


KB = KnowledgeBase(
    intents=(
        intent(
            "balance",
            ["как узнать баланс", "сколько денег на счету", "проверить баланс", "остаток"],
            ["check my balance", "how much money is left", "account balance", "balance"],
        ),
        intent(
            "office_address",
            ["где ваш офис", "адрес офиса", "где находится салон связи", "куда прийти"],
            ["where is your office", "office address", "find a store", "shop location"],
        ),
        intent(
            "roaming",
            ["как включить роуминг", "связь за границей", "роуминг в турции", "звонки"],
            ["enable roaming", "phone abroad", "roaming in turkey", "calls from abroad"],
        ),
    )
)
# Reads like a balance question, but the customer was charged for calls while abroad.
MISROUTED = "how much money is left after calls abroad"


async def eventually(check: Callable[[], Awaitable[bool] | bool], timeout: float = 15) -> None:
    for _ in range(int(timeout / 0.05)):
        outcome = check()
        if await outcome if isinstance(outcome, Awaitable) else outcome:
            return
        await asyncio.sleep(0.05)
    raise AssertionError("the condition never held")


def top_intent(router: Router, text: str) -> str:
    serving = router.model.serving
    assert serving is not None
    top = serving.classifier.classify(text).top
    return top.intent if top else ""


@pytest.fixture
async def router(tmp_path: Path) -> AsyncIterator[Router]:
    router = create_server(
        Settings(db_path=tmp_path / "r.db", listen="127.0.0.1:0", grace_seconds=2)
    )
    await router.start()
    await router.database.knowledge.replace_all(KB, 0)
    router.model.knowledge_changed()
    await eventually(lambda: router.model.serving is not None)
    yield router
    await router.stop()


async def operator_token(router: Router, operator_id: str, role: Role) -> str:
    await router.directory.put_operator(
        OperatorEntry(
            operator_id,
            display_name=operator_id.title(),
            role=role,
            skills={"general": 9},
            languages=frozenset({"en", "ru"}),
            capacity={"chat": 3},
        )
    )
    return (await router.directory.issue_token(operator_id)).token


async def read_until(stream: Any, kind: str) -> operator_desk_pb2.DeskEvent:
    async def read() -> operator_desk_pb2.DeskEvent:
        while True:
            event: operator_desk_pb2.DeskEvent = await stream.read()
            if event.WhichOneof("kind") == kind:
                return event

    return await asyncio.wait_for(read(), 10)


async def customer_writes(stub: ingress_pb2_grpc.IngressStub, text: str, external_id: str) -> str:
    response = await stub.SendMessage(
        ingress_pb2.SendMessageRequest(
            message=ingress_pb2.InboundMessage(
                channel=common_pb2.CHANNEL_WEB,
                external_id=external_id,
                customer=common_pb2.CustomerIdentity(channel_user_id="visitor-1"),
                text=text,
                locale="en",
            )
        ),
        timeout=5,
    )
    return str(response.conversation_id)


async def test_an_operators_correction_teaches_the_bot_the_right_intent(router: Router) -> None:
    assert top_intent(router, MISROUTED) == "balance"  # the bot gets it wrong
    version_before = router.model.serving.version if router.model.serving else 0
    token = await operator_token(router, "anna", Role.AGENT)
    metadata = (("authorization", f"Bearer {token}"),)
    key = (await router.api_keys.issue("web", frozenset({Channel.WEB}))).key
    async with (
        aio.insecure_channel(router.address, interceptors=with_api_key(key)) as customer,
        aio.insecure_channel(router.address) as operator,
    ):
        ingress = ingress_pb2_grpc.IngressStub(customer)
        desk = operator_desk_pb2_grpc.OperatorDeskStub(operator)
        stream = desk.StreamEvents(
            operator_desk_pb2.StreamEventsRequest(
                initial_status=common_pb2.OPERATOR_STATUS_AVAILABLE
            ),
            metadata=metadata,
        )
        await read_until(stream, "session_started")
        conversation_id = await customer_writes(ingress, MISROUTED, "w-1")
        # The bot answered about the balance; the customer asks for a person.
        await customer_writes(ingress, "agent", "w-2")
        offer = (await read_until(stream, "offer")).offer
        assert offer.conversation.conversation_id == conversation_id
        await desk.AcceptOffer(
            operator_desk_pb2.AcceptOfferRequest(offer_id=offer.offer_id), metadata=metadata
        )
        resolved = await desk.ResolveConversation(
            operator_desk_pb2.ResolveConversationRequest(
                conversation_id=conversation_id, intent="roaming"
            ),
            metadata=metadata,
        )
        stream.cancel()
    assert resolved.training_example_added

    # The learning loop adds the example, the trainer retrains and swaps the model.
    await eventually(lambda: top_intent(router, MISROUTED) == "roaming")
    serving = router.model.serving
    assert serving is not None and serving.version > version_before
    roaming = serving.answers.kb.intent("roaming")
    assert roaming is not None
    assert Example(MISROUTED, "en", ExampleSource.OPERATOR_RESOLUTION, conversation_id) in (
        roaming.examples
    )
    pending = await router.learning.pending_review()
    assert [(p.conversation_id, p.intent, p.bot_intent, p.corrects_bot) for p in pending] == [
        (conversation_id, "roaming", "balance", True)
    ]
    assert await router.learning.apply_new_labels() == []  # each label is learned once

    # Another customer asking the same question now gets the bot's roaming answer.
    async with aio.insecure_channel(router.address, interceptors=with_api_key(key)) as channel:
        stub = ingress_pb2_grpc.IngressStub(channel)
        deliveries = stub.StreamDeliveries(
            ingress_pb2.StreamDeliveriesRequest(channel=common_pb2.CHANNEL_WEB)
        )
        sent = await stub.SendMessage(
            ingress_pb2.SendMessageRequest(
                message=ingress_pb2.InboundMessage(
                    channel=common_pb2.CHANNEL_WEB,
                    external_id="second-customer",
                    customer=common_pb2.CustomerIdentity(channel_user_id="visitor-2"),
                    text=MISROUTED,
                    locale="en",
                )
            ),
            timeout=5,
        )

        async def answer_to_second_customer() -> ingress_pb2.Delivery:
            while True:
                delivery: ingress_pb2.Delivery = await deliveries.read()
                if delivery.conversation_id == sent.conversation_id:
                    return delivery

        answer = await asyncio.wait_for(answer_to_second_customer(), 10)
        deliveries.cancel()
    assert answer.author.role == common_pb2.AUTHOR_ROLE_BOT
    assert answer.text == "Answer: roaming"

    # A supervisor disagrees: the example leaves the knowledge base and the next model.
    rejected = await router.learning.reject(conversation_id, "sam")
    assert rejected.status is ReviewStatus.REJECTED and rejected.reviewed_by == "sam"
    assert await router.learning.pending_review() == []
    kb = (await router.database.knowledge.snapshot()).kb
    roaming_now = kb.intent("roaming")
    assert roaming_now is not None
    assert all(e.conversation_id != conversation_id for e in roaming_now.examples)
    router.model.knowledge_changed()
    await eventually(lambda: top_intent(router, MISROUTED) == "balance")
