"""Operations on files: store an upload as a new file or a new version, open, delete.

Content goes to storage before the row that names it is committed, recorded first in the photo
engine's journal of unowned files (``photos.storage``): when anything fails or interrupts the
upload, the stored content is deleted again (by the sweeper if the process died), and a deleted
version's content leaves storage once the deletion commits. Storage that is full or unreachable
is ``Unavailable`` (503), not a 500.
"""

import mimetypes
import re
import secrets
from contextlib import contextmanager
from pathlib import PurePosixPath

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from files import permissions
from files.models import File, FileVersion
from photos import errors, storage
from photos.uploads import Received

_EXTENSION = re.compile(r"[A-Za-z0-9]{1,20}")
_MIME = re.compile(r"[a-z0-9][a-z0-9!#$&^_.+-]{0,62}/[a-z0-9][a-z0-9!#$&^_.+-]{0,62}")


def content_key() -> str:
    """A storage key made only of our own random characters, never of client input."""
    token = secrets.token_hex(16)
    return f"files/{token[:2]}/{token}"


def describe_name(file_name: str, content_type: str) -> tuple[str, str, str]:
    """``(title, extension, mime type)`` of an upload named ``file_name``.

    As Salesforce does, the type follows the name's extension; the part's own Content-Type is
    used only when the extension says nothing.
    """
    path = PurePosixPath(file_name or "")
    suffix = path.suffix[1:]
    extension = suffix.lower() if _EXTENSION.fullmatch(suffix) else ""
    title = (path.stem if extension else path.name) or "Untitled"
    mime = mimetypes.guess_type(f"x.{extension}")[0] if extension else None
    if mime is None:
        candidate = (content_type or "").split(";")[0].strip().lower()
        mime = candidate if _MIME.fullmatch(candidate) else "application/octet-stream"
    return title[:255], extension, mime


def create_file(uploaded, received: Received, *, owner, workspace=None, title: str = "",
                description: str = "") -> FileVersion:
    """A new file whose first version holds ``uploaded`` (a Django UploadedFile)."""
    return _store(None, uploaded, received, user=owner, workspace=workspace, title=title,
                  description=description)


def add_version(file: File, uploaded, received: Received, *, user, title: str = "",
                description: str = "") -> FileVersion:
    """A new version of ``file``; without a title it keeps the current one."""
    return _store(file, uploaded, received, user=user, title=title, description=description)


def _store(file, uploaded, received, *, user, workspace=None, title="", description=""):
    if received.size == 0:
        raise errors.InvalidInput("The file is empty.")
    default_title, extension, mime = describe_name(received.file_name, received.content_type)
    # Django streams to storage: a temporary file is moved into place, anything else is copied
    # in chunks; nothing is read whole into memory
    key = content_key()
    try:
        storage.stage([key])
        try:
            storage.save_file(key, uploaded)
        except storage.STORAGE_ERRORS as exc:
            raise storage.storage_error(exc) from exc
        with transaction.atomic():
            if file is None:
                file = File.objects.create(owner=user, workspace=workspace)
            file = File.objects.select_for_update().get(pk=file.pk)
            previous = file.version()
            if not title:
                title = previous.title if previous is not None else default_title
            if not description and previous is not None:
                description = previous.description
            version = FileVersion.objects.create(
                file=file, number=file.latest_number + 1, title=title[:255],
                description=description, file_name=received.file_name[:255],
                extension=extension, mime_type=mime, byte_size=received.size,
                checksum=received.md5, storage_key=key, created_by=user)
            file.latest_number = version.number
            file.save(update_fields=["latest_number", "updated_at"])
            storage.adopt([key])
    except BaseException:
        storage.discard([key])  # a partial file included
        raise
    return version


def open_content(version: FileVersion):
    """The version's content as a binary file object (the caller closes it)."""
    try:
        return storage.open_key(version.storage_key)
    except FileNotFoundError:
        raise errors.NotFound("The file's content is missing.") from None


@contextmanager
def open_for_photo(principal, pk: int, number: int | None = None):
    """``(content, title)`` of version ``number`` of file ``pk``, when ``principal`` may read it
    (registered in ``photos.file_sources``: a group or user photo made from a file)."""
    file = File.objects.filter(pk=pk).first()
    if file is None or not permissions.can_read(principal, file):
        raise errors.NotFound()
    version = file.version(number)
    if version is None:
        raise errors.NotFound()
    with open_content(version) as content:
        yield content, version.title


def delete_file(file: File) -> None:
    """Delete the file and every version; their content leaves storage after commit."""
    file.delete()


@receiver(post_delete, sender=FileVersion)
def _delete_content(sender, instance, **kwargs):
    storage.doom([instance.storage_key])
