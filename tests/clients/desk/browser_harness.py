"""Headless Chromium from Debian's packages, driven by Playwright: where to find it, and
where the screenshots go."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from playwright.async_api import Browser, Page, ViewportSize, expect

# Debian's /usr/bin/chromium is a shell wrapper; Playwright wants the binary itself.
CANDIDATES = ("/usr/lib/chromium/chromium", "/usr/bin/chromium", "/usr/bin/chromium-browser")
ARTIFACTS = Path(
    os.environ.get("OMNIROUTE_ARTIFACTS", Path(__file__).parents[3] / "test-artifacts")
)
DESKTOP: ViewportSize = {"width": 1366, "height": 768}
PHONE: ViewportSize = {"width": 390, "height": 844}
# Generous for a shared 2-core machine; reached only when something is broken.
WAIT_MS = 20_000


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


async def sign_in(
    browser: Browser, url: str, operator_id: str, key: str, viewport: ViewportSize = DESKTOP
) -> Page:
    page = await (await browser.new_context(viewport=viewport)).new_page()
    page.set_default_timeout(WAIT_MS)
    await page.goto(url)
    await page.fill("#signin-operator", operator_id)
    await page.fill("#signin-key", key)
    await page.click("#signin-submit")
    await expect(page.locator("#desk")).to_be_visible()
    await expect(page.locator("#link-state")).to_be_hidden()
    return page


async def chat_page(browser: Browser, url: str) -> Page:
    page = await (await browser.new_context(viewport=PHONE)).new_page()
    page.set_default_timeout(WAIT_MS)
    await page.goto(url)
    return page


async def widget_says(page: Page, text: str) -> None:
    await page.fill(".omniroute-input", text)
    await page.click(".omniroute-send")
