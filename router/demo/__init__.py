"""The demo shipped with omniroute: the knowledge base of «Волна» / Volna Telecom, a
fictional operator (Russian and English, over a thousand topics), loaded by `make run`."""

from __future__ import annotations

from importlib import resources

from router.domain.knowledge import KnowledgeBase, load_native_documents

# One file per area; together they are one knowledge base.
DEMO_FILES = (
    "offices.yaml",
    "tariffs.yaml",
    "roaming.yaml",
    "services.yaml",
    "devices.yaml",
    "general.yaml",
)


def load_demo_knowledge() -> KnowledgeBase:
    """The demo knowledge base, read from the YAML files shipped inside the package."""
    folder = resources.files(__name__).joinpath("knowledge")
    return load_native_documents(
        {f"knowledge/{name}": folder.joinpath(name).read_bytes() for name in DEMO_FILES}
    )
