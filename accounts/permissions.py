from rest_framework.permissions import BasePermission

from accounts.principal import Principal


def principal_of(request) -> Principal | None:
    auth = getattr(request, "auth", None)
    return auth if isinstance(auth, Principal) else None


class HasPrincipal(BasePermission):
    """A valid access token was presented (a user's or a workspace's)."""

    def has_permission(self, request, view):
        return principal_of(request) is not None


def require_scopes(*required: str, any_of: bool = False):
    """A permission class asking for fixed scopes (all of them, or any one)."""

    class RequiresScopes(BasePermission):
        scopes = required

        def has_permission(self, request, view):
            principal = principal_of(request)
            if principal is None:
                return False
            checks = [principal.has_scope(scope) for scope in required]
            return any(checks) if any_of else all(checks)

    RequiresScopes.__name__ = "Requires_" + "_".join(required)
    return RequiresScopes
