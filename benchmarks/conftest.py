"""Prints, after a benchmark run, each candidate's speed as a multiple of its group's baseline."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    session = getattr(config, "_benchmarksession", None)
    if session is None or session.disabled:
        return
    groups: dict[str, list[Any]] = {}
    for bench in session.benchmarks:
        if bench.stats is not None and bench.stats.rounds:
            groups.setdefault(bench.group or "", []).append(bench)
    lines = []
    for group, benches in sorted(groups.items()):
        baselines = [b for b in benches if "baseline" in b.name]
        if len(baselines) != 1:
            continue
        base = baselines[0].stats.median
        for bench in benches:
            if bench is not baselines[0]:
                ratio = base / bench.stats.median if bench.stats.median else float("inf")
                lines.append(f"{group}: {bench.name} is {ratio:.2f}x the baseline (median)")
    if lines:
        terminalreporter.write_sep("-", "ratios against baselines")
        for line in lines:
            terminalreporter.write_line(line)


@pytest.fixture(scope="module")
def loop() -> Iterator[asyncio.AbstractEventLoop]:
    """One event loop for a module's rounds, so channels made in it stay usable."""
    loop = asyncio.new_event_loop()
    yield loop
    loop.close()


@pytest.fixture(scope="module")
def echo_address() -> Iterator[str]:
    """The bare gRPC echo server (the baseline of the gRPC-path groups), in its own process."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.echo_server"],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    assert "listening on" in line, line
    yield line.rsplit(" ", 1)[1].strip()
    proc.terminate()
    proc.wait(10)
