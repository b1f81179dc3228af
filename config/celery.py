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
