"""Salesforce error body: a JSON array of ``{"errorCode", "message"}``."""

from photos import errors
from photos.dialects.base import make_view_class


def render(error: errors.DomainError) -> tuple[int, list]:
    status, code, message = _classify(error)
    return status, [{"errorCode": code, "message": message}]


def _classify(error):
    details = error.details
    if "error_code" in details:  # a dialect view chose Salesforce's exact code
        return details.get("status", 400), details["error_code"], error.message
    match error:
        case errors.NotAuthenticated():
            return 401, "INVALID_SESSION_ID", "Session expired or invalid"
        case errors.PermissionDenied():
            return 403, "INSUFFICIENT_ACCESS", error.message
        case errors.NotFound():
            return 404, "NOT_FOUND", "The requested resource does not exist"
        case errors.MethodNotAllowed():
            allowed = ",".join(details.get("allowed", ()))
            return 405, "METHOD_NOT_ALLOWED", (
                f"HTTP Method '{details.get('method', '')}' not allowed. Allowed are {allowed}"
            )
        case errors.ImageError() | errors.InvalidInput() | errors.LimitReached():
            return 400, "INVALID_INPUT", error.message
        case errors.InternalError():
            return 500, "UNKNOWN_EXCEPTION", (
                "An unexpected error occurred. Please include this ErrorId if you contact "
                f"support: {details.get('error_id', '')}"
            )
    return 400, "INVALID_INPUT", error.message


APIView, handler = make_view_class("ChatterAPIView", render)
