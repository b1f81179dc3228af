"""DRF permission classes for Chatter's scopes (combinable with ``&`` and ``|``).

Each class names, in ``code``, the domain error a refusal raises (see
``views.BaseAPIView.permission_denied``): a token without a Chatter scope is ScopeMissing (401
INVALID_SESSION_ID, as Salesforce answers an OAuth session lacking ``api``); a workspace token,
which acts for no user, is PermissionDenied (403 INSUFFICIENT_ACCESS).
"""

from rest_framework.permissions import BasePermission

from accounts import scopes
from accounts.permissions import principal_of
from photos import errors

# Salesforce: a token with `full` or `api` reaches Chatter; `chatter_api` reaches Chatter only.
CHATTER_SCOPES = ("api", "chatter_api", "full")
SCOPES = {
    "api": "Salesforce: access the REST API (Chatter included)",
    "chatter_api": "Salesforce: access the Chatter REST API only",
    "full": "Salesforce: full access",
}
IMPLIED_BY = {"api": ("full",), "chatter_api": ("full",)}


def register_scopes() -> None:
    """Salesforce's scopes in accounts' registry (from PhotosConfig.ready)."""
    scopes.register(SCOPES, IMPLIED_BY)


def has_chatter_scope(principal) -> bool:
    return principal is not None and any(principal.has_scope(s) for s in CHATTER_SCOPES)


class HasChatterScope(BasePermission):
    """The token grants one of Salesforce's scopes that reach Chatter."""

    code = "chatter_scope"
    message = None

    def has_permission(self, request, view):
        return has_chatter_scope(principal_of(request))

    def openapi_scopes(self, method) -> list[str]:
        # any one of CHATTER_SCOPES will do; an OpenAPI requirement lists scopes that are all
        # needed, so it names Salesforce's usual one
        return ["api"]


class ActsForUser(BasePermission):
    """A user is behind the token: every Chatter resource speaks for a context user."""

    code = "chatter_user"
    message = "Chatter resources act for a user: this token is a workspace's."

    def has_permission(self, request, view):
        principal = principal_of(request)
        return principal is not None and principal.user is not None


# a refused permission's code -> the domain error the view raises
ERRORS = {HasChatterScope.code: errors.ScopeMissing, ActsForUser.code: errors.PermissionDenied}
