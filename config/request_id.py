"""The request ID: made (or taken from a sane ``X-Request-ID``) by ``config.request_log``'s
middleware for each request, carried into the Celery tasks that request queues (a message
header), and written on every log record of the request and of those tasks (``AddRequestId``).

A context variable holds it: each request and each task runs in its own context, so a thread or
an asyncio task never sees another's ID.
"""

import contextvars
import logging
import re
import uuid

from celery.signals import before_task_publish, task_postrun, task_prerun

HEADER = "X-Request-ID"
# the Celery message header that carries it to the worker
TASK_HEADER = "photodesk_request_id"
# what a caller (a proxy, a load balancer) may send: short, and nothing a log line could be
# forged with (no spaces, quotes or line breaks)
_SANE = re.compile(r"[A-Za-z0-9._:@/+=-]{1,128}")

current = contextvars.ContextVar("photodesk_request_id", default=None)


def sane(value) -> str | None:
    return value if isinstance(value, str) and _SANE.fullmatch(value) else None


def new() -> str:
    return uuid.uuid4().hex


class AddRequestId(logging.Filter):
    """Puts ``request_id`` on every record ("-" outside a request or task), for the formats."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", None):
            record.request_id = current.get() or "-"
        return True


@before_task_publish.connect(weak=False)
def _send_with_request_id(headers=None, **kwargs):
    request_id = current.get()
    if request_id and headers is not None and TASK_HEADER not in headers:
        headers[TASK_HEADER] = request_id


_task_tokens = {}


@task_prerun.connect(weak=False)
def _task_takes_request_id(task_id=None, task=None, **kwargs):
    request_id = sane(getattr(task.request, TASK_HEADER, None)) if task is not None else None
    _task_tokens[task_id] = current.set(request_id)


@task_postrun.connect(weak=False)
def _task_drops_request_id(task_id=None, **kwargs):
    token = _task_tokens.pop(task_id, None)
    if token is not None:
        try:
            current.reset(token)
        except ValueError:  # set in another context (an eager task): just clear it
            current.set(None)
