"""The whole photo path on a real S3-compatible server (moto's, started by the suite from
nothing): uploads, renditions written by a worker, served, re-rendered, taken down and deleted,
with the bucket's contents asserted after each step (nothing left behind, nothing missing).

The API server and the worker are separate processes with separate ``DATA_DIR``s, media folders
and temporary folders: they share only PostgreSQL, Redis and the bucket, as on two hosts.
"""

import time
from pathlib import Path

import pytest
import requests

from tests.support.images import jpeg_bytes
from tests.support.processes import (
    files_the_database_points_at,
    settled,
    shared_redis_url,
    upload,
)
from tests.support.storage import stored_files
from tests.support.waiting import wait_until

pytestmark = pytest.mark.django_db(transaction=True)

PRESIGNED_LIFETIME = 2  # seconds: the redirect test outlives it
WORKER_APP = "photodesk-s3-worker"  # the worker's database connections say so


@pytest.fixture
def uploader(make_user, make_token):
    user = make_user(is_staff=True)
    return {"user": user, "token": make_token(["user_photos", "manage_photos", "chatter_api"],
                                              user=user)}


def start_hosts(stack, s3_server, bucket, tmp_path: Path, **env):
    """The API server and a worker as on two hosts, each with folders of its own."""
    stack.configure(REDIS_URL=shared_redis_url(), **s3_server.env(bucket), **env)
    hosts = {}
    for name in ("web", "worker"):
        folder = tmp_path / name
        (folder / "tmp").mkdir(parents=True)
        hosts[name] = {"DATA_DIR": str(folder / "data"), "MEDIA_ROOT": str(folder / "media"),
                       "FILE_UPLOAD_TEMP_DIR": str(folder / "tmp")}
    stack.web(**hosts["web"])
    stack.worker(**hosts["worker"],
                 DATABASE_URL=f"{stack.env['DATABASE_URL']}?application_name={WORKER_APP}")
    return [tmp_path / name for name in hosts]


def bucket_matches_database(s3_server, bucket, timeout=20):
    wait_until(lambda: s3_server.keys(bucket) == files_the_database_points_at(), timeout,
               "the bucket holding exactly the files the database points at")
    return s3_server.keys(bucket)


def worker_connections() -> list[tuple]:
    """The worker's connections to the test database: (server process, when it connected)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pid, backend_start FROM pg_stat_activity WHERE datname = "
                       "current_database() AND application_name = %s", [WORKER_APP])
        return cursor.fetchall()


def upload_ready_photo(stack, token):
    from photos.models import Photo

    response = upload(stack, token, jpeg_bytes(640, 480))
    assert response.status_code == 201, response.text
    photo = Photo.objects.get(public_id=response.json()["_id"])
    wait_until(lambda: settled([photo]), 60, "the photo rendered by the worker")
    assert photo.status == "ready", stack.logs()
    return photo


def photo_body(stack, token, photo) -> dict:
    response = requests.get(f"{stack.url}/photo/{photo.public_id}",
                            headers={"Authorization": f"Bearer {token}"}, timeout=10)
    assert response.status_code == 200, response.text
    return response.json()


def take_down(stack, photo):
    stack.manage("shell", "-c", (
        "from accounts.models import User; from photos import moderation; "
        "from photos.models import Photo; "
        f"moderation.take_down(Photo.objects.filter(pk={photo.pk}), "
        "moderator=User.objects.filter(is_staff=True).first(), reason='test')"))


def test_a_photo_lives_and_dies_in_the_bucket_behind_urls_that_do_not_expire(
        stack, s3_server, s3_bucket, uploader, tmp_path):
    from photos.models import UnownedFile

    hosts = start_hosts(stack, s3_server, s3_bucket, tmp_path, MEDIA_URLS="redirect",
                        AWS_QUERYSTRING_EXPIRE=PRESIGNED_LIFETIME)
    token = uploader["token"]

    # upload: the original streamed to the bucket by the API server, renditions by the worker
    photo = upload_ready_photo(stack, token)
    keys = bucket_matches_database(s3_server, s3_bucket)
    renditions = {r.spec: r.storage_key for r in photo.renditions.all()}
    assert keys == {photo.original, *renditions.values()} and len(renditions) == 4
    assert not UnownedFile.objects.exists()
    connection_before = worker_connections()
    assert len(connection_before) == 1  # kept after the task, to serve the next

    # served: the body's URL is Photodesk's, answering with a redirect to a presigned URL
    url = photo_body(stack, token, photo)["images"]["large"]["url"]
    assert url.startswith(stack.url + "/media/")
    first = requests.get(url, allow_redirects=False, timeout=10)
    assert first.status_code == 302 and first.headers["Location"].startswith(s3_server.endpoint)
    stored = s3_server.client().get_object(Bucket=s3_bucket, Key=renditions["large"])
    assert requests.get(url, timeout=10).content == stored["Body"].read()
    # ... and still answering once the presigned URL it first gave has expired
    time.sleep(PRESIGNED_LIFETIME + 1)
    later = requests.get(url, allow_redirects=False, timeout=10)
    assert later.status_code == 302 and later.headers["Location"] != first.headers["Location"]
    assert requests.get(url, timeout=10).content[:2] == b"\xff\xd8"

    # re-rendered: new keys written, the old ones deleted, their URLs gone
    stack.manage("rerender_photos", "--force", "--no-progress")
    wait_until(lambda: set(photo.renditions.values_list("storage_key", flat=True)).isdisjoint(
        renditions.values()) and settled([photo]), 60, "the photo re-rendered")
    keys = bucket_matches_database(s3_server, s3_bucket)
    assert keys.isdisjoint(renditions.values()) and len(keys) == 5
    rerendered = {r.spec: r.storage_key for r in photo.renditions.all()}
    # the worker kept its database connection from the first render to this one
    assert worker_connections() == connection_before
    assert requests.get(url, allow_redirects=False, timeout=10).status_code == 404
    url = photo_body(stack, token, photo)["images"]["large"]["url"]
    assert requests.get(url, timeout=10).status_code == 200

    # taken down: the renditions leave the bucket and the URL stops answering
    take_down(stack, photo)
    assert bucket_matches_database(s3_server, s3_bucket) == {photo.original}
    assert requests.get(url, allow_redirects=False, timeout=10).status_code == 404

    # deleted (by a moderator, as a photo taken down is): nothing of it stays
    stack.manage("shell", "-c", "from photos.models import Photo; from photos import services; "
                 f"services.delete_photo(Photo.objects.get(pk={photo.pk}))")
    assert bucket_matches_database(s3_server, s3_bucket) == set()
    assert not UnownedFile.objects.exists()

    # nothing asked S3 whether a key exists before reading, writing or serving it (the database
    # knows); a render read the original with one request and wrote each rendition with one
    assert s3_server.requests_to(s3_bucket, "HEAD") == []
    assert len([line for line in s3_server.requests_to(s3_bucket, "GET")
                if f"/{photo.original} " in line]) == 2  # the upload's render, the re-render
    puts = s3_server.requests_to(s3_bucket, "PUT")
    for key in [*renditions.values(), *rerendered.values()]:
        assert len([line for line in puts if f"/{key} " in line]) == 1, key
    # neither host kept a file
    for host in hosts:
        assert stored_files(host / "media") == [] and stored_files(host / "tmp") == []


def test_public_urls_are_served_by_the_media_domain_until_the_photo_is_taken_down(
        stack, s3_server, s3_bucket, uploader, tmp_path):
    # the S3 server stands for the CDN in front of the bucket
    media_domain = f"{s3_server.endpoint}/{s3_bucket}"
    s3_server.publish_renditions(s3_bucket)
    start_hosts(stack, s3_server, s3_bucket, tmp_path, MEDIA_URLS="public",
                MEDIA_PUBLIC_URL=media_domain)
    photo = upload_ready_photo(stack, uploader["token"])
    large = photo.renditions.get(spec="large")
    url = photo_body(stack, uploader["token"], photo)["images"]["large"]["url"]
    assert url == f"{media_domain}/{large.storage_key}"
    assert requests.get(url, timeout=10).content[:2] == b"\xff\xd8"
    # the original (which keeps the uploader's metadata) is not published
    assert requests.get(f"{media_domain}/{photo.original}", timeout=10).status_code == 403

    # Photodesk's own /media URL streams the same bytes from the bucket, a range reading only
    # its part, without asking S3 first whether the object exists
    own = f"{stack.url}/media/{large.storage_key}"
    part = requests.get(own, headers={"Range": "bytes=0-99"}, timeout=10)
    assert part.status_code == 206 and part.content == requests.get(url, timeout=10).content[:100]
    assert not [line for line in s3_server.requests_to(s3_bucket, "HEAD")
                if large.storage_key in line]

    take_down(stack, photo)
    assert bucket_matches_database(s3_server, s3_bucket) == {photo.original}
    assert requests.get(url, timeout=10).status_code == 404
    assert requests.get(own, timeout=10).status_code == 404
