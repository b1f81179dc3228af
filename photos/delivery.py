"""Where renditions are served from: their URLs, and the view that streams them.

Only renditions are ever served publicly (never the original upload, which keeps its metadata:
the admin streams it to staff alone). Their keys are unguessable and never change, so responses
are cached as immutable.
"""

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.http import FileResponse, Http404
from django.urls import reverse
from django.views.decorators.http import require_safe

from photos.models import Rendition
from photos.storage import KEY_RE

IMMUTABLE = "public, max-age=31536000, immutable"


def absolute(request, path: str) -> str:
    if settings.PUBLIC_BASE_URL:
        return settings.PUBLIC_BASE_URL.rstrip("/") + path
    return request.build_absolute_uri(path) if request is not None else path


def rendition_url(rendition: Rendition, request=None) -> str:
    storage = default_storage._wrapped if default_storage._wrapped else None
    if storage is not None and not isinstance(storage, FileSystemStorage):
        return default_storage.url(rendition.storage_key)  # S3: a signed URL of the bucket
    return absolute(request, reverse("photos:rendition", args=[rendition.storage_key]))


@require_safe
def serve_rendition(request, key: str):
    if not KEY_RE.fullmatch(key):  # no key of ours (and no text the database could take)
        raise Http404("No such image.")
    rendition = Rendition.objects.filter(storage_key=key).only("storage_key", "mime_type").first()
    if rendition is None:
        raise Http404("No such image.")
    return stream(rendition.storage_key, rendition.mime_type, cache_control=IMMUTABLE)


def stream(key: str, mime_type: str, *, cache_control: str) -> FileResponse:
    """Stored bytes as a response: the type we sniffed when the photo arrived (never one a
    client declared), not to be sniffed again by the browser, and inert if opened as a page."""
    try:
        handle = default_storage.open(key, "rb")
    except FileNotFoundError:
        raise Http404("No such image.") from None
    response = FileResponse(handle, content_type=mime_type)
    response["Cache-Control"] = cache_control
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
