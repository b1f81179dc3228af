"""Streaming multipart uploads: size limit enforced while the bytes arrive, MD5 taken on the way.

:class:`StreamingLimit` goes first in the request's upload handler chain. It sees every chunk
of every file part before Django's own handlers (memory for small parts, a temporary file for
the rest) keep it, counts and hashes it, and stops the upload as soon as a part passes the
limit: the temporary file is closed (so deleted) and the rest of the body is read and dropped
without being kept, so neither memory, temporary storage nor storage ever holds an oversized
file, and the client still receives the error body.
"""

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload, load_handler


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
