"""Fixtures of the browser tests: a real Chromium (Debian's ``chromium`` package, driven by
Playwright) against pytest-django's live server, with the suite's real Celery worker rendering the
photos.

Playwright's sync API runs an asyncio event loop on the test's thread for as long as it is
started, and Django refuses ORM calls from a thread with a running loop
(``SynchronousOnlyOperation``). Rather than switch that safety off for the whole process
(``DJANGO_ALLOW_ASYNC_UNSAFE``), the two are kept apart in time: every database fixture a test
needs is listed *before* ``page`` (pytest sets fixtures up in that order), the browser stops
before the database is flushed, and in between the test only talks to the server as its users
do, through the browser and HTTP. The live server's thread and the worker process have no loop
of their own, so they use the database as usual.
"""

import os
import re
import tempfile
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
# Every wait is bounded: a step that hangs fails in seconds, not at CI's timeout.
STEP_TIMEOUT_MS = 10_000
NAVIGATION_TIMEOUT_MS = 15_000
SCREENSHOTS = Path(tempfile.gettempdir()) / "photodesk-browser-failures"


_FAILED = pytest.StashKey[bool]()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.failed:  # seen by the page fixture's teardown, to keep a screenshot
        item.stash[_FAILED] = True
    return report


@pytest.fixture
def playwright():
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"the browser tests drive Debian's chromium at {CHROMIUM}: "
                    "`apt-get install chromium` (.ci/run does), or leave them out with "
                    "-m 'not browser'")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture
def browser(playwright):
    browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
    yield browser
    browser.close()


@pytest.fixture
def page(request, live_server, browser):
    """A fresh browser tab on the live server (relative URLs work). On failure a screenshot
    goes to a temporary folder, named in the test's output."""
    context = browser.new_context(base_url=live_server.url)
    context.set_default_timeout(STEP_TIMEOUT_MS)
    context.set_default_navigation_timeout(NAVIGATION_TIMEOUT_MS)
    page = context.new_page()
    yield page
    if request.node.stash.get(_FAILED, False):
        SCREENSHOTS.mkdir(exist_ok=True)
        shot = SCREENSHOTS / (re.sub(r"[^\w.-]+", "_", request.node.name) + ".png")
        try:
            page.screenshot(path=str(shot), full_page=True)
            print(f"screenshot of the failed page ({page.url}): {shot}")
        except Exception as error:  # the page may be what broke; keep the real failure
            print(f"no screenshot: {error}")
    context.close()


@pytest.fixture
def http(playwright, live_server):
    """An HTTP client with no browser session: what an API client (or anyone holding a
    public URL) gets."""
    context = playwright.request.new_context(base_url=live_server.url,
                                             timeout=STEP_TIMEOUT_MS)
    yield context
    context.dispose()
