"""Helpers for browser journeys: Debian's Chromium driven by Playwright, with an axe check."""

import os
import shutil

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


def chromium_or_skip() -> str:
    if not shutil.which(CHROMIUM):
        pytest.skip(f"Chromium is not installed at {CHROMIUM}: apt-get install -y chromium")
    return CHROMIUM


def assert_accessible(page, context: str) -> None:
    """Run axe-core on the page; any WCAG violation fails with axe's own report."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    assert results.violations_count == 0, f"{context}:\n{results.generate_report()}"
