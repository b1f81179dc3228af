from rest_framework.permissions import BasePermission

from accounts.principal import Principal


def principal_of(request) -> Principal | None:
    auth = getattr(request, "auth", None)
    return auth if isinstance(auth, Principal) else None


class HasPrincipal(BasePermission):
    """A valid access token was presented (a user's or a workspace's)."""

    def has_permission(self, request, view):
        return principal_of(request) is not None

