"""Secrets never reach a log line: the filter configured in ``settings.LOGGING``.

The development server's access log writes each request line as it came, and Graph clients send
their token as ``?access_token=``; any other record may quote a URL, a header or an exception.
"""

import logging
import re

REDACTED = "[redacted]"

# name=value in a query string or a form body: any *token (access_token, refresh_token, token),
# client_secret, code (an authorization code), password
_PARAMETER = re.compile(
    r"(?i)(\b(?:[a-z0-9_]*token|client_secret|code|password)=)[^&\s\"'#<>]+")
# a header's value, as a header line, a WSGI key or in a dict's repr
_HEADER = re.compile(
    r"(?i)(\b(?:http_)?(?:proxy[-_])?(?:authorization|cookie)[\"']?\s*[:=]\s*[\"']?)"
    r"[^\"'\r\n,}]+")
# "name": "value" in JSON or a dict's repr
_FIELD = re.compile(
    r"(?i)([\"'](?:[a-z0-9_]*token|client_secret|password)[\"']\s*:\s*[\"'])[^\"']+")


def redact(text: str) -> str:
    for pattern in (_PARAMETER, _HEADER, _FIELD):
        text = pattern.sub(lambda match: match[1] + REDACTED, text)
    return text


class RedactSecrets(logging.Filter):
    """Redacts secrets from a record's message (its arguments included) and traceback, in the
    record itself, so every handler that sees it after this filter writes the redacted text."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed record: the handler reports it as usual
            return True
        redacted = redact(message)
        if redacted != message:
            record.msg, record.args = redacted, ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True
