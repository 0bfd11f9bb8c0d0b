"""A customer writes; the bot, trained on the demo knowledge base, answers on the delivery
stream of their channel — through a real server, as `make run` sets it up."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from grpc import aio

from router.app import Router, create_server
from router.demo.seed import demo_token_file, seed_demo
from router.domain.assignment import OperatorStatus
from router.settings import Settings
from router.testing import with_api_key
from router.v1 import (
    common_pb2,
    ingress_pb2,
    ingress_pb2_grpc,
    operator_desk_pb2,
    operator_desk_pb2_grpc,
)

TG = common_pb2.CHANNEL_TELEGRAM


@pytest.fixture
async def demo(tmp_path: Path) -> AsyncIterator[tuple[Router, str]]:
    router = create_server(
        Settings(db_path=tmp_path / "demo.db", listen="127.0.0.1:0", grace_seconds=2)
    )
    seeded = await seed_demo(router)
    assert seeded.knowledge_loaded and seeded.api_key
    await router.model.refresh()  # trained before the first message, as after a restart
    await router.start()
    yield router, seeded.api_key
    await router.stop()


async def ask(
    router: Router, key: str, texts: list[str], replies: int
) -> list[ingress_pb2.Delivery]:
    async with aio.insecure_channel(router.address, interceptors=with_api_key(key)) as channel:
        stub = ingress_pb2_grpc.IngressStub(channel)
        stream = stub.StreamDeliveries(ingress_pb2.StreamDeliveriesRequest(channel=TG))
        got: list[ingress_pb2.Delivery] = []
        for i, text in enumerate(texts):
            await stub.SendMessage(
                ingress_pb2.SendMessageRequest(
                    message=ingress_pb2.InboundMessage(
                        channel=TG,
                        external_id=f"m{i}",
                        customer=common_pb2.CustomerIdentity(channel_user_id="42"),
                        text=text,
                    )
                ),
                timeout=5,
            )
            got.append(await asyncio.wait_for(stream.read(), 10))
        for _ in range(replies - len(texts)):
            got.append(await asyncio.wait_for(stream.read(), 10))
        stream.cancel()
    return got


async def test_the_bot_answers_a_tariff_question_with_catalog_data(
    demo: tuple[Router, str],
) -> None:
    router, key = demo
    (answer,) = await ask(router, key, ["Сколько стоит тариф «Мой онлайн»?"], 1)
    assert answer.author.role == common_pb2.AUTHOR_ROLE_BOT
    assert "Мой онлайн" in answer.text and "₽" in answer.text


async def test_the_bot_asks_for_the_city_then_answers_with_the_office(
    demo: tuple[Router, str],
) -> None:
    router, key = demo
    question, answer = await ask(router, key, ["Где находится ваш офис?", "в Ебурге"], 2)
    assert "город" in question.text.lower()
    assert "Екатеринбург" in answer.text


async def test_asking_for_a_person_hands_over_and_tells_the_queue_place(
    demo: tuple[Router, str],
) -> None:
    router, key = demo
    notice, place = await ask(router, key, ["Позовите, пожалуйста, живого человека"], 2)
    assert "оператор" in notice.text
    assert place.author.role == common_pb2.AUTHOR_ROLE_SYSTEM
    assert "очеред" in place.text


async def test_the_demo_has_an_agent_who_gets_the_hand_over(demo: tuple[Router, str]) -> None:
    router, key = demo
    assert await router.directory.find_operator("demo.agent") is not None
    router.assignment.set_status("demo.agent", OperatorStatus.AVAILABLE)
    await ask(router, key, ["Позовите оператора"], 2)
    offers = router.assignment.pending_offers("demo.agent")
    assert len(offers) == 1


async def test_seeding_twice_changes_nothing(tmp_path: Path) -> None:
    router = create_server(Settings(db_path=tmp_path / "again.db", listen="127.0.0.1:0"))
    first = await seed_demo(router)
    second = await seed_demo(router)
    assert first.operator_tokens.keys() == {"demo.agent", "demo.supervisor"}
    assert not second.knowledge_loaded and not second.api_key and not second.operator_tokens
    await router.stop()


async def test_demo_operator_tokens_are_kept_beside_the_key_file(tmp_path: Path) -> None:
    router = create_server(Settings(db_path=tmp_path / "keys.db", listen="127.0.0.1:0"))
    key_file = tmp_path / "var" / "demo.key"
    first = await seed_demo(router, key_file)
    agent_file = demo_token_file(key_file, "demo.agent")
    assert agent_file.read_text().strip() == first.operator_tokens["demo.agent"]
    assert agent_file.stat().st_mode & 0o777 == 0o600
    assert (await router.directory.authenticate(first.operator_tokens["demo.agent"])).role
    # A token file that went missing gets a new token; the others are left as they are.
    agent_file.unlink()
    second = await seed_demo(router, key_file)
    assert second.operator_tokens.keys() == {"demo.agent"}
    assert agent_file.read_text().strip() == second.operator_tokens["demo.agent"]
    await router.stop()


async def test_the_hand_over_carries_intent_entities_and_the_transcript(
    demo: tuple[Router, str],
) -> None:
    router, key = demo
    await ask(router, key, ["Позовите оператора, у меня вопрос про роуминг в Турции"], 2)
    token = (await router.directory.issue_token("demo.supervisor")).token
    (conversation,) = [c for c in router.assignment.conversations()]
    async with aio.insecure_channel(router.address) as channel:
        view = await operator_desk_pb2_grpc.OperatorDeskStub(channel).GetConversation(
            operator_desk_pb2.GetConversationRequest(conversation_id=conversation.conversation_id),
            metadata=(("authorization", f"Bearer {token}"),),
            timeout=5,
        )
    handoff = view.conversation.handoff
    assert handoff.reason == common_pb2.HANDOFF_REASON_CUSTOMER_REQUEST
    assert handoff.intent
    assert [(e.catalog, e.value) for e in handoff.entities] == [("country", "Турция")]
    assert "роуминг в Турции" in view.messages[0].text
