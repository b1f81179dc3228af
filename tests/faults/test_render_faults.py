"""Faults in the middle of a render: the worker killed with SIGKILL, its database connection
dropped, the disk full. Each photo still ends ``ready`` (or ``failed`` with a reason) in bounded
time, and no file of an interrupted attempt stays in storage."""

import subprocess
import sys

import pytest
from django.db import connection

from tests.support.images import jpeg_bytes
from tests.support.processes import (
    ROOT,
    files_the_database_points_at,
    keys_of,
    settled,
    shared_redis_url,
    upload,
)
from tests.support.waiting import wait_until

pytestmark = pytest.mark.django_db(transaction=True)

SLOW = "0.8"  # seconds after each rendition file: the window the faults land in


@pytest.fixture
def uploader_token(make_user, make_token):
    return make_token(["user_photos", "manage_photos"], user=make_user())


def upload_one(stack, token):
    from photos.models import Photo

    response = upload(stack, token, jpeg_bytes(640, 480))
    assert response.status_code == 201, response.text
    return Photo.objects.get(public_id=response.json()["_id"])


def wait_for_partial_render(stack, photo):
    """Until the worker has written the original's first rendition and committed nothing."""
    wait_until(lambda: len(keys_of(stack, photo)) >= 2, 30, "a first rendition file written")
    photo.refresh_from_db()
    assert photo.status == "processing" and not photo.renditions.exists()


def assert_storage_matches_the_database(stack, timeout=20):
    wait_until(lambda: stack.stored_keys() == files_the_database_points_at(), timeout,
               "storage holding exactly the files the database points at")


def test_a_worker_killed_mid_render_leaves_a_photo_that_is_rendered_later(stack, uploader_token):
    stack.configure(REDIS_URL=shared_redis_url())
    stack.web()
    doomed = stack.worker(PHOTODESK_TEST_SLOW_WRITES=SLOW)
    stack.beat()
    photo = upload_one(stack, uploader_token)
    wait_for_partial_render(stack, photo)

    doomed.kill()  # SIGKILL: no except, no finally, no on_commit
    left_behind = keys_of(stack, photo) - files_the_database_points_at()
    assert left_behind  # the fault landed: rendition files that no row owns

    stack.worker()
    wait_until(lambda: settled([photo]), 60, "the photo rendered by the next worker")
    assert photo.status == "ready", stack.logs()
    assert photo.renditions.count() == 4
    assert_storage_matches_the_database(stack)
    assert not left_behind & stack.stored_keys()


def test_a_dropped_database_connection_mid_render_is_retried(stack, uploader_token):
    # the sweeper would rescue the photo after PHOTO_STUCK_AFTER_SECONDS: here only the task's
    # own retry can finish it within the test's wait
    stack.configure(REDIS_URL=shared_redis_url(), PHOTO_STUCK_AFTER_SECONDS="300")
    stack.web()
    stack.worker(PHOTODESK_TEST_SLOW_WRITES=SLOW)
    stack.beat()
    photo = upload_one(stack, uploader_token)
    wait_for_partial_render(stack, photo)

    with connection.cursor() as cursor:  # as a PostgreSQL restart does to every session
        cursor.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                       "WHERE datname = current_database() AND pid <> pg_backend_pid()")
    wait_until(lambda: settled([photo]), 45, "the photo rendered after the reconnection")
    assert photo.status == "ready", stack.logs()
    assert photo.renditions.count() == 4
    assert_storage_matches_the_database(stack)


def test_a_full_disk_fails_the_render_with_a_reason_and_leaves_no_partial_file(
        stack, uploader_token, tmpfs):
    disk = tmpfs("3m")
    stack.use_media(disk.path)
    (disk.path / "photos").mkdir()
    stack.configure(REDIS_URL=shared_redis_url(), PHOTO_RETRY_BASE_SECONDS="0.05",
                    PHOTO_STUCK_AFTER_SECONDS="15", PHOTO_RENDER_TIME_LIMIT="10",
                    BROKER_VISIBILITY_TIMEOUT="20")
    stack.web()
    photo = upload_one(stack, uploader_token)  # the original fits; then the disk fills up
    disk.fill()
    stack.worker()
    stack.beat()
    wait_until(lambda: settled([photo]), 90, "the render given up after its retries")
    assert photo.status == "failed", stack.logs()
    assert "storage is full" in photo.failure_reason
    assert not photo.renditions.exists()
    assert_storage_matches_the_database(stack)  # the original only: no partial rendition

    disk.free()  # the operator makes room and re-renders the failed photos
    subprocess.run([sys.executable, "manage.py", "rerender_photos", "--status", "failed",
                    "--no-progress"], cwd=ROOT, env=stack.env, check=True, timeout=60,
                   capture_output=True)
    wait_until(lambda: settled([photo]) and photo.status == "ready", 60, "re-rendered")
    assert_storage_matches_the_database(stack)
