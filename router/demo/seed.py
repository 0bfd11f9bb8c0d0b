"""What `omniroute serve --demo` (and so `make run`) puts into an empty router, so a new
user can talk to the bot at once: the demo knowledge base, an API key for every channel,
and a demo agent and supervisor with their tokens."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

from router.app import Router
from router.demo import load_demo_knowledge
from router.domain.channels import Channel
from router.domain.directory.records import OperatorEntry, Role, Skill

log = logging.getLogger(__name__)

DEMO_KEY_NAME = "demo (all channels)"


# Skills the demo knowledge base hands over with; the demo agent has them all.
DEMO_SKILLS = {
    "general": "Общие вопросы",
    "billing": "Счета и оплата",
    "tech_support": "Техподдержка",
    "sales": "Продажи",
    "roaming": "Роуминг",
    "retention": "Удержание",
    "security": "Безопасность",
}


@dataclass(frozen=True, slots=True)
class DemoSeed:
    knowledge_loaded: bool
    api_key: str  # empty when a demo key existed already (its secret is not kept)
    operator_tokens: dict[str, str]  # operator id → token, for operators created just now


async def seed_demo(router: Router, key_file: Path | None = None) -> DemoSeed:
    """Fills in what is missing and leaves alone what a user already changed.

    With `key_file`, the demo API key is also written there (mode 0600) for the web-chat
    adapter to read, and each demo operator's token beside it (`demo_token_file`); a file
    that went missing gets a fresh secret, since the old one was shown only once."""
    loaded = False
    snapshot = await router.database.knowledge.snapshot()
    if not snapshot.kb.intents:
        await router.database.knowledge.replace_all(load_demo_knowledge(), router.clock.now())
        router.model.knowledge_changed()
        loaded = True
        log.info("demo knowledge base loaded")
    api_key = ""
    have_key = any(key.name == DEMO_KEY_NAME for key in await router.api_keys.list())
    if not have_key or (key_file is not None and not key_file.exists()):
        api_key = (await router.api_keys.issue(DEMO_KEY_NAME, frozenset(Channel))).key
        if key_file is not None:
            _write_secret(key_file, api_key)
    known_skills = {skill.name for skill in await router.directory.skills()}
    for name, title in DEMO_SKILLS.items():
        if name not in known_skills:  # listed for transfers; a user's edits are kept
            await router.directory.put_skill(Skill(name, title))
    tokens: dict[str, str] = {}
    for entry in (
        OperatorEntry(
            "demo.agent",
            "Анна (демо)",
            Role.AGENT,
            skills=dict.fromkeys(DEMO_SKILLS, 7),
            languages=frozenset({"ru", "en"}),
            capacity={"chat": 3},
        ),
        OperatorEntry("demo.supervisor", "Ольга (демо)", Role.SUPERVISOR),
    ):
        token_file = demo_token_file(key_file, entry.operator_id) if key_file else None
        if await router.directory.find_operator(entry.operator_id) is None:
            await router.directory.put_operator(entry)
        elif token_file is None or token_file.exists():
            continue
        token = (await router.directory.issue_token(entry.operator_id)).token
        tokens[entry.operator_id] = token
        if token_file is not None:
            _write_secret(token_file, token)
    return DemoSeed(loaded, api_key, tokens)


def demo_token_file(key_file: Path, operator_id: str) -> Path:
    """Where a demo operator's token is kept beside the demo key, so `make run` can show it
    at every start (the router keeps only its hash)."""
    return key_file.with_name(f"{operator_id}.token")


def _write_secret(path: Path, secret: str) -> None:
    """Atomically, readable by the owner only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".part")
    partial.write_text(secret + "\n", encoding="utf-8")
    os.chmod(partial, 0o600)
    os.replace(partial, path)
