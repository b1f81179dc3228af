"""Salesforce (Chatter REST API): its error body, its API versions, and the base view.

Error body: a JSON array of ``{"errorCode", "message"}``. Views raise domain errors, adding a
``reason`` detail where Salesforce has a more exact code; the table below picks code and message.
Reasons understood:

- ``InvalidInput(reason="invalid_id", value=...)``: 400 ``INVALID_ID_FIELD`` "Invalid identifier:
  ..." (an ID that is malformed or of another type than the resource takes);
- ``InvalidInput(reason="unrecognized_field", field=..., line=..., column=...)``: 400
  ``JSON_PARSER_ERROR`` (a request body property that does not exist in the URL's API version);
- ``InvalidInput(reason="json_syntax")``: 400 ``JSON_PARSER_ERROR``;
- ``InvalidInput(reason="unrecognized_parameter", parameter=..., since=...)``: 400
  ``INVALID_INPUT`` (a request parameter not available in the URL's API version);
- ``InvalidInput(reason="duplicate")``: 400 ``DUPLICATE_VALUE``;
- ``PermissionDenied(reason="read_only")``: 403 ``INSUFFICIENT_ACCESS_OR_READONLY`` (the caller
  sees the object but may not change it).

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

from accounts.permissions import principal_of
from photos import errors
from photos.dialects.base import make_view_class

NOT_FOUND_MESSAGE = "The requested resource does not exist"

# The versions Photodesk answers, as Salesforce does: older or newer ones are unknown resources.
OLDEST_VERSION = Decimal("20.0")
NEWEST_VERSION = Decimal("66.0")


def render(error: errors.DomainError) -> tuple[int, list]:
    status, code, message = _classify(error)
    return status, [{"errorCode": code, "message": message}]


def _classify(error):
    details = error.details
    reason = details.get("reason")
    if "error_code" in details:  # a view chose Salesforce's exact code
        return details.get("status", 400), details["error_code"], error.message
    match error:
        case errors.ScopeMissing():
            return 401, "INVALID_SESSION_ID", "This session is not valid for use with the REST API"
        case errors.NotAuthenticated():
            return 401, "INVALID_SESSION_ID", "Session expired or invalid"
        case errors.PermissionDenied() if reason == "read_only":
            return 403, "INSUFFICIENT_ACCESS_OR_READONLY", error.message
        case errors.PermissionDenied():
            return 403, "INSUFFICIENT_ACCESS", error.message
        case errors.NotFound():
            return 404, "NOT_FOUND", NOT_FOUND_MESSAGE
        case errors.MethodNotAllowed():
            allowed = ",".join(details.get("allowed", ()))
            return 405, "METHOD_NOT_ALLOWED", (
                f"HTTP Method '{details.get('method', '')}' not allowed. Allowed are {allowed}"
            )
        case errors.FileTooLarge():
            return 400, "FILE_SIZE_LIMIT_EXCEEDED", error.message
        case errors.InvalidInput() if reason == "invalid_id":
            return 400, "INVALID_ID_FIELD", f"Invalid identifier: {details.get('value', '')}"
        case errors.InvalidInput() if reason == "unrecognized_field":
            return 400, "JSON_PARSER_ERROR", (
                f'Unrecognized field "{details.get("field")}" at [line:{details.get("line", 1)}, '
                f'column:{details.get("column", 1)}]'
            )
        case errors.InvalidInput() if reason == "json_syntax":
            return 400, "JSON_PARSER_ERROR", error.message
        case errors.InvalidInput() if reason == "unrecognized_parameter":
            return 400, "INVALID_INPUT", (
                f"Unrecognized parameter {details.get('parameter')}: it is available from "
                f"version {details.get('since')}"
            )
        case errors.InvalidInput() if reason == "duplicate":
            return 400, "DUPLICATE_VALUE", error.message
        case errors.ImageError() | errors.InvalidInput() | errors.LimitReached():
            return 400, "INVALID_INPUT", error.message
        case errors.Unavailable():
            return 503, "SERVER_UNAVAILABLE", error.message
        case errors.InternalError():
            return 500, "UNKNOWN_EXCEPTION", (
                "An unexpected error occurred. Please include this ErrorId if you contact "
                f"support: {details.get('error_id', '')}"
            )
    return 400, "INVALID_INPUT", error.message


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
