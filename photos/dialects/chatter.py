"""Salesforce (Chatter REST API): its error body, its API versions, and the base view.

Error body: a JSON array of ``{"errorCode", "message"}``; ``TABLE`` picks code and message by
the error's class. Where Salesforce has an exact code:

- ``InvalidId(value)``: 400 ``INVALID_ID_FIELD`` "Invalid identifier: ..." (an ID that is
  malformed or of another type than the resource takes);
- ``UnrecognizedField(field, line, column)``: 400 ``JSON_PARSER_ERROR`` (a request body property
  that does not exist in the URL's API version);
- ``JsonSyntax``: 400 ``JSON_PARSER_ERROR``;
- ``UnrecognizedParameter(name, since)``: 400 ``INVALID_INPUT`` (a request parameter not
  available in the URL's API version);
- ``Duplicate``: 400 ``DUPLICATE_VALUE``;
- ``ReadOnly``: 403 ``INSUFFICIENT_ACCESS_OR_READONLY`` (the caller sees the object but may not
  change it).

Choices where the vendor's documentation is silent (written down here, tested in tests/groups
and tests/files):
- a token without a Chatter scope (``api``, ``chatter_api``, ``full``) gets what Salesforce
  answers an OAuth session lacking the ``api`` scope: 401 ``INVALID_SESSION_ID`` "This session is
  not valid for use with the REST API";
- a workspace token (client credentials, no user) may not call Chatter, whose every resource
  speaks for a context user: 403 ``INSUFFICIENT_ACCESS``;
- an upload over the size limit is 400 ``FILE_SIZE_LIMIT_EXCEEDED``; storage that is full or
  unreachable is 503 ``SERVER_UNAVAILABLE`` with ``Retry-After``; an image Photodesk cannot
  use (not an image, damaged, too many pixels, crop outside it) is 400 ``INVALID_INPUT``;
- a request parameter that the URL's version does not have is 400 ``INVALID_INPUT``
  "Unrecognized parameter ..." (body properties get Salesforce's ``JSON_PARSER_ERROR``).
"""

from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from accounts.permissions import principal_of
from photos import errors
from photos.dialects.base import OWN, ErrorTable, make_view_class

NOT_FOUND_MESSAGE = "The requested resource does not exist"

# The versions Photodesk answers, as Salesforce does: older or newer ones are unknown resources.
OLDEST_VERSION = Decimal("20.0")
NEWEST_VERSION = Decimal("66.0")


class Row(NamedTuple):
    status: int
    code: str
    message: object  # text, or a function of the error (OWN: its own message)


TABLE = ErrorTable({
    errors.DomainError: Row(400, "INVALID_INPUT", OWN),
    errors.ScopeMissing: Row(401, "INVALID_SESSION_ID",
                             "This session is not valid for use with the REST API"),
    errors.NotAuthenticated: Row(401, "INVALID_SESSION_ID", "Session expired or invalid"),
    errors.ReadOnly: Row(403, "INSUFFICIENT_ACCESS_OR_READONLY", OWN),
    errors.PermissionDenied: Row(403, "INSUFFICIENT_ACCESS", OWN),
    errors.NotFound: Row(404, "NOT_FOUND", NOT_FOUND_MESSAGE),
    errors.MethodNotAllowed: Row(405, "METHOD_NOT_ALLOWED", lambda error: (
        f"HTTP Method '{error.method}' not allowed. Allowed are {','.join(error.allowed)}")),
    errors.FileTooLarge: Row(400, "FILE_SIZE_LIMIT_EXCEEDED", OWN),
    errors.InvalidId: Row(400, "INVALID_ID_FIELD",
                          lambda error: f"Invalid identifier: {error.value}"),
    errors.UnrecognizedField: Row(400, "JSON_PARSER_ERROR", lambda error: (
        f'Unrecognized field "{error.field}" at [line:{error.line}, column:{error.column}]')),
    errors.JsonSyntax: Row(400, "JSON_PARSER_ERROR", OWN),
    errors.UnrecognizedParameter: Row(400, "INVALID_INPUT", lambda error: (
        f"Unrecognized parameter {error.name}: it is available from version {error.since}")),
    errors.Duplicate: Row(400, "DUPLICATE_VALUE", OWN),
    errors.Unavailable: Row(503, "SERVER_UNAVAILABLE", OWN),
    errors.InternalError: Row(500, "UNKNOWN_EXCEPTION", lambda error: (
        "An unexpected error occurred. Please include this ErrorId if you contact support: "
        f"{error.error_id}")),
})


def render(error: errors.DomainError) -> tuple[int, list]:
    row = TABLE.row(error)
    return row.status, [{"errorCode": row.code, "message": row.message}]


# --- API versions ---------------------------------------------------------------------------------
def parse_version(text) -> Decimal:
    """``"29.0"`` -> ``Decimal("29.0")``; NotFound for anything Salesforce would not route."""
    try:
        version = Decimal(text)
    except (InvalidOperation, TypeError):
        raise errors.NotFound() from None
    if not OLDEST_VERSION <= version <= NEWEST_VERSION:
        raise errors.NotFound()
    return version


def versions() -> list[dict]:
    """Salesforce's list of versions: three releases a year, 20.0 being Winter '11."""
    seasons = ("Winter", "Spring", "Summer")
    listed = []
    for number in range(int(OLDEST_VERSION), int(NEWEST_VERSION) + 1):
        step = number - 20
        listed.append({"label": f"{seasons[step % 3]} '{11 + step // 3:02d}",
                       "url": f"/services/data/v{number}.0", "version": f"{number}.0"})
    return listed


def available(version: Decimal, since: str | None = None, until: str | None = None) -> bool:
    return (since is None or version >= Decimal(since)) and (
        until is None or version <= Decimal(until))


# BaseAPIView: Salesforce's error body only (for URLs outside /services/data, such as photos)
BaseAPIView, handler = make_view_class("ChatterBaseAPIView", render)


class APIView(BaseAPIView):
    """Base of every view under ``/services/data/v{version}/``.

    Before anything else it checks that the resource exists in the URL's version (``since``,
    ``until``; ``method_since`` for methods added later): an unknown resource is 404 NOT_FOUND, as
    Salesforce answers. Then the token (401), the Chatter scope (401) and a user behind the token
    (403). ``self.version`` is the URL's version (a Decimal), ``self.version_text`` its text.
    """

    since: str = "23.0"
    until: str | None = None
    method_since: dict[str, str] = {}
    needs_user: bool = True

    def initial(self, request, *args, **kwargs):
        self.version_text = kwargs.get("version", "")
        self.version = parse_version(self.version_text)
        if not available(self.version, self.since, self.until):
            raise errors.NotFound()
        method_since = self.method_since.get(request.method)
        if method_since and not available(self.version, method_since):
            raise errors.NotFound()
        super().initial(request, *args, **kwargs)
        principal = principal_of(request)
        if not principal.chatter_allowed():
            raise errors.ScopeMissing()
        if self.needs_user and principal.user is None:
            raise errors.PermissionDenied(
                "Chatter resources act for a user: this token is a workspace's.")
        self.principal = principal

    def http_method_not_allowed(self, request, *args, **kwargs):
        allowed = [m for m in self.allowed_methods if m != "OPTIONS"]
        raise errors.MethodNotAllowed(method=request.method, allowed=allowed)

    def options(self, request, *args, **kwargs):
        # Salesforce's REST API has no OPTIONS: the method is refused like any other
        return self.http_method_not_allowed(request, *args, **kwargs)

    def since_version(self, since: str | None = None, until: str | None = None) -> bool:
        return available(self.version, since, until)
