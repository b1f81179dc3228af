"""Requests this server makes to URLs that clients give (a photo ``url``) or configure (webhooks).

One guard for every outgoing request (server-side request forgery):

- only ``http`` and ``https``, no credentials in the URL;
- the host is resolved once and EVERY address it resolves to must be public: loopback,
  private, link-local, shared (100.64/10), reserved, multicast, unspecified and cloud metadata
  addresses are refused, IPv4 addresses hidden in IPv6 ones (``::ffff:a.b.c.d``, 6to4, NAT64,
  Teredo) included; the connection then goes to one of those checked addresses (no second
  lookup that could answer differently), with the name kept for ``Host``, SNI and the
  certificate check;
- redirects are followed by hand, a few at most, each new URL checked the same way;
- a host and port listed in ``settings.OUTBOUND_ALLOWED_HOSTS`` may be on a private address (test
  servers, an intranet webhook receiver), never on a metadata address. An entry is
  ``host:port``; a bare ``host`` is that host on its scheme's default port only (80 for http,
  443 for https); ``host:*`` is any port of it; IPv6 addresses go in brackets
  (``[fd00::5]:8443``). The port is matched too: allowing a receiver's port does not open the
  host's other services to a redirect;
- bounded in time: connect and read timeouts for each step, and one deadline over the whole
  exchange (connecting, the TLS handshake, sending, the status line, headers and body, every
  redirect hop), kept by a watchdog that shuts the connection down when it passes, so a server
  that sends a byte every few seconds cannot hold the call; and in size (the body is streamed
  and abandoned past ``max_bytes``); no proxy from the environment is used, and compressed
  bodies are not inflated.

The content is never trusted: callers validate it (a photo goes through the photo engine,
which decides the type from the bytes, never from ``Content-Type``).
"""

from __future__ import annotations

import http.client
import ipaddress
import json
import socket
import threading
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import certifi
import urllib3
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.exceptions import HTTPError as Urllib3Error
from urllib3.util.ssl_match_hostname import CertificateError

from photos import errors
from photos.dialects.params import numeric_id
from photos.errors import OutboundFailed, OutboundRefused

__all__ = ["OutboundFailed", "OutboundRefused", "Destination", "Reply", "Timeouts",
           "check_url", "fetch", "post", "post_json", "forbidden_reason"]

USER_AGENT = "Photodesk/1.0 (+outbound)"
MAX_REDIRECTS = 3
REDIRECT_STATUSES = {301, 302, 303, 307, 308}
DEFAULT_PORTS = {"http": 80, "https": 443}
ANY_PORT = "*"  # in OUTBOUND_ALLOWED_HOSTS: host:*
CHUNK = 64 * 1024

# Cloud metadata services: refused even for an allowed host (AWS/GCP/Azure/OpenStack, AWS
# IPv6, ECS task metadata, Alibaba, Azure's wire server which sits on a public address).
METADATA_ADDRESSES = frozenset(ipaddress.ip_address(a) for a in (
    "169.254.169.254", "169.254.170.2", "fd00:ec2::254", "100.100.100.200", "168.63.129.16",
))
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


@dataclass(frozen=True)
class Timeouts:
    connect: float = 5.0
    read: float = 10.0
    total: float = 30.0  # the whole exchange, redirects included


DEFAULT_TIMEOUTS = Timeouts()


@dataclass(frozen=True)
class Destination:
    """A checked URL: where to connect (``addresses``, all of them checked) and what to ask."""

    url: str
    scheme: str
    host: str
    port: int
    target: str  # path and query
    addresses: tuple[str, ...]

    @property
    def host_header(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return host if self.port == DEFAULT_PORTS[self.scheme] else f"{host}:{self.port}"


@dataclass(frozen=True)
class Reply:
    url: str  # after redirects
    status: int
    headers: dict
    content: bytes
    truncated: bool = False  # the body went on past the size the caller asked to read

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")


# --- the checks ---------------------------------------------------------------------------------
def forbidden_reason(address) -> str | None:
    """Why an address may not be reached, or None when it is a public unicast address."""
    ip = ipaddress.ip_address(address)
    if ip in METADATA_ADDRESSES:
        return "a cloud metadata address"
    if ip.version == 6:
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is None and ip in _NAT64:
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is not None:
            reason = forbidden_reason(embedded)
            return f"{reason} (inside an IPv6 address)" if reason else None
    for label, flag in (("an unspecified address", ip.is_unspecified),
                        ("a loopback address", ip.is_loopback),
                        ("a link-local address", ip.is_link_local),
                        ("a multicast address", ip.is_multicast),
                        ("a private address", ip.is_private),
                        ("a reserved address", ip.is_reserved)):
        if flag:
            return label
    if not ip.is_global:  # shared address space (100.64/10) and other special ranges
        return "a non-public address"
    return None


def allowed_entry(entry: str) -> tuple[str, int | str | None]:
    """``(host, port)`` of an ``OUTBOUND_ALLOWED_HOSTS`` entry: ``port`` is a number,
    ``ANY_PORT``, or None for the scheme's default port (a bare host)."""
    text, port_text = entry.strip().lower(), None
    if text.startswith("["):  # [IPv6] or [IPv6]:port
        host, bracket, rest = text[1:].partition("]")
        if not bracket or (rest and not rest.startswith(":")):
            host = ""
        port_text = rest[1:] if rest else None
    elif text.count(":") == 1:
        host, _, port_text = text.partition(":")
    else:  # a name, an IPv4 address, or an IPv6 address without brackets (no port then)
        host = text
    if port_text is None:
        port = None
    elif port_text == ANY_PORT:
        port = ANY_PORT
    elif port_text.isascii() and port_text.isdigit() and 0 < int(port_text) < 65536:
        port = int(port_text)
    else:
        host = ""
    if not host:
        raise ImproperlyConfigured(
            f"OUTBOUND_ALLOWED_HOSTS: {entry!r} is not host, host:port or host:* "
            "(IPv6 addresses in brackets)")
    return host, port


def allowed_entries() -> list[tuple[str, int | str | None]]:
    """``settings.OUTBOUND_ALLOWED_HOSTS`` read; ``ImproperlyConfigured`` for a bad entry."""
    return [allowed_entry(entry) for entry in settings.OUTBOUND_ALLOWED_HOSTS]


def _is_allowed(scheme: str, host: str, port: int) -> bool:
    for allowed_host, allowed_port in allowed_entries():
        if allowed_port is None:
            allowed_port = DEFAULT_PORTS[scheme]
        if allowed_host == host and allowed_port in (ANY_PORT, port):
            return True
    return False


def _resolve(host: str, port: int) -> tuple[str, ...]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise errors.HostUnresolved(host) from exc
    addresses = []
    for _family, _type, _proto, _name, sockaddr in infos:
        address = sockaddr[0].split("%", 1)[0]  # drop an IPv6 zone index
        if address not in addresses:
            addresses.append(address)
    if not addresses:
        raise errors.HostUnresolved(host)
    return tuple(addresses)


def check_url(url: str) -> Destination:
    """Parse and vet ``url``: raises ``OutboundRefused`` (or ``OutboundFailed`` when the name
    does not resolve); returns where to connect. Nothing is sent."""
    if not isinstance(url, str) or not url.strip():
        raise errors.UnusableUrl("The URL is empty.")
    url = url.strip()
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise errors.UnusableUrl(f"The URL is malformed: {exc}.") from exc
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise errors.SchemeNotAllowed(scheme)
    if parts.username is not None or parts.password is not None:
        raise errors.UnusableUrl("URLs with credentials are not fetched.")
    host = (parts.hostname or "").lower()
    if not host:
        raise errors.UnusableUrl("The URL has no host.")
    port = port or DEFAULT_PORTS[scheme]
    addresses = _resolve(host, port)
    allowed = _is_allowed(scheme, host, port)
    for address in addresses:
        reason = forbidden_reason(address)
        if reason and (not allowed or ipaddress.ip_address(address) in METADATA_ADDRESSES):
            raise errors.AddressNotAllowed(reason)
    target = parts.path or "/"
    if parts.query:
        target += "?" + parts.query
    return Destination(url=url, scheme=scheme, host=host, port=port, target=target,
                       addresses=addresses)


# --- the exchange -------------------------------------------------------------------------------
def _timeouts(timeout) -> Timeouts:
    if timeout is None:
        return DEFAULT_TIMEOUTS
    if isinstance(timeout, Timeouts):
        return timeout
    seconds = float(timeout)
    return Timeouts(connect=min(DEFAULT_TIMEOUTS.connect, seconds),
                    read=min(DEFAULT_TIMEOUTS.read, seconds), total=seconds)


def _remaining(deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise _too_long()
    return left


def _too_long() -> errors.RemoteTimeout:
    return errors.RemoteTimeout("The remote server took too long.")


class _Watchdog:
    """Keeps the exchange's deadline: when it passes, the connection being used is shut down,
    whatever the client is blocked in (the TLS handshake, sending, or a read that the server
    feeds a byte at a time, each within the read timeout). The blocked call then fails or sees
    the end of the stream, and ``expired`` says why."""

    def __init__(self, deadline: float):
        self.expired = False
        self._lock = threading.Lock()
        self._socket = None
        self._timer = threading.Timer(max(0.0, deadline - time.monotonic()), self._expire)
        self._timer.daemon = True
        self._timer.start()

    def watch(self, sock: socket.socket) -> None:
        """Guard a new connection's socket. A duplicate of it is kept: TLS takes the original
        over (and detaches it), while shutting the duplicate down ends the shared connection."""
        with self._lock:
            self._forget()
            self._socket = sock.dup()
            if self.expired:
                self._shut()

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            self._shut()

    def _shut(self) -> None:
        if self._socket is not None:
            try:
                self._socket.shutdown(socket.SHUT_RDWR)
            except OSError:  # already closed by the other end
                pass

    def _forget(self) -> None:
        if self._socket is not None:
            self._socket.close()
            self._socket = None

    def stop(self) -> None:
        self._timer.cancel()
        with self._lock:
            self._forget()


class _Watched:
    """A urllib3 connection driven by this module (no pool), whose socket the watchdog guards."""

    def __init__(self, *args, watchdog: _Watchdog, **kwargs):
        super().__init__(*args, **kwargs)
        self.watchdog = watchdog

    def _new_conn(self):
        sock = super()._new_conn()
        self.watchdog.watch(sock)
        return sock


class _HTTPConnection(_Watched, HTTPConnection):
    pass


class _HTTPSConnection(_Watched, HTTPSConnection):
    pass


# what a connection may raise once it is under way: urllib3's errors, http.client's (a status
# line cut short), socket and TLS errors, a certificate for another name
_EXCHANGE_ERRORS = (Urllib3Error, http.client.HTTPException, OSError, CertificateError)


def _connect(dest: Destination, address: str, timeouts: Timeouts, deadline: float,
             watchdog: _Watchdog):
    connect_timeout = min(timeouts.connect, _remaining(deadline))
    if dest.scheme == "https":
        connection = _HTTPSConnection(
            address, dest.port, timeout=connect_timeout, watchdog=watchdog,
            cert_reqs="CERT_REQUIRED", ca_certs=certifi.where(),
            server_hostname=dest.host, assert_hostname=dest.host)
    else:
        connection = _HTTPConnection(address, dest.port, timeout=connect_timeout,
                                     watchdog=watchdog)
    try:
        connection.connect()
    except BaseException:
        connection.close()
        raise
    return connection


def _open(dest: Destination, method: str, body: bytes | None, headers: dict, timeouts: Timeouts,
          deadline: float, watchdog: _Watchdog):
    """Send the request to the first checked address that accepts a connection; the response
    (headers read, body not) and its connection, which the caller closes."""
    # case-insensitive merge: a caller's "user-agent" replaces ours instead of doubling it, and
    # Host is always the checked destination's
    merged = urllib3.HTTPHeaderDict({"User-Agent": USER_AGENT, "Accept-Encoding": "identity"})
    for name, value in headers.items():
        merged[name] = value
    merged["Host"] = dest.host_header
    headers = merged
    last_error = None
    for address in dest.addresses:
        try:
            connection = _connect(dest, address, timeouts, deadline, watchdog)
        except urllib3.exceptions.ConnectTimeoutError as exc:  # refused too: try the next one
            last_error = exc
            continue
        except _EXCHANGE_ERRORS as exc:  # TLS: an unknown authority, another name's certificate
            if watchdog.expired:
                raise _too_long() from exc
            raise errors.NetworkFailure(f"The request to {dest.host} failed.") from exc
        try:
            # every later step waits at most the read timeout, and never past the deadline
            connection.timeout = min(timeouts.read, _remaining(deadline))
            connection.request(method, dest.target, body=body, headers=headers,
                               preload_content=False, decode_content=False)
            return connection.getresponse(), connection
        except BaseException as exc:
            connection.close()
            if watchdog.expired or isinstance(exc, (TimeoutError,
                                                    urllib3.exceptions.TimeoutError)):
                raise _too_long() from exc  # no answer to the request in time
            if isinstance(exc, _EXCHANGE_ERRORS):
                raise errors.NetworkFailure(f"The request to {dest.host} failed.") from exc
            raise
    if watchdog.expired:
        raise _too_long() from last_error
    timed_out = (isinstance(last_error, urllib3.exceptions.ConnectTimeoutError)
                 and not isinstance(last_error, urllib3.exceptions.NewConnectionError))
    if timed_out:
        raise errors.RemoteTimeout(f"{dest.host} did not answer in time.") from last_error
    raise errors.NetworkFailure(f"{dest.host} cannot be reached.") from last_error


def _read(response, max_bytes: int, deadline: float, cut: bool,
          watchdog: _Watchdog) -> tuple[bytes, bool]:
    """The body, and whether it was longer than ``max_bytes``. Past ``max_bytes`` it is
    ``FileTooLarge``, or with ``cut`` the first ``max_bytes`` (the rest is never read)."""
    declared = numeric_id(response.headers.get("Content-Length", ""))  # "²" is no length
    if not cut and declared is not None and declared > max_bytes:
        raise errors.FileTooLarge(
            f"The file is {declared / 1048576:.1f} MB; the limit is "
            f"{max_bytes / 1048576:.1f} MB.", size=declared, limit=max_bytes)
    chunks, size = [], 0
    try:
        while True:
            _remaining(deadline)
            chunk = response.read1(CHUNK, decode_content=False)
            if not chunk:
                break
            size += len(chunk)
            if size > max_bytes and cut:
                chunks.append(chunk[:len(chunk) - (size - max_bytes)])
                return b"".join(chunks), True
            if size > max_bytes:
                raise errors.FileTooLarge(
                    f"The file exceeds the limit of {max_bytes / 1048576:.1f} MB.",
                    limit=max_bytes)
            chunks.append(chunk)
    except _EXCHANGE_ERRORS as exc:
        if watchdog.expired or isinstance(exc, urllib3.exceptions.ReadTimeoutError):
            raise _too_long() from exc
        raise errors.NetworkFailure("The remote server broke the connection.") from exc
    if watchdog.expired:  # the watchdog's shutdown looks like the end of a close-framed body
        raise _too_long()
    return b"".join(chunks), False


def _exchange(url: str, method: str, body: bytes | None, headers: dict, timeouts: Timeouts,
              max_bytes: int, follow_redirects: bool, cut: bool = False) -> Reply:
    deadline = time.monotonic() + timeouts.total
    watchdog = _Watchdog(deadline)
    try:
        for _ in range(MAX_REDIRECTS + 1):
            dest = check_url(url)
            response, connection = _open(dest, method, body, headers, timeouts, deadline,
                                         watchdog)
            try:
                location = response.headers.get("Location")
                if follow_redirects and response.status in REDIRECT_STATUSES and location:
                    url = urljoin(dest.url, location)
                    if response.status == 303:
                        method, body = "GET", None
                    continue
                content, truncated = _read(response, max_bytes, deadline, cut, watchdog)
                headers_out = {key.lower(): value for key, value in response.headers.items()}
                return Reply(url=dest.url, status=response.status, headers=headers_out,
                             content=content, truncated=truncated)
            finally:
                response.close()
                connection.close()
        raise errors.TooManyRedirects(MAX_REDIRECTS)
    finally:
        watchdog.stop()


# --- the API ------------------------------------------------------------------------------------
def fetch(url: str, max_bytes: int, timeout=None) -> Reply:
    """GET ``url`` through the guard, following a few redirects; the body is at most
    ``max_bytes`` (``FileTooLarge`` past it). A status other than 2xx is ``OutboundFailed``."""
    reply = _exchange(url, "GET", None, {"Accept": "*/*"}, _timeouts(timeout), max_bytes,
                      follow_redirects=True)
    if not 200 <= reply.status < 300:
        raise errors.ErrorStatus(reply.status)
    return reply


def post(url: str, data: bytes, headers: dict | None = None, timeout=None,
         max_response_bytes: int = 64 * 1024) -> Reply:
    """POST the bytes ``data`` as they are through the guard and return the reply, whatever its
    status.

    Redirects are not followed (a webhook answering 3xx is reported as such). The reply's body is
    cut at ``max_response_bytes`` (``Reply.truncated`` then says so): the status is the answer,
    and a long body must not turn a delivered request into a failed one. Without a
    ``Content-Type`` in ``headers`` the body is sent as ``application/octet-stream``."""
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError("post() sends bytes; use post_json() for a JSON-serialisable body")
    all_headers = urllib3.HTTPHeaderDict({"Content-Type": "application/octet-stream"})
    for name, value in (headers or {}).items():
        # the framing is the body's own: a caller's length or encoding could only contradict it
        if name.lower() not in ("content-length", "transfer-encoding"):
            all_headers[name] = value
    return _exchange(url, "POST", bytes(data), all_headers, _timeouts(timeout),
                     max_response_bytes, follow_redirects=False, cut=True)


def post_json(url: str, body, headers: dict | None = None, timeout=None,
              max_response_bytes: int = 64 * 1024) -> Reply:
    """POST ``body`` serialised as compact JSON (``application/json``); see ``post``."""
    data = json.dumps(body, separators=(",", ":")).encode("utf-8")
    all_headers = urllib3.HTTPHeaderDict({"Content-Type": "application/json"})
    all_headers.update(headers or {})
    return post(url, data, all_headers, timeout, max_response_bytes)
