"""Graph API error body: ``{"error": {"message", "type", "code"}}`` (plus ``error_subcode`` where
Graph gives one).

Codes as Graph gives them: 104 no token, 2500 no token on ``/me``, 190 invalid or expired token
(subcode 463 when expired), 10 a missing read permission, 200 a missing publishing permission or
an action on someone else's object, 100 an unknown or invisible object ("Unsupported get
request.", ``GraphMethodException``) and bad parameters, 321 a full album, 324 a missing or
unusable image file, 4 throttled, 2 an unexpected error (503 with ``Retry-After`` when a
service such as storage is unavailable). Coded messages start with ``(#code)``
like Graph's own.
"""

from photos import errors
from photos.dialects.base import make_view_class

READ_SCOPES = ("user_photos", "friends_photos")


def render(error: errors.DomainError) -> tuple[int, dict]:
    details = error.details
    if "graph_code" in details:
        status, kind, code = details.get("status", 400), details.get("type"), details["graph_code"]
        return status, _body(error.message, kind or "OAuthException", code)
    match error:
        case errors.NotAuthenticated():
            if details.get("reason") == "missing":
                if details.get("me"):
                    return 400, _body("An active access token must be used to query "
                                      "information about the current user.",
                                      "OAuthException", 2500)
                return 400, _body("An access token is required to request this resource.",
                                  "OAuthException", 104)
            if details.get("reason") == "expired":
                return 400, _body("Error validating access token: Session has expired.",
                                  "OAuthException", 190, subcode=463)
            return 400, _body("Invalid OAuth access token.", "OAuthException", 190)
        case errors.ScopeMissing():
            scope = details.get("scope", "")
            code = 10 if scope in READ_SCOPES else 200
            return 403, _body(f"(#{code}) Requires extended permission: {scope}",
                              "OAuthException", code)
        case errors.PermissionDenied():
            return 403, _body(f"(#200) {error.message or 'Permissions error'}",
                              "OAuthException", 200)
        case errors.NotFound() | errors.MethodNotAllowed():
            method = (details.get("method") or "get").lower()
            return 400, _body(f"Unsupported {method} request.", "GraphMethodException", 100)
        case errors.LimitReached():
            if details.get("throttled"):
                return 400, _body("(#4) Application request limit reached", "OAuthException", 4)
            if details.get("kind") == "album":
                return 400, _body("(#321) Album is full", "OAuthException", 321)
            return 400, _body(f"(#100) {error.message}", "OAuthException", 100)
        case errors.UnsupportedFormat() | errors.CorruptImage():
            return 400, _body(f"(#324) Missing or invalid image file: {error.message}",
                              "OAuthException", 324)
        case errors.InvalidInput() if details.get("reason") == "missing_file":
            return 400, _body("(#324) Requires upload file", "OAuthException", 324)
        case errors.Unavailable():
            return 503, _body("(#2) Service temporarily unavailable. Please retry your request "
                              "later.", "OAuthException", 2)
        case errors.InternalError():
            return 500, _body("An unexpected error has occurred. Please retry your request "
                              "later.", "OAuthException", 2)
    return 400, _body(f"(#100) {error.message}", "OAuthException", 100)


def _body(message: str, kind: str, code: int, subcode: int | None = None) -> dict:
    error = {"message": message, "type": kind, "code": code}
    if subcode is not None:
        error["error_subcode"] = subcode
    return {"error": error}


APIView, handler = make_view_class("GraphAPIView", render)
