"""Renditions are served with their type, as immutable; originals never are."""

import pytest

from photos import services
from photos.delivery import rendition_url
from tests.photos.factories import jpeg_with_gps, open_image

pytestmark = pytest.mark.django_db


@pytest.fixture
def photo(make_user):
    photo = services.create_photo(jpeg_with_gps(), owner=make_user())
    services.render_photo(photo.pk)
    return photo


def test_a_rendition_url_serves_its_bytes(client, photo):
    rendition = photo.rendition("small")
    response = client.get(rendition_url(rendition))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert "immutable" in response["Cache-Control"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert open_image(b"".join(response.streaming_content)).size == (100, 100)


def test_the_original_upload_is_never_served(client, photo):
    # it keeps the uploader's EXIF (GPS here): only renditions leave the server
    assert client.get(f"/media/{photo.original}").status_code == 404


@pytest.mark.parametrize("key", ["../../etc/passwd", "photos/zz/nothing.jpg", "%2e%2e/x",
                                 "x%00y.jpg", "photos/ab/%ED%A0%80.jpg", "%C2%B2.jpg"])
def test_unknown_and_hostile_keys_are_404(client, key):
    assert client.get(f"/media/{key}").status_code == 404
