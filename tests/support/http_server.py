"""The one local HTTP server of the tests: a real server on 127.0.0.1 (an allowed outbound host in
tests/settings.py), on a port of its own, in a daemon thread. ``LocalServer(handler)`` serves
any handler class (HTTPS with ``certificate=``); two handlers are ready:

- ``FetchTarget``: what the URL fetcher reads (images, redirects, slow, big and dribbling
  answers), recording every request in ``FetchTarget.received``;
- ``Receiver``: a webhook receiver answering ``statuses`` in turn and recording every request.
"""

import hashlib
import hmac
import json
import ssl
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from tests.support.images import jpeg_bytes, png_bytes


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # a handler still sleeping for a timeout test does not hold us

    def handle_error(self, request, client_address):
        pass  # clients that give up early (size and time limits) are what the tests want


class LocalServer:
    """``handler`` (a ``BaseHTTPRequestHandler`` class) served on 127.0.0.1 until ``close()``
    (or the end of a ``with`` block); ``certificate``: a PEM file (key and chain) for HTTPS."""

    def __init__(self, handler, certificate=None):
        self.server = _Server(("127.0.0.1", 0), handler)
        if certificate is not None:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(certificate)
            self.server.socket = context.wrap_socket(self.server.socket, server_side=True)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def port(self) -> int:
        return self.server.server_address[1]

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def close(self):
        self.server.shutdown()
        self.server.server_close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class QuietHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):  # keep the test output clean
        pass

    def send(self, status, body=b"", content_type="application/octet-stream", headers=()):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in headers:
            self.send_header(key, value)
        self.end_headers()
        try:
            self.wfile.write(body)
        except OSError:  # the client gave up (that is what some tests check)
            pass


# --- what the URL fetcher reads -----------------------------------------------------------------
SERVED_PNG = png_bytes(420, 300, color=(20, 200, 40))


class FetchTarget(QuietHandler):
    """Images, redirects, slow and big answers. ``received``: ``(method, path, Host or body)``
    of every request (the ``served`` fixture empties it for each test)."""

    received: list = []

    def do_GET(self):  # noqa: N802 - the http.server API
        parts = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        type(self).received.append(("GET", self.path, self.headers.get("Host")))
        if parts.path == "/photo.png":
            self.send(200, SERVED_PNG, "image/png")
        elif parts.path == "/photo.jpg":
            self.send(200, jpeg_bytes(800, 600), "image/jpeg")
        elif parts.path == "/page.jpg":  # says JPEG, is HTML
            self.send(200, b"<html><body>not an image</body></html>", "image/jpeg")
        elif parts.path == "/redirect":
            self.send(int(query.get("status", 302)), headers=[("Location", query["to"])])
        elif parts.path == "/loop":
            self.send(302, headers=[("Location", "/loop")])
        elif parts.path == "/big":
            self.send(200, b"\xff" * (2 * 1024 * 1024), "image/jpeg")
        elif parts.path == "/chunked":  # no Content-Length: only streaming can stop it
            self.send_response(200)
            self.send_header("Content-Type", "image/jpeg")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            chunk = b"\xff" * 65536
            try:
                for _ in range(64):
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                self.wfile.write(b"0\r\n\r\n")
            except OSError:
                pass
        elif parts.path == "/slow":
            time.sleep(float(query.get("seconds", 3)))
            self.send(200, SERVED_PNG, "image/png")
        elif parts.path == "/dribble":  # a byte at a time, never quite timing out a read
            self.send_response(200)
            self.send_header("Content-Length", "1000")
            self.end_headers()
            try:
                for _ in range(1000):
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    time.sleep(0.1)
            except OSError:
                pass
        else:
            self.send(404, b"not found", "text/plain")

    def do_POST(self):  # noqa: N802
        length = int(self.headers.get("Content-Length", 0))
        body = self.rfile.read(length)
        type(self).received.append(("POST", self.path, body))
        if self.path == "/hook":
            self.send(202, json.dumps({"got": json.loads(body)}).encode(), "application/json")
        else:
            self.send(302, headers=[("Location", "/hook")])


# --- a webhook receiver -------------------------------------------------------------------------
class Receiver(LocalServer):
    """Records every POST and answers ``statuses`` in turn (the last one repeats), with
    ``headers``. ``during()``, when given, runs (in the server's thread) while the caller waits
    for the answer; what it returns or raises is kept in ``seen``."""

    def __init__(self, statuses=(200,), headers=None, during=None):
        self.requests, self.statuses, self.extra_headers = [], list(statuses), headers or {}
        self.during, self.seen = during, []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                receiver.requests.append({"path": self.path, "headers": dict(self.headers),
                                          "body": body})
                if receiver.during is not None:
                    try:
                        receiver.seen.append(receiver.during())
                    except Exception as exc:  # shown by the test's assertion on ``seen``
                        receiver.seen.append(exc)
                index = min(len(receiver.requests), len(receiver.statuses)) - 1
                self.send_response(receiver.statuses[index])
                for name, value in receiver.extra_headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, *args):
                pass

        super().__init__(Handler)

    @property
    def url(self):
        return f"{self.base_url}/hook"


def verify(request, secret):
    """What a receiver does: recompute the HMAC over "<t>.<body>" and compare."""
    fields = dict(part.split("=", 1) for part in request["headers"]["X-Photodesk-Signature"]
                  .split(","))
    expected = hmac.new(secret.encode(), f"{fields['t']}.".encode() + request["body"],
                        hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, fields["v1"]) and abs(time.time() - int(fields["t"])) < 60
