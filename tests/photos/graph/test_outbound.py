"""The one guard for server-side requests (photo URLs here, webhooks elsewhere), against a real
local HTTP server. Refused addresses are refused before any connection: ``loopback_only`` fails
a test that tries one, and no test sends traffic beyond this machine."""

import socket
import threading
import time

import pytest
from django.core.exceptions import ImproperlyConfigured

from photos import errors, outbound
from tests.support.http_server import SERVED_PNG, FetchTarget, LocalServer
from tests.support.images import open_image

pytestmark = pytest.mark.usefixtures("loopback_only")


@pytest.fixture
def nothing_allowed(settings):
    settings.OUTBOUND_ALLOWED_HOSTS = []


def test_an_allowed_local_server_serves_the_image(web_server, served):
    reply = outbound.fetch(f"{web_server}/photo.png", max_bytes=1024 * 1024)
    assert reply.status == 200
    assert reply.content == SERVED_PNG
    assert open_image(reply.content).size == (420, 300)
    # asked by name (Host header) though connected to the checked address
    assert served[-1][2] == web_server.removeprefix("http://")


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://127.0.0.1/x", "gopher://x/",
                                 "javascript:alert(1)", "//127.0.0.1/x", "http:///nohost",
                                 "http://user:pw@127.0.0.1/x", "", "http://[::1"])
def test_other_schemes_and_malformed_urls_are_refused(url):
    with pytest.raises(errors.OutboundRefused):
        outbound.fetch(url, max_bytes=1000)


@pytest.mark.usefixtures("nothing_allowed")
@pytest.mark.parametrize("host", [
    "127.0.0.1", "127.1.2.3", "10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.169.254",
    "100.64.0.1", "0.0.0.0", "224.0.0.1",  # noqa: S104 - addresses to refuse, not to bind
    "255.255.255.255", "[::1]", "[::]",
    "[::ffff:127.0.0.1]", "[::ffff:10.0.0.1]", "[::ffff:169.254.169.254]", "[fe80::1]",
    "[fc00::1]", "[fd00:ec2::254]", "[64:ff9b::a9fe:a9fe]", "[2002:7f00:1::1]", "[ff02::1]",
    "2130706433", "0x7f000001",
])
def test_private_and_special_addresses_are_refused_before_connecting(host):
    with pytest.raises(errors.OutboundRefused):
        outbound.fetch(f"http://{host}:8080/latest/meta-data/", max_bytes=1000)


def test_loopback_is_refused_when_not_allowed(web_server, nothing_allowed, served):
    with pytest.raises(errors.OutboundRefused, match="loopback"):
        outbound.fetch(f"{web_server}/photo.png", max_bytes=1024 * 1024)
    assert served == []


def test_a_name_that_resolves_to_loopback_is_refused(web_server, nothing_allowed, served):
    port = web_server.rsplit(":", 1)[1]
    with pytest.raises(errors.OutboundRefused):
        outbound.fetch(f"http://localhost:{port}/photo.png", max_bytes=1024 * 1024)
    assert served == []


def test_every_address_of_a_name_is_checked(fake_dns):
    # one public address is not enough when another one is private
    fake_dns({"mixed.example": ["93.184.216.34", "10.1.2.3"],
              "internal.example": ["192.168.0.10"]})
    for name in ("mixed.example", "internal.example"):
        with pytest.raises(errors.OutboundRefused, match="private"):
            outbound.check_url(f"https://{name}/photo.jpg")


def test_a_public_name_passes_the_check_without_any_request(fake_dns):
    fake_dns({"photos.example": ["93.184.216.34"]})
    destination = outbound.check_url("https://photos.example/a.jpg?size=big")
    assert destination.addresses == ("93.184.216.34",)
    assert destination.target == "/a.jpg?size=big" and destination.port == 443


def test_metadata_addresses_are_refused_even_for_an_allowed_host(settings, fake_dns):
    settings.OUTBOUND_ALLOWED_HOSTS = ["metadata.internal", "169.254.169.254"]
    fake_dns({"metadata.internal": ["169.254.169.254"]})
    for url in ("http://metadata.internal/", "http://169.254.169.254/latest/"):
        with pytest.raises(errors.OutboundRefused, match="metadata"):
            outbound.fetch(url, max_bytes=1000)


def test_an_unknown_name_fails_cleanly(fake_dns):
    fake_dns({"no-such-host.invalid": None})
    with pytest.raises(outbound.OutboundFailed, match="cannot be resolved"):
        outbound.fetch("http://no-such-host.invalid/x.jpg", max_bytes=1000)


def test_a_redirect_to_an_allowed_place_is_followed(web_server):
    reply = outbound.fetch(f"{web_server}/redirect?to=/photo.png", max_bytes=1024 * 1024)
    assert reply.content == SERVED_PNG
    assert reply.url.endswith("/photo.png")


@pytest.mark.parametrize("target", [
    "http://10.0.0.1/photo.png", "http://169.254.169.254/latest/meta-data/",
    "http://[::ffff:127.0.0.1]:{port}/photo.png", "http://localhost:{port}/photo.png",
    "file:///etc/passwd", "http://192.168.1.1/",
])
@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_a_redirect_to_a_refused_place_is_refused(web_server, settings, served, target,
                                                  status):
    port = web_server.rsplit(":", 1)[1]
    settings.OUTBOUND_ALLOWED_HOSTS = [f"127.0.0.1:{port}"]  # the first server only
    url = f"{web_server}/redirect?status={status}&to={target.format(port=port)}"
    with pytest.raises(errors.OutboundRefused):
        outbound.fetch(url, max_bytes=1024 * 1024)
    assert [path for _, path, _ in served if "photo.png" in path
            and not path.startswith("/redirect")] == []


def test_a_redirect_to_loopback_by_address_is_refused(web_server, settings, served):
    port = web_server.rsplit(":", 1)[1]
    settings.OUTBOUND_ALLOWED_HOSTS = [f"localhost:{port}"]
    url = f"http://localhost:{port}/redirect?to=http://127.0.0.1:{port}/photo.png"
    with pytest.raises(errors.OutboundRefused, match="loopback"):
        outbound.fetch(url, max_bytes=1024 * 1024)
    assert [path for _, path, _ in served] == [f"/redirect?to=http://127.0.0.1:{port}/photo.png"]


# --- an allowed host is allowed on its port, not on every port ------------------------------
@pytest.fixture
def other_web_server():
    """A second server of the same kind on 127.0.0.1, on another port."""
    with LocalServer(FetchTarget) as server:
        yield server.base_url


def test_an_allowed_host_is_allowed_on_its_port_only(web_server, other_web_server, settings,
                                                     served):
    port = web_server.rsplit(":", 1)[1]
    settings.OUTBOUND_ALLOWED_HOSTS = [f"127.0.0.1:{port}"]
    assert outbound.fetch(f"{web_server}/photo.png", max_bytes=1024 * 1024).content == SERVED_PNG
    with pytest.raises(errors.OutboundRefused, match="loopback"):
        outbound.fetch(f"{other_web_server}/photo.png", max_bytes=1024 * 1024)
    assert [host for _, _, host in served] == [f"127.0.0.1:{port}"]


@pytest.mark.parametrize("status", [302, 307])
def test_a_redirect_to_another_port_of_an_allowed_host_is_refused(
        web_server, other_web_server, settings, served, status):
    port = web_server.rsplit(":", 1)[1]
    settings.OUTBOUND_ALLOWED_HOSTS = [f"127.0.0.1:{port}"]
    url = f"{web_server}/redirect?status={status}&to={other_web_server}/photo.png"
    with pytest.raises(errors.OutboundRefused, match="loopback"):
        outbound.fetch(url, max_bytes=1024 * 1024)
    # the allowed server was asked; the other port of the same host never was
    assert [(path.split("?")[0], host) for _, path, host in served] == [
        ("/redirect", f"127.0.0.1:{port}")]


def test_a_bare_host_is_allowed_on_its_schemes_default_port_only(settings, fake_dns):
    settings.OUTBOUND_ALLOWED_HOSTS = ["intranet.example", "[fd00::5]"]
    fake_dns({"intranet.example": ["10.0.0.5"]})
    for url in ("http://intranet.example/hook", "http://intranet.example:80/hook",
                "https://intranet.example/hook", "https://[fd00::5]/hook"):
        assert outbound.check_url(url).addresses
    for url in ("http://intranet.example:8080/hook", "http://intranet.example:443/hook",
                "https://intranet.example:80/hook", "http://[fd00::5]:8443/hook"):
        with pytest.raises(errors.OutboundRefused, match="private"):
            outbound.check_url(url)


def test_a_port_or_any_port_can_be_allowed(settings, fake_dns):
    settings.OUTBOUND_ALLOWED_HOSTS = ["intranet.example:8443", "[FD00::5]:*",
                                       "hooks.example:*"]
    fake_dns({"intranet.example": ["10.0.0.5"], "hooks.example": ["192.168.0.7"]})
    for url in ("https://intranet.example:8443/", "http://[fd00::5]:1/", "http://[fd00::5]/",
                "https://hooks.example:9999/", "http://hooks.example/"):
        assert outbound.check_url(url).addresses
    for url in ("https://intranet.example/", "http://intranet.example:8444/"):
        with pytest.raises(errors.OutboundRefused):
            outbound.check_url(url)


@pytest.mark.parametrize("entry", ["host:", "host:port", "host:0", "host:65536", ":8080",
                                   "[fd00::5", "[fd00::5]8080", "host:８０"])
def test_a_malformed_allowed_host_names_the_setting(settings, entry):
    settings.OUTBOUND_ALLOWED_HOSTS = [entry]
    with pytest.raises(ImproperlyConfigured, match="OUTBOUND_ALLOWED_HOSTS"):
        outbound.check_url("http://127.0.0.1/x")


def test_too_many_redirects_fail(web_server):
    with pytest.raises(outbound.OutboundFailed, match="redirects"):
        outbound.fetch(f"{web_server}/loop", max_bytes=1000)


def test_a_body_announced_past_the_limit_is_refused(web_server):
    with pytest.raises(errors.FileTooLarge):
        outbound.fetch(f"{web_server}/big", max_bytes=1024 * 1024)


def test_a_streamed_body_is_abandoned_past_the_limit(web_server):
    with pytest.raises(errors.FileTooLarge):
        outbound.fetch(f"{web_server}/chunked", max_bytes=256 * 1024)


def test_a_server_that_does_not_answer_in_time_fails(web_server):
    timeouts = outbound.Timeouts(connect=1, read=0.3, total=1)
    with pytest.raises(outbound.OutboundFailed, match="too long"):
        outbound.fetch(f"{web_server}/slow?seconds=2", max_bytes=1000, timeout=timeouts)


def test_a_server_that_dribbles_is_cut_at_the_deadline(web_server):
    # each byte comes well within the read timeout: only the overall deadline stops it
    timeouts = outbound.Timeouts(connect=1, read=1, total=0.5)
    with pytest.raises(outbound.OutboundFailed, match="too long"):
        outbound.fetch(f"{web_server}/dribble", max_bytes=10_000, timeout=timeouts)


def test_an_error_status_fails(web_server):
    with pytest.raises(outbound.OutboundFailed, match="404"):
        outbound.fetch(f"{web_server}/missing.png", max_bytes=1000)


@pytest.mark.usefixtures("nothing_allowed")
@pytest.mark.parametrize(("url", "kind", "fields"), [
    ("ftp://127.0.0.1/x", errors.SchemeNotAllowed, {"scheme": "ftp"}),
    ("http://user:pw@127.0.0.1/x", errors.UnusableUrl, {}),
    ("http://127.0.0.1:8080/x", errors.AddressNotAllowed, {"what": "a loopback address"}),
    ("http://no-such-host.invalid/x", errors.HostUnresolved, {"host": "no-such-host.invalid"}),
])
def test_a_refused_url_says_which_rule_refused_it(fake_dns, url, kind, fields):
    fake_dns({"no-such-host.invalid": None})
    with pytest.raises(kind) as refused:
        outbound.check_url(url)
    assert {name: getattr(refused.value, name) for name in fields} == fields


def test_a_failed_fetch_names_the_status_or_the_redirect_limit(web_server):
    with pytest.raises(errors.ErrorStatus) as failed:
        outbound.fetch(f"{web_server}/missing.png", max_bytes=1000)
    assert failed.value.status == 404
    with pytest.raises(errors.TooManyRedirects) as failed:
        outbound.fetch(f"{web_server}/loop", max_bytes=1000)
    assert failed.value.limit == outbound.MAX_REDIRECTS


def test_post_json_sends_the_body_and_returns_the_reply(web_server, served):
    reply = outbound.post_json(f"{web_server}/hook", {"event": "photo.ready", "n": 1},
                               headers={"X-Signature": "abc"})
    assert reply.status == 202
    assert reply.content == b'{"got": {"event": "photo.ready", "n": 1}}'
    assert served[-1] == ("POST", "/hook", b'{"event":"photo.ready","n":1}')


def test_a_post_reply_past_the_limit_is_cut_not_refused(web_server):
    # a receiver's long answer still tells whether it took the request: the status
    reply = outbound.post_json(f"{web_server}/hook", {"event": "x" * 100}, max_response_bytes=20)
    assert reply.status == 202
    assert reply.content == b'{"got": {"event": "x'
    assert reply.truncated
    whole = outbound.post_json(f"{web_server}/hook", {"e": 1})
    assert not whole.truncated and whole.content == b'{"got": {"e": 1}}'


def test_post_json_does_not_follow_redirects(web_server, served):
    reply = outbound.post_json(f"{web_server}/elsewhere", {"a": 1})
    assert reply.status == 302
    assert [entry[1] for entry in served] == ["/elsewhere"]


@pytest.mark.parametrize("url", ["http://10.0.0.1/hook", "http://169.254.169.254/",
                                 "gopher://127.0.0.1/"])
def test_post_json_is_guarded_too(url):
    with pytest.raises(errors.OutboundRefused):
        outbound.post_json(url, {"a": 1})


# --- the deadline holds over the whole exchange, not only between body chunks -----------------
@pytest.fixture
def dribbling_server():
    """``dribbling_server(head)``: a raw socket server that reads the request, then sends the
    bytes of ``head`` (status line and headers) one every 0.2 s: each byte comes well within the
    read timeout, so only the overall deadline can stop the client. Answers the URL."""
    listeners = []

    def start(head: bytes, scheme="http"):
        listener = socket.socket()
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        listeners.append(listener)

        def serve():
            try:
                connection, _ = listener.accept()
            except OSError:  # closed by the fixture
                return
            with connection:
                connection.recv(65536)  # the request, or a TLS ClientHello
                try:
                    for byte in head:
                        connection.sendall(bytes([byte]))
                        time.sleep(0.2)
                except OSError:  # the client gave up: what the tests want
                    pass

        threading.Thread(target=serve, daemon=True).start()
        return f"{scheme}://127.0.0.1:{listener.getsockname()[1]}/photo.png"

    yield start
    for listener in listeners:
        listener.close()


@pytest.mark.parametrize(("scheme", "head"), [
    ("http", b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: 0\r\n\r\n"),
    ("http", b"HTTP/1.1 200 OK" + b" " * 30 + b"\r\nContent-Length: 0\r\n\r\n"),
    # a TLS record header announcing a 16,000-byte handshake message, then its bytes slowly
    ("https", b"\x16\x03\x03\x3e\x80" + b"\x00" * 50),
], ids=["headers", "status-line", "tls-handshake"])
def test_a_server_that_dribbles_its_head_is_cut_at_the_deadline(dribbling_server, scheme, head):
    url = dribbling_server(head, scheme)  # ~10 s of dribble; the deadline is 1 s
    started = time.monotonic()
    with pytest.raises(outbound.OutboundFailed, match="too long") as failure:
        outbound.fetch(url, max_bytes=1000, timeout=outbound.Timeouts(connect=1, read=1,
                                                                        total=1))
    assert isinstance(failure.value, errors.RemoteTimeout)
    assert time.monotonic() - started < 2.5


def test_a_webhook_receiver_that_dribbles_its_head_is_cut_at_the_deadline(dribbling_server):
    url = dribbling_server(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
    started = time.monotonic()
    with pytest.raises(outbound.OutboundFailed, match="too long") as failure:
        outbound.post(url, b"{}", timeout=outbound.Timeouts(connect=1, read=1, total=1))
    assert isinstance(failure.value, errors.RemoteTimeout)
    assert time.monotonic() - started < 2.5
