"""Fixtures of the tests that reach out: the local HTTP servers (``tests.support.http_server``)
and guards on where a connection may go."""

import socket

import pytest

from tests.support.http_server import FetchTarget, LocalServer, Receiver


@pytest.fixture(scope="session")
def web_server():
    """The base URL of a ``FetchTarget`` server on 127.0.0.1 (an allowed host in
    tests/settings.py), for the whole session."""
    with LocalServer(FetchTarget) as server:
        yield server.base_url


@pytest.fixture
def served():
    """The requests the ``FetchTarget`` servers received during the test."""
    FetchTarget.received = []
    return FetchTarget.received


@pytest.fixture
def make_receiver():
    """``make_receiver(statuses=(200,), headers=None, during=None)`` -> a webhook ``Receiver``,
    closed at the end of the test."""
    made = []

    def make(statuses=(200,), headers=None, during=None):
        made.append(Receiver(statuses, headers, during))
        return made[-1]

    yield make
    for receiver in made:
        receiver.close()


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
    (``None``: the name does not exist; a callable: called with the number of questions so far,
    it answers either); returns the list of the names asked, in order."""
    real, asked = socket.getaddrinfo, []

    def install(table):
        def getaddrinfo(host, port, *args, **kwargs):
            if host not in table:
                return real(host, port, *args, **kwargs)
            asked.append(host)
            answer = table[host](len(asked)) if callable(table[host]) else table[host]
            if answer is None:
                raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
            return [(socket.AF_INET6 if ":" in address else socket.AF_INET,
                     socket.SOCK_STREAM, 6, "", (address, port)) for address in answer]

        monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
        return asked

    return install
