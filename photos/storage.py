"""Storage keys of originals and renditions, and the file operations on them.

Keys never change once written (a re-render writes new keys), so they can be served with
``Cache-Control: immutable``; keys are built only from our own IDs, never from client input.

Nothing is left behind: a key is recorded as an ``UnownedFile`` before its file is written
(:func:`stage`) and leaves that table in the transaction of the row that owns it
(:func:`adopt`); a deleted row's files are recorded in the deleting transaction
(:func:`doom`) and deleted after commit. Whatever interrupts these steps (an error, Ctrl-C, a
killed worker, a database gone mid-transaction), the sweeper deletes the recorded files whose
time has come (:func:`purge_due`), so storage ends up holding exactly the files rows point at.
"""

import errno
import hashlib
import logging
import re
import secrets
import tempfile
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.core.files.base import ContentFile, File
from django.core.files.storage import default_storage, storages
from django.db import transaction
from django.utils import timezone

from photos import errors
from photos.imaging.values import FORMATS

logger = logging.getLogger("photodesk.storage")

try:  # S3 through django-storages: connection errors are storage errors too
    from botocore.exceptions import BotoCoreError, ClientError

    STORAGE_ERRORS = (OSError, BotoCoreError, ClientError)
except ImportError:  # pragma: no cover - boto3 is in requirements.txt
    STORAGE_ERRORS = (OSError,)

FULL = (errno.ENOSPC, errno.EDQUOT)


class StagedFileLost(OSError):
    """A staged file was purged before its owner committed (an attempt that outlived the
    sweeper's deadline): the attempt must start again."""

EXTENSIONS = {fmt.mime: fmt.extension for fmt in FORMATS.values()}
CHUNK = 1024 * 1024
# every key this module makes (and Django's storage may suffix) is made of these characters
KEY_RE = re.compile(r"[A-Za-z0-9_./-]{1,300}")


def original_key(public_id: str, mime_type: str) -> str:
    return f"photos/{public_id[:2]}/{public_id}/original-{secrets.token_hex(4)}." \
           f"{EXTENSIONS.get(mime_type, 'bin')}"


def rendition_key(public_id: str, spec: str, mime_type: str) -> str:
    """Renditions have a folder of their own, ``.../renditions/``, which a bucket policy or a
    CDN can publish (``MEDIA_URLS=public``) while the originals beside them stay private; 128
    random bits make the key unguessable."""
    return f"photos/{public_id[:2]}/{public_id}/renditions/{spec}-{secrets.token_hex(16)}." \
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
    return _exact(key, stored), size, digest.hexdigest()


def _s3():
    """The default storage when it is S3 (django-storages), else None."""
    backend = storages["default"]
    return backend if hasattr(backend, "bucket") else None


def _s3_client(backend):
    """The backend's boto3 client: one per process and thread (django-storages keeps the
    resource it belongs to), unlike ``bucket.Object(name)``, which builds a resource object
    from boto3's model at every call."""
    return backend.connection.meta.client


def save_bytes(key: str, data: bytes) -> str:
    """Store ``data`` (a rendition: tens to hundreds of KB) under ``key``.

    On S3, one ``PutObject`` of the bytes: not django-storages' ``save()``, which goes through
    a resource object and boto3's transfer manager (a thread pool, for a single request)."""
    backend = _s3()
    if backend is None:
        return _exact(key, default_storage.save(key, ContentFile(data)))
    name = backend._normalize_name(key)
    _s3_client(backend).put_object(Bucket=backend.bucket_name, Key=name, Body=data,
                                   **backend._get_write_parameters(name))
    return key


def save_file(key: str, fileobj) -> str:
    """Store a Django ``File`` (an upload: a temporary file is moved, not copied) at ``key``.

    On S3 an upload spooled to disk is sent from its path: boto3 then reads each part from the
    file as it is sent, where from a file object it reads whole 8 MB parts into memory (and
    the allocator keeps them), so a 2 GB Chatter file would grow the web process."""
    path = getattr(fileobj, "temporary_file_path", None)
    backend = storages["default"]
    if path is not None and hasattr(backend, "bucket"):
        backend.bucket.Object(backend._normalize_name(key)).upload_file(
            path(), ExtraArgs=backend._get_write_parameters(key, fileobj),
            Config=backend.transfer_config)
        return key
    return _exact(key, default_storage.save(key, fileobj))


def _exact(key: str, stored: str) -> str:
    # keys are random and new: a storage that renamed the file (a collision) gets it deleted
    # and the write fails, since only ``key`` was recorded in the journal
    if stored != key:
        discard([stored])
        raise OSError(f"storage stored {key} as {stored}")
    return stored


def storage_error(exc: BaseException) -> errors.Unavailable:
    """The domain error a client sees when storage failed under its request."""
    if isinstance(exc, OSError) and exc.errno in FULL:
        return errors.StorageFull("Storage is full: the file could not be stored.")
    return errors.Unavailable("Storage is unavailable: the file could not be stored.")


def open_key(key: str):
    return default_storage.open(key, "rb")


# an original read for a render is held in memory up to this size, beyond it in a temporary file
SPOOL_IN_MEMORY = 16 * 1024 * 1024


def open_to_render(key: str):
    """``key``'s file whole, to be decoded (seeked in, read more than once): a local file, or
    on S3 the object fetched with one ``GetObject`` into a spooled temporary file (not
    django-storages' file, which asks for the object's metadata (``HEAD``) and then downloads
    it through boto3's transfer manager, a thread pool). ``FileNotFoundError`` when the key is
    not there."""
    backend = _s3()
    if backend is None:
        return open_key(key)
    try:
        body = _s3_client(backend).get_object(Bucket=backend.bucket_name,
                                              Key=backend._normalize_name(key))["Body"]
    except ClientError as exc:
        if exc.response.get("Error", {}).get("Code") in ("NoSuchKey", "404"):
            raise FileNotFoundError(f"No such file in storage: {key}") from exc
        raise
    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY,  # noqa: SIM115 - the caller closes it
                                          dir=settings.FILE_UPLOAD_TEMP_DIR)
    try:
        with body:
            while chunk := body.read(CHUNK):
                spool.write(chunk)
    except BaseException:
        spool.close()
        raise
    spool.seek(0)
    return spool


def open_to_serve(key: str, size: int | None = None):
    """``key``'s file, for :func:`photos.delivery.serve`: a seekable file whose reads fetch only
    what is read. Local files are; django-storages' S3 file downloads the whole object at the
    first read or seek, so on S3 this is an :class:`S3Reader`. With the ``size`` the database
    recorded, S3 is not asked whether the object exists (a HEAD request) before its bytes."""
    backend = storages["default"]
    if size is not None and hasattr(backend, "bucket"):
        return S3Reader(backend.bucket.Object(backend._normalize_name(key)), size)
    handle = open_key(key)
    obj = getattr(handle, "obj", None)  # an S3File: its object is loaded (HEAD) on open
    return S3Reader(obj, handle.size) if obj is not None else handle


class S3Reader:
    """An S3 object read as a file: the first read after a seek streams the object from that
    position (one GET with ``Range: bytes=position-``), so a range served costs only its bytes.
    No ``fileno``: a WSGI server's sendfile must not be tried on it."""

    def __init__(self, obj, size: int):
        self.obj, self.size, self.position, self.body = obj, size, 0, None

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self.position

    def seek(self, offset: int, whence: int = 0) -> int:
        position = (0, self.position, self.size)[whence] + offset
        if position != self.position:
            self._drop()
            self.position = max(0, position)
        return self.position

    def read(self, size: int = -1) -> bytes:
        if self.position >= self.size:
            return b""
        if self.body is None:
            self.body = self.obj.get(Range=f"bytes={self.position}-")["Body"]
        data = self.body.read(None if size is None or size < 0 else size)
        self.position += len(data)
        return data

    def _drop(self) -> None:
        if self.body is not None:
            self.body.close()
            self.body = None

    def close(self) -> None:
        self._drop()


# --- the journal of files no row owns (photos.models.UnownedFile) -------------------------------
def stage(keys) -> None:
    """Record ``keys`` before their files are written; the sweeper deletes them unless they are
    adopted before ``PHOTO_STUCK_AFTER_SECONDS`` (longer than any render may run)."""
    from photos.models import UnownedFile

    until = timezone.now() + timedelta(seconds=settings.PHOTO_STUCK_AFTER_SECONDS)
    UnownedFile.objects.bulk_create([UnownedFile(key=key, delete_after=until) for key in keys])


def adopt(keys) -> None:
    """In the transaction that saves the rows owning ``keys``: they are no longer unowned.
    Raises ``StagedFileLost`` when the sweeper has taken one meanwhile."""
    from photos.models import UnownedFile

    keys = set(keys)
    if not keys:
        return
    deleted, _ = UnownedFile.objects.filter(key__in=keys).delete()
    if deleted != len(keys):
        raise StagedFileLost(f"{len(keys) - deleted} staged file(s) were purged meanwhile")


def doom(keys) -> None:
    """In the transaction that deletes the rows owning ``keys``: their files go once it commits
    (and, should that deletion fail, at the sweeper's next run)."""
    from photos.models import UnownedFile

    keys = [key for key in keys if key]
    if not keys:
        return
    now = timezone.now()
    UnownedFile.objects.bulk_create([UnownedFile(key=key, delete_after=now) for key in keys],
                                    ignore_conflicts=True)
    transaction.on_commit(partial(discard, keys), robust=True)


def discard(keys) -> list[str]:
    """Delete the files of ``keys`` now and forget those deleted; never raises (what fails stays
    recorded for the sweeper). Returns the keys deleted."""
    from photos.models import UnownedFile

    gone, backend = [], _s3()
    for key in keys:
        if not key:
            continue
        try:  # a file already gone is not an error (S3 answers 204 for any key)
            if backend is None:
                default_storage.delete(key)
            else:  # the process's client: no resource object built for each key
                _s3_client(backend).delete_object(Bucket=backend.bucket_name,
                                                  Key=backend._normalize_name(key))
        except FileNotFoundError:
            pass
        except Exception as exc:  # storage down: the journal keeps the key
            logger.warning("could not delete %s from storage: %s: %s", key,
                           type(exc).__name__, exc)
            continue
        gone.append(key)
    if gone:
        try:
            UnownedFile.objects.filter(key__in=gone).delete()
        except Exception as exc:  # the database is down: the sweeper deletes them again
            logger.warning("could not forget %d deleted file(s): %s: %s", len(gone),
                           type(exc).__name__, exc)
    return gone


def purge_due(now=None, limit: int = 1000) -> int:
    """Delete the recorded files whose time has come (the sweeper's job); how many went."""
    from photos.models import UnownedFile

    now = now or timezone.now()
    keys = list(UnownedFile.objects.filter(delete_after__lte=now).order_by("delete_after")
                .values_list("key", flat=True)[:limit])
    return len(discard(keys))
