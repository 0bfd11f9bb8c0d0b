"""The Knowledge service through a real server: roles, classification with its reasons,
edits and imports that reach the bot after a retrain, dry runs, errors with lines."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable

import grpc
import pytest
from desk_harness import add_operator, bearer
from grpc import aio

from router.app import Router
from router.domain.directory import Role
from router.v1 import knowledge_pb2, knowledge_pb2_grpc

K = knowledge_pb2


def intent(name: str, ru: list[str], en: list[str], **fields: object) -> K.Intent:
    examples = [K.TrainingExample(text=t, language="ru") for t in ru]
    examples += [K.TrainingExample(text=t, language="en") for t in en]
    answers = [
        K.AnswerTemplate(language="ru", text=f"Ответ: {name}"),
        K.AnswerTemplate(language="en", text=f"Answer: {name}"),
    ]
    return K.Intent(name=name, examples=examples, answers=answers, **fields)  # type: ignore[arg-type]


BALANCE = intent(
    "balance",
    ["как узнать баланс", "сколько денег на счету", "проверить баланс", "остаток на счете"],
    ["check my balance", "how much money is left", "account balance", "balance please"],
    skills=["billing"],
)
OFFICE = intent(
    "office_address",
    ["где ваш офис", "адрес офиса", "где находится салон связи", "куда прийти в офис"],
    ["where is your office", "office address", "where can I find a store", "shop location"],
)
ROAMING = intent(
    "roaming",
    ["как включить роуминг", "связь за границей", "роуминг в турции", "звонки за рубежом"],
    ["enable roaming", "phone abroad", "roaming in turkey", "calls from another country"],
)
CITIES = K.EntityCatalog(
    name="city",
    values=[
        K.EntityValue(canonical="Москва", synonyms=["Мск", "Moscow"]),
        K.EntityValue(canonical="Екатеринбург", synonyms=["Ебург"]),
    ],
)
NATIVE = """\
version: 1
languages: [ru, en]
intents:
  - name: tariff.price
    examples:
      ru: [сколько стоит тариф, цена тарифа]
      en: [how much is the plan, plan price]
    answers:
      ru: Тариф стоит 450 ₽.
      en: The plan costs 450 ₽.
"""
RASA = """\
version: "3.1"
nlu:
- intent: sim_block
  examples: |
    - заблокировать сим-карту
    - потерял телефон, заблокируйте номер
"""


@pytest.fixture
async def stub(router: Router) -> AsyncIterator[knowledge_pb2_grpc.KnowledgeStub]:
    async with aio.insecure_channel(router.address) as channel:
        yield knowledge_pb2_grpc.KnowledgeStub(channel)


@pytest.fixture
async def admin(router: Router) -> tuple[tuple[str, str]]:
    return bearer(await add_operator(router, "ada", Role.ADMIN))


@pytest.fixture
async def supervisor(router: Router) -> tuple[tuple[str, str]]:
    return bearer(await add_operator(router, "sam", Role.SUPERVISOR))


async def eventually(check: Callable[[], Awaitable[bool]], timeout: float = 15) -> None:
    """Polls `check` until it holds; fails the test if it never does within `timeout`."""
    for _ in range(int(timeout / 0.05)):
        if await check():
            return
        await asyncio.sleep(0.05)
    raise AssertionError("the condition never held")


async def trained(
    stub: knowledge_pb2_grpc.KnowledgeStub, metadata: tuple[tuple[str, str]]
) -> K.TrainingStatus:
    """Waits for the model of the current knowledge base to be in service."""
    status = K.TrainingStatus()

    async def done() -> bool:
        nonlocal status
        status = await stub.GetTrainingStatus(
            K.GetTrainingStatusRequest(), metadata=metadata, timeout=5
        )
        return bool(status.state == K.TRAINING_STATE_SUCCEEDED)

    await eventually(done)
    return status


async def seed(stub: knowledge_pb2_grpc.KnowledgeStub, admin: tuple[tuple[str, str]]) -> None:
    await stub.UpsertEntityCatalog(
        K.UpsertEntityCatalogRequest(catalog=CITIES), metadata=admin, timeout=5
    )
    for message in (BALANCE, OFFICE):
        await stub.UpsertIntent(K.UpsertIntentRequest(intent=message), metadata=admin, timeout=5)


async def test_calls_need_a_token_reads_a_supervisor_and_writes_an_admin(
    router: Router, stub: knowledge_pb2_grpc.KnowledgeStub
) -> None:
    agent = bearer(await add_operator(router, "alex", Role.AGENT))
    supervisor = bearer(await add_operator(router, "sam", Role.SUPERVISOR))
    with pytest.raises(aio.AioRpcError) as caught:
        await stub.GetTrainingStatus(K.GetTrainingStatusRequest(), timeout=5)
    assert caught.value.code() is grpc.StatusCode.UNAUTHENTICATED
    with pytest.raises(aio.AioRpcError) as caught:
        await stub.Classify(K.ClassifyRequest(text="баланс"), metadata=agent, timeout=5)
    assert caught.value.code() is grpc.StatusCode.PERMISSION_DENIED
    # Agents read intents: they label what they resolve and insert answers.
    await stub.ListIntents(K.ListIntentsRequest(), metadata=agent, timeout=5)
    with pytest.raises(aio.AioRpcError) as caught:
        await stub.UpsertIntent(K.UpsertIntentRequest(intent=BALANCE), metadata=supervisor)
    assert caught.value.code() is grpc.StatusCode.PERMISSION_DENIED
    listed = await stub.ListIntents(K.ListIntentsRequest(), metadata=supervisor, timeout=5)
    assert list(listed.intents) == []  # the refused write changed nothing
    status = await stub.GetTrainingStatus(K.GetTrainingStatusRequest(), metadata=supervisor)
    assert status.state == K.TRAINING_STATE_NEVER_TRAINED
    with pytest.raises(aio.AioRpcError) as caught:
        await stub.Classify(K.ClassifyRequest(text="баланс"), metadata=supervisor, timeout=5)
    assert caught.value.code() is grpc.StatusCode.FAILED_PRECONDITION
    assert "no model" in (caught.value.details() or "")


async def test_classify_explains_ranks_finds_entities_and_says_what_the_bot_would_do(
    stub: knowledge_pb2_grpc.KnowledgeStub,
    admin: tuple[tuple[str, str]],
    supervisor: tuple[tuple[str, str]],
) -> None:
    await seed(stub, admin)
    status = await trained(stub, supervisor)
    assert (status.intent_count, status.example_count) == (2, 16)
    text = "где ваш офис в Мск"
    result = await stub.Classify(
        K.ClassifyRequest(text=text, explain=True, max_candidates=2), metadata=supervisor
    )
    assert [c.intent for c in result.candidates] == ["office_address", "balance"]
    assert result.candidates[0].score > result.candidates[1].score
    assert result.candidates[0].explanation, "explain=True fills the terms"
    top_terms = {t.term for t in result.candidates[0].explanation}
    assert any("офис" in term for term in top_terms)
    assert [(e.catalog, e.canonical, e.text) for e in result.entities] == [
        ("city", "Москва", "Мск")
    ]
    assert text[result.entities[0].start : result.entities[0].end] == "Мск"
    assert result.action == K.BOT_ACTION_ANSWER
    assert result.language == "ru"
    assert result.model_version == status.model_version != ""
    plain = await stub.Classify(K.ClassifyRequest(text=text), metadata=supervisor)
    assert not plain.candidates[0].explanation
    human = await stub.Classify(K.ClassifyRequest(text="позовите оператора"), metadata=supervisor)
    assert human.action == K.BOT_ACTION_HANDOFF


async def test_an_upserted_intent_reaches_the_bot_after_the_retrain(
    stub: knowledge_pb2_grpc.KnowledgeStub,
    admin: tuple[tuple[str, str]],
    supervisor: tuple[tuple[str, str]],
) -> None:
    await seed(stub, admin)
    before = await trained(stub, supervisor)
    text = "роуминг в турции"
    first = await stub.Classify(K.ClassifyRequest(text=text), metadata=supervisor)
    assert first.candidates[0].intent != "roaming"

    stored = await stub.UpsertIntent(K.UpsertIntentRequest(intent=ROAMING), metadata=admin)
    assert stored.example_count == 8 and stored.updated_at.seconds > 0
    after = await trained(stub, supervisor)
    assert int(after.model_version) > int(before.model_version)
    again = await stub.Classify(K.ClassifyRequest(text=text), metadata=supervisor)
    assert again.candidates[0].intent == "roaming"

    got = await stub.GetIntent(K.GetIntentRequest(name="balance"), metadata=supervisor)
    assert list(got.skills) == ["billing"] and len(got.examples) == 8
    page = await stub.ListIntents(K.ListIntentsRequest(page_size=2), metadata=supervisor)
    assert [i.name for i in page.intents] == ["balance", "office_address"]
    assert page.intents[0].example_count == 8 and not page.intents[0].examples
    rest = await stub.ListIntents(
        K.ListIntentsRequest(page_size=2, page_token=page.next_page_token), metadata=supervisor
    )
    assert [i.name for i in rest.intents] == ["roaming"] and not rest.next_page_token

    deleted = await stub.DeleteIntent(K.DeleteIntentRequest(name="roaming"), metadata=admin)
    assert deleted.existed
    again_deleted = await stub.DeleteIntent(K.DeleteIntentRequest(name="roaming"), metadata=admin)
    assert not again_deleted.existed
    with pytest.raises(aio.AioRpcError) as caught:
        await stub.GetIntent(K.GetIntentRequest(name="roaming"), metadata=supervisor)
    assert caught.value.code() is grpc.StatusCode.NOT_FOUND


async def test_an_invalid_intent_is_refused_naming_the_field(
    stub: knowledge_pb2_grpc.KnowledgeStub, admin: tuple[tuple[str, str]]
) -> None:
    broken = K.Intent()
    broken.CopyFrom(BALANCE)
    del broken.answers[1]  # no English answer
    with pytest.raises(aio.AioRpcError) as caught:
        await stub.UpsertIntent(K.UpsertIntentRequest(intent=broken), metadata=admin)
    assert caught.value.code() is grpc.StatusCode.INVALID_ARGUMENT
    assert "intents[balance].answers.en" in (caught.value.details() or "")
    listed = await stub.ListIntents(K.ListIntentsRequest(), metadata=admin)
    assert list(listed.intents) == []


async def test_an_import_dry_run_counts_and_changes_nothing_and_a_real_one_trains(
    stub: knowledge_pb2_grpc.KnowledgeStub,
    admin: tuple[tuple[str, str]],
    supervisor: tuple[tuple[str, str]],
) -> None:
    await seed(stub, admin)
    before = await trained(stub, supervisor)
    request = K.ImportKnowledgeRequest(
        format=K.IMPORT_FORMAT_NATIVE_YAML, content=NATIVE.encode(), dry_run=True
    )
    dry = await stub.ImportKnowledge(request, metadata=admin)
    assert (dry.intents_created, dry.intents_updated, dry.examples_imported) == (1, 0, 4)
    assert not dry.HasField("training")
    listed = await stub.ListIntents(K.ListIntentsRequest(), metadata=admin)
    assert [i.name for i in listed.intents] == ["balance", "office_address"]
    status = await stub.GetTrainingStatus(K.GetTrainingStatusRequest(), metadata=admin)
    assert status.model_version == before.model_version
    assert status.state == K.TRAINING_STATE_SUCCEEDED  # nothing to retrain

    request.dry_run = False
    done = await stub.ImportKnowledge(request, metadata=admin)
    assert done.intents_created == 1 and done.HasField("training")
    rasa = await stub.ImportKnowledge(
        K.ImportKnowledgeRequest(format=K.IMPORT_FORMAT_RASA_NLU_YAML, content=RASA.encode()),
        metadata=admin,
    )
    assert rasa.intents_created == 1
    assert any("sim_block" in w for w in rasa.warnings)
    await trained(stub, supervisor)
    result = await stub.Classify(K.ClassifyRequest(text="цена тарифа"), metadata=supervisor)
    assert result.candidates[0].intent == "tariff.price"
    blocked = await stub.GetIntent(K.GetIntentRequest(name="sim_block"), metadata=supervisor)
    assert blocked.operator_only and {e.language for e in blocked.examples} == {"ru"}


async def test_a_broken_document_is_invalid_argument_naming_the_line(
    stub: knowledge_pb2_grpc.KnowledgeStub, admin: tuple[tuple[str, str]]
) -> None:
    broken = NATIVE.replace("ru: Тариф стоит 450 ₽.", "ru: Тариф стоит {price}.")
    with pytest.raises(aio.AioRpcError) as caught:
        await stub.ImportKnowledge(
            K.ImportKnowledgeRequest(
                format=K.IMPORT_FORMAT_NATIVE_YAML, content=broken.encode(), dry_run=True
            ),
            metadata=admin,
        )
    assert caught.value.code() is grpc.StatusCode.INVALID_ARGUMENT
    details = caught.value.details() or ""
    assert "intents[tariff.price].answers.ru" in details and "line 9" in details
    with pytest.raises(aio.AioRpcError) as caught:
        await stub.ImportKnowledge(
            K.ImportKnowledgeRequest(format=K.IMPORT_FORMAT_NATIVE_YAML, content=b"a: [b\n"),
            metadata=admin,
        )
    assert caught.value.code() is grpc.StatusCode.INVALID_ARGUMENT
    assert "line" in (caught.value.details() or "")
    with pytest.raises(aio.AioRpcError) as caught:
        await stub.ImportKnowledge(K.ImportKnowledgeRequest(content=b"x: 1"), metadata=admin)
    assert caught.value.code() is grpc.StatusCode.INVALID_ARGUMENT
    listed = await stub.ListIntents(K.ListIntentsRequest(), metadata=admin)
    assert list(listed.intents) == []


async def test_catalogs_are_listed_and_an_upsert_keeps_what_the_contract_cannot_carry(
    router: Router,
    stub: knowledge_pb2_grpc.KnowledgeStub,
    admin: tuple[tuple[str, str]],
) -> None:
    await seed(stub, admin)
    # Data only the domain has: a question and an attribute of a value.
    snapshot = await router.database.knowledge.snapshot()
    city = snapshot.kb.catalog("city")
    assert city is not None
    from dataclasses import replace

    moscow = replace(city.values[0], attributes={"address": {"*": "Тверская, 7"}})
    await router.database.knowledge.upsert_catalog(
        replace(city, values=(moscow, city.values[1]), questions={"ru": "Город?", "en": "City?"})
    )
    changed = K.EntityCatalog()
    changed.CopyFrom(CITIES)
    changed.values[0].synonyms.append("Москоу")
    stored = await stub.UpsertEntityCatalog(
        K.UpsertEntityCatalogRequest(catalog=changed), metadata=admin
    )
    assert "Москоу" in stored.values[0].synonyms
    kept = (await router.database.knowledge.snapshot()).kb.catalog("city")
    assert kept is not None and kept.questions == {"ru": "Город?", "en": "City?"}
    value = kept.value("Москва")
    assert value is not None and value.attribute("address", "ru") == "Тверская, 7"
    listed = await stub.ListEntityCatalogs(K.ListEntityCatalogsRequest(), metadata=admin)
    assert [c.name for c in listed.catalogs] == ["city"]
    gone = await stub.DeleteEntityCatalog(K.DeleteEntityCatalogRequest(name="city"), metadata=admin)
    assert gone.existed


async def test_a_training_that_fails_is_reported_and_start_training_is_idempotent(
    stub: knowledge_pb2_grpc.KnowledgeStub,
    admin: tuple[tuple[str, str]],
    supervisor: tuple[tuple[str, str]],
) -> None:
    # A single intent cannot train a one-vs-rest matcher.
    await stub.UpsertIntent(K.UpsertIntentRequest(intent=BALANCE), metadata=admin)

    async def failed() -> bool:
        status = await stub.GetTrainingStatus(K.GetTrainingStatusRequest(), metadata=supervisor)
        return bool(status.state == K.TRAINING_STATE_FAILED and status.error_message)

    await eventually(failed)
    with pytest.raises(aio.AioRpcError) as caught:
        await stub.StartTraining(K.StartTrainingRequest(), metadata=supervisor)
    assert caught.value.code() is grpc.StatusCode.PERMISSION_DENIED
    await stub.UpsertIntent(K.UpsertIntentRequest(intent=OFFICE), metadata=admin)
    status = await trained(stub, supervisor)
    again = await stub.StartTraining(K.StartTrainingRequest(), metadata=admin)
    assert again.state == K.TRAINING_STATE_SUCCEEDED
    assert again.model_version == status.model_version  # nothing new to train


async def test_an_upsert_keeps_operator_learned_examples_unless_told_to_replace_them(
    stub: knowledge_pb2_grpc.KnowledgeStub, admin: tuple[tuple[str, str]]
) -> None:
    learned = K.Intent()
    learned.CopyFrom(BALANCE)
    learned.examples.append(
        K.TrainingExample(
            text="money gone",
            language="en",
            source=K.EXAMPLE_SOURCE_OPERATOR_RESOLUTION,
            conversation_id="c-1",
        )
    )
    await stub.UpsertIntent(K.UpsertIntentRequest(intent=learned), metadata=admin)
    kept = await stub.UpsertIntent(K.UpsertIntentRequest(intent=BALANCE), metadata=admin)
    assert [(e.text, e.conversation_id) for e in kept.examples if e.conversation_id] == [
        ("money gone", "c-1")
    ]
    replaced = await stub.UpsertIntent(
        K.UpsertIntentRequest(intent=BALANCE, replace_learned_examples=True), metadata=admin
    )
    assert all(not e.conversation_id for e in replaced.examples)
    assert len(replaced.examples) == 8
