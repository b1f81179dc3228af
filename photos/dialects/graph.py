"""Graph API error body: ``{"error": {"message", "type", "code"}}``."""

from photos import errors
from photos.dialects.base import make_view_class


def render(error: errors.DomainError) -> tuple[int, dict]:
    details = error.details
    if "graph_code" in details:
        status, kind, code = details.get("status", 400), details.get("type"), details["graph_code"]
        return status, _body(error.message, kind or "OAuthException", code)
    match error:
        case errors.NotAuthenticated():
            if details.get("reason") == "missing":
                return 400, _body("An access token is required to request this resource.",
                                  "OAuthException", 104)
            return 400, _body("Invalid OAuth access token.", "OAuthException", 190)
        case errors.PermissionDenied():
            return 403, _body(error.message or "Permissions error", "OAuthException", 200)
        case errors.NotFound():
            return 404, _body(error.message if error.details else "Unsupported get request.",
                              "GraphMethodException", 100)
        case errors.MethodNotAllowed():
            return 400, _body("Unsupported method.", "GraphMethodException", 100)
        case errors.LimitReached():
            return 400, _body(error.message, "OAuthException", 321)
        case errors.InternalError():
            return 500, _body("An unexpected error has occurred. Please retry your request "
                              "later.", "OAuthException", 2)
    return 400, _body(error.message, "OAuthException", 100)


def _body(message: str, kind: str, code: int) -> dict:
    return {"error": {"message": message, "type": kind, "code": code}}


APIView, handler = make_view_class("GraphAPIView", render)
