"""Tokens never reach the logs: the development server's access log writes each request line as
it came (Graph clients send ``?access_token=``), and any other record may quote a URL, a header
or an exception. The filter configured in settings.LOGGING redacts them from every record."""

import io
import logging
import threading
import time
import urllib.error
import urllib.request

import pytest
from django.core.servers.basehttp import WSGIRequestHandler, WSGIServer
from django.core.wsgi import get_wsgi_application
from django.db import connections

SECRETS = ("S3cr3tAccess", "S3cr3tClient", "S3cr3tCode", "S3cr3tBearer", "S3cr3tRefresh")


@pytest.fixture
def log_output():
    """What the handlers configured by settings.LOGGING write (the root's console and the
    access log's), in a string."""
    output = io.StringIO()
    handlers = [handler for name in ("", "django.server")
                for handler in logging.getLogger(name).handlers
                if type(handler) is logging.StreamHandler]
    assert handlers
    previous = [handler.setStream(output) for handler in handlers]
    yield output
    for handler, stream in zip(handlers, previous, strict=True):
        handler.setStream(stream)


@pytest.fixture
def development_server(caplog):
    """Django's development server (runserver's request handler and its access log) in a
    thread; its records are captured by caplog too (the access log does not propagate)."""
    server = WSGIServer(("127.0.0.1", 0), WSGIRequestHandler)
    server.set_app(get_wsgi_application())

    def serve():  # requests are handled in this thread, with its own database connection
        try:
            server.serve_forever()
        finally:
            connections.close_all()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    access_log = logging.getLogger("django.server")
    access_log.addHandler(caplog.handler)
    yield f"http://127.0.0.1:{server.server_address[1]}"
    access_log.removeHandler(caplog.handler)
    server.shutdown()
    thread.join(10)
    server.server_close()


def access_lines(caplog, count):
    """The access log's records, once there are ``count`` of them (each is written just after
    its response is sent)."""
    deadline = time.monotonic() + 5
    while True:
        lines = [record for record in caplog.records if record.name == "django.server"]
        if len(lines) >= count or time.monotonic() > deadline:
            return lines
        time.sleep(0.05)


def request(url, headers=None):
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}),
                                    timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.mark.django_db(transaction=True)
def test_the_access_log_carries_no_token(development_server, log_output, caplog):
    statuses = [
        request(f"{development_server}/me?access_token=S3cr3tAccess&fields=id"),
        request(f"{development_server}/o/token/?client_secret=S3cr3tClient&code=S3cr3tCode"
                "&refresh_token=S3cr3tRefresh"),
        request(f"{development_server}/api/principal?x=1",
                headers={"Authorization": "Bearer S3cr3tBearer"}),
        request(f"{development_server}/no/such/page?token=S3cr3tAccess"),
    ]
    assert statuses[0] in (400, 401) and statuses[2] == 401 and statuses[3] == 404
    assert len(access_lines(caplog, 4)) == 4
    logged = "\n".join(record.getMessage() for record in caplog.records)
    written = log_output.getvalue()
    for secret in SECRETS:
        assert secret not in logged and secret not in written
    # the requests were logged, with what is not a secret
    assert "GET /me?access_token=[redacted]&fields=id HTTP/1.1" in written
    assert "client_secret=[redacted]&code=[redacted]&refresh_token=[redacted]" in logged
    assert "GET /no/such/page?token=[redacted] HTTP/1.1" in logged


def test_any_record_is_redacted_message_arguments_and_traceback(log_output, caplog):
    logger = logging.getLogger("photodesk.anything")
    try:
        raise ValueError("calling https://graph.example/me?access_token=S3cr3tAccess failed")
    except ValueError:
        logger.exception("webhook %s answered; request headers %r; body %s",
                         "https://hooks.example/in?token=S3cr3tCode&event=photo.ready",
                         {"Authorization": "Bearer S3cr3tBearer", "Accept": "*/*"},
                         '{"refresh_token": "S3cr3tRefresh", "client_secret": "S3cr3tClient"}')
    written = log_output.getvalue()
    logged = caplog.text
    for secret in SECRETS:
        assert secret not in written and secret not in logged
    assert "event=photo.ready" in written and "'Accept': '*/*'" in written
    assert "ValueError: calling https://graph.example/me?access_token=[redacted] failed" in written
