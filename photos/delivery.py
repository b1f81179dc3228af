"""Where stored bytes leave the server: rendition URLs, and the one function that serves bytes.

Every URL that answers with image or file bytes (``/media``, ``/profilephoto``, ``/ncsphoto``, the
Zoho record photo, the Chatter file content) answers through :func:`serve`, so all carry the
same headers: the content type recorded when the bytes arrived (sniffed from them, never the
one a client declared), ``nosniff`` so no browser guesses another, a sandbox CSP so a file
opened as a page runs nothing, and the cache policy (:class:`Cache`) named for the URL's kind.

And all answer conditional and range requests the same way (RFC 9110): a strong ``ETag`` made
of what the stored record says identifies the bytes, ``Last-Modified`` from its time,
``If-None-Match`` / ``If-Modified-Since`` answered 304 without touching storage, and a single
``Range`` (``If-Range`` honoured) answered 206 by reading only that part of the file.

Only renditions are served publicly, never the original upload (it keeps its metadata: the
admin serves it to staff alone). Their
keys are unguessable and never change, so ``/media`` serves them as immutable.
"""

import hashlib
import io
import re
from datetime import datetime
from enum import StrEnum
from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import (
    FileResponse,
    Http404,
    HttpResponse,
    HttpResponseRedirect,
    StreamingHttpResponse,
)
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, parse_http_date_safe, quote_etag
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
    """The URL of a rendition in API bodies: it never expires (``MEDIA_URLS``). Under
    ``public`` the media domain (a CDN in front of the bucket) serves the key itself; otherwise
    Photodesk's ``/media/{key}`` answers (the bytes, or a redirect to a presigned URL)."""
    if settings.MEDIA_URLS == "public":
        return f"{settings.MEDIA_PUBLIC_URL.rstrip('/')}/{quote(rendition.storage_key)}"
    return absolute(request, reverse("photos:rendition", args=[rendition.storage_key]))


def rendition_etag(rendition: Rendition) -> str:
    """A rendition's entity tag. Renditions store no content hash, but their key is never reused
    and their file never rewritten (a re-render writes a new key), so the key names the bytes
    exactly; it is hashed so that a URL behind a token does not hand out the public key."""
    return hashlib.sha256(rendition.storage_key.encode()).hexdigest()[:32]


def serve(source: str | bytes, content_type: str, *, cache: Cache, filename: str | None = None,
          request=None, etag: str | None = None, modified: datetime | None = None,
          size: int | None = None) -> HttpResponse:
    """The response carrying ``source``: a storage key, or bytes the process holds (the default
    photos).

    ``content_type`` comes from the stored record. A ``filename`` (even empty: then the stored
    file's own name) makes it a download (``Content-Disposition: attachment``). A key whose
    file is gone raises ``errors.NotFound``, which each dialect renders as its 404 (plain
    Django views turn it into ``Http404``). HEAD gets the same headers, Content-Length
    included, and no body.

    ``etag`` (unquoted: the stored content hash, or what identifies the bytes as surely) and
    ``modified`` (when the record was stored) are the validators; bytes held by the process
    are their own hash. A request whose validators match is answered 304 before storage is
    touched; a GET with one satisfiable ``Range`` gets 206 with only those bytes read.
    ``size``, the byte size the database recorded, spares S3 a HEAD request before the bytes
    (the database knows what exists; storage is asked only for the bytes).
    """
    if not etag and isinstance(source, bytes):
        etag = hashlib.sha256(source).hexdigest()[:32]  # a few kilobytes drawn at start-up
    etag = etag or None  # a row without a hash has no validator, never the empty tag
    validators = {"Cache-Control": str(cache)}  # a str subclass is refused by WSGI servers
    if etag is not None:
        validators["ETag"] = quote_etag(etag)
    timestamp = int(modified.timestamp()) if modified is not None else None
    if timestamp is not None:
        validators["Last-Modified"] = http_date(timestamp)
    if request is not None:
        unchanged = HttpResponse(headers=validators)
        answer = get_conditional_response(request, etag=validators.get("ETag"),
                                          last_modified=timestamp, response=unchanged)
        if answer is not unchanged:  # 304 (or 412 for If-Match): no body, nothing opened
            return _without_length(answer)
    if isinstance(source, bytes):
        handle = io.BytesIO(source)
    else:
        try:
            handle = storage.open_to_serve(source, size=size)
        except FileNotFoundError:
            raise errors.NotFound() from None
    response = FileResponse(handle, content_type=content_type,
                            as_attachment=filename is not None, filename=filename or "")
    for name, value in SAFETY_HEADERS.items():
        response[name] = value
    for name, value in validators.items():
        response[name] = value
    response["Accept-Ranges"] = "bytes"
    if request is not None and request.method == "HEAD":
        headers = dict(response.items())
        # the file alone: closing the response would send request_finished mid-request, which
        # closes the database connection
        handle.close()
        return HttpResponse(status=response.status_code, headers=headers)
    if request is not None and request.method == "GET" and "Content-Length" in response:
        return _ranged(request, response, handle, validators)
    return response


def _without_length(answer: HttpResponse) -> HttpResponse:
    """``answer`` (a 304 or 412, no body) as a streaming response with no body, which is one
    CommonMiddleware leaves without a length: ``Content-Length: 0`` on a 304 would tell a cache
    the representation is empty (RFC 9110 8.6)."""
    empty = StreamingHttpResponse((), status=answer.status_code)
    del empty["Content-Type"]
    for name, value in answer.items():
        empty[name] = value
    return empty


class _Unsatisfiable(Exception):
    pass


# one range only (RFC 9110 14.1.2); a list of ranges is answered whole (allowed by 14.2). Bounded
# digits: a longer number is not worth an answer other than the whole body.
_RANGE = re.compile(r"\s*bytes\s*=\s*(\d{0,18})\s*-\s*(\d{0,18})\s*", re.IGNORECASE)


def _byte_range(header: str, size: int) -> tuple[int, int] | None:
    """``(first, last)`` byte positions of a single ``Range`` over ``size`` bytes; None for a
    header to ignore (not one range, or invalid); raises ``_Unsatisfiable``."""
    match = _RANGE.fullmatch(header)
    if match is None or match.group(1) == match.group(2) == "":
        return None
    first, last = match.group(1), match.group(2)
    if first == "":  # a suffix: the last ``last`` bytes
        length = int(last)
        if length == 0 or size == 0:
            raise _Unsatisfiable()
        return max(0, size - length), size - 1
    first = int(first)
    if last and int(last) < first:
        return None  # invalid, so ignored (RFC 9110 14.1.1)
    if first >= size:
        raise _Unsatisfiable()
    return first, (min(int(last), size - 1) if last else size - 1)


def _if_range_holds(request, validators: dict) -> bool:
    """Whether the representation ``If-Range`` names is still the one served (RFC 9110 13.1.5):
    an entity tag by strong comparison, a date only when it is exactly Last-Modified."""
    value = request.headers.get("If-Range")
    if value is None:
        return True
    value = value.strip()
    if value.startswith(('"', "W/")):
        return "ETag" in validators and value == validators["ETag"]
    return parse_http_date_safe(value) is not None and value == validators.get("Last-Modified")


def _ranged(request, response: FileResponse, handle, validators: dict) -> HttpResponse:
    header = request.headers.get("Range")
    if header is None or not _if_range_holds(request, validators):
        return response
    size = int(response["Content-Length"])
    try:
        span = _byte_range(header, size)
    except _Unsatisfiable:
        handle.close()
        unsatisfiable = HttpResponse(status=416)
        del unsatisfiable["Content-Type"]  # no body
        for name, value in SAFETY_HEADERS.items():
            unsatisfiable[name] = value
        for name, value in validators.items():
            unsatisfiable[name] = value
        unsatisfiable["Content-Range"] = f"bytes */{size}"
        return unsatisfiable
    if span is None:
        return response
    first, last = span
    handle.seek(first)  # only the range is read from storage
    response.streaming_content = _read(handle, last - first + 1, response.block_size)
    response.status_code = 206
    response["Content-Range"] = f"bytes {first}-{last}/{size}"
    response["Content-Length"] = str(last - first + 1)
    return response


def _read(handle, length: int, block_size: int):
    while length > 0:
        chunk = handle.read(min(block_size, length))
        if not chunk:
            return
        length -= len(chunk)
        yield chunk


# exempt so that any other method meets require_safe's 405, not the CSRF check's 403 page: it
# only ever reads
@csrf_exempt
@require_safe
def serve_rendition(request, key: str):
    if not KEY_RE.fullmatch(key):  # no key of ours (and no text the database could take)
        raise Http404("No such image.")
    rendition = (Rendition.objects.filter(storage_key=key)
                 .only("storage_key", "mime_type", "rendered_at", "byte_size").first())
    if rendition is None:  # never rendered, re-rendered since, taken down or deleted
        raise Http404("No such image.")
    if settings.MEDIA_URLS == "redirect" and request.method == "GET":
        return _redirect_to_bucket(rendition)
    try:
        return serve(rendition.storage_key, rendition.mime_type, cache=Cache.IMMUTABLE,
                     request=request, etag=rendition_etag(rendition),
                     modified=rendition.rendered_at, size=rendition.byte_size)
    except errors.NotFound:
        raise Http404("No such image.") from None


def _redirect_to_bucket(rendition: Rendition) -> HttpResponse:
    """302 to a presigned URL of the bucket (no request to storage: signing is local). A cache
    may keep the redirect for a fraction of the signature's life, never past it."""
    response = HttpResponseRedirect(default_storage.url(rendition.storage_key))
    lifetime = settings.STORAGES["default"]["OPTIONS"].get("querystring_expire", 300)
    response["Cache-Control"] = f"private, max-age={max(0, int(lifetime) // 2)}"
    response["ETag"] = quote_etag(rendition_etag(rendition))
    return response


_BYTES = {"schema": {"type": "string", "contentMediaType": "application/octet-stream"}}
_NOT_FOUND_PAGE = {"text/html": {"schema": {"type": "string"}}}
OPENAPI_PATHS = {
    "/media/{key}": {"get": {
        "operationId": "media_key_get",
        "tags": ["Generic photos"],
        "summary": "A rendition's bytes (the URLs in the photo bodies); public, never changing",
        "description": "Answers the bytes, or, when the server is configured so "
                       "(`MEDIA_URLS=redirect`), a 302 to a short-lived presigned URL of the "
                       "bucket holding them. The URL itself never expires; it stops answering "
                       "when the photo is re-rendered, taken down or deleted.",
        "security": [{}],
        "parameters": [{
            "name": "key", "in": "path", "required": True,
            "description": "The rendition's storage key, as its URL shows it.",
            "schema": {"type": "string", "pattern": rf"^{KEY_RE.pattern}$"},
        }],
        "responses": {
            "200": {  # its headers and the 206/304/412/416 answers: document_conditional_requests
                "description": "The rendition, in the type recorded when it was made.",
                "content": {f"image/{kind}": _BYTES for kind in ("jpeg", "png", "gif")},
            },
            "302": {"description": "`MEDIA_URLS=redirect`: the bytes are at the presigned "
                                   "URL in `Location`, for a few minutes.",
                    "headers": {"Location": {"schema": {"type": "string", "format": "uri"},
                                             "description": "A presigned URL of the bucket."}}},
            "404": {"description": "No such rendition.", "content": _NOT_FOUND_PAGE},
        },
    }},
}


# --- the document: what serve() answers, on every operation that serves bytes -------------------
def _headers(*names: str, required: tuple = ()) -> dict:
    return {name: {"schema": {"type": "string"}, "description": _HEADER_DOCS[name],
                   **({"required": True} if name in required else {})} for name in names}


_HEADER_DOCS = {
    "Cache-Control": "The URL kind's cache policy.",
    "Content-Security-Policy": "A sandbox: the bytes opened as a page run nothing.",
    "X-Content-Type-Options": "`nosniff`: the type is the one recorded.",
    "ETag": "Strong entity tag of the bytes (the stored content hash); send it back in "
            "`If-None-Match` (304 while it holds) or `If-Range`.",
    "Last-Modified": "When the bytes were stored (none for a default photo); send it back in "
                     "`If-Modified-Since`.",
    "Accept-Ranges": "`bytes`: a single `Range` is answered 206.",
    "Content-Range": "The part sent (`bytes first-last/size`), or `bytes */size` with 416.",
}
_SERVED = ("Cache-Control", "Content-Security-Policy", "X-Content-Type-Options", "ETag",
           "Last-Modified", "Accept-Ranges")


def _serves_bytes(operation: dict) -> bool:
    content = operation.get("responses", {}).get("200", {}).get("content", {})
    return any(kind.startswith("image/") or kind in ("*/*", "application/octet-stream")
               for kind in content)


def document_conditional_requests(result, generator, request, public):
    """drf-spectacular hook: every GET that answers bytes (each is served by :func:`serve`)
    documents its validators and range support, and the 206, 304, 412 and 416 answers."""
    for item in result["paths"].values():
        operation = item.get("get")
        if operation is None or not _serves_bytes(operation):
            continue
        # new dicts: an operation may be a module's constant (OPENAPI_PATHS)
        responses = {**operation["responses"]}
        item["get"] = {**operation, "responses": responses}
        whole = responses["200"] = {**responses["200"],
                                    "headers": {**responses["200"].get("headers", {}),
                                                **_headers(*_SERVED)}}
        responses["206"] = {
            "description": "The one range the `Range` header asked for (when `If-Range`, if "
                           "sent, still names these bytes); a list of ranges is answered 200.",
            "headers": _headers(*_SERVED, "Content-Range", required=("Content-Range",)),
            "content": whole["content"],
        }
        responses["304"] = {
            "description": "`If-None-Match` matches the ETag (weak comparison; `*` matches), or, "
                           "without it, nothing changed since `If-Modified-Since`: no body.",
            "headers": _headers("Cache-Control", "ETag", "Last-Modified"),
        }
        responses["412"] = {"description": "`If-Match` or `If-Unmodified-Since` does not hold: "
                                           "no body."}
        responses["416"] = {
            "description": "The range starts past the end of the bytes: no body.",
            "headers": _headers("Cache-Control", "Content-Security-Policy",
                                "X-Content-Type-Options", "ETag", "Last-Modified",
                                "Content-Range", required=("Content-Range",)),
        }
    return result
