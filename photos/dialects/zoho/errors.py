"""Zoho CRM / Bigin error body: ``{"code", "details", "message", "status": "error"}``.

One table from domain error to Zoho's status, code, message and details (rows only: the base
view in ``views.py`` renders them). Statuses may depend on the product (Bigin answers 415 where
CRM answers 400 for an oversized photo): ``TABLES`` holds a product's variant, and a view picks
it by its ``product``.

Choices where Zoho's documentation is silent (written down here, tested in tests/records):
- a file that is not PNG, JPEG, GIF or BMP (WebP included, though the photo engine takes it),
  an empty file, or a damaged image: 400 ``INVALID_DATA`` naming the ``file`` parameter and
  the accepted formats;
- a missing mandatory parameter (no ``file`` part): 400 ``REQUIRED_PARAM_MISSING``;
- an expired token is an invalid one: 401 ``INVALID_TOKEN``;
- storage that is full or unreachable: 503 ``SERVICE_UNAVAILABLE`` with ``Retry-After``;
- a call over its rate: 429 ``TOO_MANY_REQUESTS`` (Zoho's answer over its API and concurrency
  limits), with ``Retry-After``.
"""

from typing import NamedTuple

from photos import errors
from photos.dialects.base import OWN, ErrorTable
from photos.dialects.zoho.params import BIGIN, PHOTO_FORMATS
from photos.imaging import names_with_aliases

ALLOWED_FORMATS = names_with_aliases(PHOTO_FORMATS)  # Zoho lists JPG beside JPEG


class Row(NamedTuple):
    status: int
    code: str
    message: object  # text, or a function of the error (OWN: its own message)
    details: object = None  # a dict, or a function of the error giving one


# which part of the path after /crm/v2/ was wrong, as Zoho reports it
MODULE_IN_PATH, RECORD_IN_PATH = {"resource_path_index": 0}, {"resource_path_index": 1}


def module_named(error) -> dict:
    """Where the unknown module was named: the path, or a parameter (``?module=``)."""
    return {"param_name": error.param} if error.param else MODULE_IN_PATH


FILE_SIZE = "please check if the file size is in the correct range"

TABLE = ErrorTable({
    errors.DomainError: Row(400, "INVALID_DATA", OWN),
    errors.TokenMissing: Row(401, "AUTHENTICATION_FAILURE", "Authentication failed"),
    errors.NotAuthenticated: Row(401, "INVALID_TOKEN", "invalid oauth token"),
    errors.ScopeMissing: Row(401, "OAUTH_SCOPE_MISMATCH",
                             "invalid oauth scope to access this URL"),
    errors.PermissionDenied: Row(403, "NO_PERMISSION", OWN),
    errors.RecordChangeDenied: Row(403, "NO_PERMISSION",
                                   lambda error: f"Permission denied to {error.action} photo"),
    errors.PrivilegeMissing: Row(400, "AUTHORIZATION_FAILED", lambda error: (
        f"User does not have sufficient privilege to {error.action} photo")),
    errors.NotFound: Row(404, "INVALID_URL_PATTERN",
                         "Please check if the URL trying to access is a correct one"),
    errors.ModuleUnknown: Row(400, "INVALID_MODULE", "the module name given seems to be invalid",
                              module_named),
    errors.ModuleNotInAPI: Row(400, "INVALID_MODULE", "the given module is not supported in api",
                               module_named),
    errors.RecordUnknown: Row(400, "INVALID_DATA", "the related id given seems to be invalid",
                              RECORD_IN_PATH),
    errors.NoPhoto: Row(400, "INVALID_DATA", "No such photo exists"),
    errors.ParamMissing: Row(400, "REQUIRED_PARAM_MISSING",
                             "One of the expected parameter is missing",
                             lambda error: {"param_name": error.param}),
    errors.FieldInvalid: Row(400, "INVALID_DATA", OWN, lambda error: {"api_name": error.field}),
    errors.MethodNotAllowed: Row(400, "INVALID_REQUEST_METHOD",
                                 "The http request method type is not a valid one"),
    errors.PhotoTooLarge: Row(400, "FILE_SIZE_MORE_THAN_ALLOWED_SIZE", FILE_SIZE),
    errors.UnsupportedFormat: Row(
        400, "INVALID_DATA",
        "the file format is not supported; the allowed image formats are "
        f"{', '.join(ALLOWED_FORMATS[:-1])} and {ALLOWED_FORMATS[-1]}",
        {"param_name": "file", "supported_formats": ALLOWED_FORMATS}),
    errors.CorruptImage: Row(400, "INVALID_DATA", "the file is not a valid image or is incomplete",
                             {"param_name": "file"}),
    errors.LimitReached: Row(400, "LIMIT_EXCEEDED", OWN),
    errors.Throttled: Row(429, "TOO_MANY_REQUESTS",
                          "too many requests. please try again after some time", {}),
    errors.Unavailable: Row(503, "SERVICE_UNAVAILABLE",
                            "the service is temporarily unavailable; please retry later"),
    errors.InternalError: Row(500, "INTERNAL_ERROR", "Internal Server Error"),
})
# Bigin answers 415 where CRM answers 400 for an oversized photo
TABLES = {BIGIN: TABLE.with_rows({
    errors.PhotoTooLarge: Row(415, "FILE_SIZE_MORE_THAN_ALLOWED_SIZE", FILE_SIZE)})}

