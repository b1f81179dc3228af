"""``/healthz``: database, broker and storage, each checked for real; 503 when one is down.

Each check is bounded (``BROKER_TIMEOUT_SECONDS`` for the broker), so a hung service makes the
probe answer 503 in seconds rather than hang. The answer says which check failed, never why:
the cause (host names, driver messages) goes to the log, not to anonymous callers.
"""

import logging
import time
import uuid

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

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


def check_storage():
    name = default_storage.save(f"healthz/{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
    try:
        with default_storage.open(name) as handle:
            if handle.read() != b"ok":
                raise OSError("storage returned other bytes than were written")
    finally:
        default_storage.delete(name)


CHECKS = {"database": check_database, "broker": check_broker, "storage": check_storage}


# GET and HEAD only (any other method, TRACE included, is 405); exempt from the CSRF check so
# that an unsafe method meets that 405 rather than the check's 403 page
@csrf_exempt
@require_safe
@never_cache
def healthz(request):
    report, healthy = {}, True
    for name, check in CHECKS.items():
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
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": report},
        status=200 if healthy else 503,
    )


_REPORT = {
    "type": "object",
    "required": ["status", "checks"],
    "properties": {
        "status": {"type": "string", "enum": ["ok", "unavailable"]},
        "checks": {
            "type": "object",
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
        "summary": "Database, broker and storage, each checked for real",
        "security": [{}],
        "responses": {
            "200": {"description": "Every check passed.",
                    "content": {"application/json": {"schema": _REPORT}}},
            "503": {"description": "A check failed: the report says which.",
                    "content": {"application/json": {"schema": _REPORT}}},
        },
    }},
}
