"""What `omniroute serve --demo` (and so `make run`) puts into an empty router, so a new
user can talk to the bot at once: the demo knowledge base and an API key for every channel."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from router.app import Router
from router.demo import load_demo_knowledge
from router.domain.channels import Channel

log = logging.getLogger(__name__)

DEMO_KEY_NAME = "demo (all channels)"


@dataclass(frozen=True, slots=True)
class DemoSeed:
    knowledge_loaded: bool
    api_key: str  # empty when a demo key existed already (its secret is not kept)


async def seed_demo(router: Router) -> DemoSeed:
    """Fills in what is missing and leaves alone what a user already changed."""
    loaded = False
    snapshot = await router.database.knowledge.snapshot()
    if not snapshot.kb.intents:
        await router.database.knowledge.replace_all(load_demo_knowledge(), router.clock.now())
        router.model.knowledge_changed()
        loaded = True
        log.info("demo knowledge base loaded")
    api_key = ""
    if not any(key.name == DEMO_KEY_NAME for key in await router.api_keys.list()):
        api_key = (await router.api_keys.issue(DEMO_KEY_NAME, frozenset(Channel))).key
    return DemoSeed(loaded, api_key)
