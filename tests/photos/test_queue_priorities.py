"""A new upload's render does not wait for a webhook receiver that hangs nor for a bulk re-render:
renders, bulk renders and webhooks travel on queues of their own (config/queues.py), read by the
workers docs/operations.md describes, real processes over Redis."""

import threading
import time
from io import StringIO

import pytest
from django.core.management import call_command

from config import queues
from config.celery import app
from photos import services
from photos.models import Photo, new_public_id
from records.models import WebhookDelivery, WorkflowRule
from tests.support.images import jpeg_bytes, png_bytes
from tests.support.waiting import wait_until
from tests.support.zoho import SUCCESS, photo_url, ready_photo, upload

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]

BULK = 1000


def waiting_in(queue_name: str) -> int:
    """Messages waiting in a queue on the Redis broker (a list named after it)."""
    with app.connection_for_read() as conn:
        return conn.default_channel.client.llen(queue_name)


def pending_photos(owner, count):
    """``count`` photos waiting for their renditions (rows sharing one small original)."""
    first = services.create_photo(jpeg_bytes(96, 64), owner=owner, run_triggers=False)
    first.refresh_from_db()
    clones = []
    for _ in range(count - 1):
        clone = Photo.objects.get(pk=first.pk)
        clone.pk, clone.public_id, clone.status = None, new_public_id(), Photo.Status.PENDING
        clones.append(clone)
    Photo.objects.bulk_create(clones)
    Photo.objects.filter(owner=owner).update(status=Photo.Status.PENDING)


def test_a_new_upload_renders_ahead_of_a_hanging_webhook_and_a_bulk_rerender(
        dedicated_workers, api, org, make_receiver):
    release = threading.Event()
    receiver = make_receiver(during=lambda: release.wait(120))  # answers only when released
    WorkflowRule.objects.create(module=org.module("Leads"), name="photo changed",
                                webhook_url=receiver.url)
    token = org.token("ZohoCRM.modules.ALL")
    try:
        # 1. an upload whose workflow webhook hangs in the webhook worker
        first = org.record()
        assert upload(api, photo_url(first), token, png_bytes(120, 80)).json() == SUCCESS
        ready_photo(first)
        wait_until(lambda: receiver.requests, what="the webhook call")
        # 2. a bulk re-render of 1,000 photos, queued before the next upload
        pending_photos(org.other_member, BULK)
        out = StringIO()
        call_command("rerender_photos", "--no-progress", "--owner",
                     org.other_member.username, stdout=out, stderr=StringIO())
        assert f"{BULK} queued" in out.getvalue()
        wait_until(lambda: waiting_in(queues.name(queues.BULK)) < BULK,
                   what="the render worker to start on the bulk run")
        # 3. the next user's upload
        second = org.record()
        started = time.monotonic()
        assert upload(api, photo_url(second), token, png_bytes(160, 120)).json() == SUCCESS
        photo = ready_photo(second, timeout=60)  # generous: the figure printed is what counts
        took = time.monotonic() - started
        behind = waiting_in(queues.name(queues.BULK))
        bulk_done = Photo.objects.filter(owner=org.other_member,
                                         status=Photo.Status.READY).count()
        print(f"\nnew upload ready {took:.2f}s after its request, while {behind} of {BULK} bulk "
              f"renders waited ({bulk_done} done) and a webhook call hung")
        assert photo.status == Photo.Status.READY
        # it went ahead of the bulk run, not after it, and the webhook never answered meanwhile
        assert behind > BULK // 2 and bulk_done < BULK // 2
        assert len(receiver.requests) == 1 and not release.is_set()
        assert WebhookDelivery.objects.filter(status="pending").count() == 2
    finally:
        release.set()
