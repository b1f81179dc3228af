"""Through the real Celery worker: the photo's bytes come back, a new photo replaces the old
without a gap, deletion, and workflow webhooks received by a real local HTTP server."""

import json

import pytest
from django.core.files.storage import default_storage

from photos import services
from photos.models import Photo
from records.models import WebhookDelivery, WorkflowRule
from tests.support.images import image_bytes, jpeg_bytes, open_image, png_bytes
from tests.support.waiting import wait_until
from tests.support.zoho import SUCCESS, auth, error, photo_url, ready_photo, upload

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]

ALL = "ZohoCRM.modules.ALL"


def original_bytes(photo):
    with default_storage.open(photo.rendition("original").storage_key, "rb") as handle:
        return handle.read()


def test_download_serves_the_ready_original_with_its_content_type(celery_worker, api, org):
    record = org.record("Contacts", "bigin")
    token = org.token("ZohoBigin.modules.contacts.ALL")
    assert api.get(photo_url(record, "bigin"), **auth(token)).status_code == 204  # no photo
    assert upload(api, photo_url(record, "bigin"), token, jpeg_bytes(160, 90)).json() == SUCCESS
    photo = ready_photo(record)
    response = api.get(photo_url(record, "bigin"), **auth(token))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    body = b"".join(response.streaming_content)
    assert body == original_bytes(photo)
    assert open_image(body).size == (160, 90)


def test_a_new_photo_replaces_the_old_one_and_downloads_never_find_none(celery_worker, api, org):
    record = org.record()
    token = org.token(ALL)
    upload(api, photo_url(record), token, png_bytes(120, 80))
    first = ready_photo(record)
    first_bytes = original_bytes(first)
    first_keys = [first.original] + [r.storage_key for r in first.renditions.all()]

    upload(api, photo_url(record), token, image_bytes(60, 40, 3, "GIF", mode="P"))
    seen = []

    def replaced():
        response = api.get(photo_url(record), **auth(token))
        assert response.status_code == 200  # never a moment without a photo
        seen.append(open_image(b"".join(response.streaming_content)).size)
        return seen[-1] == (60, 40)

    wait_until(replaced, what="the new photo served")
    second = ready_photo(record)  # and the old one deleted
    assert second.pk != first.pk and second.mime_type == "image/gif"
    assert not Photo.objects.filter(pk=first.pk).exists()
    assert original_bytes(second) != first_bytes
    assert set(seen) <= {(120, 80), (60, 40)}
    wait_until(lambda: not any(default_storage.exists(k) for k in first_keys),
               what="the old files removed")


def test_delete_removes_the_photo(celery_worker, api, org):
    record = org.record()
    token = org.token(ALL)
    upload(api, photo_url(record), token, png_bytes(120, 80))
    photo = ready_photo(record)
    response = api.delete(photo_url(record), **auth(token))
    assert response.status_code == 200
    assert response.json() == {"code": "SUCCESS", "details": {}, "message": "Photo deleted",
                               "status": "success"}
    assert api.get(photo_url(record), **auth(token)).status_code == 204
    assert not services.photos_of(record).exists()
    wait_until(lambda: not default_storage.exists(photo.original), what="files removed")
    response = api.delete(photo_url(record), **auth(token))
    assert (response.status_code, response.json()) == (
        400, error("INVALID_DATA", "No such photo exists"))


# --- workflows ------------------------------------------------------------------------------------
def rule_for(org, receiver, **fields):
    return WorkflowRule.objects.create(module=org.module("Leads"), name="photo changed",
                                       webhook_url=receiver.url, **fields)


def payloads(receiver):
    return [json.loads(request["body"]) for request in receiver.requests]


def test_upload_calls_the_workflow_webhook_once(celery_worker, api, org, make_receiver,
                                                wait_for_idle_worker, settings):
    from tests.support.http_server import verify

    receiver = make_receiver()
    rule = rule_for(org, receiver)
    WorkflowRule.objects.create(module=org.module("Contacts"), name="elsewhere",
                                webhook_url=receiver.url)  # another module's rule stays quiet
    record = org.record()
    response = upload(api, photo_url(record), org.token(ALL), png_bytes(120, 80))
    assert response.json() == SUCCESS  # answered before any webhook could run
    photo = ready_photo(record)
    wait_until(lambda: receiver.requests, what="the webhook")
    delivery = WebhookDelivery.objects.get()
    wait_until(lambda: WebhookDelivery.objects.get().status == "delivered", what="delivered")
    (request,) = receiver.requests
    assert verify(request, settings.WEBHOOK_SIGNING_SECRET)
    (body,) = payloads(receiver)
    assert body["event"] == "photo.uploaded" and body["rule"]["id"] == str(rule.pk)
    assert body["record"] == {"id": str(record.zoho_id)}
    assert body["module"] == {"api_name": "Leads"} and body["product"] == "crm"
    assert body["photo"]["id"] == photo.public_id and body["delivery_id"] == str(delivery.pk)
    # a second run of the render (a redelivered task) announces nothing twice
    from photos.tasks import render_photo

    render_photo.delay(photo.pk)
    render_photo.delay(photo.pk, True)
    from records.tasks import deliver_webhook

    deliver_webhook.delay(delivery.pk)  # a delivery run twice sends once
    wait_for_idle_worker()
    assert len(receiver.requests) == 1 and WebhookDelivery.objects.count() == 1


def test_a_failed_webhook_is_retried(celery_worker, api, org, make_receiver):
    receiver = make_receiver(statuses=(500, 200))
    rule_for(org, receiver)
    record = org.record()
    upload(api, photo_url(record), org.token(ALL), png_bytes(120, 80))
    wait_until(lambda: WebhookDelivery.objects.filter(status="delivered").exists(),
               what="delivered after a retry")
    first, second = payloads(receiver)
    assert first == second  # the same delivery, sent again
    delivery = WebhookDelivery.objects.get()
    assert (delivery.attempts, delivery.last_status_code) == (2, 200)


def test_restrict_triggers_workflow_suppresses_the_webhook(celery_worker, api, org,
                                                           make_receiver):
    receiver = make_receiver()
    rule_for(org, receiver)
    record = org.record()
    token = org.token(ALL)
    assert upload(api, photo_url(record), token, png_bytes(120, 80),
                  query="?restrict_triggers=workflow").json() == SUCCESS
    quiet = ready_photo(record)
    # then an unrestricted upload: the worker runs tasks in order, so once its webhook has
    # arrived the restricted upload's task has long finished
    upload(api, photo_url(record), token, jpeg_bytes(120, 80))
    wait_until(lambda: receiver.requests, what="the unrestricted upload's webhook")
    loud = ready_photo(record)
    assert [p["photo"]["id"] for p in payloads(receiver)] == [loud.public_id]
    assert quiet.public_id not in {d.payload["photo"]["id"] for d in WebhookDelivery.objects.all()}


def test_deleting_the_photo_fires_delete_rules(celery_worker, api, org, make_receiver):
    receiver = make_receiver()
    rule_for(org, receiver, on_photo_upload=False)
    record = org.record()
    token = org.token(ALL)
    upload(api, photo_url(record), token, png_bytes(120, 80))
    photo = ready_photo(record)
    assert api.delete(photo_url(record), **auth(token)).status_code == 200
    wait_until(lambda: receiver.requests, what="the delete webhook")
    (body,) = payloads(receiver)
    assert (body["event"], body["photo"]["id"]) == ("photo.deleted", photo.public_id)
