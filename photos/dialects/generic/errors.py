"""The generic photo API (seed 001) says only "a relevant error message": we answer
``{"success": false, "error": {"code", "message"}}`` with a fitting HTTP status, mirroring its
``{"success": true}``; the message is the error's own. Rows only: ``views.py`` renders them."""

from typing import NamedTuple

from photos import errors
from photos.dialects.base import ErrorTable


class Row(NamedTuple):
    status: int
    code: str


TABLE = ErrorTable({
    errors.DomainError: Row(400, "invalid_input"),
    errors.NotAuthenticated: Row(401, "unauthorized"),
    errors.ScopeMissing: Row(403, "missing_permission"),
    errors.PermissionDenied: Row(403, "forbidden"),
    errors.NotFound: Row(404, "not_found"),
    errors.MethodNotAllowed: Row(405, "method_not_allowed"),
    errors.PhotoTooLarge: Row(413, "photo_too_large"),
    errors.UnsupportedFormat: Row(415, "unsupported_format"),
    errors.CorruptImage: Row(400, "corrupt_image"),
    errors.CropOutOfBounds: Row(400, "crop_out_of_bounds"),
    errors.LimitReached: Row(400, "limit_reached"),
    errors.Throttled: Row(429, "too_many_requests"),  # with Retry-After
    errors.InvalidInput: Row(400, "invalid_input"),
    errors.StorageFull: Row(507, "insufficient_storage"),
    errors.Unavailable: Row(503, "unavailable"),
    errors.InternalError: Row(500, "internal_error"),
})

