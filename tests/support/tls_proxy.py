"""HTTPS in front of a plain-HTTP test server: a local certificate authority, a certificate
for ``localhost`` it signed, and a proxy on 127.0.0.1 that ends TLS and passes the bytes on to
the server's port (for clients that only speak HTTPS, such as simple-salesforce)."""

import datetime
import ipaddress
import select
import socket
import ssl
import threading
from pathlib import Path


def make_pki(folder: Path) -> tuple[Path, Path]:
    """``(ca.pem, localhost.pem)``: the authority to trust, and the server's key and chain."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    def name(text):
        return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, text)])

    now = datetime.datetime.now(datetime.UTC)

    def certificate(subject, public_key, signing_key, *, ca):
        builder = (x509.CertificateBuilder().subject_name(name(subject))
                   .issuer_name(name("Photodesk test CA")).public_key(public_key)
                   .serial_number(x509.random_serial_number())
                   .not_valid_before(now - datetime.timedelta(minutes=5))
                   .not_valid_after(now + datetime.timedelta(days=1))
                   .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True))
        if not ca:
            builder = builder.add_extension(x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                critical=False)
        return builder.sign(signing_key, hashes.SHA256())

    ca_key, key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    ca = certificate("Photodesk test CA", ca_key.public_key(), ca_key, ca=True)
    leaf = certificate("localhost", key.public_key(), ca_key, ca=False)
    pem = serialization.Encoding.PEM
    ca_file, server_file = folder / "ca.pem", folder / "localhost.pem"
    ca_file.write_bytes(ca.public_bytes(pem))
    server_file.write_bytes(
        key.private_bytes(pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
        + leaf.public_bytes(pem) + ca.public_bytes(pem))
    return ca_file, server_file


class TlsProxy:
    """Listens on 127.0.0.1 (``port``) with ``certificate``; each connection's bytes go to and
    from ``target_port``, until either side closes or is idle for ``idle`` seconds."""

    def __init__(self, target_port: int, certificate: Path, idle: float = 60.0):
        self.target_port, self.idle = target_port, idle
        self.context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.context.load_cert_chain(certificate)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return  # closed
            threading.Thread(target=self._relay, args=(client,), daemon=True).start()

    def _relay(self, client):
        try:
            secure = self.context.wrap_socket(client, server_side=True)
        except (ssl.SSLError, OSError):
            client.close()
            return
        upstream = socket.create_connection(("127.0.0.1", self.target_port))
        try:
            while True:
                ready = [secure] if secure.pending() else select.select(
                    [secure, upstream], [], [], self.idle)[0]
                if not ready:
                    return
                for source in ready:
                    data = source.recv(65536)
                    if not data:
                        return
                    (upstream if source is secure else secure).sendall(data)
        except (ssl.SSLError, OSError):
            return
        finally:
            upstream.close()
            secure.close()

    def close(self):
        self.listener.close()
