"""The real Celery worker of the suite: a ``celery worker`` process over Redis, on this session's
queues (all four, in their order of priority) and test database, and the waits that keep it and
the tests apart."""

import os
import subprocess
import sys
import threading
import time
import uuid

import pytest

from tests.settings import SESSION_DIR
from tests.support.processes import ROOT, Service
from tests.support.waiting import wait_until


def _wait_for_worker(app, node_prefix, process, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the Celery worker exited with {process.returncode}")
        replies = app.control.ping(timeout=1.0) or []
        for reply in replies:
            for name in reply:
                if name.startswith(f"{node_prefix}@"):
                    return name
        time.sleep(0.3)
    raise RuntimeError("the Celery worker did not answer in time")


@pytest.fixture(scope="session")
def celery_worker(django_db_setup, django_db_blocker):
    """A real ``celery worker`` process over Redis, on this session's queues and test database.

    Tests that use it must be ``transactional_db`` (or ``django_db(transaction=True)``): the
    worker reads what the test committed.
    """
    from django.conf import settings
    from django.db import connection

    from config import queues
    from config.celery import app

    if not settings.REDIS_URL:
        pytest.fail("the worker tests need REDIS_URL (README's test command sets it)")
    if connection.vendor != "postgresql":
        pytest.fail("the worker tests need DATABASE_URL on PostgreSQL (README's test command)")
    database_url = _test_database_url()
    prefix = settings.QUEUE_PREFIX
    env = dict(os.environ, DATABASE_URL=database_url, PYTHONUNBUFFERED="1")
    log = open(SESSION_DIR / "worker.log", "w")  # noqa: SIM115 - closed at teardown
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo",
         "--loglevel=INFO", "-Q", ",".join(queues.names()), "--include", "tests.worker_hooks",
         "-n", f"{prefix}@%h", "--without-gossip", "--without-mingle"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    try:
        _RUNNING_WORKER["name"] = _wait_for_worker(app, prefix, process)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()
        _RUNNING_WORKER["name"] = None


_RUNNING_WORKER = {"name": None}


def _test_database_url() -> str:
    from django.conf import settings

    db = settings.DATABASES["default"]
    return (f"postgres://{db['USER']}:{db.get('PASSWORD') or ''}@{db['HOST'] or '127.0.0.1'}:"
            f"{db['PORT'] or 5432}/{db['NAME']}")


@pytest.fixture
def dedicated_workers(transactional_db, settings, tmp_path):
    """The workers of docs/operations.md past the smallest install, as real processes on queues
    of their own (a fresh ``QUEUE_PREFIX``, which this test's process uses too): a render worker
    reading ``interactive,housekeeping,bulk`` in that order (prefork, one process, as documented)
    and a webhook worker reading ``webhooks``. Yields the prefix; at teardown the workers stop
    and what is left in their queues is dropped."""
    from django.db import connection

    from config import queues
    from config.celery import app

    if not settings.REDIS_URL or connection.vendor != "postgresql":
        pytest.fail("the worker tests need REDIS_URL and DATABASE_URL on PostgreSQL")
    prefix = f"{settings.QUEUE_PREFIX}-{uuid.uuid4().hex[:6]}"
    settings.QUEUE_PREFIX = prefix
    # tests/settings.py sets QUEUE_PREFIX from this variable in every process it configures
    env = dict(os.environ, DATABASE_URL=_test_database_url(), PYTHONUNBUFFERED="1",
               PHOTODESK_TEST_QUEUE_PREFIX=prefix)
    common = ["--loglevel=INFO", "--include", "tests.worker_hooks", "--without-gossip",
              "--without-mingle", "--without-heartbeat"]
    layout = {
        "renders": ["--concurrency=1", "-Q", ",".join(
            queues.names(queues.INTERACTIVE, queues.HOUSEKEEPING, queues.BULK))],
        "webhooks": ["--pool=solo", "-Q", queues.name(queues.WEBHOOKS)],
    }
    workers = [Service(role, [sys.executable, "-m", "celery", "-A", "config", "worker",
                              "-n", f"{prefix}-{role}@%h", *argv, *common], env, tmp_path)
               for role, argv in layout.items()]
    try:
        for worker in workers:
            wait_until(lambda w=worker: "ready." in w.output() or not w.alive(), 60,
                       f"the {worker.name} worker to start")
            assert worker.alive(), worker.output()[-3000:]
        yield prefix
    finally:
        stopping = [threading.Thread(target=worker.stop) for worker in workers]
        for thread in stopping:  # together: each waits for its warm shutdown
            thread.start()
        for thread in stopping:
            thread.join()
        with app.connection_for_write() as conn:
            for name in queues.names():
                conn.default_channel.queue_purge(name)


def _worker_is_idle(app, name) -> bool:
    inspect = app.control.inspect(destination=[name], timeout=0.5)
    for ask in (inspect.active, inspect.reserved, inspect.scheduled):
        reply = ask()
        # the solo pool answers nothing while it runs a task: no answer means busy
        if not reply or reply.get(name):
            return False
    return True


@pytest.fixture(autouse=True)
def _worker_quiet_before_flush(request):
    """A transactional test's teardown truncates every table; if the worker is still busy with
    that test's tasks, the truncation deadlocks with it. Wait for the worker to be idle first
    (this fixture is torn down before the database fixture it asks for)."""
    marker = request.node.get_closest_marker("django_db")
    transactional = bool(
        {"transactional_db", "live_server"} & set(request.fixturenames)
        or (marker and (marker.kwargs.get("transaction") or marker.args[:1] == (True,))))
    if not transactional:
        yield
        return
    request.getfixturevalue("_django_db_helper")
    yield
    name = _RUNNING_WORKER["name"]
    if name is None:
        return
    from config.celery import app

    deadline = time.monotonic() + 15
    while not _worker_is_idle(app, name):
        if time.monotonic() > deadline:
            app.control.purge()  # give up on leftovers rather than hang the suite
            break
        time.sleep(0.1)


@pytest.fixture
def wait_for_idle_worker(celery_worker):
    """``wait()`` returns once the test worker has run everything queued so far (tasks whose
    results are ignored cannot be waited for through their results)."""
    from config.celery import app

    def wait(timeout=30.0):
        time.sleep(0.3)  # let what was just sent reach the worker
        wait_until(lambda: _worker_is_idle(app, _RUNNING_WORKER["name"]), timeout,
                   "the worker to be idle")

    return wait


@pytest.fixture
def worker_log():
    return SESSION_DIR / "worker.log"
