"""The base view of the Graph dialect: errors in Graph's body, its version prefix (``/v2.0/``),
and its permission refusals turned into the domain errors Graph's table answers.

A missing token is refused by a permission class rather than by authentication, so that
``/me`` without a token answers Graph's 2500 instead of 104.
"""

import re

from photos import errors
from photos.dialects.base import make_view_class
from photos.dialects.graph import permissions, schema
from photos.dialects.graph.errors import TABLE

VERSION_RE = re.compile(r"^/(v\d+\.\d+)/")


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


class GraphView(APIView):
    permission_classes = [permissions.HasToken]
    # Graph clients send `?access_token=` (or the form field): the one dialect whose token may
    # travel as a parameter (accounts.authentication)
    token_in_parameters = True
    openapi_tag = schema.TAG
    openapi_errors = schema.ERRORS

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
