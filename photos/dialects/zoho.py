"""Zoho CRM / Bigin error body: ``{"code", "details", "message", "status": "error"}``."""

from photos import errors
from photos.dialects.base import make_view_class


def body(code: str, message: str, details: dict | None = None, status: str = "error") -> dict:
    return {"code": code, "details": details or {}, "message": message, "status": status}


def render(error: errors.DomainError) -> tuple[int, dict]:
    details = error.details
    if "zoho_code" in details:  # a records view chose Zoho's exact code
        return details.get("status", 400), body(
            details["zoho_code"], error.message, details.get("zoho_details")
        )
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
            return 400, body("FILE_SIZE_MORE_THAN_ALLOWED_SIZE",
                             "please check if the file size is in the correct range")
        case errors.InternalError():
            return 500, body("INTERNAL_ERROR", "Internal Server Error")
    return 400, body("INVALID_DATA", error.message)


APIView, handler = make_view_class("ZohoAPIView", render)
