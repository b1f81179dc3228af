"""Helpers shared by the generic and Graph API tests: uploads through HTTP, rendering, reading
what a rendition URL serves."""

from django.core.files.uploadedfile import SimpleUploadedFile

from photos import services
from photos.models import Photo
from tests.photos.factories import open_image


def image_file(data: bytes, name="photo.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def auth(token) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}


def upload(api, path, token, data: bytes, part="source", filename="photo.jpg",
           content_type="image/jpeg", **fields):
    body = {part: image_file(data, filename, content_type), **fields}
    return api.post(path, body, format="multipart", **auth(token))


def render(public_id: str) -> Photo:
    """Run the render the worker would run (tests that are not about processing)."""
    photo = Photo.objects.get(public_id=public_id)
    return services.render_photo(photo.pk)


def download(client, url: str) -> bytes:
    response = client.get(url)
    assert response.status_code == 200, url
    return b"".join(response.streaming_content)


def downloaded_image(client, url: str):
    data = download(client, url)
    return data, open_image(data)
