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

Delivery is at least once: the row records every attempt and the time of the next one, an
attempt holds no transaction (nor any database lock) while it waits for the receiver, and a
delivery whose attempt was cut short (a worker killed mid-call) is attempted again once its
lease runs out, so a receiver may see the same ``X-Photodesk-Delivery`` twice and should
ignore the second.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import time
from datetime import timedelta

from django.conf import settings
from django.db.models import F, Q
from django.utils import timezone

from photos import outbound, queue
from photos.errors import OutboundRefused
from records.models import WebhookDelivery

logger = logging.getLogger("photodesk.webhooks")

SIGNATURE_HEADER = "X-Photodesk-Signature"
# connect, read, and the whole exchange (outbound enforces it from connect to the last byte)
TIMEOUT = outbound.Timeouts(connect=3.05, read=10.0, total=30.0)
REPLY_LIMIT = 64 * 1024  # bytes of the receiver's answer read (and ignored)
MAX_ATTEMPTS = 8
MAX_BACKOFF = 3600.0


def backoff(attempt: int) -> float:
    """Seconds before attempt ``attempt + 1``: ``WEBHOOK_RETRY_BASE_SECONDS`` * 2^(attempt-1),
    capped, with up to 10% more."""
    return queue.backoff(settings.WEBHOOK_RETRY_BASE_SECONDS, max(0, attempt - 1), MAX_BACKOFF,
                         jitter=(1.0, 1.1))


def sign(body: bytes, timestamp: int | None = None, secret: str | None = None) -> str:
    timestamp = int(time.time()) if timestamp is None else timestamp
    secret = settings.WEBHOOK_SIGNING_SECRET if secret is None else secret
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


# --- one attempt ----------------------------------------------------------------------------------
RETRY, DONE = "retry", "done"
# An attempt leases its delivery for longer than a call can last (outbound enforces the total
# deadline over the whole exchange); a worker that dies mid-call leaves a lease that runs out,
# after which the sweeper queues the delivery again.
LEASE = timedelta(seconds=2 * TIMEOUT.total + 10)
# a retry queued with a countdown may arrive a little before the time recorded in the row
EARLY = timedelta(seconds=2)


def attempt(delivery_id: int) -> str:
    """Try to deliver once. ``RETRY`` when a later attempt should follow (its time is the row's
    ``next_attempt_at``), else ``DONE``.

    No transaction is open during the call: the delivery is claimed first by one conditional
    update (a second copy of the task, or a second worker, finds it leased and sends nothing),
    the call is made, then its outcome is written in another update."""
    now = timezone.now()
    lease_end = now + LEASE
    claimed = (WebhookDelivery.objects
               .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now + EARLY),
                       pk=delivery_id, status=WebhookDelivery.Status.PENDING)
               .update(next_attempt_at=lease_end, attempts=F("attempts") + 1))
    if not claimed:
        return DONE  # delivered, given up, deleted, not due yet, or being attempted elsewhere
    delivery = WebhookDelivery.objects.select_related("rule").get(pk=delivery_id)
    return _attempt(delivery, lease_end)


def _attempt(delivery: WebhookDelivery, lease_end) -> str:
    payload = {**delivery.payload, "delivery_id": str(delivery.pk),
               "occurred_at": delivery.created_at.isoformat()}
    body = json.dumps(payload, separators=(",", ":"), sort_keys=True).encode()
    headers = {"Content-Type": "application/json", "User-Agent": "Photodesk-Webhooks/1",
               SIGNATURE_HEADER: sign(body), "X-Photodesk-Event": delivery.event,
               "X-Photodesk-Delivery": str(delivery.pk)}
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
    outcome = {"last_status_code": status_code, "last_error": error}
    if not error:
        outcome.update(status=WebhookDelivery.Status.DELIVERED, delivered_at=timezone.now(),
                       next_attempt_at=None)
    elif permanent or delivery.attempts >= MAX_ATTEMPTS:
        outcome.update(status=WebhookDelivery.Status.FAILED, next_attempt_at=None)
    else:
        outcome.update(next_attempt_at=timezone.now()
                       + timedelta(seconds=backoff(delivery.attempts)))
    # only while the lease is ours: one that ran out may have been taken by another attempt
    if not WebhookDelivery.objects.filter(pk=delivery.pk, next_attempt_at=lease_end) \
            .update(**outcome):
        logger.warning("webhook delivery %s: the attempt outlived its lease", delivery.pk)
    if error:
        logger.warning("webhook delivery %s attempt %s failed: %s", delivery.pk,
                       delivery.attempts, error)
    return RETRY if "status" not in outcome else DONE


def seconds_until_due(delivery_id: int) -> float | None:
    """Seconds until the delivery's next attempt, or None when none is due."""
    due = (WebhookDelivery.objects.filter(pk=delivery_id, status=WebhookDelivery.Status.PENDING)
           .values_list("next_attempt_at", flat=True).first())
    if due is None:
        return None
    return max(0.0, (due - timezone.now()).total_seconds())
