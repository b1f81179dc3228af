"""django-oauth-toolkit glue: scopes come from the registry, patterns included."""

from oauth2_provider.oauth2_validators import OAuth2Validator
from oauth2_provider.scopes import BaseScopes

from accounts import scopes


class RegistryScopes(BaseScopes):
    def get_all_scopes(self):
        return dict(scopes.FIXED)

    def get_available_scopes(self, application=None, request=None, *args, **kwargs):
        return list(scopes.FIXED)

    def get_default_scopes(self, application=None, request=None, *args, **kwargs):
        allowed = application.allowed_scope_set() if application is not None else None
        return sorted(allowed) if allowed else []


class Validator(OAuth2Validator):
    def validate_scopes(self, client_id, requested, client, request, *args, **kwargs):
        """Every requested scope must be in the registry (patterns count) and allowed to the
        client when it has a list."""
        allowed = client.allowed_scope_set() if client is not None else None
        for scope in requested:
            if not scopes.is_known(scope):
                return False
            if allowed is not None and scope not in allowed:
                return False
        return True

    def get_default_scopes(self, client_id, request, *args, **kwargs):
        return RegistryScopes().get_default_scopes(application=request.client, request=request)
