"""Uploads go through the real queue: Redis, a separate worker process, PostgreSQL."""

import pytest
from django.core.files.storage import default_storage

from photos import imaging, services, storage, tasks
from photos.models import Photo
from tests.support.images import jpeg_with_gps, open_image
from tests.support.waiting import wait_for_status


@pytest.mark.django_db(transaction=True)
def test_upload_goes_from_pending_to_ready_through_the_worker(celery_worker, make_user):
    photo = services.create_photo(jpeg_with_gps(640, 480), owner=make_user(), spec_set="graph")
    assert photo.status == Photo.Status.PENDING
    wait_for_status(photo)
    assert photo.status == Photo.Status.READY, photo.failure_reason
    renditions = list(photo.renditions.all())
    assert {r.spec for r in renditions} == set(imaging.SETS["graph"])
    for rendition in renditions:
        assert default_storage.exists(rendition.storage_key)
        with storage.open_key(rendition.storage_key) as handle:
            image = open_image(handle.read())
        assert image.size == (rendition.width, rendition.height)
        assert max(image.size) <= 640  # never larger than the source
        assert not image.getexif()


@pytest.mark.django_db(transaction=True)
def test_a_corrupt_photo_fails_in_the_worker_without_crashing_it(celery_worker, make_user):
    from tests.support.images import jpeg_bytes

    owner = make_user()
    bad = services.create_photo(jpeg_bytes(800, 600), owner=owner)
    with default_storage.open(bad.original, "wb") as handle:  # damaged after validation
        handle.write(b"\xff\xd8\xff\xe0" + b"\x00" * 50)
    services.queue_render(bad)  # outside a transaction: queued at once
    wait_for_status(bad)
    assert bad.status == Photo.Status.FAILED
    good = services.create_photo(jpeg_bytes(), owner=owner)
    assert wait_for_status(good).status == Photo.Status.READY  # the worker lives on


@pytest.mark.django_db
def test_storage_errors_are_retried(make_user, monkeypatch):
    photo = services.create_photo(jpeg_with_gps(), owner=make_user())
    calls = {"n": 0}
    save_bytes = storage.save_bytes

    def flaky(key, data):
        calls["n"] += 1
        if calls["n"] == 1:
            raise ConnectionError("storage went away")  # an OSError: retried
        return save_bytes(key, data)

    monkeypatch.setattr(storage, "save_bytes", flaky)
    result = tasks.render_photo.apply(args=[photo.pk])  # eager: retries run at once
    assert result.successful(), result.traceback
    photo.refresh_from_db()
    assert photo.status == Photo.Status.READY
    assert calls["n"] == len(imaging.SETS["generic"]) + 1


def test_render_task_acknowledges_late():
    assert tasks.render_photo.acks_late is True
    assert tasks.render_photo.reject_on_worker_lost is True
