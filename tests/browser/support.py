"""What the browser tests need besides fixtures: the browser, and whether it is here.

No browser is downloaded: the tests launch Debian's /usr/bin/chromium (`.ci/run`
installs it with apt). Where Chromium or Playwright is missing they are skipped on a
laptop but fail in CI (CI=true), so that CI never passes without them.
"""

import importlib.util
import os

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
PASSWORD = "a browser test's password"


def missing():
    """Why the browser tests cannot run here, or None."""
    if importlib.util.find_spec("pytest_playwright") is None:
        return "Playwright is not installed (pip install -r requirements-dev.txt)."
    if not os.access(CHROMIUM, os.X_OK):
        return f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)."
    return None


def cannot_run(reason):
    """Skip on a laptop; fail in CI, which must run the browser tests."""
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"CI must run the browser tests: {reason}", pytrace=False)
    pytest.skip(reason, allow_module_level=True)


def playwright_api():
    """playwright.sync_api, for a test module to import at its top; the module is skipped
    or fails (see cannot_run) where the browser tests cannot run."""
    if reason := missing():
        cannot_run(reason)
    from playwright import sync_api

    return sync_api
