"""``/healthz`` (liveness) and ``/readyz`` (readiness).

``/healthz`` answers as soon as the process can run a view: it touches no database, broker or
storage (a load balancer or an orchestrator may call it every second), so a restart is never
triggered by a service this process merely depends on.

``/readyz`` checks what serving needs, each check bounded and timed: the database (``SELECT 1``),
the broker (a connection, within ``BROKER_TIMEOUT_SECONDS``), a worker that consumes the default
queue and beat within ``WORKER_STALE_AFTER_SECONDS`` (its heartbeat, ``config.heartbeat``: one
cache read, no broadcast), and storage reachable by a read (a listing of its top folder: no
write, so no object is created on S3 at each probe). The answer says which check failed, never
why: the cause (host names, driver messages) goes to the log, not to anonymous callers.
"""

import logging
import os
import time

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from config import heartbeat, queues

logger = logging.getLogger("photodesk.health")


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_broker():
    from config.celery import app

    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, interval_start=0, interval_step=0,
                               timeout=settings.BROKER_TIMEOUT_SECONDS)


def check_worker():
    """Every queue has a worker that beat recently: renders (interactive, bulk), webhooks and
    housekeeping each wait forever in a queue no worker reads (docs/operations.md's layouts
    give each queue a worker)."""
    for queue in queues.names():
        age = heartbeat.age(queue)
        if age is None:
            raise LookupError(f"no worker of queue {queue!r} has ever beaten")
        if age > settings.WORKER_STALE_AFTER_SECONDS:
            raise TimeoutError(f"the last worker of queue {queue!r} beat {age:.1f} s ago")


def check_storage():
    """A read: the top folder's listing (S3: one ListObjectsV2 call)."""
    try:
        default_storage.listdir("")
    except FileNotFoundError:
        # the local media folder is made by the first upload: ready if it can be made
        if not isinstance(default_storage, FileSystemStorage):
            raise
        parent = os.path.dirname(os.path.abspath(default_storage.location))
        if not (os.path.isdir(parent) and os.access(parent, os.W_OK | os.X_OK)):
            raise


READINESS_CHECKS = {"database": check_database, "broker": check_broker,
                    "worker": check_worker, "storage": check_storage}


def run_checks(checks) -> tuple[dict, bool]:
    report, healthy = {}, True
    for name, check in checks.items():
        started = time.monotonic()
        try:
            check()
        except Exception as exc:  # a health check reports every failure, whatever its kind
            healthy = False
            logger.warning("health check %s failed: %s: %s", name, type(exc).__name__, exc)
            report[name] = {"ok": False}
        else:
            report[name] = {"ok": True}
        report[name]["ms"] = round((time.monotonic() - started) * 1000, 1)
    return report, healthy


# GET and HEAD only (any other method, TRACE included, is 405); exempt from the CSRF check so
# that an unsafe method meets that 405 rather than the check's 403 page
@csrf_exempt
@require_safe
@never_cache
def healthz(request):
    return JsonResponse({"status": "ok"})


@csrf_exempt
@require_safe
@never_cache
def readyz(request):
    report, healthy = run_checks(READINESS_CHECKS)
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": report},
        status=200 if healthy else 503,
    )


_LIVENESS = {
    "type": "object",
    "required": ["status"],
    "properties": {"status": {"type": "string", "enum": ["ok"]}},
}
_REPORT = {
    "type": "object",
    "required": ["status", "checks"],
    "properties": {
        "status": {"type": "string", "enum": ["ok", "unavailable"]},
        "checks": {
            "type": "object",
            "description": "One entry per check (database, broker, worker, storage): whether "
                           "it passed, and how long it took in milliseconds.",
            "additionalProperties": {
                "type": "object", "required": ["ok", "ms"],
                "properties": {"ok": {"type": "boolean"}, "ms": {"type": "number"}},
            },
        },
    },
}
OPENAPI_PATHS = {
    "/healthz": {"get": {
        "operationId": "healthz_get",
        "tags": ["Service"],
        "summary": "Liveness: the process answers (no database, broker or storage call)",
        "security": [{}],
        "responses": {
            "200": {"description": "The process serves requests.",
                    "content": {"application/json": {"schema": _LIVENESS}}},
        },
    }},
    "/readyz": {"get": {
        "operationId": "readyz_get",
        "tags": ["Service"],
        "summary": "Readiness: database, broker, a live worker and storage, each checked",
        "description": "The worker check passes when each of the four queues (renders, "
                       "webhooks, housekeeping, bulk) has a worker that beat "
                       "within `WORKER_STALE_AFTER_SECONDS`; storage is checked by a read. "
                       "Which check failed is said, never why (that goes to the log).",
        "security": [{}],
        "responses": {
            "200": {"description": "Every check passed.",
                    "content": {"application/json": {"schema": _REPORT}}},
            "503": {"description": "A check failed: the report says which.",
                    "content": {"application/json": {"schema": _REPORT}}},
        },
    }},
}
