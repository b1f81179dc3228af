"""Storage keys of originals and renditions, and the file operations on them.

Keys never change once written (a re-render writes new keys), so they can be served with
``Cache-Control: immutable``; keys are built only from our own IDs, never from client input.
"""

import hashlib
import re
import secrets
from contextlib import suppress

from django.core.files.base import ContentFile, File
from django.core.files.storage import default_storage

EXTENSIONS = {
    "image/jpeg": "jpg", "image/png": "png", "image/gif": "gif", "image/bmp": "bmp",
    "image/webp": "webp",
}
CHUNK = 1024 * 1024
# every key this module makes (and Django's storage may suffix) is made of these characters
KEY_RE = re.compile(r"[A-Za-z0-9_./-]{1,300}")


def original_key(public_id: str, mime_type: str) -> str:
    return f"photos/{public_id[:2]}/{public_id}/original-{secrets.token_hex(4)}." \
           f"{EXTENSIONS.get(mime_type, 'bin')}"


def rendition_key(public_id: str, spec: str, mime_type: str) -> str:
    return f"photos/{public_id[:2]}/{public_id}/{spec}-{secrets.token_hex(6)}." \
           f"{EXTENSIONS[mime_type]}"


def save_stream(key: str, fileobj) -> tuple[str, int, str]:
    """Store ``fileobj`` (from its start) under ``key``: ``(key, byte size, sha256 hex)``.

    Hashes in chunks while storage reads in chunks; nothing is held whole in memory.
    """
    digest, size = hashlib.sha256(), 0
    fileobj.seek(0)
    while chunk := fileobj.read(CHUNK):
        digest.update(chunk)
        size += len(chunk)
    fileobj.seek(0)
    stored = default_storage.save(key, File(fileobj, name=key.rsplit("/", 1)[-1]))
    return stored, size, digest.hexdigest()


def save_bytes(key: str, data: bytes) -> str:
    return default_storage.save(key, ContentFile(data))


def open_key(key: str):
    return default_storage.open(key, "rb")


def delete_keys(keys) -> None:
    """Best effort: a file already gone is not an error."""
    for key in keys:
        if key:
            with suppress(FileNotFoundError):
                default_storage.delete(key)
