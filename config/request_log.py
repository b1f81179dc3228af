"""One log line per request (logger ``photodesk.request``): method, path (its query string's
secrets redacted), status, duration, the calling application and the request ID, which is also
returned as ``X-Request-ID`` and carried into the Celery tasks the request queues
(``config.request_id``).

Its place in ``MIDDLEWARE`` is first: the duration covers every other middleware, and every
record they write carries the request ID.
"""

import logging
import time

from config import request_id
from config.logging_filters import redact

logger = logging.getLogger("photodesk.request")


def application_of(request) -> str:
    """The client ID of the OAuth application whose token authenticated the request, or "-"."""
    principal = getattr(request, "auth", None)
    application = getattr(principal, "application", None)
    return getattr(application, "client_id", None) or "-"


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        rid = request_id.sane(request.headers.get(request_id.HEADER)) or request_id.new()
        request.request_id = rid
        token = request_id.current.set(rid)
        started = time.monotonic()
        status = 500
        try:
            response = self.get_response(request)
            status = response.status_code
            response[request_id.HEADER] = rid
            return response
        finally:
            duration_ms = round((time.monotonic() - started) * 1000, 1)
            path = redact(request.get_full_path())
            application = application_of(request)
            logger.info("%s %s %s %.1fms app=%s", request.method, path, status, duration_ms,
                        application,
                        extra={"http_method": request.method, "http_path": path,
                               "http_status": status, "duration_ms": duration_ms,
                               "application": application})
            request_id.current.reset(token)
