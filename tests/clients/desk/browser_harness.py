"""Headless Chromium from Debian's packages, driven by Playwright: where to find it, and
where the screenshots go."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from playwright.async_api import ViewportSize

# Debian's /usr/bin/chromium is a shell wrapper; Playwright wants the binary itself.
CANDIDATES = ("/usr/lib/chromium/chromium", "/usr/bin/chromium", "/usr/bin/chromium-browser")
ARTIFACTS = Path(
    os.environ.get("OMNIROUTE_ARTIFACTS", Path(__file__).parents[3] / "test-artifacts")
)
DESKTOP: ViewportSize = {"width": 1366, "height": 768}
PHONE: ViewportSize = {"width": 390, "height": 844}


def chromium_path() -> str:
    configured = os.environ.get("OMNIROUTE_CHROMIUM")
    for candidate in (configured, *CANDIDATES, shutil.which("chromium")):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    raise RuntimeError(
        "no Chromium found: `make test` installs Debian's chromium package"
        " (or set OMNIROUTE_CHROMIUM to a Chromium binary)"
    )


def screenshot_path(name: str) -> Path:
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{name}.png"
