"""The base view of the Graph dialect: errors in Graph's body, its version prefix (``/v2.0/``),
and its permission refusals turned into the domain errors Graph's table answers.

Every answer (errors included) carries ``facebook-api-version``, the version that served the
call, as Graph's do: the path's version, else the default version (``DEFAULT_VERSION``), which
serves unversioned calls.

A missing token is refused by a permission class rather than by authentication, so that
``/me`` without a token answers Graph's 2500 instead of 104.
"""

import re

from photos import errors
from photos.dialects.base import make_view_class
from photos.dialects.graph import permissions, schema
from photos.dialects.graph.errors import TABLE

VERSION_RE = re.compile(r"^/(v\d+\.\d+)(?:/|$)")
# the version that serves a call without a version prefix (the oldest this API describes)
DEFAULT_VERSION = "v2.0"
VERSION_HEADER = "facebook-api-version"


def render(error: errors.DomainError) -> tuple[int, dict]:
    row = TABLE.row(error)
    body = {"message": row.message, "type": row.type, "code": row.code}
    if row.subcode is not None:
        body["error_subcode"] = row.subcode
    return row.status, {"error": body}


APIView, handler = make_view_class("GraphAPIView", render)


def version_prefix(request) -> str:
    """``/v2.0`` when the request came under a version prefix, else ``""`` (links keep it)."""
    match = VERSION_RE.match(request.path)
    return f"/{match[1]}" if match else ""


def served_version(request) -> str:
    """The version that serves ``request``: its path's, else ``DEFAULT_VERSION``."""
    match = VERSION_RE.match(request.path)
    return match[1] if match else DEFAULT_VERSION


class GraphView(APIView):
    permission_classes = [permissions.HasToken]
    # Graph clients send `?access_token=` (or the form field): the one dialect whose token may
    # travel as a parameter (accounts.authentication)
    token_in_parameters = True
    openapi_tag = schema.TAG
    openapi_errors = schema.ERRORS

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response[VERSION_HEADER] = served_version(request)
        return response

    def http_method_not_allowed(self, request, *args, **kwargs):
        raise errors.MethodNotAllowed(method=request.method, allowed=self.allowed_methods)

    def permission_denied(self, request, message=None, code=None):
        if code == permissions.NO_TOKEN:
            if self.kwargs.get("object_id") == "me":
                raise errors.NoCurrentUser()
            raise errors.TokenMissing()
        if code == permissions.INVISIBLE:
            raise errors.NotFound(method=request.method)
        if code and code.startswith("scope:"):
            raise errors.ScopeMissing(scope=code.removeprefix("scope:"))
        raise errors.PermissionDenied(str(message or ""))
