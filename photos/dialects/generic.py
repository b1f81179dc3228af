"""The generic photo API (seed 001) says only "a relevant error message": we answer
``{"success": false, "error": {"code", "message"}}`` with a fitting HTTP status, mirroring its
``{"success": true}``."""

from photos import errors
from photos.dialects.base import make_view_class

TABLE = [
    (errors.NotAuthenticated, 401, "unauthorized"),
    (errors.ScopeMissing, 403, "missing_permission"),
    (errors.PermissionDenied, 403, "forbidden"),
    (errors.NotFound, 404, "not_found"),
    (errors.MethodNotAllowed, 405, "method_not_allowed"),
    (errors.PhotoTooLarge, 413, "photo_too_large"),
    (errors.UnsupportedFormat, 415, "unsupported_format"),
    (errors.CorruptImage, 400, "corrupt_image"),
    (errors.CropOutOfBounds, 400, "crop_out_of_bounds"),
    (errors.LimitReached, 400, "limit_reached"),
    (errors.InvalidInput, 400, "invalid_input"),
    (errors.StorageFull, 507, "insufficient_storage"),
    (errors.Unavailable, 503, "unavailable"),
    (errors.InternalError, 500, "internal_error"),
]


def render(error: errors.DomainError) -> tuple[int, dict]:
    status, code = next(
        ((status, code) for kind, status, code in TABLE if isinstance(error, kind)),
        (400, "invalid_input"),
    )
    return status, {"success": False, "error": {"code": code, "message": error.message}}


APIView, handler = make_view_class("GenericAPIView", render)
