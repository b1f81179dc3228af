"""One log line per request, with its request ID (returned as X-Request-ID), in text or, with
LOG_FORMAT=json, in JSON; tokens in the query string never in it. A request's ID in its tasks'
log lines, with a real worker and web server: tests/faults/test_request_logs.py."""

import io
import json
import logging
import os
import re
import subprocess
import sys

import pytest

from config.logging_format import JsonFormatter
from tests.support.processes import ROOT

pytestmark = pytest.mark.django_db

SECRET = "S3cr3tQueryToken"


@pytest.fixture
def console():
    """What the root's console handler (settings.LOGGING) writes, in a string; ``use(formatter)``
    swaps its formatter for the test."""
    (handler,) = [h for h in logging.getLogger().handlers if type(h) is logging.StreamHandler]
    output, formatter = io.StringIO(), handler.formatter
    previous = handler.setStream(output)
    output.use = handler.setFormatter
    yield output
    handler.setStream(previous)
    handler.setFormatter(formatter)


def test_each_request_is_one_line_with_its_id_application_and_no_token(client, graph_token,
                                                                        console):
    from oauth2_provider.models import get_access_token_model

    application = get_access_token_model().objects.get().application.client_id
    response = client.get(f"/me?access_token={graph_token}&fields=id")
    assert response.status_code == 200
    request_id = response["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", request_id)
    lines = [line for line in console.getvalue().splitlines() if "photodesk.request" in line]
    assert len(lines) == 1
    assert re.fullmatch(
        rf".* INFO photodesk\.request \[{request_id}\] GET /me\?access_token=\[redacted\]"
        rf"&fields=id 200 [\d.]+ms app={re.escape(application)}", lines[0])
    assert graph_token not in console.getvalue()


@pytest.mark.parametrize(("sent", "kept"), [
    ("lb-4f1c9e2a", True), ("a" * 128, True), ("a" * 129, False),
    ("two words", False), ("forged\nINFO line", False), ("", False)])
def test_an_incoming_request_id_is_kept_only_when_sane(client, sent, kept):
    response = client.get("/healthz", headers={"X-Request-ID": sent})
    if kept:
        assert response["X-Request-ID"] == sent
    else:
        assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])


def test_the_json_format_gives_the_request_line_its_fields(client, graph_token, console):
    console.use(JsonFormatter())
    response = client.get(f"/me?access_token={SECRET}", headers={"X-Request-ID": "edge-1"})
    assert response.status_code in (400, 401)
    entries = [json.loads(line) for line in console.getvalue().splitlines()]
    (entry,) = [e for e in entries if e["logger"] == "photodesk.request"]
    assert entry["request_id"] == "edge-1"
    assert (entry["http_method"], entry["http_path"], entry["http_status"],
            entry["application"]) == ("GET", "/me?access_token=[redacted]",
                                      response.status_code, "-")
    assert entry["duration_ms"] >= 0 and entry["level"] == "INFO"
    assert SECRET not in console.getvalue()


def test_log_format_json_is_what_the_settings_install():
    """The setting, in a process of its own: every record one JSON object, redacted."""
    script = ("import django, logging; django.setup(); "
              f"logging.getLogger('photodesk.x').warning('calling /me?access_token={SECRET}'); "
              "logging.getLogger('django.server').info('\"GET /me?token=%s HTTP/1.1\" 200 2', "
              f"'{SECRET}')")
    env = {**os.environ, "LOG_FORMAT": "json", "DJANGO_SETTINGS_MODULE": "config.settings"}
    run = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    entry, access = [json.loads(line) for line in run.stderr.splitlines()]
    assert entry["message"] == "calling /me?access_token=[redacted]"
    assert (entry["logger"], entry["level"], entry["request_id"]) == (
        "photodesk.x", "WARNING", "-")
    # the development server's access log too
    assert (access["logger"], access["message"]) == (
        "django.server", '"GET /me?token=[redacted] HTTP/1.1" 200 2')
