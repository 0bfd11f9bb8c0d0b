"""The v1 contract: generated modules import, every designed RPC exists, and the .proto
sources follow the house rules (every element commented, enums start at *_UNSPECIFIED)."""

from __future__ import annotations

import importlib
import re
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
from google.protobuf import descriptor_pb2, descriptor_pool
from grpc_tools import protoc  # type: ignore[import-untyped]

REPO = Path(__file__).resolve().parents[2]
PROTO_ROOT = REPO / "proto"
PROTO_FILES = sorted(p.relative_to(PROTO_ROOT).as_posix() for p in PROTO_ROOT.rglob("*.proto"))
MODULES = [
    f"router.v1.{Path(name).stem}_{kind}" for name in PROTO_FILES for kind in ("pb2", "pb2_grpc")
]

EXPECTED_RPCS = {
    "router.v1.Ingress": {"SendMessage", "StreamDeliveries", "AckDeliveries"},
    "router.v1.OperatorDesk": {
        "StreamEvents",
        "Heartbeat",
        "SetOperatorStatus",
        "AcceptOffer",
        "DeclineOffer",
        "SendReply",
        "TransferConversation",
        "ResolveConversation",
        "AssignConversation",
        "GetConversation",
        "ListConversations",
    },
    "router.v1.Knowledge": {
        "Classify",
        "GetIntent",
        "ListIntents",
        "UpsertIntent",
        "DeleteIntent",
        "ListEntityCatalogs",
        "UpsertEntityCatalog",
        "DeleteEntityCatalog",
        "ImportKnowledge",
        "StartTraining",
        "GetTrainingStatus",
    },
    "router.v1.Directory": {
        "GetOperator",
        "ListOperators",
        "UpsertOperator",
        "DeleteOperator",
        "ListSkills",
        "UpsertSkill",
        "DeleteSkill",
        "ListTeams",
        "UpsertTeam",
        "DeleteTeam",
        "GetRoutingPolicy",
        "ListRoutingPolicies",
        "UpsertRoutingPolicy",
        "DeleteRoutingPolicy",
    },
    "router.v1.Stats": {"GetQueueStats", "GetOperatorStats", "GetSelfServiceStats"},
}
SERVER_STREAMING = {"router.v1.Ingress.StreamDeliveries", "router.v1.OperatorDesk.StreamEvents"}


@pytest.fixture(scope="module")
def pool() -> descriptor_pool.DescriptorPool:
    for module in MODULES:
        importlib.import_module(module)
    return descriptor_pool.Default()


@pytest.fixture(scope="module")
def sources(tmp_path_factory: pytest.TempPathFactory) -> list[descriptor_pb2.FileDescriptorProto]:
    """The .proto sources parsed by protoc, with their comments (source code info)."""
    out = tmp_path_factory.mktemp("descriptors") / "v1.pb"
    well_known = Path(protoc.__file__).parent / "_proto"
    args = ["protoc", f"-I{PROTO_ROOT}", f"-I{well_known}", "--include_source_info"]
    assert protoc.main([*args, f"--descriptor_set_out={out}", *PROTO_FILES]) == 0
    return list(descriptor_pb2.FileDescriptorSet.FromString(out.read_bytes()).file)


@pytest.mark.parametrize("module", MODULES)
def test_generated_module_imports_with_installed_runtime(module: str) -> None:
    # Importing runs the generated runtime-version checks for grpcio and protobuf.
    assert importlib.import_module(module).__name__ == module


def test_every_designed_rpc_is_in_the_service_descriptors(
    pool: descriptor_pool.DescriptorPool,
) -> None:
    for service_name, rpcs in EXPECTED_RPCS.items():
        service = pool.FindServiceByName(service_name)
        assert {m.name for m in service.methods} == rpcs, service_name


def test_streams_are_server_side_only_so_browsers_can_use_them(
    pool: descriptor_pool.DescriptorPool,
) -> None:
    for service_name in EXPECTED_RPCS:
        for method in pool.FindServiceByName(service_name).methods:
            assert not method.client_streaming, method.full_name
            assert method.server_streaming == (method.full_name in SERVER_STREAMING)


def test_every_rpc_takes_its_own_request_message(pool: descriptor_pool.DescriptorPool) -> None:
    for service_name in EXPECTED_RPCS:
        for method in pool.FindServiceByName(service_name).methods:
            assert method.input_type.name == f"{method.name}Request", method.full_name


def test_list_rpcs_page_with_size_and_token(pool: descriptor_pool.DescriptorPool) -> None:
    for service_name in EXPECTED_RPCS:
        for method in pool.FindServiceByName(service_name).methods:
            if method.name.startswith("List"):
                fields = method.input_type.fields_by_name
                assert fields["page_size"].number == 1, method.full_name
                assert fields["page_token"].number == 2, method.full_name
                assert "next_page_token" in method.output_type.fields_by_name, method.full_name


def _fields(pool: descriptor_pool.DescriptorPool, message: str) -> dict[str, int]:
    return {f.name: f.number for f in pool.FindMessageTypeByName(f"router.v1.{message}").fields}


def test_ingress_keeps_the_shape_adapters_are_coded_against(
    pool: descriptor_pool.DescriptorPool,
) -> None:
    channel = pool.FindEnumTypeByName("router.v1.Channel")
    assert {v.name: v.number for v in channel.values} == {
        "CHANNEL_UNSPECIFIED": 0,
        "CHANNEL_WEB": 1,
        "CHANNEL_TELEGRAM": 2,
        "CHANNEL_WHATSAPP": 3,
        "CHANNEL_VK": 4,
        "CHANNEL_MOBILE_APP": 5,
    }
    assert _fields(pool, "Attachment") == {"url": 1, "mime_type": 2, "size_bytes": 3, "name": 4}
    assert _fields(pool, "CustomerIdentity") == {
        "channel_user_id": 1,
        "display_name": 2,
        "verified_phone": 3,
        "verified_email": 4,
        "app_user_id": 5,
    }
    assert _fields(pool, "SendMessageRequest") == {"message": 1}
    inbound = _fields(pool, "InboundMessage")
    assert {k: v for k, v in inbound.items() if v <= 8} == {
        "channel": 1,
        "external_id": 2,
        "customer": 3,
        "text": 4,
        "attachments": 5,
        "sent_at": 6,
        "locale": 7,
        "metadata": 8,
    }
    response = _fields(pool, "SendMessageResponse")
    assert {k: v for k, v in response.items() if v <= 5} == {
        "message_id": 1,
        "conversation_id": 2,
        "customer_id": 3,
        "duplicate": 4,
        "received_at": 5,
    }


def _elements(
    proto: descriptor_pb2.FileDescriptorProto,
) -> Iterator[tuple[tuple[int, ...], str]]:
    """Every service, rpc, message, field, oneof, enum and enum value with its source path
    (the numbers are descriptor.proto's field numbers, as protoc's SourceCodeInfo uses)."""

    def enum(
        path: tuple[int, ...], e: descriptor_pb2.EnumDescriptorProto, scope: str
    ) -> Iterator[tuple[tuple[int, ...], str]]:
        yield path, f"enum {scope}{e.name}"
        for i, value in enumerate(e.value):
            yield (*path, 2, i), f"enum value {scope}{e.name}.{value.name}"

    def message(
        path: tuple[int, ...], m: descriptor_pb2.DescriptorProto, scope: str
    ) -> Iterator[tuple[tuple[int, ...], str]]:
        if m.options.map_entry:  # synthesized for map<,> fields; has no source of its own
            return
        name = f"{scope}{m.name}"
        yield path, f"message {name}"
        for i, field in enumerate(m.field):
            yield (*path, 2, i), f"field {name}.{field.name}"
        for i, oneof in enumerate(m.oneof_decl):
            yield (*path, 8, i), f"oneof {name}.{oneof.name}"
        for i, nested in enumerate(m.nested_type):
            yield from message((*path, 3, i), nested, f"{name}.")
        for i, nested_enum in enumerate(m.enum_type):
            yield from enum((*path, 4, i), nested_enum, f"{name}.")

    for i, m in enumerate(proto.message_type):
        yield from message((4, i), m, "")
    for i, e in enumerate(proto.enum_type):
        yield from enum((5, i), e, "")
    for i, service in enumerate(proto.service):
        yield (6, i), f"service {service.name}"
        for j, method in enumerate(service.method):
            yield (6, i, 2, j), f"rpc {service.name}.{method.name}"


def test_every_element_of_the_contract_has_a_leading_comment(
    sources: list[descriptor_pb2.FileDescriptorProto],
) -> None:
    uncommented = []
    for proto in sources:
        comments = {
            tuple(loc.path): loc.leading_comments for loc in proto.source_code_info.location
        }
        uncommented += [
            f"{proto.name}: {what}"
            for path, what in _elements(proto)
            if not comments.get(path, "").strip()
        ]
    assert uncommented == []


def test_the_lint_notices_a_missing_comment(tmp_path: Path) -> None:
    (tmp_path / "bad.proto").write_text(
        'syntax = "proto3";\npackage x;\n// Commented.\nmessage M {\n  string f = 1;\n}\n'
    )
    out = tmp_path / "bad.pb"
    args = [f"-I{tmp_path}", "--include_source_info", f"--descriptor_set_out={out}"]
    assert protoc.main(["protoc", *args, "bad.proto"]) == 0
    proto = descriptor_pb2.FileDescriptorSet.FromString(out.read_bytes()).file[0]
    comments = {tuple(loc.path): loc.leading_comments for loc in proto.source_code_info.location}
    missing = [what for path, what in _elements(proto) if not comments.get(path, "").strip()]
    assert missing == ["field M.f"]


def _upper_snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).upper()


def test_every_enum_starts_at_unspecified_and_prefixes_its_values(
    sources: list[descriptor_pb2.FileDescriptorProto],
) -> None:
    for proto in sources:
        enums = list(proto.enum_type) + [e for m in proto.message_type for e in m.enum_type]
        for e in enums:
            prefix = _upper_snake(e.name)
            assert e.value[0].number == 0, e.name
            assert e.value[0].name == f"{prefix}_UNSPECIFIED", e.name
            assert all(v.name.startswith(f"{prefix}_") for v in e.value), e.name


def _floor(requirement_name: str) -> str:
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text())
    for requirement in pyproject["project"]["dependencies"]:
        match = re.match(rf"{re.escape(requirement_name)}>=([0-9.]+)", requirement)
        if match:
            return match.group(1)
    raise AssertionError(f"no floor for {requirement_name} in pyproject.toml")


def test_runtime_floors_match_what_the_generated_code_checks() -> None:
    generated = REPO / "router" / "v1"
    grpc_code = (generated / "ingress_pb2_grpc.py").read_text()
    grpc_version = re.search(r"GRPC_GENERATED_VERSION = '([0-9.]+)'", grpc_code)
    pb2_code = (generated / "ingress_pb2.py").read_text()
    pb_version = re.search(
        r"ValidateProtobufRuntimeVersion\(\s*_runtime_version\.Domain\.PUBLIC,\s*(\d+),\s*(\d+),\s*(\d+),",
        pb2_code,
    )
    assert grpc_version and pb_version
    assert _floor("grpcio") == grpc_version.group(1)
    assert _floor("protobuf") == ".".join(pb_version.groups())
