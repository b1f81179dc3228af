"""``LOG_FORMAT=json``: one JSON object per line, for a log collector.

A dozen lines of our own rather than python-json-logger: the fields are few and fixed (time,
level, logger, message, request ID, and the request line's own fields), and the record reaches
it already redacted (``RedactSecrets`` runs first), so no dependency is needed for a
``json.dumps``.
"""

import json
import logging
from datetime import UTC, datetime

# the request line's fields (config.request_log), written as they are
EXTRA_FIELDS = ("http_method", "http_path", "http_status", "duration_ms", "application")


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None) or "-",
        }
        for name in EXTRA_FIELDS:
            if hasattr(record, name):
                entry[name] = getattr(record, name)
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            entry["exception"] = record.exc_text
        if record.stack_info:
            entry["stack"] = record.stack_info
        return json.dumps(entry, default=str)
