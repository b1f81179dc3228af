"""Graph API error body: ``{"error": {"message", "type", "code"}}`` (plus ``error_subcode`` where
Graph gives one).

Codes as Graph gives them: 104 no token, 2500 no token on ``/me``, 190 invalid or expired token
(subcode 463 when expired), 10 a missing read permission, 200 a missing publishing permission or
an action on someone else's object, 100 an unknown or invisible object ("Unsupported get
request.", ``GraphMethodException``) and bad parameters, 803 (404) an ``ids=`` lookup naming an
unknown or invisible object, 321 a full album, 324 a missing or unusable image file, 17 a user's
token over its rate and 4 an application's (or an address's), 2 an unexpected error (503 with
``Retry-After`` when a service such as storage is unavailable). Coded messages start with
``(#code)`` like Graph's own. Rows only: ``views.render`` turns a row into Graph's body.
"""

from typing import NamedTuple

from photos import errors
from photos.dialects.base import ErrorTable

READ_SCOPES = ("user_photos", "friends_photos")
OAUTH = "OAuthException"


class Row(NamedTuple):
    status: int
    code: int
    message: object  # text, or a function of the error
    type: str = OAUTH
    subcode: int | None = None


def coded(code: int):
    """The error's own message behind Graph's ``(#code)``."""
    return lambda error: f"(#{code}) {error.message}"


def _scope_code(error: errors.ScopeMissing) -> int:
    return 10 if error.scope in READ_SCOPES else 200


def _unsupported(error) -> str:
    return f"Unsupported {(error.method or 'get').lower()} request."


RETRY_LATER = "Please retry your request later."
THROTTLE_MESSAGES = {4: "Application request limit reached", 17: "User request limit reached"}


def _throttle_code(error: errors.Throttled) -> int:
    return 17 if error.holder == errors.Throttled.USER else 4


TABLE = ErrorTable({
    errors.DomainError: Row(400, 100, coded(100)),
    errors.TokenMissing: Row(400, 104, "An access token is required to request this resource."),
    errors.NoCurrentUser: Row(400, 2500, "An active access token must be used to query "
                                         "information about the current user."),
    errors.NotAuthenticated: Row(400, 190, "Invalid OAuth access token."),
    errors.TokenExpired: Row(400, 190, "Error validating access token: Session has expired.",
                             subcode=463),
    errors.ScopeMissing: Row(403, _scope_code, lambda error: (
        f"(#{_scope_code(error)}) Requires extended permission: {error.scope}")),
    errors.PermissionDenied: Row(403, 200, coded(200)),
    errors.NotFound: Row(400, 100, _unsupported, "GraphMethodException"),
    # ``?ids=a,b`` naming an object that does not exist (or that the caller cannot see)
    errors.AliasesUnknown: Row(404, 803, coded(803)),
    # an HTTP method the path has on no object (PUT, TRACE...): 405, with Graph's body
    errors.MethodNotAllowed: Row(405, 100, _unsupported, "GraphMethodException"),
    # 17 when a user's token spent its rate, 4 an application's (a workspace's token, or calls
    # without a valid token); Graph's 32 is a Page token's, and Photodesk issues none
    errors.Throttled: Row(400, _throttle_code, lambda error: (
        f"(#{_throttle_code(error)}) {THROTTLE_MESSAGES[_throttle_code(error)]}")),
    errors.AlbumFull: Row(400, 321, "(#321) Album is full"),
    errors.UnsupportedFormat: Row(400, 324, lambda error: (
        f"(#324) Missing or invalid image file: {error.message}")),
    errors.CorruptImage: Row(400, 324, lambda error: (
        f"(#324) Missing or invalid image file: {error.message}")),
    errors.MissingFile: Row(400, 324, "(#324) Requires upload file"),
    errors.Unavailable: Row(503, 2, f"(#2) Service temporarily unavailable. {RETRY_LATER}"),
    errors.InternalError: Row(500, 2, f"An unexpected error has occurred. {RETRY_LATER}"),
})
