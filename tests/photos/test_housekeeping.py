"""Temporary photos of the generic API never attached: deleted, files too, after
TEMPORARY_PHOTO_MAX_AGE_SECONDS, by the periodic task (run here by the real worker) or the cron
command; fresh ones, attached ones and taken-down ones stay. (Renders interrupted by a dead
worker, re-queued by the sweeper: tests/photos/test_nothing_lost.py.)"""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from photos import services
from photos.models import Photo
from tests.support.generic import get, upload
from tests.support.images import jpeg_bytes
from tests.support.storage import stored_keys


def uploaded(api, token) -> Photo:
    response = upload(api, "/photos", token, jpeg_bytes(120, 90))
    assert response.status_code == 201, response.content
    assert response.json()["tmp"] is True
    return Photo.objects.get(public_id=response.json()["_id"])


def age(photo, days=2):
    Photo.objects.filter(pk=photo.pk).update(created_at=timezone.now() - timedelta(days=days))


def keys_of(photo) -> set[str]:
    return {key for key in stored_keys() if photo.public_id in key}


@pytest.mark.django_db(transaction=True)
def test_the_periodic_task_deletes_old_temporary_photos_and_their_files(
        api, generic_token, alice, make_workspace, wait_for_idle_worker, settings):
    from photos.tasks import cleanup_temporary

    assert {"task": "photos.cleanup_temporary"}.items() <= \
        settings.CELERY_BEAT_SCHEDULE["cleanup-temporary-photos"].items()
    old, fresh, attached = (uploaded(api, generic_token) for _ in range(3))
    services.attach(attached, make_workspace(members=[alice]))
    wait_for_idle_worker()  # rendered: each has an original and renditions in storage
    assert all(len(keys_of(photo)) > 1 for photo in (old, fresh, attached))
    age(old), age(attached)

    cleanup_temporary.delay()
    wait_for_idle_worker()

    assert get(api, f"/photo/{old.public_id}", generic_token).status_code == 404
    assert keys_of(old) == set()
    for kept in (fresh, attached):
        assert get(api, f"/photo/{kept.public_id}", generic_token).status_code == 200
        assert len(keys_of(kept)) > 1


def test_the_cron_command_deletes_them_too_but_not_a_taken_down_one(
        api, generic_token, moderator, django_capture_on_commit_callbacks, capsys):
    from photos import moderation

    with django_capture_on_commit_callbacks(execute=True):
        old, taken_down, recent = (uploaded(api, generic_token) for _ in range(3))
    moderation.take_down(Photo.objects.filter(pk=taken_down.pk), moderator=moderator,
                         reason="spam")
    age(old, days=0.5), age(taken_down, days=0.5)
    assert keys_of(old)

    with django_capture_on_commit_callbacks(execute=True):
        call_command("housekeeping", "--older-than", "3600")

    assert "temporary_deleted=1" in capsys.readouterr().out
    assert set(Photo.objects.values_list("pk", flat=True)) == {taken_down.pk, recent.pk}
    assert keys_of(old) == set()
