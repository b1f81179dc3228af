"""Operations on accounts that commands, the admin and tests share."""

import secrets
from datetime import timedelta

from django.utils import timezone
from oauth2_provider.models import get_access_token_model, set_token_value

from accounts import scopes as registry


def issue_token(application, scopes, user=None, lifetime=timedelta(hours=1)):
    """Mint an access token outside an OAuth flow (demo, tests, operators).

    Returns ``(raw_token, AccessToken)``; only a checksum of the raw token is stored.
    """
    unknown = [scope for scope in scopes if not registry.is_known(scope)]
    if unknown:
        raise ValueError(f"unknown scopes: {', '.join(unknown)}")
    refused = [scope for scope in scopes if not application.allows_scope(scope)]
    if refused:  # the rule of every OAuth flow, for tokens minted here too
        raise ValueError(f"scopes not allowed to {application.name}: {', '.join(refused)}")
    raw = secrets.token_urlsafe(32)
    token = get_access_token_model()(
        user=user,
        application=application,
        scope=" ".join(scopes),
        expires=timezone.now() + lifetime,
    )
    set_token_value(token, raw)
    token.save()
    return raw, token
