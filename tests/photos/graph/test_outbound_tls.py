"""HTTPS through the guard: the connection goes to the checked address while TLS verifies the
certificate against the URL's name (SNI and hostname check), with a real local TLS server."""

import datetime

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from photos import outbound
from tests.support.http_server import SERVED_PNG, FetchTarget, LocalServer

pytestmark = pytest.mark.usefixtures("loopback_only")


def _name(common_name):
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _certificate(subject, issuer, public_key, signing_key, *, ca, dns=None):
    now = datetime.datetime.now(datetime.UTC)
    builder = (x509.CertificateBuilder().subject_name(_name(subject)).issuer_name(_name(issuer))
               .public_key(public_key).serial_number(x509.random_serial_number())
               .not_valid_before(now - datetime.timedelta(minutes=5))
               .not_valid_after(now + datetime.timedelta(hours=1))
               .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True))
    if dns:
        builder = builder.add_extension(x509.SubjectAlternativeName([x509.DNSName(dns)]),
                                        critical=False)
    return builder.sign(signing_key, hashes.SHA256())


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    """A test CA and two server certificates it signed: for localhost, and for another name."""
    folder = tmp_path_factory.mktemp("pki")
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = _certificate("Test CA", "Test CA", ca_key.public_key(), ca_key, ca=True)
    (folder / "ca.pem").write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    for label, dns in (("localhost", "localhost"), ("other", "other.example")):
        key = ec.generate_private_key(ec.SECP256R1())
        cert = _certificate(dns, "Test CA", key.public_key(), ca_key, ca=False, dns=dns)
        (folder / f"{label}.pem").write_bytes(
            cert.public_bytes(serialization.Encoding.PEM)
            + key.private_bytes(serialization.Encoding.PEM,
                                serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption()))
    return folder


@pytest.fixture
def serve_tls():
    servers = []

    def start(certificate_file):
        servers.append(LocalServer(FetchTarget, certificate=certificate_file))
        return servers[-1].port

    yield start
    for server in servers:
        server.close()


@pytest.fixture
def trust(monkeypatch, pki):
    monkeypatch.setattr(outbound.certifi, "where", lambda: str(pki / "ca.pem"))


def test_https_is_verified_against_the_urls_name(pki, serve_tls, trust, served):
    port = serve_tls(pki / "localhost.pem")
    reply = outbound.fetch(f"https://localhost:{port}/photo.png", max_bytes=1024 * 1024)
    assert reply.content == SERVED_PNG
    assert served[-1][2] == f"localhost:{port}"


def test_a_certificate_for_another_name_is_refused(pki, serve_tls, trust):
    port = serve_tls(pki / "other.pem")
    with pytest.raises(outbound.OutboundFailed):
        outbound.fetch(f"https://localhost:{port}/photo.png", max_bytes=1024 * 1024)


def test_a_certificate_from_an_unknown_authority_is_refused(pki, serve_tls):
    port = serve_tls(pki / "localhost.pem")
    with pytest.raises(outbound.OutboundFailed):
        outbound.fetch(f"https://localhost:{port}/photo.png", max_bytes=1024 * 1024)
