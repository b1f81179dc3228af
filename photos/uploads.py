"""Request bodies bounded for every dialect: a multipart body larger than its endpoint takes is
refused unread, file parts are counted (and hashed) as they arrive and stopped past the limit.

Each dialect's base view (``photos.dialects.base``) calls :func:`install` before anything,
authentication included, can read the body, with the largest file the endpoint takes (its
``upload_limit()``; ``DATA_UPLOAD_MAX_MEMORY_SIZE`` for an endpoint that takes no upload). Then,
whoever parses the body first (the token lookup of a form ``access_token``, or the view):

- a declared ``Content-Length`` over that limit plus :data:`MULTIPART_SLACK` is refused before
  one byte of the body is read (``FileTooLarge``, which each dialect renders);
- a file part that passes the limit anyway stops the upload: its temporary file is closed (so
  deleted), the rest of the body (no longer than declared, so bounded) is read and dropped so
  that the client still receives the error, and ``FileTooLarge`` is raised;
- a body that ends inside a file part is refused as truncated.

A body of unknown length (``Transfer-Encoding: chunked`` without ``Content-Length``) is never
read: under WSGI Django reads it as empty. :func:`refuse_unknown_length` answers it.
"""

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload, load_handler

from photos import errors

# Multipart framing around a file at the size limit (boundaries, part headers, small fields):
# a declared body larger than the limit plus this cannot hold an acceptable file.
MULTIPART_SLACK = 256 * 1024


@dataclass(frozen=True)
class Received:
    """What was measured while a file part streamed in."""

    field_name: str
    file_name: str
    content_type: str
    size: int
    md5: str


class StreamingLimit(FileUploadHandler):
    def __init__(self, request=None, max_bytes: int = 0):
        super().__init__(request)
        self.max_bytes = max_bytes
        self.exceeded: str | None = None  # the field name of the part that passed the limit
        self.interrupted = False  # the body ended inside a file part (truncated)
        self.received: dict[str, list[Received]] = {}
        self._digest = None
        self._size = 0

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        # called by Django's multipart parser before it reads anything
        if content_length > self.max_bytes + MULTIPART_SLACK:
            raise errors.FileTooLarge(
                f"The request body is {content_length} bytes: too large for the size limit of "
                f"{self.max_bytes} bytes.", size=content_length, limit=self.max_bytes)

    def new_file(self, field_name, file_name, content_type, content_length, charset=None,
                 content_type_extra=None):
        super().new_file(field_name, file_name, content_type, content_length, charset,
                         content_type_extra)
        self._digest = hashlib.md5(usedforsecurity=False)  # Salesforce's checksum is MD5
        self._size = 0

    def receive_data_chunk(self, raw_data, start):
        self._size += len(raw_data)
        if self._size > self.max_bytes:
            self.exceeded = self.field_name
            # the multipart parser closes (so deletes) the partial file and drains the body
            raise StopUpload(connection_reset=False)
        self._digest.update(raw_data)
        return raw_data  # the next handler keeps the bytes

    def file_complete(self, file_size):
        self.received.setdefault(self.field_name, []).append(Received(
            field_name=self.field_name, file_name=self.file_name or "",
            content_type=self.content_type or "", size=self._size,
            md5=self._digest.hexdigest()))
        return None  # the next handler returns the file object

    def upload_interrupted(self):
        self.interrupted = True

    def upload_complete(self):
        # called once the body is read (drained after a stop): whoever parsed it gets the error
        if self.exceeded:
            raise errors.FileTooLarge(
                f"The file exceeds the size limit of {self.max_bytes} bytes.",
                limit=self.max_bytes)
        if self.interrupted:
            raise errors.InvalidInput("The multipart body ends inside a file: it is truncated.")

    def measured(self, field_name: str, index: int = 0) -> Received | None:
        """What was measured for ``request.FILES.getlist(field_name)[index]`` (both lists are
        in the order the parts arrived)."""
        received = self.received.get(field_name, ())
        return received[index] if index < len(received) else None


def install(request, max_bytes: int) -> StreamingLimit:
    """Put a :class:`StreamingLimit` in front of the configured handlers of ``request`` (a Django
    HttpRequest whose body has not been read yet)."""
    limit = StreamingLimit(request, max_bytes)
    request.upload_handlers = [limit] + [
        load_handler(path, request) for path in settings.FILE_UPLOAD_HANDLERS]
    return limit


def refuse_unknown_length(request) -> None:
    """A body sent without a Content-Length (chunked) is refused rather than read as empty."""
    meta = request.META
    if meta.get("HTTP_TRANSFER_ENCODING") and not meta.get("CONTENT_LENGTH"):
        raise errors.InvalidInput(
            "The request body has no Content-Length (Transfer-Encoding: chunked): send its "
            "length.")
