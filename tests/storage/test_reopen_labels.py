"""A reopened conversation is resolved again with a label of its own; learning takes each
conversation at most once, from the messages of the opening its label resolved."""

from __future__ import annotations

from router.domain.channels import Channel
from router.domain.clock import ManualClock
from router.domain.desk.views import ResolutionLabel
from router.domain.ids import UlidFactory
from router.domain.ingestion.limits import IngestionLimits
from router.domain.ingestion.messages import CustomerIdentity, InboundMessage
from router.domain.ingestion.service import Ingestion
from router.domain.knowledge import Example, Intent
from router.storage.sqlite.database import SqliteDatabase


def message(external_id: str, text: str) -> InboundMessage:
    return InboundMessage(Channel.WEB, external_id, CustomerIdentity("visitor-1"), text=text)


def label(conversation_id: str, intent: str, at: float, excluded: bool = False) -> ResolutionLabel:
    return ResolutionLabel(conversation_id, "anna", intent, "", None, "", excluded, at)


async def test_each_opening_gets_its_own_label_and_teaches_at_most_once(
    database: SqliteDatabase,
) -> None:
    clock = ManualClock()
    ingestion = Ingestion(database.ingestion, clock, UlidFactory(clock), IngestionLimits())
    for name, text in (("roaming", "enable roaming"), ("office_address", "office address")):
        await database.knowledge.upsert_intent(
            Intent(
                name,
                (Example(text, "en"), Example(text + " ru", "ru")),
                answers={"en": name, "ru": name},
            ),
            clock.now(),
        )

    first = await ingestion.receive(message("w-1", "my phone does not work abroad"))
    conversation_id = first.conversation_id
    stored = await database.desk.record_resolution(
        label(conversation_id, "roaming", clock.now(), excluded=True)
    )
    again = await database.desk.record_resolution(label(conversation_id, "other", clock.now()))
    assert stored.intent == again.intent == "roaming"  # one label per opening

    clock.advance(60)
    second = await ingestion.receive(message("w-2", "which office is open on sundays"))
    assert second.conversation_id == conversation_id
    reopened = await database.desk.record_resolution(
        label(conversation_id, "office_address", clock.now())
    )
    assert reopened.intent == "office_address"
    assert (await database.desk.labels([conversation_id]))[conversation_id] == reopened

    read, learned = await database.learning.learn_from_new_labels(clock.now(), 100)
    assert read == 2
    # The excluded first resolution teaches nothing; the second teaches from its own opening.
    assert [(e.intent, e.text) for e in learned] == [
        ("office_address", "which office is open on sundays")
    ]

    clock.advance(60)
    await ingestion.receive(message("w-3", "and where do I pay my bill"))
    await database.desk.record_resolution(label(conversation_id, "roaming", clock.now()))
    read, learned = await database.learning.learn_from_new_labels(clock.now(), 100)
    assert (read, learned) == (1, [])  # the conversation has already taught its example
    roaming = (await database.knowledge.snapshot()).kb.intent("roaming")
    assert roaming is not None and [e.text for e in roaming.examples] == [
        "enable roaming",
        "enable roaming ru",
    ]
