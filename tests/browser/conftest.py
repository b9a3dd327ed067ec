"""Fixtures of the browser tests: pytest-playwright's, set to launch Debian's Chromium
headless against pytest-django's live server, and `open_window`, which opens a browser
window of its own for each person in a test. A failed test leaves a screenshot of each
of its windows in var/browser-failures/.
"""

import os
import re
from pathlib import Path

import pytest
from django.conf import settings

from tests.browser.support import CHROMIUM, CHROMIUM_ARGS, cannot_run, missing

FAILURE_SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "browser-failures"


@pytest.fixture(scope="session")
def migrations_data(django_db_setup):
    """What the migrations wrote (the Editor and Publisher groups and their permissions),
    as pytest-django serialized it for the tests marked `serialized_rollback`, per database."""
    from django.db import connections

    return {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }


@pytest.fixture(scope="session")
def playwright(migrations_data, playwright):
    """Playwright's sync API keeps its event loop marked as running in the main thread for
    as long as it runs (the rest of the session). Django takes that for async code:

    - it refuses ORM calls "from an async context", though they are synchronous; as
      Playwright advises for Django, allow them;
    - its database connections, kept per thread, are then kept per async context
      (asgiref's Local): the test gets new connection objects, without the migrations'
      data that each `serialized_rollback` test restores after the previous test's flush.
      Give it to them.
    """
    from django.db import connections

    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    for alias, data in migrations_data.items():
        connections[alias]._test_serialized_contents = data
    yield playwright
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture(scope="session")
def base_url(live_server):
    """Where relative URLs go in every browser window (pytest-playwright's convention)."""
    return live_server.url


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": CHROMIUM_ARGS,
    }


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.browser_test_failed = report.failed
    return report


@pytest.fixture
def open_window(request, live_server):
    """Opens a browser window with its own cookies (a person of their own) on the live
    server: `open_window()` returns a Playwright page whose relative URLs go to the site."""
    if reason := missing():
        cannot_run(reason)
    new_context = request.getfixturevalue("new_context")
    pages = []

    def open_window():
        context = new_context(locale="en-GB", accept_downloads=True)
        context.set_default_timeout(10_000)
        page = context.new_page()
        pages.append(page)
        return page

    yield open_window
    if getattr(request.node, "browser_test_failed", False):
        FAILURE_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^\w.-]+", "-", request.node.name)
        for number, page in enumerate(pages, start=1):
            if not page.is_closed():
                path = FAILURE_SCREENSHOTS / f"{name}-window{number}.png"
                page.screenshot(path=path, full_page=True)
                print(f"Screenshot of window {number} ({page.url}): {path}")
