"""The client helper of the generic photo API (``/photos``...): the ``Bearer`` token header,
multipart uploads, reads, and running the render the worker would run."""

from django.core.files.uploadedfile import SimpleUploadedFile


def auth(token) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}


def image_file(data: bytes, name="photo.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def upload(api, path, token, data: bytes, part="source", filename="photo.jpg",
           content_type="image/jpeg", **fields):
    body = {part: image_file(data, filename, content_type), **fields}
    return api.post(path, body, format="multipart", **auth(token))


def get(api, path, token=None, **params):
    return api.get(path, params, **auth(token))


def render(public_id: str):
    """Run the render the worker would run (tests that are not about processing)."""
    from photos import services
    from photos.models import Photo

    photo = Photo.objects.get(public_id=public_id)
    return services.render_photo(photo.pk)
