"""Stored files a photo can be made from, besides an upload (Chatter's "photo from fileId").

The app that owns files registers how to open one of its versions for a caller (as target
types register in ``photos.targets``), so the apps that set photos ask here and never import
it: ``groups`` and ``files`` stay apart, and ``photos`` imports neither.
"""

from collections.abc import Callable
from contextlib import AbstractContextManager

from photos import errors

# (principal, file pk, version number or None) -> a context manager giving (binary file, name);
# NotFound when the file or the version does not exist for that caller
Opener = Callable[[object, int, int | None], AbstractContextManager]

_OPENERS: list[Opener] = []


def register(opener: Opener) -> None:
    """Make ``opener`` the way to open stored files; call it from an ``AppConfig.ready()``."""
    _OPENERS[:] = [opener]


def open_file(principal, pk: int, number: int | None = None) -> AbstractContextManager:
    """The content and name of version ``number`` (the newest when None) of file ``pk``, as
    ``principal`` may see it."""
    if not _OPENERS:
        raise errors.NotFound()  # no app keeps files: there is no such file
    return _OPENERS[0](principal, pk, number)
