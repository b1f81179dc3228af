"""Domain errors: typed exceptions raised by services and by the imaging pipeline.

Pure Python (no Django import) so that ``photos.imaging`` can raise them. Each API dialect maps
them to its own status code and body in ``photos/dialects/<dialect>.py``; no view builds an
error body by hand.
"""


class DomainError(Exception):
    """Base of every error a dialect knows how to render."""

    def __init__(self, message: str = "", **details):
        super().__init__(message or self.__class__.__doc__ or self.__class__.__name__)
        self.message = message or (self.__class__.__doc__ or "").strip()
        self.details = details


# --- the photo itself -------------------------------------------------------------------------
class ImageError(DomainError):
    """The uploaded image cannot be used."""


class UnsupportedFormat(ImageError):
    """The file is not an image of an accepted format."""


class CorruptImage(ImageError):
    """The image is truncated or corrupt."""


class PhotoTooLarge(ImageError):
    """The image exceeds the allowed size."""


class FileTooLarge(PhotoTooLarge):
    """The file exceeds the allowed number of bytes."""


class TooManyPixels(PhotoTooLarge):
    """The image exceeds the allowed number of pixels."""


class DecompressionBomb(TooManyPixels):
    """The image declares far more pixels than its file could honestly hold."""


class CropOutOfBounds(ImageError):
    """The crop square leaves the image."""


# --- everything else --------------------------------------------------------------------------
class NotFound(DomainError):
    """The requested resource does not exist."""


class PermissionDenied(DomainError):
    """The caller may not do this."""


class ScopeMissing(PermissionDenied):
    """The token lacks a scope this operation needs."""


class NotAuthenticated(DomainError):
    """No valid access token was given."""


class InvalidInput(DomainError):
    """A parameter is missing or malformed."""


class LimitReached(DomainError):
    """A container is full (an album at its photo limit, too many tags)."""


class MethodNotAllowed(DomainError):
    """The HTTP method is not valid for this resource."""

    def __init__(self, message: str = "", method: str = "", allowed=(), **details):
        super().__init__(message, method=method, allowed=tuple(allowed), **details)


class Unavailable(DomainError):
    """A service Photodesk needs (storage, the database) is unavailable: try again later."""

    def __init__(self, message: str = "", retry_after: int = 30, **details):
        super().__init__(message, retry_after=retry_after, **details)


class StorageFull(Unavailable):
    """Storage has no room left for the file."""


class InternalError(DomainError):
    """An unexpected error; its cause is logged, never shown."""


class OutboundRefused(InvalidInput):
    """The URL may not be fetched: its scheme, or an address it leads to, is not allowed."""
