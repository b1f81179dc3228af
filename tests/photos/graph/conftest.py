import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.photos.factories import jpeg_bytes, png_bytes

GRAPH_ALL = ["user_photos", "friends_photos", "publish_stream"]
SERVED_PNG = png_bytes(420, 300, color=(20, 200, 40))


class _Handler(BaseHTTPRequestHandler):
    """A tiny web server for the URL fetcher: images, redirects, slow and big answers."""

    protocol_version = "HTTP/1.1"
    received: list = []

    def log_message(self, *args):  # keep the test output clean
        pass

    def _send(self, status, body=b"", content_type="application/octet-stream", headers=()):
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

    def do_GET(self):  # noqa: N802 - the http.server API
        parts = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        type(self).received.append(("GET", self.path, self.headers.get("Host")))
        if parts.path == "/photo.png":
            self._send(200, SERVED_PNG, "image/png")
        elif parts.path == "/photo.jpg":
            self._send(200, jpeg_bytes(800, 600), "image/jpeg")
        elif parts.path == "/page.jpg":  # says JPEG, is HTML
            self._send(200, b"<html><body>not an image</body></html>", "image/jpeg")
        elif parts.path == "/redirect":
            self._send(int(query.get("status", 302)), headers=[("Location", query["to"])])
        elif parts.path == "/loop":
            self._send(302, headers=[("Location", "/loop")])
        elif parts.path == "/big":
            self._send(200, b"\xff" * (2 * 1024 * 1024), "image/jpeg")
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
            self._send(200, SERVED_PNG, "image/png")
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
            self._send(404, b"not found", "text/plain")

    def do_POST(self):  # noqa: N802
        length = int(self.headers.get("Content-Length", 0))
        body = self.rfile.read(length)
        type(self).received.append(("POST", self.path, body))
        if self.path == "/hook":
            self._send(202, json.dumps({"got": json.loads(body)}).encode(), "application/json")
        else:
            self._send(302, headers=[("Location", "/hook")])


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # a handler still sleeping for a timeout test does not hold us

    def handle_error(self, request, client_address):
        pass  # clients that give up early (size and time limits) are what the tests want


@pytest.fixture(scope="session")
def web_server():
    """A real HTTP server on 127.0.0.1 (an allowed host in tests/settings.py)."""
    server = _Server(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def served():
    _Handler.received = []
    return _Handler.received


@pytest.fixture
def loopback_only(monkeypatch):
    """Fails the test if any connection to a non-loopback address is attempted: the guard must
    refuse before connecting (and tests must never send traffic elsewhere)."""
    attempts = []
    real_connect = socket.socket.connect

    def connect(sock, address):
        host = address[0] if isinstance(address, tuple) else address
        if host not in ("127.0.0.1", "::1"):
            attempts.append(address)
            raise AssertionError(f"connection attempted to {address}")
        return real_connect(sock, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    return attempts


@pytest.fixture
def fake_dns(monkeypatch):
    """``fake_dns({"name": ["10.0.0.5", ...]})``: names answered without asking any resolver
    (``None``: the name does not exist)."""
    real = socket.getaddrinfo

    def install(table):
        def getaddrinfo(host, port, *args, **kwargs):
            if host in table and table[host] is None:
                raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
            if host in table:
                return [(socket.AF_INET6 if ":" in address else socket.AF_INET,
                         socket.SOCK_STREAM, 6, "", (address, port))
                        for address in table[host]]
            return real(host, port, *args, **kwargs)

        monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)

    return install


@pytest.fixture
def token(alice, make_token):
    """Alice's token with every Graph permission."""
    return make_token(GRAPH_ALL, user=alice)


@pytest.fixture
def photo(api, token):
    """The ID of a photo Alice published."""
    from tests.photos.graph.helpers import publish

    return publish(api, token)


@pytest.fixture
def alice(make_user):
    return make_user(first_name="Alice", last_name="Liddell")


@pytest.fixture
def bob(make_user):
    return make_user(first_name="Bob", last_name="Builder")


@pytest.fixture
def carol(make_user):
    return make_user(first_name="Carol", last_name="Stranger")


@pytest.fixture
def team(make_workspace, alice, bob):
    """Alice and Bob share a workspace (friends); Carol shares none with them."""
    return make_workspace(name="Team", members=[alice, bob])
