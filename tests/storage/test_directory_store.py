"""The directory and the desk's records on SQLite survive a reopen, as they were written."""

from __future__ import annotations

from pathlib import Path

from router.domain.assignment import RoutingPolicy, RoutingStep
from router.domain.directory import OperatorEntry, PolicyEntry, Role, Skill, Team
from router.domain.directory.tokens import new_token
from router.storage.sqlite.database import SqliteDatabase


async def test_operators_round_trip_and_update_in_place(db_path: Path) -> None:
    entry = OperatorEntry(
        "olga",
        display_name="Olga",
        role=Role.SUPERVISOR,
        skills={"roaming": 8, "billing": 3},
        languages=frozenset({"ru", "en"}),
        teams=frozenset({"night"}),
        capacity={"chat": 4, "email": 2},
    )
    database = SqliteDatabase(db_path)
    await database.directory.put_operator(entry, 1.0)
    await database.directory.put_operator(OperatorEntry("anna"), 1.0)
    changed = OperatorEntry("olga", display_name="Olga K.", disabled=True)
    database.close()

    reopened = SqliteDatabase(db_path)
    try:
        assert await reopened.directory.get_operator("olga") == entry
        await reopened.directory.put_operator(changed, 2.0)
        assert await reopened.directory.get_operator("olga") == changed
        assert [e.operator_id for e in await reopened.directory.list_operators()] == [
            "anna",
            "olga",
        ]
        assert await reopened.directory.get_operator("nobody") is None
    finally:
        reopened.close()


async def test_tokens_are_stored_hashed_revoked_once_and_go_with_their_operator(
    database: SqliteDatabase,
) -> None:
    store = database.directory
    await store.put_operator(OperatorEntry("anna"), 1.0)
    issued = new_token("anna", 1.0)
    await store.add_token(issued.record)
    stored = await store.get_token(issued.record.token_id)
    assert stored == issued.record
    assert stored is not None and stored.secret_sha256 not in issued.token
    assert await store.revoke_token(issued.record.token_id, 2.0)
    assert not await store.revoke_token(issued.record.token_id, 3.0)
    revoked = await store.get_token(issued.record.token_id)
    assert revoked is not None and revoked.revoked_at == 2.0

    assert await store.delete_operator("anna")
    assert not await store.delete_operator("anna")
    assert await store.list_tokens("anna") == []


async def test_skills_teams_and_policies_round_trip(database: SqliteDatabase) -> None:
    store = database.directory
    policy = PolicyEntry(
        RoutingPolicy(
            "vip",
            steps=(
                RoutingStep("sticky", timeout_s=10.0, preferred_only=True),
                RoutingStep("desk", min_level=5, teams=frozenset({"vip"}), match_language=False),
            ),
            max_queued=20,
        ),
        description="VIP",
        offer_timeout_s=15.0,
        sla_target_s=30.0,
    )
    await store.put_policy(policy)
    await store.put_skill(Skill("roaming", "Roaming", "abroad", "vip"))
    await store.put_team(Team("vip", "VIP desk", ("sam",)))
    assert await store.list_policies() == [policy]
    assert await store.list_skills() == [Skill("roaming", "Roaming", "abroad", "vip")]
    assert await store.list_teams() == [Team("vip", "VIP desk", ("sam",))]
    assert await store.delete_policy("vip")
    assert await store.delete_skill("roaming")
    assert await store.delete_team("vip")
    assert not await store.delete_team("vip")
    assert await store.list_policies() == []
