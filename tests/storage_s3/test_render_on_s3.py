"""A render with media on S3, in this process: what the worker writes to the bucket and what it
does when the original is not there."""

import pytest

from config.env import storage_config
from photos import services
from photos.models import Photo, UnownedFile
from tests.support.images import jpeg_bytes

pytestmark = pytest.mark.django_db


def media_in_bucket(settings, s3_server, bucket):
    settings.STORAGES = {**settings.STORAGES,
                         "default": storage_config("unused", environ=s3_server.env(bucket))}


def test_renditions_reach_the_bucket_with_their_content_type_and_nothing_else(
        settings, s3_server, s3_bucket, make_user):
    media_in_bucket(settings, s3_server, s3_bucket)
    photo = services.create_photo(jpeg_bytes(640, 480), owner=make_user())
    services.render_photo(photo.pk)
    photo.refresh_from_db()
    assert photo.status == Photo.Status.READY
    renditions = {r.storage_key: r for r in photo.renditions.all()}
    assert len(renditions) == 4
    assert s3_server.keys(s3_bucket) == {photo.original, *renditions}
    assert not UnownedFile.objects.exists()
    for key, rendition in renditions.items():
        stored = s3_server.client().get_object(Bucket=s3_bucket, Key=key)
        assert stored["ContentType"] == rendition.mime_type == "image/jpeg"
        assert stored["ContentLength"] == rendition.byte_size


def test_an_original_missing_from_the_bucket_fails_the_photo_with_its_reason(
        settings, s3_server, s3_bucket, make_user):
    media_in_bucket(settings, s3_server, s3_bucket)
    photo = services.create_photo(jpeg_bytes(), owner=make_user())
    s3_server.client().delete_object(Bucket=s3_bucket, Key=photo.original)
    services.render_photo(photo.pk)
    photo.refresh_from_db()
    assert photo.status == Photo.Status.FAILED
    assert photo.failure_reason == "The original file is missing from storage."
    assert s3_server.keys(s3_bucket) == set() and not UnownedFile.objects.exists()
