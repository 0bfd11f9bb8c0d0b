"""The directory on SQLite: operators, tokens, skills, teams, routing policies."""

from __future__ import annotations

import sqlite3
from typing import Any

import orjson

from router.domain.assignment import RoutingPolicy, RoutingStep
from router.domain.directory.records import OperatorEntry, PolicyEntry, Role, Skill, Team
from router.domain.directory.tokens import OperatorToken
from router.storage.sqlite.group_commit import GroupCommitter

_OPERATOR = "operator_id, display_name, role, skills, languages, teams, capacity, disabled"
_TOKEN = "token_id, operator_id, secret_sha256, created_at, revoked_at"
_POLICY = "name, description, steps, max_queued, offer_timeout_s, sla_target_s"


def _json(value: Any) -> str:
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS).decode()


class SqliteDirectoryStore:
    def __init__(self, committer: GroupCommitter) -> None:
        self._committer = committer

    # ----------------------------------------------------------------- operators

    async def put_operator(self, entry: OperatorEntry, now: float) -> None:
        def put(conn: sqlite3.Connection) -> None:
            conn.execute(
                f"INSERT INTO operators ({_OPERATOR}, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (operator_id) DO UPDATE SET display_name = excluded.display_name,"
                " role = excluded.role, skills = excluded.skills,"
                " languages = excluded.languages, teams = excluded.teams,"
                " capacity = excluded.capacity, disabled = excluded.disabled,"
                " updated_at = excluded.updated_at",
                (
                    entry.operator_id,
                    entry.display_name,
                    entry.role.value,
                    _json(dict(entry.skills)),
                    _json(sorted(entry.languages)),
                    _json(sorted(entry.teams)),
                    _json(dict(entry.capacity)),
                    int(entry.disabled),
                    now,
                    now,
                ),
            )

        await self._committer.submit(put)

    async def get_operator(self, operator_id: str) -> OperatorEntry | None:
        def get(conn: sqlite3.Connection) -> OperatorEntry | None:
            row = conn.execute(
                f"SELECT {_OPERATOR} FROM operators WHERE operator_id = ?", (operator_id,)
            ).fetchone()
            return None if row is None else _operator(row)

        return await self._committer.submit(get)

    async def list_operators(self) -> list[OperatorEntry]:
        def list_all(conn: sqlite3.Connection) -> list[OperatorEntry]:
            rows = conn.execute(f"SELECT {_OPERATOR} FROM operators ORDER BY operator_id")
            return [_operator(row) for row in rows]

        return await self._committer.submit(list_all)

    async def delete_operator(self, operator_id: str) -> bool:
        def delete(conn: sqlite3.Connection) -> bool:
            conn.execute("DELETE FROM operator_tokens WHERE operator_id = ?", (operator_id,))
            cursor = conn.execute("DELETE FROM operators WHERE operator_id = ?", (operator_id,))
            return cursor.rowcount == 1

        return await self._committer.submit(delete)

    # ----------------------------------------------------------------- skills, teams

    async def put_skill(self, skill: Skill) -> None:
        await self._committer.submit(
            lambda conn: conn.execute(
                "INSERT OR REPLACE INTO skills (name, display_name, description, routing_policy)"
                " VALUES (?, ?, ?, ?)",
                (skill.name, skill.display_name, skill.description, skill.routing_policy),
            )
        )

    async def list_skills(self) -> list[Skill]:
        def list_all(conn: sqlite3.Connection) -> list[Skill]:
            rows = conn.execute(
                "SELECT name, display_name, description, routing_policy FROM skills ORDER BY name"
            )
            return [Skill(*row) for row in rows]

        return await self._committer.submit(list_all)

    async def delete_skill(self, name: str) -> bool:
        return await self._delete("skills", name)

    async def put_team(self, team: Team) -> None:
        await self._committer.submit(
            lambda conn: conn.execute(
                "INSERT OR REPLACE INTO teams (name, display_name, supervisor_ids)"
                " VALUES (?, ?, ?)",
                (team.name, team.display_name, _json(list(team.supervisor_ids))),
            )
        )

    async def list_teams(self) -> list[Team]:
        def list_all(conn: sqlite3.Connection) -> list[Team]:
            rows = conn.execute(
                "SELECT name, display_name, supervisor_ids FROM teams ORDER BY name"
            )
            return [Team(name, display, tuple(orjson.loads(ids))) for name, display, ids in rows]

        return await self._committer.submit(list_all)

    async def delete_team(self, name: str) -> bool:
        return await self._delete("teams", name)

    # ----------------------------------------------------------------- policies

    async def put_policy(self, entry: PolicyEntry) -> None:
        policy = entry.policy
        steps = [
            {
                "name": s.name,
                "timeout_s": s.timeout_s,
                "min_level": s.min_level,
                "teams": None if s.teams is None else sorted(s.teams),
                "match_language": s.match_language,
                "preferred_only": s.preferred_only,
            }
            for s in policy.steps
        ]
        await self._committer.submit(
            lambda conn: conn.execute(
                f"INSERT OR REPLACE INTO routing_policies ({_POLICY}) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    policy.name,
                    entry.description,
                    _json(steps),
                    policy.max_queued,
                    entry.offer_timeout_s,
                    entry.sla_target_s,
                ),
            )
        )

    async def list_policies(self) -> list[PolicyEntry]:
        def list_all(conn: sqlite3.Connection) -> list[PolicyEntry]:
            rows = conn.execute(f"SELECT {_POLICY} FROM routing_policies ORDER BY name")
            return [_policy(row) for row in rows]

        return await self._committer.submit(list_all)

    async def delete_policy(self, name: str) -> bool:
        return await self._delete("routing_policies", name)

    # ----------------------------------------------------------------- tokens

    async def add_token(self, token: OperatorToken) -> None:
        await self._committer.submit(
            lambda conn: conn.execute(
                f"INSERT INTO operator_tokens ({_TOKEN}) VALUES (?, ?, ?, ?, ?)",
                (
                    token.token_id,
                    token.operator_id,
                    token.secret_sha256,
                    token.created_at,
                    token.revoked_at,
                ),
            )
        )

    async def get_token(self, token_id: str) -> OperatorToken | None:
        def get(conn: sqlite3.Connection) -> OperatorToken | None:
            row = conn.execute(
                f"SELECT {_TOKEN} FROM operator_tokens WHERE token_id = ?", (token_id,)
            ).fetchone()
            return None if row is None else OperatorToken(*row)

        return await self._committer.submit(get)

    async def list_tokens(self, operator_id: str) -> list[OperatorToken]:
        def list_all(conn: sqlite3.Connection) -> list[OperatorToken]:
            rows = conn.execute(
                f"SELECT {_TOKEN} FROM operator_tokens WHERE operator_id = ? ORDER BY created_at",
                (operator_id,),
            )
            return [OperatorToken(*row) for row in rows]

        return await self._committer.submit(list_all)

    async def revoke_token(self, token_id: str, now: float) -> bool:
        def revoke(conn: sqlite3.Connection) -> bool:
            cursor = conn.execute(
                "UPDATE operator_tokens SET revoked_at = ? WHERE token_id = ?"
                " AND revoked_at IS NULL",
                (now, token_id),
            )
            return cursor.rowcount == 1

        return await self._committer.submit(revoke)

    async def _delete(self, table: str, name: str) -> bool:
        # `table` is one of this module's literals, never caller input.
        def delete(conn: sqlite3.Connection) -> bool:
            return conn.execute(f"DELETE FROM {table} WHERE name = ?", (name,)).rowcount == 1

        return await self._committer.submit(delete)


def _operator(row: tuple[Any, ...]) -> OperatorEntry:
    operator_id, display_name, role, skills, languages, teams, capacity, disabled = row
    return OperatorEntry(
        operator_id=operator_id,
        display_name=display_name,
        role=Role(role),
        skills=orjson.loads(skills),
        languages=frozenset(orjson.loads(languages)),
        teams=frozenset(orjson.loads(teams)),
        capacity=orjson.loads(capacity),
        disabled=bool(disabled),
    )


def _policy(row: tuple[Any, ...]) -> PolicyEntry:
    name, description, steps, max_queued, offer_timeout_s, sla_target_s = row
    return PolicyEntry(
        policy=RoutingPolicy(
            name=name,
            steps=tuple(
                RoutingStep(
                    name=s["name"],
                    timeout_s=s["timeout_s"],
                    min_level=s["min_level"],
                    teams=None if s["teams"] is None else frozenset(s["teams"]),
                    match_language=s["match_language"],
                    preferred_only=s["preferred_only"],
                )
                for s in orjson.loads(steps)
            ),
            max_queued=max_queued,
        ),
        description=description,
        offer_timeout_s=offer_timeout_s,
        sla_target_s=sla_target_s,
    )
