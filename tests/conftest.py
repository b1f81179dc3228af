"""The whole suite's fixtures are plugins of ``tests.support.plugins``, registered here once; the
helpers the tests import are plain modules of ``tests.support``. No test imports a conftest.

The suite runs on the real services (README's test command sets PostgreSQL and Redis). Media
files go to a temporary folder; the Celery worker is a real ``celery worker`` process on a queue
of its own, reading the test database.
"""

import shutil

import pytest

from tests.settings import SESSION_DIR

# the helpers' own assertions (``assert_alike``, ``error_of``...) explain themselves as a test's do
pytest.register_assert_rewrite("tests.support")

pytest_plugins = [
    "tests.support.plugins.core",
    "tests.support.plugins.oauth",
    "tests.support.plugins.worker",
    "tests.support.plugins.network",
    "tests.support.plugins.generic",
    "tests.support.plugins.chatter",
    "tests.support.plugins.graph",
    "tests.support.plugins.records",
    "tests.support.plugins.admin",
    "tests.support.plugins.faults",
    "tests.support.plugins.s3",
    "tests.support.plugins.browser",
    "tests.support.plugins.limits",
    "tests.support.plugins.clients",
    "tests.support.plugins.production",
    "tests.support.plugins.load",
]


def pytest_sessionfinish(session, exitstatus):
    shutil.rmtree(SESSION_DIR, ignore_errors=True)
