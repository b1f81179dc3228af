"""Fixtures of the production tests: the production processes started by their own scripts
(``tests.support.production``)."""

import pytest

from tests.support.production import ProductionStack


@pytest.fixture(scope="module")
def production(django_db_setup, tmp_path_factory):
    """``scripts/release`` then ``scripts/web`` (gunicorn, DEBUG off) on the test database, for
    the whole module. Stopped before the test database is dropped."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.fail("the production tests run on PostgreSQL (README's test command)")
    stack = ProductionStack(tmp_path_factory.mktemp("production"))
    try:
        stack.release_output = stack.release()
        stack.web()
        yield stack
    finally:
        stack.stop()


@pytest.fixture
def production_worker(production):
    """``scripts/worker`` on the production stack's queues, for one test. The test may kill it
    (``.kill()``, the whole process group) and start another with ``production.worker()``."""
    worker = production.worker()
    yield worker
    for service in production.services:
        if service.name == "worker":
            service.stop()
