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


def client_allows(client, scope: str) -> bool:
    if client is None:  # not identified: ordinary scopes only
        return not scopes.is_privileged(scope)
    return client.allows_scope(scope)


def storable(value) -> bool:
    """Text PostgreSQL can compare: a NUL in it makes psycopg 3 raise DataError (the toolkit
    looks only for psycopg2's ValueError), so such a value names nothing and is never asked."""
    return not isinstance(value, str) or "\x00" not in value


class Validator(OAuth2Validator):
    def _load_application(self, client_id, request):
        # every client lookup (body, HTTP Basic, the consent page) comes through here
        if not storable(client_id):
            return None
        return super()._load_application(client_id, request)

    def validate_code(self, client_id, code, client, request, *args, **kwargs):
        if not storable(code):
            return False
        return super().validate_code(client_id, code, client, request, *args, **kwargs)

    def validate_scopes(self, client_id, requested, client, request, *args, **kwargs):
        """Every requested scope must be in the registry (patterns count) and allowed to the
        client: listed when it has a list, never a privileged one otherwise. Asked by the
        authorization (the consent form's scopes too) and client-credentials flows."""
        return all(scopes.is_known(scope) and client_allows(client, scope)
                   for scope in requested)

    def get_default_scopes(self, client_id, request, *args, **kwargs):
        return RegistryScopes().get_default_scopes(application=request.client, request=request)

    def get_original_scopes(self, refresh_token, request, *args, **kwargs):
        """A refresh gets at most the scopes first granted, and of those only the ones the
        client is still allowed: it never widens, and a narrowed allowlist applies at once."""
        original = super().get_original_scopes(refresh_token, request, *args, **kwargs)
        original = original.split() if isinstance(original, str) else list(original)
        return [scope for scope in original if client_allows(request.client, scope)]
