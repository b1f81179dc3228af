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
