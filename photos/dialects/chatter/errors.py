"""Salesforce (Chatter REST API): its error body.

Error body: a JSON array of ``{"errorCode", "message"}``; ``TABLE`` picks code and message by
the error's class. Where Salesforce has an exact code:

- ``InvalidId(value)``: 400 ``INVALID_ID_FIELD`` "Invalid identifier: ..." (an ID that is
  malformed or of another type than the resource takes);
- ``UnrecognizedField(field, line, column)``: 400 ``JSON_PARSER_ERROR`` (a request body property
  that does not exist in the URL's API version);
- ``JsonSyntax``: 400 ``JSON_PARSER_ERROR``; ``XmlSyntax`` (an XML body that is malformed,
  not the resource's document, or carries a DTD or entities) is the same parser error;
- ``UnrecognizedParameter(name, since)``: 400 ``INVALID_INPUT`` (a request parameter not
  available in the URL's API version);
- ``Duplicate``: 400 ``DUPLICATE_VALUE``;
- ``ReadOnly``: 403 ``INSUFFICIENT_ACCESS_OR_READONLY`` (the caller sees the object but may not
  change it);
- ``Throttled``: 403 ``REQUEST_LIMIT_EXCEEDED`` "TotalRequests Limit exceeded." (Salesforce's
  answer once the org's API requests are spent), with ``Retry-After`` added.

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

from typing import NamedTuple

from photos import errors
from photos.dialects.base import OWN, ErrorTable

NOT_FOUND_MESSAGE = "The requested resource does not exist"


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
    errors.Throttled: Row(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded."),
    errors.Unavailable: Row(503, "SERVER_UNAVAILABLE", OWN),
    errors.InternalError: Row(500, "UNKNOWN_EXCEPTION", lambda error: (
        "An unexpected error occurred. Please include this ErrorId if you contact support: "
        f"{error.error_id}")),
})


def render(error: errors.DomainError) -> tuple[int, list]:
    row = TABLE.row(error)
    return row.status, [{"errorCode": row.code, "message": row.message}]
