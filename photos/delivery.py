"""Where stored bytes leave the server: rendition URLs, and the one function that serves bytes.

Every URL that answers with image or file bytes (``/media``, ``/profilephoto``, ``/ncsphoto``, the
Zoho record photo, the Chatter file content) answers through :func:`serve`, so all carry the
same headers: the content type recorded when the bytes arrived (sniffed from them, never the
one a client declared), ``nosniff`` so no browser guesses another, a sandbox CSP so a file
opened as a page runs nothing, and the cache policy (:class:`Cache`) named for the URL's kind.

Only renditions are served publicly, never the original upload (it keeps its metadata: the
admin serves it to staff alone). Their
keys are unguessable and never change, so ``/media`` serves them as immutable.
"""

import io
from enum import StrEnum

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage, storages
from django.http import FileResponse, Http404, HttpResponse
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from photos import errors, storage
from photos.models import Rendition
from photos.storage import KEY_RE

SAFETY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; sandbox",
}


class Cache(StrEnum):
    """Cache-Control of each kind of URL that serves bytes."""

    # a rendition's own key: never reused, so its bytes never change
    IMMUTABLE = "public, max-age=31536000, immutable"
    # a default photo at its own public URL: the same for everyone
    PUBLIC_DAY = "public, max-age=86400"
    # one photo version behind a per-target URL (a token, or a signed e-mail URL)
    PRIVATE_DAY = "private, max-age=86400"
    # whatever the target shows now: the photo changes under the URL
    PRIVATE_CURRENT = "private, no-cache"
    # a default photo standing in for one not ready (or never uploaded): ask again each time
    STAND_IN = "no-cache"
    # a user's file download: revalidated on every use
    DOWNLOAD = "private, max-age=0"
    # a photo's original upload, shown to staff in the admin (it keeps the uploader's
    # metadata): never kept by any cache
    STAFF_ONLY = "private, no-store"


def absolute(request, path: str) -> str:
    if settings.PUBLIC_BASE_URL:
        return settings.PUBLIC_BASE_URL.rstrip("/") + path
    return request.build_absolute_uri(path) if request is not None else path


def rendition_url(rendition: Rendition, request=None) -> str:
    # asked of the configured backend (storages builds it on first use), never of
    # default_storage's private ``_wrapped``, which is empty until a file has been opened
    if not isinstance(storages["default"], FileSystemStorage):
        return default_storage.url(rendition.storage_key)  # S3: a signed URL of the bucket
    return absolute(request, reverse("photos:rendition", args=[rendition.storage_key]))


def serve(source: str | bytes, content_type: str, *, cache: Cache, filename: str | None = None,
          request=None) -> HttpResponse:
    """The response carrying ``source``: a storage key, or bytes the process holds (the default
    photos).

    ``content_type`` comes from the stored record. A ``filename`` (even empty: then the stored
    file's own name) makes it a download (``Content-Disposition: attachment``). A key whose
    file is gone raises ``errors.NotFound``, which each dialect renders as its 404 (plain
    Django views turn it into ``Http404``). HEAD gets the same headers, Content-Length
    included, and no body.
    """
    if isinstance(source, bytes):
        handle = io.BytesIO(source)
    else:
        try:
            handle = storage.open_key(source)
        except FileNotFoundError:
            raise errors.NotFound() from None
    response = FileResponse(handle, content_type=content_type,
                            as_attachment=filename is not None, filename=filename or "")
    for name, value in SAFETY_HEADERS.items():
        response[name] = value
    response["Cache-Control"] = str(cache)  # a str subclass is refused by WSGI servers
    if request is not None and request.method == "HEAD":
        headers = dict(response.items())
        response.close()  # closes the file: nothing of it is read
        return HttpResponse(status=response.status_code, headers=headers)
    return response


# exempt so that any other method meets require_safe's 405, not the CSRF check's 403 page: it
# only ever reads
@csrf_exempt
@require_safe
def serve_rendition(request, key: str):
    if not KEY_RE.fullmatch(key):  # no key of ours (and no text the database could take)
        raise Http404("No such image.")
    rendition = Rendition.objects.filter(storage_key=key).only("storage_key", "mime_type").first()
    if rendition is None:
        raise Http404("No such image.")
    try:
        return serve(rendition.storage_key, rendition.mime_type, cache=Cache.IMMUTABLE,
                     request=request)
    except errors.NotFound:
        raise Http404("No such image.") from None


_BYTES = {"schema": {"type": "string", "contentMediaType": "application/octet-stream"}}
_NOT_FOUND_PAGE = {"text/html": {"schema": {"type": "string"}}}
OPENAPI_PATHS = {
    "/media/{key}": {"get": {
        "operationId": "media_key_get",
        "tags": ["Generic photos"],
        "summary": "A rendition's bytes (the URLs in the photo bodies); public, never changing",
        "security": [{}],
        "parameters": [{
            "name": "key", "in": "path", "required": True,
            "description": "The rendition's storage key, as its URL shows it.",
            "schema": {"type": "string", "pattern": rf"^{KEY_RE.pattern}$"},
        }],
        "responses": {
            "200": {
                "description": "The rendition, in the type recorded when it was made.",
                "headers": {name: {"schema": {"type": "string"}} for name in
                            ("Cache-Control", "Content-Security-Policy",
                             "X-Content-Type-Options")},
                "content": {f"image/{kind}": _BYTES for kind in ("jpeg", "png", "gif")},
            },
            "404": {"description": "No such rendition.", "content": _NOT_FOUND_PAGE},
        },
    }},
}
