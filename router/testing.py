"""Running a real router in a child process, for end-to-end tests and benchmarks."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

from grpc import aio

_LISTENING = re.compile(r"omniroute listening on (\S+)")


def with_api_key(key: str) -> list[Any]:
    """Client interceptors that add `x-api-key: key` to every call on an aio channel."""

    def details_with_key(details: aio.ClientCallDetails) -> aio.ClientCallDetails:
        metadata = aio.Metadata(*(details.metadata or ()))
        metadata.add("x-api-key", key)
        return aio.ClientCallDetails(
            details.method, details.timeout, metadata, details.credentials, details.wait_for_ready
        )

    class Unary(aio.UnaryUnaryClientInterceptor):  # type: ignore[type-arg]
        async def intercept_unary_unary(self, continuation: Any, details: Any, request: Any) -> Any:
            return await continuation(details_with_key(details), request)

    class Stream(aio.UnaryStreamClientInterceptor):  # type: ignore[type-arg]
        async def intercept_unary_stream(
            self, continuation: Any, details: Any, request: Any
        ) -> Any:
            return await continuation(details_with_key(details), request)

    return [Unary(), Stream()]


def provision_api_key(db_path: Path, name: str = "tests") -> str:
    """A key for every channel, issued with `omniroute keys create` as an operator would."""
    done = subprocess.run(
        [sys.executable, "-m", "router.cli", "keys", "create", "--db", str(db_path), "-n", name],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


class ServerProcess:
    """`omniroute serve` on port 0 of the loopback; `address` is known once started, and
    `api_key` holds a key for every channel, provisioned before the start."""

    def __init__(self, db_path: Path, extra_args: Sequence[str] = (), timeout: float = 30) -> None:
        self.db_path = db_path
        self.extra_args = list(extra_args)
        self.timeout = timeout
        self.address = ""
        self.api_key = ""
        self._proc: subprocess.Popen[str] | None = None
        self.stderr_lines: list[str] = []

    def start(self) -> ServerProcess:
        self.api_key = provision_api_key(self.db_path)
        cmd = [sys.executable, "-m", "router.cli", "serve", "--db", str(self.db_path)]
        cmd += ["--listen", "127.0.0.1:0", *self.extra_args]
        self._proc = subprocess.Popen(
            cmd,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        # Drain stderr continuously so the child never blocks on a full pipe.
        threading.Thread(target=self._collect_stderr, daemon=True).start()
        found: list[str] = []
        reader = threading.Thread(target=self._await_address, args=(found,), daemon=True)
        reader.start()
        reader.join(self.timeout)
        if not found:
            self.kill()
            raise RuntimeError("router did not start:\n" + "".join(self.stderr_lines[-30:]))
        self.address = found[0]
        return self

    def _await_address(self, found: list[str]) -> None:
        assert self._proc is not None and self._proc.stdout is not None
        for line in self._proc.stdout:
            match = _LISTENING.search(line)
            if match:
                found.append(match.group(1))
                return

    def _collect_stderr(self) -> None:
        assert self._proc is not None and self._proc.stderr is not None
        for line in self._proc.stderr:
            self.stderr_lines.append(line)

    @property
    def pid(self) -> int:
        assert self._proc is not None
        return self._proc.pid

    def terminate(self, timeout: float = 30) -> int:
        """SIGTERM, then wait for the orderly exit; returns the exit code."""
        assert self._proc is not None
        self._proc.send_signal(signal.SIGTERM)
        return self._proc.wait(timeout)

    def kill(self) -> None:
        """SIGKILL: the process gets no chance to flush or close anything."""
        if self._proc is not None and self._proc.poll() is None:
            self._proc.kill()
            self._proc.wait()

    def __enter__(self) -> ServerProcess:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.kill()
