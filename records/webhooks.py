"""Calling a workflow rule's webhook: signed, through the outbound guard, retried.

Signature: header ``X-Photodesk-Signature: t=<unix time>,v1=<hex>``, where ``v1`` is
HMAC-SHA256 with ``settings.WEBHOOK_SIGNING_SECRET`` over ``"<t>.<raw body>"`` (the receiver
checks it and refuses old timestamps, so a captured call cannot be replayed later). Each attempt
is signed anew, and the bytes signed are the bytes sent.

The call goes through ``photos.outbound.post``, the one guard for server-side requests (every
address the host resolves to must be public unless the host is in
``settings.OUTBOUND_ALLOWED_HOSTS``, metadata addresses never; the connection is pinned to the
checked address; no proxy from the environment; bounded time and reply size). Redirects are never
followed: a 3xx, like any other non-2xx answer, is a failed attempt to retry. A refused
destination fails the delivery for good (retrying cannot change the answer); an unreachable or
slow receiver is retried. Only the first ``REPLY_LIMIT`` bytes of an answer are read: a 2xx with
a longer body is delivered (the status is the answer), not sent again.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import random
import time

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from photos import outbound
from photos.errors import OutboundRefused
from records.models import WebhookDelivery

logger = logging.getLogger("photodesk.webhooks")

SIGNATURE_HEADER = "X-Photodesk-Signature"
# connect, read; the whole exchange stays within outbound's default overall deadline
TIMEOUT = outbound.Timeouts(connect=3.05, read=10.0)
REPLY_LIMIT = 64 * 1024  # bytes of the receiver's answer read (and ignored)
MAX_ATTEMPTS = 8
MAX_BACKOFF = 3600.0


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
        reply = outbound.post(delivery.rule.webhook_url, body, headers, timeout=TIMEOUT,
                              max_response_bytes=REPLY_LIMIT)
        status_code = reply.status
        if not 200 <= status_code < 300:
            error = f"the receiver answered {status_code}"
    except OutboundRefused as exc:
        error, permanent = f"refused: {exc}"[:2000], True
    except (outbound.OutboundFailed, OSError) as exc:
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
