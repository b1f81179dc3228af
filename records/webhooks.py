"""Calling a workflow rule's webhook: signed, guarded against private addresses, retried.

Signature: header ``X-Photodesk-Signature: t=<unix time>,v1=<hex>``, where ``v1`` is
HMAC-SHA256 with ``settings.WEBHOOK_SIGNING_SECRET`` over ``"<t>.<raw body>"`` (the receiver
checks it and refuses old timestamps, so a captured call cannot be replayed later). Each attempt
is signed anew.

Destination guard: the host is resolved first and every address it resolves to must be public,
unless the host is listed in ``settings.OUTBOUND_ALLOWED_HOSTS``; the connection then goes to
the address that was checked (so a second DNS answer cannot swap in a private one), redirects
are never followed (a 3xx is a failed attempt), and proxies from the environment are ignored.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import json
import logging
import os
import random
import socket
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import requests
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from requests.adapters import HTTPAdapter

from records.models import WebhookDelivery

logger = logging.getLogger("photodesk.webhooks")

SIGNATURE_HEADER = "X-Photodesk-Signature"
TIMEOUT = (3.05, 10)  # connect, read (seconds)
MAX_ATTEMPTS = 8
MAX_BACKOFF = 3600.0


class DestinationRefused(Exception):
    """The webhook URL points at a private, loopback or otherwise internal address."""


def retry_base_seconds() -> float:
    """Base of the exponential backoff: the setting, else the environment (the worker process
    reads it), else 30 s."""
    value = getattr(settings, "WEBHOOK_RETRY_BASE_SECONDS", None)
    if value is None:
        value = os.environ.get("WEBHOOK_RETRY_BASE_SECONDS", "30")
    try:
        return max(0.0, float(value))
    except (TypeError, ValueError):
        return 30.0


def backoff(attempt: int) -> float:
    """Seconds before attempt ``attempt + 1``: base * 2^(attempt-1), capped, with 10% jitter."""
    delay = min(retry_base_seconds() * 2 ** max(0, attempt - 1), MAX_BACKOFF)
    return delay * (1 + random.random() * 0.1)


def sign(body: bytes, timestamp: int | None = None, secret: str | None = None) -> str:
    timestamp = int(time.time()) if timestamp is None else timestamp
    secret = settings.WEBHOOK_SIGNING_SECRET if secret is None else secret
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


# --- destination guard ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Destination:
    scheme: str
    host: str
    port: int
    address: str  # the checked address the connection goes to


def is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 zone
    if isinstance(ip, ipaddress.IPv6Address):
        # 6to4/NAT64 forms can smuggle an IPv4 address; judge the IPv4 one
        ip = ip.ipv4_mapped or ip.sixtofour or ip
    return ip.is_global and not ip.is_multicast


def resolve(url: str) -> Destination:
    """Check ``url`` and pick the address to connect to; DestinationRefused if not allowed."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise DestinationRefused("only http and https URLs with a host are called")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise DestinationRefused("the URL's port is invalid") from exc
    host = parts.hostname
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise ConnectionError(f"cannot resolve {host}: {exc}") from exc
    addresses = [info[4][0] for info in infos]
    if not addresses:
        raise ConnectionError(f"{host} has no address")
    allowed = {h.strip().lower() for h in settings.OUTBOUND_ALLOWED_HOSTS if h.strip()}
    if host.lower() not in allowed:
        refused = [a for a in addresses if not is_public(a)]
        if refused:
            raise DestinationRefused(f"{host} resolves to a non-public address ({refused[0]})")
    return Destination(parts.scheme, host, port, addresses[0])


class _PinnedAdapter(HTTPAdapter):
    """Connects to the checked address while keeping the host name for Host, SNI and the
    certificate check."""

    def __init__(self, destination: Destination):
        self.destination = destination
        super().__init__(max_retries=0)

    def get_connection_with_tls_context(self, request, verify, proxies=None, cert=None):
        host_params, pool_kwargs = self.build_connection_pool_key_attributes(
            request, verify, cert)
        host_params = {**host_params, "host": self.destination.address}
        if host_params["scheme"] == "https":
            pool_kwargs = {**pool_kwargs, "server_hostname": self.destination.host,
                           "assert_hostname": self.destination.host}
        return self.poolmanager.connection_from_host(**host_params, pool_kwargs=pool_kwargs)


def post(url: str, body: bytes, headers: dict) -> requests.Response:
    destination = resolve(url)
    default_port = 443 if destination.scheme == "https" else 80
    host_header = destination.host if ":" not in destination.host else f"[{destination.host}]"
    if destination.port != default_port:
        host_header += f":{destination.port}"
    with requests.Session() as session:
        session.trust_env = False  # no proxy from the environment may bypass the guard
        session.mount(f"{destination.scheme}://", _PinnedAdapter(destination))
        response = session.post(url, data=body, headers={**headers, "Host": host_header},
                                timeout=TIMEOUT, allow_redirects=False, stream=True)
        response.close()  # the receiver's body is not needed: do not download it
        return response


# --- one attempt ----------------------------------------------------------------------------------
RETRY, DONE = "retry", "done"


def attempt(delivery_id: int) -> str:
    """Try to deliver once. ``RETRY`` when a later attempt should follow, else ``DONE``."""
    # The row stays locked during the call: a second run of the same task (acks_late, a lost
    # worker) skips it instead of sending it twice.
    with transaction.atomic():
        delivery = (WebhookDelivery.objects.select_for_update(skip_locked=True, of=("self",))
                    .select_related("rule").filter(pk=delivery_id).first())
        if delivery is None or delivery.status != WebhookDelivery.Status.PENDING:
            return DONE  # delivered, given up, deleted or in progress elsewhere
        return _attempt(delivery)


def _attempt(delivery: WebhookDelivery) -> str:
    payload = {**delivery.payload, "delivery_id": str(delivery.pk),
               "occurred_at": delivery.created_at.isoformat()}
    body = json.dumps(payload, separators=(",", ":"), sort_keys=True).encode()
    headers = {"Content-Type": "application/json", "User-Agent": "Photodesk-Webhooks/1",
               SIGNATURE_HEADER: sign(body), "X-Photodesk-Event": delivery.event,
               "X-Photodesk-Delivery": str(delivery.pk)}
    delivery.attempts += 1
    status_code, error, permanent = None, "", False
    try:
        response = post(delivery.rule.webhook_url, body, headers)
        status_code = response.status_code
        if not 200 <= status_code < 300:
            error = f"the receiver answered {status_code}"
    except DestinationRefused as exc:
        error, permanent = f"refused: {exc}", True
    except (requests.RequestException, ConnectionError, OSError) as exc:
        error = f"{type(exc).__name__}: {exc}"[:2000]
    delivery.last_status_code, delivery.last_error = status_code, error
    if not error:
        delivery.status, delivery.delivered_at = WebhookDelivery.Status.DELIVERED, timezone.now()
    elif permanent or delivery.attempts >= MAX_ATTEMPTS:
        delivery.status = WebhookDelivery.Status.FAILED
    delivery.save(update_fields=["attempts", "last_status_code", "last_error", "status",
                                 "delivered_at"])
    if error:
        logger.warning("webhook delivery %s attempt %s failed: %s", delivery.pk,
                       delivery.attempts, error)
    return RETRY if delivery.status == WebhookDelivery.Status.PENDING else DONE
