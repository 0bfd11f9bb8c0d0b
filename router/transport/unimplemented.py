"""Services whose contract is published but whose issues have not landed yet.

They are registered with the generated base servicers, which raise NotImplementedError;
the interceptor answers UNIMPLEMENTED naming the method. Reflection lists them, so clients
can be generated against the running router today.
"""

from __future__ import annotations

from typing import Any

from grpc import aio

from router.v1 import (
    knowledge_pb2,
    knowledge_pb2_grpc,
)

_PENDING: list[tuple[Any, Any, Any, str]] = [
    (
        knowledge_pb2,
        knowledge_pb2_grpc.KnowledgeServicer,
        knowledge_pb2_grpc.add_KnowledgeServicer_to_server,
        "Knowledge",
    ),
]


def register_unimplemented(server: aio.Server) -> list[str]:
    names = []
    for module, servicer, add, service in _PENDING:
        add(servicer(), server)
        names.append(module.DESCRIPTOR.services_by_name[service].full_name)
    return names
