"""Fixtures of the load test (``tests/load``): the production processes (``scripts/release``,
``scripts/web`` = gunicorn with DEBUG off, two ``scripts/worker``) with their media in a bucket of
the suite's S3 server, and a token that uploads and reads through the generic API and Graph."""

import os
import signal
import uuid

import pytest

from tests.support.graph import GRAPH_ALL
from tests.support.production import ProductionStack


@pytest.fixture
def load_stack(transactional_db, s3_server, tmp_path):
    """The production stack on S3 (``MEDIA_URLS=redirect``: bodies carry Photodesk's /media URLs,
    which redirect to presigned URLs of the bucket), its bucket in ``.bucket``; two workers of one
    process each (this machine has 2 cores). Stopped before the test database is flushed."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.fail("the load test runs on PostgreSQL (README's test command)")
    stack = ProductionStack(tmp_path)
    stack.bucket = s3_server.create_bucket(f"photodesk-load-{uuid.uuid4().hex[:12]}")
    stack.env.update(s3_server.env(stack.bucket), MEDIA_URLS="redirect")
    try:
        stack.release()
        stack.web()
        stack.worker()
        stack.worker()
        yield stack
    finally:
        for service in stack.services:  # all at once: each takes its time to stop
            if service.alive():
                os.killpg(service.process.pid, signal.SIGTERM)
        stack.stop()


@pytest.fixture
def load_token(alice, make_token):
    """Alice's token for both dialects of the load: Graph's permissions and the generic API's."""
    return make_token([*GRAPH_ALL, "manage_photos"], user=alice)


_FIGURES: dict[str, dict] = {}  # test ID -> the figures it measured, printed at the end


@pytest.fixture
def load_figures(request):
    """A dict the test fills with what it measured: printed in the run's summary (``-- load
    test --``), whether the test passed or not."""
    figures = {}
    yield figures
    if figures:
        _FIGURES[request.node.nodeid] = figures


def pytest_terminal_summary(terminalreporter):
    for test, figures in _FIGURES.items():
        terminalreporter.section("load test")
        terminalreporter.write_line(test)
        for name, value in figures.items():
            terminalreporter.write_line(f"  {name}: {value}")
