"""Zoho CRM / Bigin error body: ``{"code", "details", "message", "status": "error"}``.

One table from domain error to Zoho's status, code, message and details. Statuses may depend
on the product (Bigin answers 415 where CRM answers 400 for an oversized photo); views pass
their product by deriving from ``APIView`` and setting ``product``.

Choices where Zoho's documentation is silent (written down here, tested in tests/records):
- a file that is not PNG, JPEG, GIF or BMP (WebP included, though the photo engine takes it),
  an empty file, or a damaged image: 400 ``INVALID_DATA`` naming the ``file`` parameter and
  the accepted formats;
- a missing mandatory parameter (no ``file`` part): 400 ``REQUIRED_PARAM_MISSING``;
- an expired token is an invalid one: 401 ``INVALID_TOKEN``;
- storage that is full or unreachable: 503 ``SERVICE_UNAVAILABLE`` with ``Retry-After``.
"""

from functools import cache

from photos import errors
from photos.dialects.base import make_handler, make_view_class

CRM, BIGIN = "crm", "bigin"
ALLOWED_FORMATS = ["PNG", "JPEG", "JPG", "GIF", "BMP"]

# reason (set by the records app's errors) -> (status, code, message or None for the error's own)
REASONS = {
    "module_unknown": (400, "INVALID_MODULE", "the module name given seems to be invalid"),
    "module_not_in_api": (400, "INVALID_MODULE", "the given module is not supported in api"),
    "record_unknown": (400, "INVALID_DATA", "the related id given seems to be invalid"),
    "privilege": (400, "AUTHORIZATION_FAILED", None),
    "no_photo": (400, "INVALID_DATA", "No such photo exists"),
    "param_missing": (400, "REQUIRED_PARAM_MISSING", "One of the expected parameter is missing"),
    "field_invalid": (400, "INVALID_DATA", None),
}
# which part of the path after /crm/v2/ was wrong, as Zoho reports it
PATH_INDEX = {"module_unknown": 0, "module_not_in_api": 0, "record_unknown": 1}

FILE_SIZE_STATUS = {CRM: 400, BIGIN: 415}


def body(code: str, message: str, details: dict | None = None, status: str = "error") -> dict:
    return {"code": code, "details": details or {}, "message": message, "status": status}


def render(error: errors.DomainError, product: str | None = None) -> tuple[int, dict]:
    details = error.details
    reason = details.get("reason")
    if reason in REASONS:
        status, code, message = REASONS[reason]
        extra = {}
        if reason in PATH_INDEX:
            extra["resource_path_index"] = PATH_INDEX[reason]
        if "param" in details:
            extra["param_name"] = details["param"]
        if "api_name" in details:
            extra["api_name"] = details["api_name"]
        return status, body(code, message or error.message, extra)
    match error:
        case errors.NotAuthenticated():
            if details.get("reason") == "missing":
                return 401, body("AUTHENTICATION_FAILURE", "Authentication failed")
            return 401, body("INVALID_TOKEN", "invalid oauth token")
        case errors.ScopeMissing():
            return 401, body("OAUTH_SCOPE_MISMATCH", "invalid oauth scope to access this URL")
        case errors.PermissionDenied():
            return 403, body("NO_PERMISSION", error.message or "permission denied")
        case errors.NotFound():
            return 404, body("INVALID_URL_PATTERN",
                             "Please check if the URL trying to access is a correct one")
        case errors.MethodNotAllowed():
            return 400, body("INVALID_REQUEST_METHOD",
                             "The http request method type is not a valid one")
        case errors.PhotoTooLarge():
            return FILE_SIZE_STATUS.get(product, 400), body(
                "FILE_SIZE_MORE_THAN_ALLOWED_SIZE",
                "please check if the file size is in the correct range")
        case errors.UnsupportedFormat():
            return 400, body(
                "INVALID_DATA",
                "the file format is not supported; the allowed image formats are PNG, JPEG, "
                "JPG, GIF and BMP",
                {"param_name": "file", "supported_formats": ALLOWED_FORMATS})
        case errors.CorruptImage():
            return 400, body("INVALID_DATA", "the file is not a valid image or is incomplete",
                             {"param_name": "file"})
        case errors.LimitReached():
            return 400, body("LIMIT_EXCEEDED", error.message)
        case errors.Unavailable():
            return 503, body("SERVICE_UNAVAILABLE", "the service is temporarily unavailable; "
                             "please retry later")
        case errors.InternalError():
            return 500, body("INTERNAL_ERROR", "Internal Server Error")
    return 400, body("INVALID_DATA", error.message)


@cache
def handler_for(product: str | None):
    return make_handler(lambda error: render(error, product))


_Base, handler = make_view_class("ZohoAPIView", render)


class APIView(_Base):
    """Base of the Zoho views: errors in Zoho's body, with the statuses of ``product``."""

    product: str | None = None

    def get_exception_handler(self):
        return handler_for(self.product)
