import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("photodesk")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(name="photodesk.ping")
def ping(value="pong"):
    """Round trip through the broker, for health checks and tests."""
    return {"pong": value, "pid": os.getpid()}


# --- database connections: reused from task to task, as from request to request ------------------
from celery.signals import task_postrun, task_prerun  # noqa: E402


@task_prerun.connect(weak=False)
@task_postrun.connect(weak=False)
def _database_connections_as_at_a_request(task=None, **kwargs):
    """Before and after each task, what Django does at each request: a connection older than
    CONN_MAX_AGE, or broken by an error (a PostgreSQL restart), is closed, the next query
    opening a new one; any other is kept (settings.CELERY_DB_REUSE_MAX stops Celery from
    closing them all). Not for a task run eagerly, inside its caller's transaction."""
    if task is not None and getattr(task.request, "is_eager", False):
        return
    from django.db import close_old_connections

    close_old_connections()


# --- operations: the worker's heartbeat (/readyz), its logs and the request ID ----------------
from celery.signals import setup_logging  # noqa: E402

from config import request_id  # noqa: E402,F401 - connects the request ID's task signals
from config.heartbeat import Heartbeat  # noqa: E402

app.steps["consumer"].add(Heartbeat)


@setup_logging.connect(weak=False)
def _logging_of_the_settings(**kwargs):
    """The worker and beat log through settings.LOGGING, as the web process does (secrets
    redacted, the request ID, LOG_FORMAT), instead of Celery's own handlers."""
    from logging.config import dictConfig

    from django.conf import settings

    dictConfig(settings.LOGGING)
