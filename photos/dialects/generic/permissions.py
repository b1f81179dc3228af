"""The generic photo API's scopes (seed 001), as DRF permissions: reading takes
``user_photos`` (a user's token) or ``workspace_photos`` (a workspace's), every change
``manage_photos``. A refusal is 403 ``missing_permission`` naming the scope; the objects' own
rules are ``photos.permissions``'."""

from rest_framework.permissions import BasePermission

from accounts.permissions import principal_of

READ_SCOPE = {"user": "user_photos", "workspace": "workspace_photos"}
MANAGE = "manage_photos"
READS = ("GET", "HEAD")
# the code a refusal carries, so the base view answers missing_permission (not forbidden)
SCOPE_MISSING = "scope_missing"


def read_scope(principal) -> str:
    return READ_SCOPE[principal.kind]


class _HasScope(BasePermission):
    code = SCOPE_MISSING

    def scope(self, principal, request) -> str | None:
        raise NotImplementedError

    def has_permission(self, request, view):
        principal = principal_of(request)
        if principal is None:
            return False
        scope = self.scope(principal, request)
        if scope is None or principal.has_scope(scope):
            return True
        self.message = f"The {scope} permission is required."
        return False


class CanManagePhotos(_HasScope):
    """``manage_photos``: publish, attach, delete."""

    def scope(self, principal, request):
        return MANAGE

    def openapi_scopes(self, method: str) -> list[str]:
        return [MANAGE]


class HasPhotoScope(_HasScope):
    """The scope the request's method needs on a photo: reading for GET and HEAD, managing
    for the rest (OPTIONS asks for none)."""

    def scope(self, principal, request):
        if request.method in READS:
            return read_scope(principal)
        return None if request.method == "OPTIONS" else MANAGE

    def openapi_scopes(self, method: str) -> list[str]:
        # a read takes one of two scopes (by the token's owner): openapi_scope_alternatives
        return [] if method.upper() in (*READS, "OPTIONS") else [MANAGE]

    def openapi_scope_alternatives(self, method: str) -> list[list[str]]:
        if method.upper() in READS:
            return [[scope] for scope in READ_SCOPE.values()]
        return [[]]
